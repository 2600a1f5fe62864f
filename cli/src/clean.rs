//! Cleaning a chunk: each document through the library, its output written into the chunk's
//! buffer (and compressed there, so that compression runs on every core too).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;

use deboiler::{Cleaned, Cleaner};

use crate::args::Format;
use crate::input::{Compression, Input};
use crate::json;
use crate::read::{Chunk, Doc};

/// What every worker needs: the one cleaner and the options of the run.
pub struct Job {
    pub cleaner: Cleaner,
    pub format: Format,
    pub field: String,
    pub explain: bool,
    pub drop_empty: bool,
    pub skip_invalid: bool,
    pub lossy: bool,
    pub compression: Compression,
    pub inputs: std::sync::Arc<[Input]>,
    /// With --site or --site-url: every site's memory, learned in the first pass.
    pub sites: Option<crate::site::Sites>,
}

/// A worker's buffers, reused from chunk to chunk.
pub struct Scratch {
    detail: String,
    packed: Vec<u8>,
    zstd: Option<zstd::bulk::Compressor<'static>>,
}

impl Scratch {
    pub fn new(job: &Job) -> Scratch {
        Scratch {
            detail: String::new(),
            packed: Vec::new(),
            zstd: (job.compression == Compression::Zstd)
                .then(|| zstd::bulk::Compressor::new(3).expect("zstd level 3 is valid")),
        }
    }
}

impl Job {
    /// Cleans every document of the chunk into `chunk.out` (and `chunk.err`), stopping at the
    /// first invalid document unless --skip-invalid.
    pub fn run(&self, chunk: &mut Chunk, scratch: &mut Scratch) {
        let Chunk {
            data,
            docs,
            fatal,
            out,
            err,
            stats,
            ..
        } = chunk;
        for doc in docs.iter() {
            let bytes = &data[doc.body.clone()];
            let result = match self.format {
                Format::Text => self.text(doc, bytes, out, err, stats),
                Format::Jsonl => self.jsonl(doc, bytes, out, stats, scratch),
                Format::Wet => self.wet(doc, data, out, stats, scratch),
            };
            if let Err(message) = result {
                if self.skip_invalid {
                    let _ = writeln!(err, "warning: {message}");
                    stats.invalid += 1;
                } else {
                    // Before any error of the reader, which comes after the chunk's documents.
                    *fatal = Some(message);
                    break;
                }
            }
        }
        self.compress(out, scratch);
    }

    fn name(&self, doc: &Doc) -> &str {
        &self.inputs[doc.input].name
    }

    /// UTF-8, or U+FFFD for what is not with --lossy; the error names the byte.
    fn utf8<'a>(
        &self,
        bytes: &'a [u8],
        place: impl FnOnce() -> String,
    ) -> Result<Cow<'a, str>, String> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(_) if self.lossy => Ok(String::from_utf8_lossy(bytes)),
            Err(e) => Err(format!(
                "{}: invalid UTF-8 at byte {}\nhint: use --lossy to replace invalid sequences \
                 with U+FFFD",
                place(),
                e.valid_up_to()
            )),
        }
    }

    /// Plain text: the body and a newline, as the `clean` example prints it.
    fn text(
        &self,
        doc: &Doc,
        bytes: &[u8],
        out: &mut Vec<u8>,
        err: &mut Vec<u8>,
        stats: &mut crate::stats::Stats,
    ) -> Result<(), String> {
        let text = self.utf8(bytes, || self.name(doc).to_string())?;
        let cleaned = self.cleaner.clean(&text);
        if self.explain {
            let prefix = if self.inputs.len() > 1 {
                self.name(doc)
            } else {
                ""
            };
            for removal in cleaned.removals() {
                if prefix.is_empty() {
                    let _ = writeln!(err, "{removal}");
                } else {
                    let _ = writeln!(err, "{prefix}: {removal}");
                }
            }
        }
        let paragraphs = cleaned.paragraphs();
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b"\n\n");
            }
            out.extend_from_slice(p.as_bytes());
        }
        if !paragraphs.is_empty() {
            out.push(b'\n');
        }
        stats.add(&text, &cleaned);
        Ok(())
    }

    /// A JSON line: the field replaced by its cleaned text, the `deboiler` object added.
    fn jsonl(
        &self,
        doc: &Doc,
        bytes: &[u8],
        out: &mut Vec<u8>,
        stats: &mut crate::stats::Stats,
        scratch: &mut Scratch,
    ) -> Result<(), String> {
        let place = || format!("{}:{}", self.name(doc), doc.number);
        let line = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "{}: invalid UTF-8 at byte {} of the line",
                place(),
                e.valid_up_to()
            )
        })?;
        let parsed = json::parse(line, &self.field).map_err(|e| format!("{}: {e}", place()))?;
        let memory = self.sites.as_ref().and_then(|s| s.memory_for(line));
        let cleaned = match memory {
            Some(memory) => self.cleaner.clean_with(memory, &parsed.text),
            None => self.cleaner.clean(&parsed.text),
        };
        stats.add(&parsed.text, &cleaned);
        if cleaned.is_empty() && self.drop_empty {
            stats.dropped += 1;
            return Ok(());
        }
        // The line with its two values replaced, in the order they come.
        let mut at = 0;
        let field = (parsed.field.clone(), true);
        let deboiler = parsed.deboiler.clone().map(|span| (span, false));
        let mut spans = [Some(field), deboiler];
        if let [Some(a), Some(b)] = &spans
            && b.0.start < a.0.start
        {
            spans.swap(0, 1);
        }
        for (span, is_field) in spans.into_iter().flatten() {
            out.extend_from_slice(&bytes[at..span.start]);
            if is_field {
                write_text(out, &cleaned);
            } else {
                self.write_meta(out, &cleaned, scratch);
            }
            at = span.end;
        }
        out.extend_from_slice(&bytes[at..parsed.close]);
        if parsed.deboiler.is_none() {
            out.extend_from_slice(b",\"deboiler\":");
            self.write_meta(out, &cleaned, scratch);
        }
        out.extend_from_slice(b"}\n");
        Ok(())
    }

    /// A WET record: `{"id", "url", "date", "text", "deboiler"}`.
    fn wet(
        &self,
        doc: &Doc,
        data: &[u8],
        out: &mut Vec<u8>,
        stats: &mut crate::stats::Stats,
        scratch: &mut Scratch,
    ) -> Result<(), String> {
        let meta = |i: usize| {
            doc.meta[i]
                .clone()
                .map(|span| String::from_utf8_lossy(&data[span]))
        };
        let id = meta(0);
        let text = self.utf8(&data[doc.body.clone()], || match &id {
            Some(id) => format!("{}: record {} ({id})", self.name(doc), doc.number),
            None => format!("{}: record {}", self.name(doc), doc.number),
        })?;
        let cleaned = self.cleaner.clean(&text);
        stats.add(&text, &cleaned);
        if cleaned.is_empty() && self.drop_empty {
            stats.dropped += 1;
            return Ok(());
        }
        for (key, value) in [
            ("{\"id\":", id),
            (",\"url\":", meta(1)),
            (",\"date\":", meta(2)),
        ] {
            out.extend_from_slice(key.as_bytes());
            match value {
                Some(v) => json::string_into(out, &v),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.extend_from_slice(b",\"text\":");
        write_text(out, &cleaned);
        out.extend_from_slice(b",\"deboiler\":");
        self.write_meta(out, &cleaned, scratch);
        out.extend_from_slice(b"}\n");
        Ok(())
    }

    /// `{"language": "eng" | null, "removed": N}`, with --explain `"removals": [...]`.
    fn write_meta(&self, out: &mut Vec<u8>, cleaned: &Cleaned<'_>, scratch: &mut Scratch) {
        out.extend_from_slice(b"{\"language\":");
        match cleaned.language() {
            Some(language) => json::string_into(out, language.code()),
            None => out.extend_from_slice(b"null"),
        }
        let removals = cleaned.removals();
        let _ = write!(out, ",\"removed\":{}", removals.len());
        if self.explain {
            out.extend_from_slice(b",\"removals\":[");
            for (i, removal) in removals.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let span = removal.span();
                let _ = write!(
                    out,
                    "{{\"start\":{},\"end\":{},\"reason\":\"{}\",\"detail\":",
                    span.start,
                    span.end,
                    removal.reason().name()
                );
                scratch.detail.clear();
                let _ = write!(scratch.detail, "{}", removal.reason());
                json::string_into(out, &scratch.detail);
                out.push(b'}');
            }
            out.push(b']');
        }
        out.push(b'}');
    }

    /// Compresses the chunk's output into one gzip member or zstd frame of its own: the
    /// output file is their concatenation, which every gzip and zstd reader reads whole.
    fn compress(&self, out: &mut Vec<u8>, scratch: &mut Scratch) {
        if out.is_empty() {
            return;
        }
        match self.compression {
            Compression::None => return,
            Compression::Gzip => {
                scratch.packed.clear();
                let mut gz = flate2::write::GzEncoder::new(
                    std::mem::take(&mut scratch.packed),
                    flate2::Compression::default(),
                );
                gz.write_all(out).expect("writing to memory");
                scratch.packed = gz.finish().expect("writing to memory");
            }
            Compression::Zstd => {
                scratch.packed.clear();
                scratch.packed.reserve(zstd::compress_bound(out.len()));
                let compressor = scratch.zstd.as_mut().expect("made for zstd");
                compressor
                    .compress_to_buffer(out.as_slice(), &mut scratch.packed)
                    .expect("the buffer holds the bound");
            }
        }
        std::mem::swap(out, &mut scratch.packed);
    }
}

/// The cleaned text as a JSON string: the paragraphs escaped, joined by `\n\n`.
fn write_text(out: &mut Vec<u8>, cleaned: &Cleaned<'_>) {
    out.push(b'"');
    for (i, p) in cleaned.paragraphs().iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\\n\\n");
        }
        json::escape_into(out, p);
    }
    out.push(b'"');
}

/// An empty gzip member or zstd frame, for an output with no document: an empty file is
/// not valid gzip.
pub fn empty_compressed(compression: Compression) -> Vec<u8> {
    match compression {
        Compression::None => Vec::new(),
        Compression::Gzip => {
            flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default())
                .finish()
                .expect("writing to memory")
        }
        Compression::Zstd => zstd::bulk::compress(&[], 3).expect("an empty frame"),
    }
}
