//! Reading documents into chunks: the input's bytes are appended to one buffer per chunk, the
//! documents being spans of it, so that reading allocates nothing once the buffers have grown.

use std::io::{BufRead, Read};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::args::Format;
use crate::input::{self, Input, Source};
use crate::stats::Stats;
use crate::wet;

/// A chunk is closed once its documents hold this many bytes...
pub const CHUNK_BYTES: usize = 1 << 20;
/// ... or this many documents.
const CHUNK_DOCS: usize = 4096;
/// A buffer that grew past this for one huge document is given back when the chunk is reused.
const KEEP_CAPACITY: usize = 8 * CHUNK_BYTES;

/// A UTF-8 byte order mark, skipped at the start of a JSON Lines file (Windows tools write
/// one; JSON does not allow it).
const BOM: &[u8] = "\u{feff}".as_bytes();

/// One document of a chunk.
pub struct Doc {
    /// The input it came from (an index into the inputs).
    pub input: usize,
    /// Its line (JSON Lines) or record (WET) in that input, from 1.
    pub number: u64,
    /// Its bytes in [`Chunk::data`]: the file, the line without its `\n`, or the record's body.
    pub body: Range<usize>,
    /// WET: WARC-Record-ID, WARC-Target-URI and WARC-Date in [`Chunk::data`].
    pub meta: [Option<Range<usize>>; 3],
}

/// Documents read together, cleaned by one worker and written together, in order.
#[derive(Default)]
pub struct Chunk {
    /// Its place in the input.
    pub seq: u64,
    /// The documents' bytes.
    pub data: Vec<u8>,
    pub docs: Vec<Doc>,
    /// An error after the documents (reading, or a document that is invalid): everything
    /// before it is written, then the run ends.
    pub fatal: Option<String>,
    /// Whether the chunk ended because the input had nothing more at hand: the output is
    /// flushed after it.
    pub stalled: bool,
    /// Bytes read from the input files when the chunk was closed (progress).
    pub read: u64,
    /// What goes to the output (compressed, if it is to be).
    pub out: Vec<u8>,
    /// What goes to standard error: --explain in text mode, warnings for skipped documents.
    pub err: Vec<u8>,
    /// The chunk's counts.
    pub stats: Stats,
}

impl Chunk {
    /// Empties the chunk for reuse, keeping its buffers unless one grew very large.
    pub fn clear(&mut self) {
        for buf in [&mut self.data, &mut self.out, &mut self.err] {
            buf.clear();
            if buf.capacity() > KEEP_CAPACITY {
                *buf = Vec::new();
            }
        }
        self.docs.clear();
        self.fatal = None;
        self.stalled = false;
        self.stats.clear();
    }

    fn full(&self) -> bool {
        self.data.len() >= CHUNK_BYTES || self.docs.len() >= CHUNK_DOCS
    }
}

/// Reads the inputs one after the other into chunks.
pub struct Reader {
    inputs: Arc<[Input]>,
    format: Format,
    next: usize,
    open: Option<Open>,
    read: Arc<AtomicU64>,
    line: Vec<u8>,
}

/// The input being read.
struct Open {
    input: usize,
    src: Source,
    /// Lines or records read so far.
    number: u64,
}

impl Reader {
    pub fn new(inputs: Arc<[Input]>, format: Format) -> Reader {
        Reader {
            inputs,
            format,
            next: 0,
            open: None,
            read: Arc::new(AtomicU64::new(0)),
            line: Vec::new(),
        }
    }

    /// Fills an empty chunk with the next documents. Returns false when the input is done
    /// (the chunk may still hold documents, and an error in `fatal`).
    pub fn fill(&mut self, chunk: &mut Chunk) -> bool {
        let more = self.fill_inner(chunk);
        chunk.read = self.read.load(Ordering::Relaxed);
        more
    }

    fn fill_inner(&mut self, chunk: &mut Chunk) -> bool {
        loop {
            if chunk.full() {
                return true;
            }
            if self.open.is_none() {
                if self.next == self.inputs.len() {
                    return false;
                }
                let input = self.next;
                self.next += 1;
                match input::open(&self.inputs[input], &self.read) {
                    Ok(src) => {
                        self.open = Some(Open {
                            input,
                            src,
                            number: 0,
                        })
                    }
                    Err(e) => {
                        chunk.fatal = Some(format!("{}: {e}", self.inputs[input].name));
                        return false;
                    }
                }
            }
            let open = self.open.as_mut().expect("opened above");
            let name = &self.inputs[open.input].name;
            match self.format {
                Format::Text => {
                    let start = chunk.data.len();
                    if let Err(e) = open.src.read_to_end(&mut chunk.data) {
                        chunk.data.truncate(start);
                        chunk.fatal = Some(format!("{name}: {e}"));
                        return false;
                    }
                    chunk.docs.push(Doc {
                        input: open.input,
                        number: 0,
                        body: start..chunk.data.len(),
                        meta: [None, None, None],
                    });
                    self.open = None;
                    // One file a chunk: --explain's lines on standard error then come right
                    // before the file's body, as the `clean` example prints them.
                    return self.next < self.inputs.len();
                }
                Format::Jsonl => {
                    let start = chunk.data.len();
                    match open.src.read_until(b'\n', &mut chunk.data) {
                        Ok(0) => self.open = None,
                        Ok(_) => {
                            open.number += 1;
                            if open.number == 1 && chunk.data[start..].starts_with(BOM) {
                                chunk.data.drain(start..start + BOM.len());
                            }
                            let mut end = chunk.data.len();
                            if chunk.data[end - 1] == b'\n' {
                                end -= 1;
                            }
                            if chunk.data[start..end].iter().all(u8::is_ascii_whitespace) {
                                chunk.data.truncate(start); // a blank line
                            } else {
                                chunk.data.truncate(end);
                                chunk.docs.push(Doc {
                                    input: open.input,
                                    number: open.number,
                                    body: start..end,
                                    meta: [None, None, None],
                                });
                            }
                            if open.src.buffer().is_empty() && !chunk.docs.is_empty() {
                                chunk.stalled = true;
                                return true;
                            }
                        }
                        Err(e) => {
                            chunk.data.truncate(start);
                            chunk.fatal = Some(format!("{name}:{}: {e}", open.number + 1));
                            return false;
                        }
                    }
                }
                Format::Wet => {
                    let record = wet::read_record(
                        &mut open.src,
                        &mut open.number,
                        &mut self.line,
                        &mut chunk.data,
                    );
                    match record {
                        Ok(None) => self.open = None,
                        Ok(Some(None)) => {}
                        Ok(Some(Some(record))) => {
                            chunk.docs.push(Doc {
                                input: open.input,
                                number: open.number,
                                body: record.body,
                                meta: record.meta,
                            });
                            if open.src.buffer().is_empty() {
                                chunk.stalled = true;
                                return true;
                            }
                        }
                        Err(e) => {
                            chunk.fatal = Some(format!("{name}: {e}"));
                            return false;
                        }
                    }
                }
            }
        }
    }
}
