//! The inputs: the files named on the command line with folders walked, each opened through
//! a decompressor chosen by its extension.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// One file to read, or standard input.
pub struct Input {
    /// The path, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// The name in messages: the path as given (or found in a folder), `<stdin>`.
    pub name: String,
    /// The size in bytes, where known (progress).
    pub size: Option<u64>,
}

/// Expands the command line's paths into the files to read, in order: a folder becomes its
/// files, walked recursively in sorted order, skipping names that start with a dot. A path
/// that does not exist is an error (`<path>: <reason>`) before anything is read.
pub fn resolve(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    if paths.is_empty() {
        return Ok(vec![stdin()]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(stdin());
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if !meta.is_dir() {
            inputs.push(file(path.clone(), &meta));
            continue;
        }
        let walk = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            let entry = entry.map_err(|e| match e.path() {
                Some(p) => format!("{}: {e}", p.display()),
                None => e.to_string(),
            })?;
            if entry.file_type().is_file() {
                let meta = entry
                    .metadata()
                    .map_err(|e| format!("{}: {e}", entry.path().display()))?;
                inputs.push(file(entry.into_path(), &meta));
            }
        }
    }
    Ok(inputs)
}

fn stdin() -> Input {
    Input {
        path: None,
        name: "<stdin>".to_string(),
        size: None,
    }
}

fn file(path: PathBuf, meta: &std::fs::Metadata) -> Input {
    Input {
        name: path.display().to_string(),
        size: meta.is_file().then_some(meta.len()),
        path: Some(path),
    }
}

/// How a file is compressed, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// `.gz` or `.zst` (ASCII case-insensitive).
    pub fn of(path: &Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("gz") => Compression::Gzip,
            Some(e) if e.eq_ignore_ascii_case("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }
}

/// The buffered, decompressed bytes of an input.
pub type Source = BufReader<Box<dyn Read + Send>>;

/// How much is read at a time. A chunk of documents also ends where this buffer is empty (so
/// that a slow producer on a pipe gets its results without waiting for a full chunk).
const BUFFER: usize = 256 * 1024;

/// Opens an input. `read` counts the bytes read from the file itself (before decompression),
/// for the progress bar.
pub fn open(input: &Input, read: &Arc<AtomicU64>) -> io::Result<Source> {
    let Some(path) = &input.path else {
        let counted = Counted {
            inner: io::stdin(),
            read: Arc::clone(read),
        };
        return Ok(BufReader::with_capacity(BUFFER, Box::new(counted)));
    };
    let counted = Counted {
        inner: File::open(path)?,
        read: Arc::clone(read),
    };
    let decoded: Box<dyn Read + Send> = match Compression::of(path) {
        // Common Crawl writes one gzip member per record: every member is read.
        Compression::Gzip => Box::new(Decoded {
            inner: flate2::read::MultiGzDecoder::new(counted),
            format: "gzip",
        }),
        Compression::Zstd => Box::new(Decoded {
            inner: zstd::stream::read::Decoder::new(counted)?,
            format: "zstd",
        }),
        Compression::None => Box::new(counted),
    };
    Ok(BufReader::with_capacity(BUFFER, decoded))
}

/// A reader that adds up the bytes it reads.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A decompressor whose errors say that the compressed data is at fault (`gzip: incomplete
/// deflate stream (truncated or damaged)`).
struct Decoded<R> {
    inner: R,
    format: &'static str,
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use io::ErrorKind::{InvalidData, InvalidInput, UnexpectedEof};
        self.inner.read(buf).map_err(|e| match e.kind() {
            kind @ (InvalidData | InvalidInput | UnexpectedEof) => {
                io::Error::new(kind, format!("{}: {e} (truncated or damaged)", self.format))
            }
            _ => e,
        })
    }
}
