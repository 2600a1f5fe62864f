//! `deboiler`: the command-line tool of the deboiler library. It cleans plain text files,
//! JSON Lines and WARC/WET files on all cores, in input order and in bounded memory.
//!
//! The data's path: `input` opens the files (walking folders, decompressing by extension),
//! `read` cuts them into chunks of documents, `clean` runs each chunk through the one shared
//! [`deboiler::Cleaner`] and formats (and compresses) its output, and `write` writes the
//! chunks in order with the progress bar and the counts of `stats`. With more than one thread
//! a reader thread, the workers and the writer (this thread) pass numbered chunks through
//! bounded channels; a fixed set of chunk buffers circulates, so memory stays bounded.

mod args;
mod clean;
mod input;
mod json;
mod read;
mod site;
mod stats;
mod wet;
mod write;

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use clap::{CommandFactory, Parser};
use deboiler::{Cleaner, Preset};

use crate::args::{Args, PresetArg};
use crate::clean::{Job, Scratch};
use crate::input::Compression;
use crate::read::{Chunk, Reader};
use crate::write::{Output, Sink, Stop};

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    let cleaner = match builder(&args).build() {
        Ok(cleaner) => cleaner,
        // The library's message names the bad value: a usage error (exit 2), as clap's own.
        Err(e) => usage_error(e.to_string()),
    };
    if args.jsonl && args.field == "deboiler" {
        usage_error(
            "--field deboiler: that is the name of the object deboiler adds to each line; \
             rename the field first"
                .to_string(),
        );
    }
    let inputs: Arc<[input::Input]> = match input::resolve(&args.inputs) {
        Ok(inputs) => inputs.into(),
        Err(message) => return fail(&message),
    };
    let site_key = match (&args.site, &args.site_url) {
        (Some(field), _) => Some(site::SiteKey::Field(field.clone())),
        (None, Some(field)) => Some(site::SiteKey::UrlHost(field.clone())),
        (None, None) => None,
    };
    // With site memory the input is read twice: standard input is copied to a file first.
    let inputs = match &site_key {
        Some(_) => match spool_stdin(&inputs) {
            Ok(inputs) => inputs,
            Err(message) => return fail(&message),
        },
        None => inputs,
    };
    let compression = args
        .output
        .as_deref()
        .map_or(Compression::None, Compression::of);
    let output = match Output::create(args.output.as_deref()) {
        Ok(output) => output,
        Err(e) => {
            let name = args.output.as_deref().unwrap_or("-".as_ref()).display();
            return fail(&format!("{name}: {e}"));
        }
    };
    let output_name = match &args.output {
        Some(path) => path.display().to_string(),
        None => "<stdout>".to_string(),
    };
    let total = inputs.iter().map(|i| i.size).sum::<Option<u64>>();
    let threads = match args.threads {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    // The first pass of --site: every site's memory, before anything is written.
    let sites = site_key
        .map(|key| site::Sites::learn(&cleaner, Arc::clone(&inputs), &args.field, key, threads));
    let job = Job {
        cleaner,
        format: args.format(),
        field: args.field.clone(),
        explain: args.explain,
        drop_empty: args.drop_empty,
        skip_invalid: args.skip_invalid,
        lossy: args.lossy,
        compression,
        inputs: Arc::clone(&inputs),
        sites,
    };
    let mut sink = Sink::new(output, output_name, compression, !args.quiet, total);
    let reader = Reader::new(inputs, job.format);
    if threads == 1 {
        run_on_this_thread(&job, reader, &mut sink);
    } else {
        run_on_threads(&job, reader, &mut sink, threads);
    }
    if let Err(stop) = sink.finish() {
        halt(&mut sink, stop);
    }

    remove_spooled();
    let elapsed = started.elapsed();
    if !args.quiet {
        eprintln!("{}", sink.stats.summary(elapsed));
    }
    if let Some(path) = &args.stats {
        let json = sink.stats.to_json(elapsed, sink.read);
        let text = serde_json::to_string_pretty(&json).expect("JSON values serialize") + "\n";
        if let Err(e) = std::fs::write(path, text) {
            return fail(&format!("{}: {e}", path.display()));
        }
    }
    ExitCode::SUCCESS
}

/// The library's builder with the command line's options.
fn builder(args: &Args) -> deboiler::CleanerBuilder {
    let mut builder = Cleaner::builder();
    if let Some(code) = &args.lang {
        builder = builder.language(code);
    }
    if let Some(preset) = args.preset {
        builder = builder.preset(match preset {
            PresetArg::Precision => Preset::Precision,
            PresetArg::Balanced => Preset::Balanced,
            PresetArg::Recall => Preset::Recall,
        });
    }
    for pack in &args.phrases {
        builder = builder.phrase_pack_file(pack);
    }
    if args.no_foreign {
        builder = builder.remove_foreign(false);
    }
    if args.no_citations {
        builder = builder.remove_citations(false);
    }
    if args.whole_page {
        builder = builder.find_article(true);
    } else if args.article {
        builder = builder.find_article(false);
    }
    builder
}

/// Standard input copied to a temporary file, for --site's two passes; removed at the end of
/// the run, also when it ends early.
static SPOOLED: Mutex<Vec<tempfile::TempPath>> = Mutex::new(Vec::new());

/// The inputs with standard input (wherever it is named) replaced by a temporary copy of it,
/// which can be read twice. It keeps its name in messages.
fn spool_stdin(inputs: &Arc<[input::Input]>) -> Result<Arc<[input::Input]>, String> {
    let mut copy: Option<std::path::PathBuf> = None;
    let mut out = Vec::with_capacity(inputs.len());
    for i in inputs.iter() {
        if i.path.is_some() {
            out.push(input::Input {
                path: i.path.clone(),
                name: i.name.clone(),
                size: i.size,
            });
            continue;
        }
        let path = match &copy {
            Some(path) => path.clone(),
            None => {
                let error =
                    |e: std::io::Error| format!("<stdin>: copying to a temporary file: {e}");
                let mut file = tempfile::NamedTempFile::new().map_err(error)?;
                std::io::copy(&mut std::io::stdin().lock(), &mut file).map_err(error)?;
                let path = file.into_temp_path();
                let kept = path.to_path_buf();
                SPOOLED.lock().expect("not poisoned").push(path);
                copy = Some(kept.clone());
                kept
            }
        };
        out.push(input::Input {
            size: std::fs::metadata(&path).ok().map(|m| m.len()),
            path: Some(path),
            name: i.name.clone(),
        });
    }
    Ok(out.into())
}

/// Removes the temporary copies of standard input.
fn remove_spooled() {
    if let Ok(mut spooled) = SPOOLED.lock() {
        spooled.clear();
    }
}

/// `error: <message>`, the usage line and exit status 2, as for any bad argument.
fn usage_error(message: String) -> ! {
    Args::command()
        .error(clap::error::ErrorKind::ValueValidation, message)
        .exit()
}

/// `error: <message>` and exit status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

/// Ends the run at once: quietly for a closed standard output, with the error otherwise.
/// Everything before it has been written; the output is flushed (and a compressed one ended)
/// first. The reader may be blocked on a pipe that never closes, so the process exits here
/// rather than waiting for the other threads.
fn halt(sink: &mut Sink, stop: Stop) -> ! {
    remove_spooled();
    match stop {
        Stop::Closed => std::process::exit(0),
        Stop::Failed(message) => {
            let _ = sink.finish();
            eprintln!("error: {message}");
            std::process::exit(1)
        }
    }
}

/// `--threads 1`: read, clean and write on this thread, no channel and no other thread.
fn run_on_this_thread(job: &Job, mut reader: Reader, sink: &mut Sink) {
    let mut chunk = Chunk::default();
    let mut scratch = Scratch::new(job);
    loop {
        let more = reader.fill(&mut chunk);
        job.run(&mut chunk, &mut scratch);
        if let Err(stop) = sink.write(&mut chunk) {
            halt(sink, stop);
        }
        chunk.clear();
        if !more {
            return;
        }
    }
}

/// A reader thread fills chunks and numbers them, `threads` workers clean them, and this
/// thread writes them in order. A fixed set of chunks circulates (free -> read -> cleaned ->
/// written -> free), which bounds the memory whatever the input's size and however unevenly
/// the workers finish.
fn run_on_threads(job: &Job, reader: Reader, sink: &mut Sink, threads: usize) {
    let window = 2 * threads + 2;
    let (free_tx, free_rx) = mpsc::sync_channel::<Chunk>(window);
    for _ in 0..window {
        free_tx
            .send(Chunk::default())
            .expect("the channel holds the window");
    }
    let (read_tx, read_rx) = mpsc::sync_channel::<Chunk>(window);
    let read_rx = Mutex::new(read_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<Chunk>(window);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut reader = reader;
            let mut seq = 0;
            // Ends when the input is done, or when the writer has stopped.
            while let Ok(mut chunk) = free_rx.recv() {
                let more = reader.fill(&mut chunk);
                chunk.seq = seq;
                seq += 1;
                if read_tx.send(chunk).is_err() || !more {
                    return;
                }
            }
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let read_rx = &read_rx;
            scope.spawn(move || {
                let mut scratch = Scratch::new(job);
                loop {
                    let next = read_rx.lock().expect("no worker panics").recv();
                    let Ok(mut chunk) = next else { return };
                    job.run(&mut chunk, &mut scratch);
                    if done_tx.send(chunk).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for chunk in done_rx.iter() {
            waiting.insert(chunk.seq, chunk);
            while let Some(mut chunk) = waiting.remove(&next) {
                if let Err(stop) = sink.write(&mut chunk) {
                    halt(sink, stop);
                }
                chunk.clear();
                next += 1;
                // The reader may be done already.
                let _ = free_tx.send(chunk);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        super::Args::command().debug_assert();
    }
}
