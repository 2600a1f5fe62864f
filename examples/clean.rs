//! Cleans the text on standard input and writes the article body to standard output.
//!
//! ```text
//! cargo run --release --example clean -- [--explain] [--lang CODE] [--lossy] < page.txt
//! ```
//!
//! The body ends with one newline; nothing at all is written when the body is empty.
//! `--explain` prints one line per removal to standard error: the reason, the byte span and
//! the removed text, shortened. Input that is not UTF-8 is an error naming the byte offset
//! (`error: input is not valid UTF-8 at byte N`, exit code 1), unless `--lossy` asks to
//! replace invalid sequences with U+FFFD. A closed standard output (`| head -1`) ends the
//! program quietly with exit code 0. `tests/example_clean.rs` checks all of this.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
clean: turn scraped page text on stdin into the article body on stdout

USAGE:
    clean [OPTIONS] < input.txt

OPTIONS:
    --explain      print one line per removal to stderr: reason, byte span, text
    --lang CODE    fix the article language (ISO 639-3 such as eng, deu; default: detect)
    --lossy        replace invalid UTF-8 instead of failing
    -h, --help     print this help
";

struct Args {
    explain: bool,
    lossy: bool,
    lang: Option<String>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        explain: false,
        lossy: false,
        lang: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--explain" => args.explain = true,
            "--lossy" => args.lossy = true,
            "--lang" => {
                let code = it
                    .next()
                    .ok_or("--lang needs a language code, such as eng")?;
                args.lang = Some(code);
            }
            "-h" | "--help" => return Ok(None),
            other => match other.strip_prefix("--lang=") {
                Some(code) => args.lang = Some(code.to_string()),
                None => return Err(format!("unknown argument {other:?}; see --help")),
            },
        }
    }
    Ok(Some(args))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        // A closed stdout (`| head -1`) is not an error worth a message.
        Err(e) if is_broken_pipe(&*e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let Some(args) = parse_args()? else {
        io::stdout().lock().write_all(HELP.as_bytes())?;
        return Ok(());
    };
    let mut builder = deboiler::Cleaner::builder();
    if let Some(code) = &args.lang {
        builder = builder.language(code);
    }
    let cleaner = builder.build()?;

    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes)?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) if args.lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return Err(format!(
                "input is not valid UTF-8 at byte {at}\n\
                 hint: use --lossy to replace invalid sequences with U+FFFD"
            )
            .into());
        }
    };

    let cleaned = cleaner.clean(&text);
    if args.explain {
        let mut err = BufWriter::new(io::stderr().lock());
        for removal in cleaned.removals() {
            writeln!(err, "{removal}")?;
        }
        err.flush()?;
    }
    let body = cleaned.text();
    if !body.is_empty() {
        let mut out = BufWriter::new(io::stdout().lock());
        out.write_all(body.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(())
}
