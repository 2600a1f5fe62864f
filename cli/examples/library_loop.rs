//! The yardstick for the command's own cost: what a small program calling the library
//! directly does for a JSON Lines file, without writing any output. It reads each line,
//! parses it with serde_json (the text borrowed from the line where it has no escapes),
//! cleans the text, and counts. `deboiler --jsonl --threads 1` does this plus everything
//! else (splicing the line, escaping the text, writing); comparing the two whole processes
//! on the same file measures that share.
//!
//! ```text
//! cargo build --release -p deboiler-cli --example library_loop
//! target/release/examples/library_loop corpus.jsonl
//! target/release/deboiler --jsonl --threads 1 --quiet corpus.jsonl -o /dev/null
//! ```

use std::borrow::Cow;
use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader};

#[derive(serde::Deserialize)]
struct Doc<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or("usage: library_loop FILE.jsonl")?;
    let cleaner = deboiler::Cleaner::builder().build()?;
    let mut reader = BufReader::with_capacity(256 * 1024, File::open(path)?);
    let mut line = Vec::new();
    let (mut docs, mut bytes_in, mut kept, mut removals) = (0u64, 0usize, 0usize, 0usize);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let doc: Doc = serde_json::from_slice(&line)?;
        let cleaned = cleaner.clean(&doc.text);
        docs += 1;
        bytes_in += doc.text.len();
        kept += cleaned.paragraphs().iter().map(|p| p.len()).sum::<usize>();
        removals += cleaned.removals().len();
    }
    println!("{docs} documents, {bytes_in} bytes of text, {kept} kept, {removals} removals");
    Ok(())
}
