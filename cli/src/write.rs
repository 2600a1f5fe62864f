//! Writing chunks in order: the output, standard error, the progress bar and the counts. A
//! closed standard output ends the run quietly; an error ends it after everything before it.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::clean;
use crate::input::Compression;
use crate::read::Chunk;
use crate::stats::Stats;

/// Where the output goes.
pub enum Output {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(BufWriter<File>),
}

impl Output {
    /// Standard output, or the file (`-` is standard output).
    pub fn create(path: Option<&Path>) -> io::Result<Output> {
        Ok(match path {
            Some(path) if path.as_os_str() != "-" => {
                Output::File(BufWriter::with_capacity(1 << 16, File::create(path)?))
            }
            _ => Output::Stdout(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File(w) => w,
        }
    }
}

/// Why the run stops early.
pub enum Stop {
    /// Standard output was closed (`| head`): exit 0 without a word.
    Closed,
    /// An error: `error: <message>`, exit 1.
    Failed(String),
}

/// The writing end of the run.
pub struct Sink {
    output: Output,
    output_name: String,
    compression: Compression,
    wrote: bool,
    progress: Option<ProgressBar>,
    pub stats: Stats,
    /// Bytes read from the input files so far.
    pub read: u64,
}

impl Sink {
    pub fn new(
        output: Output,
        output_name: String,
        compression: Compression,
        show_progress: bool,
        total: Option<u64>,
    ) -> Sink {
        let progress = (show_progress && io::stderr().is_terminal()).then(|| progress_bar(total));
        Sink {
            output,
            output_name,
            compression,
            wrote: false,
            progress,
            stats: Stats::default(),
            read: 0,
        }
    }

    /// Writes a chunk's output and messages, counts it, and stops at its error.
    pub fn write(&mut self, chunk: &mut Chunk) -> Result<(), Stop> {
        if !chunk.err.is_empty() {
            let err = &chunk.err;
            let print = || {
                let _ = io::stderr().lock().write_all(err);
            };
            match &self.progress {
                Some(bar) => bar.suspend(print),
                None => print(),
            }
        }
        if !chunk.out.is_empty() {
            self.wrote = true;
            self.output
                .writer()
                .write_all(&chunk.out)
                .map_err(|e| self.io_stop(e))?;
        }
        if chunk.stalled || chunk.fatal.is_some() {
            self.output.writer().flush().map_err(|e| self.io_stop(e))?;
        }
        self.stats.merge(&chunk.stats);
        self.read = chunk.read;
        if let Some(bar) = &self.progress {
            bar.set_position(chunk.read);
            bar.set_message(format!("{} docs", self.stats.documents));
        }
        match chunk.fatal.take() {
            Some(message) => Err(Stop::Failed(message)),
            None => Ok(()),
        }
    }

    fn io_stop(&self, e: io::Error) -> Stop {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::Closed
        } else {
            Stop::Failed(format!("{}: {e}", self.output_name))
        }
    }

    /// Ends the output (an empty compressed output still gets a valid empty member), flushed.
    pub fn finish(&mut self) -> Result<(), Stop> {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        if !self.wrote && self.compression != Compression::None {
            let empty = clean::empty_compressed(self.compression);
            self.output
                .writer()
                .write_all(&empty)
                .map_err(|e| self.io_stop(e))?;
        }
        self.output.writer().flush().map_err(|e| self.io_stop(e))?;
        Ok(())
    }
}

fn progress_bar(total: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{spinner} {elapsed:>4} {msg:>12}  {decimal_bytes:>9} of {decimal_total_bytes} read \
         ({decimal_bytes_per_sec})  [{wide_bar}] {percent:>3}%  ETA {eta}"
    } else {
        "{spinner} {elapsed:>4} {msg:>12}  {decimal_bytes:>9} read ({decimal_bytes_per_sec})"
    };
    bar.set_style(
        ProgressStyle::with_template(template)
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar.set_message("0 docs");
    bar
}
