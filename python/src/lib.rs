//! `deboiler._deboiler`: the extension module of the `deboiler` Python package.
//!
//! A shell around the library's public API and nothing more: each keyword of `Cleaner(...)`
//! maps to one [`deboiler::CleanerBuilder`] method, `clean` is [`deboiler::Cleaner::clean`],
//! and the rest is conversion. Python sees code-point offsets where the library reports byte
//! spans; the conversion is one pass over each input (none for ASCII input).
//!
//! The GIL is released while the library cleans: always in `clean_batch` (on a rayon pool),
//! and in `clean` for inputs of `DETACH_MIN_BYTES` (1 KB) or more, so that Python threads clean
//! in parallel. The typed interface is the hand-written `deboiler/_deboiler.pyi`.
#![deny(missing_docs)]

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use deboiler::{Cleaner, CleanerBuilder, Preset, Reason, Thresholds};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PySlice, PyString, PyTuple};
use pyo3::{IntoPyObjectExt, intern};

/// Inputs of at least this many bytes (UTF-8) are cleaned with the GIL released. Measured
/// with `python/bench/bench.py` (microseconds per call, two Python threads cleaning at once,
/// GIL held / released): 5.3 / 8.7 at 0.5 KB, where the threads queue for the GIL, but
/// 9.4 / 6.2 at 1 KB and 35 / 18 at 2 KB; on one thread the two are within 1% at every size.
const DETACH_MIN_BYTES: usize = 1024;

/// `clean_batch` hands texts to its pool in chunks of about this many bytes (the last one
/// smaller): enough to make waking a worker and sending the results back cheap, small
/// enough to keep every worker busy to the end (the dev corpus makes about 120 chunks).
const BATCH_CHUNK_BYTES: usize = 128 * 1024;

/// The threshold in force: [`DETACH_MIN_BYTES`] unless `bench/bench.py` moves it to measure
/// both sides (`_set_detach_min_bytes`).
static DETACH_MIN: AtomicUsize = AtomicUsize::new(DETACH_MIN_BYTES);

/// The three presets by their Python names.
const PRESETS: [(&str, Preset); 3] = [
    ("precision", Preset::Precision),
    ("balanced", Preset::Balanced),
    ("recall", Preset::Recall),
];

/// The options of a `Cleaner` as Python gave them: kept for `__repr__` and pickling.
#[derive(Clone, Debug)]
struct Options {
    language: Option<String>,
    preset: Option<String>,
    whole_page: Option<bool>,
    remove_foreign: bool,
    remove_citations: bool,
    phrases: Vec<String>,
    phrase_packs: Vec<PathBuf>,
    thresholds: Option<Thresholds>,
    repair_mojibake: bool,
    decode_entities: bool,
    remove_invisible: bool,
    remove_controls: bool,
    tidy_spaces: bool,
    unwrap_lines: bool,
    nfkc: bool,
    ascii_punctuation: bool,
    dehyphenate: bool,
}

impl Default for Options {
    /// The defaults of `Cleaner(...)`'s signature, which are the library's
    /// (`_defaults_match_library` checks it, and the tests call it).
    fn default() -> Self {
        Options {
            language: None,
            preset: None,
            whole_page: None,
            remove_foreign: true,
            remove_citations: true,
            phrases: Vec::new(),
            phrase_packs: Vec::new(),
            thresholds: None,
            repair_mojibake: true,
            decode_entities: true,
            remove_invisible: true,
            remove_controls: true,
            tidy_spaces: true,
            unwrap_lines: true,
            nfkc: false,
            ascii_punctuation: false,
            dehyphenate: false,
        }
    }
}

impl Options {
    /// The builder these options describe, one builder call per option. The flags are
    /// always set; the optional values only when given.
    fn builder(&self) -> PyResult<CleanerBuilder> {
        let mut b = Cleaner::builder();
        if let Some(code) = &self.language {
            b = b.language(code);
        }
        if let Some(name) = &self.preset {
            b = b.preset(preset(name)?);
        }
        if let Some(yes) = self.whole_page {
            b = b.find_article(yes);
        }
        if let Some(t) = self.thresholds {
            b = b.thresholds(t);
        }
        b = b
            .remove_foreign(self.remove_foreign)
            .remove_citations(self.remove_citations)
            .extra_phrases(&self.phrases);
        for path in &self.phrase_packs {
            b = b.phrase_pack_file(path);
        }
        Ok(b.repair_mojibake(self.repair_mojibake)
            .decode_entities(self.decode_entities)
            .remove_invisible(self.remove_invisible)
            .remove_controls(self.remove_controls)
            .tidy_spaces(self.tidy_spaces)
            .unwrap_lines(self.unwrap_lines)
            .nfkc(self.nfkc)
            .ascii_punctuation(self.ascii_punctuation)
            .dehyphenate(self.dehyphenate))
    }

    /// The options that differ from the defaults, as keyword arguments, in signature order.
    fn kwargs<'py>(&self, py: Python<'py>) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
        let d = Options::default();
        let mut out = Vec::new();
        if let Some(code) = &self.language {
            out.push(("language", code.into_bound_py_any(py)?));
        }
        if let Some(name) = &self.preset {
            out.push(("preset", name.into_bound_py_any(py)?));
        }
        if let Some(yes) = self.whole_page {
            out.push(("whole_page", yes.into_bound_py_any(py)?));
        }
        if self.remove_foreign != d.remove_foreign {
            out.push(("remove_foreign", self.remove_foreign.into_bound_py_any(py)?));
        }
        if self.remove_citations != d.remove_citations {
            out.push((
                "remove_citations",
                self.remove_citations.into_bound_py_any(py)?,
            ));
        }
        if !self.phrases.is_empty() {
            out.push(("phrases", self.phrases.clone().into_bound_py_any(py)?));
        }
        if !self.phrase_packs.is_empty() {
            let paths: Vec<String> = self
                .phrase_packs
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            out.push(("phrase_packs", paths.into_bound_py_any(py)?));
        }
        if let Some(t) = &self.thresholds {
            out.push(("thresholds", thresholds_dict(py, t)?.into_any()));
        }
        for (name, value, default) in [
            ("repair_mojibake", self.repair_mojibake, d.repair_mojibake),
            ("decode_entities", self.decode_entities, d.decode_entities),
            (
                "remove_invisible",
                self.remove_invisible,
                d.remove_invisible,
            ),
            ("remove_controls", self.remove_controls, d.remove_controls),
            ("tidy_spaces", self.tidy_spaces, d.tidy_spaces),
            ("unwrap_lines", self.unwrap_lines, d.unwrap_lines),
            ("nfkc", self.nfkc, d.nfkc),
            (
                "ascii_punctuation",
                self.ascii_punctuation,
                d.ascii_punctuation,
            ),
            ("dehyphenate", self.dehyphenate, d.dehyphenate),
        ] {
            if value != default {
                out.push((name, value.into_bound_py_any(py)?));
            }
        }
        Ok(out)
    }
}

/// The preset named `name` (ASCII case-insensitive).
fn preset(name: &str) -> PyResult<Preset> {
    PRESETS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, p)| p)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown preset {name:?}; expected \"precision\", \"balanced\" or \"recall\""
            ))
        })
}

/// Thresholds from a dict: the keys given replace the library's defaults (the balanced
/// preset's values).
fn thresholds_from(dict: &Bound<'_, PyDict>) -> PyResult<Thresholds> {
    let mut t = Thresholds::default();
    for (key, value) in dict.iter() {
        let key: String = key.extract().map_err(|_| {
            PyTypeError::new_err("thresholds keys must be str, such as \"article_probability\"")
        })?;
        let type_error = |kind: &str| {
            PyTypeError::new_err(format!(
                "threshold {key} must be {kind}, got {}",
                type_name(&value)
            ))
        };
        match key.as_str() {
            "article_probability" => {
                t.article_probability = value.extract().map_err(|_| type_error("a number"))?
            }
            "phrase_coverage" => {
                t.phrase_coverage = value.extract().map_err(|_| type_error("a number"))?
            }
            "min_page_blocks" => {
                t.min_page_blocks = value
                    .extract()
                    .map_err(|_| type_error("a non-negative int"))?
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown threshold {other:?}; expected \"article_probability\", \
                     \"phrase_coverage\" or \"min_page_blocks\""
                )));
            }
        }
    }
    Ok(t)
}

/// Thresholds as a dict, the `f32` values as the shortest decimals that give them back
/// (0.3, not 0.30000001192092896).
fn thresholds_dict<'py>(py: Python<'py>, t: &Thresholds) -> PyResult<Bound<'py, PyDict>> {
    let short = |x: f32| x.to_string().parse::<f64>().unwrap_or(f64::from(x));
    let d = PyDict::new(py);
    d.set_item("article_probability", short(t.article_probability))?;
    d.set_item("min_page_blocks", t.min_page_blocks)?;
    d.set_item("phrase_coverage", short(t.phrase_coverage))?;
    Ok(d)
}

/// The name of a value's type, for error messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// `value` as a `str`, or a `TypeError` naming `what` and the type given.
fn expect_str<'a, 'py>(
    value: &'a Bound<'py, PyAny>,
    what: &str,
) -> PyResult<&'a Bound<'py, PyString>> {
    value
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be str, not {}", type_name(value))))
}

/// The UTF-8 bytes of a `str`: one copy, the cheapest safe way under the 3.9 stable ABI (which
/// has no borrowed UTF-8 view). A lone surrogate raises `UnicodeEncodeError`.
fn utf8<'py>(s: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyBytes>> {
    s.encode_utf8()
}

/// The text of UTF-8 bytes that Python encoded.
fn as_str<'a>(bytes: &'a Bound<'_, PyBytes>) -> PyResult<&'a str> {
    std::str::from_utf8(bytes.as_bytes()).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// One removal, with code-point offsets for Python and the library's byte span.
#[derive(Clone, Debug)]
struct RemovalData {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    reason: Why,
}

/// Why a piece was removed: the library's reason, or its name and detail as a pickle carried
/// them (a [`Reason`] cannot be rebuilt outside the library).
#[derive(Clone, Debug)]
enum Why {
    Reason(Reason),
    Unpickled { name: &'static str, detail: String },
}

/// Every reason's stable name, to give an unpickled one back its `&'static str`.
const REASON_NAMES: [&str; 10] = [
    "phrase",
    "teaser",
    "embedded_post",
    "inline_story_link",
    "related_list",
    "foreign_language",
    "comment_section",
    "menu",
    "boilerplate",
    "citation_marker",
];

impl Why {
    fn name(&self) -> &'static str {
        match self {
            Why::Reason(r) => r.name(),
            Why::Unpickled { name, .. } => name,
        }
    }

    fn detail(&self) -> String {
        match self {
            Why::Reason(r) => r.to_string(),
            Why::Unpickled { detail, .. } => detail.clone(),
        }
    }
}

/// A cleaned document before it becomes Python objects: built with the GIL released.
struct Owned<'h> {
    text: Cow<'h, str>,
    language: Option<&'static str>,
    removals: Vec<RemovalData>,
}

/// Code-point offsets of increasing byte offsets in one text, counted in one pass.
struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte` (a character boundary).
    fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            // Removals come in input order, so this does not happen; start over if it does.
            (self.byte, self.chars) = (0, 0);
        }
        // Spans fall on character boundaries; core's count is the vectorised one.
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Cleans one document into owned results (no Python object: runs without the GIL).
fn clean_owned<'h>(cleaner: &Cleaner, input: &'h str) -> Owned<'h> {
    let cleaned = cleaner.clean(input);
    let removals = if cleaned.removals().is_empty() {
        Vec::new()
    } else {
        let mut offsets = CharOffsets::new(input);
        cleaned
            .removals()
            .iter()
            .map(|r| {
                let span = r.span();
                RemovalData {
                    start: offsets.at(span.start),
                    end: offsets.at(span.end),
                    byte_start: span.start,
                    byte_end: span.end,
                    reason: Why::Reason(r.reason().clone()),
                }
            })
            .collect()
    };
    Owned {
        text: cleaned.text(),
        language: cleaned.language().map(|l| l.code()),
        removals,
    }
}

impl Owned<'_> {
    /// The same result, owning its text.
    fn into_static(self) -> Owned<'static> {
        Owned {
            text: Cow::Owned(self.text.into_owned()),
            language: self.language,
            removals: self.removals,
        }
    }

    /// The Python result, holding on to the input `str` for the removals' texts.
    fn into_py(self, py: Python<'_>, input: &Bound<'_, PyString>) -> PyCleaned {
        PyCleaned {
            input: input.clone().unbind(),
            text: PyString::new(py, &self.text).unbind(),
            language: self.language,
            removals: self.removals,
        }
    }
}

/// The thread pools of `clean_batch`, one per size, made on first use. A process forked
/// from one that had pools has none of their threads: it starts afresh.
struct Pools {
    pid: u32,
    by_size: HashMap<usize, Arc<rayon::ThreadPool>>,
}

static POOLS: Mutex<Option<Pools>> = Mutex::new(None);

/// The pool of `threads` threads (0: rayon's default, one per core or `RAYON_NUM_THREADS`).
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let mut guard = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    let pid = std::process::id();
    if guard.as_ref().is_some_and(|p| p.pid != pid) {
        // A forked child: the parent's worker threads do not exist here, and dropping their
        // pools would wait on them. Leak them instead (a few kilobytes, once per fork).
        std::mem::forget(guard.take());
    }
    let pools = guard.get_or_insert_with(|| Pools {
        pid,
        by_size: HashMap::new(),
    });
    if let Some(p) = pools.by_size.get(&threads) {
        return Ok(Arc::clone(p));
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("deboiler-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread pool: {e}")))?;
    let p = Arc::new(p);
    pools.by_size.insert(threads, Arc::clone(&p));
    Ok(p)
}

/// The pool size for `threads=`: `None` is rayon's default (0 here).
fn pool_size(threads: Option<usize>) -> PyResult<usize> {
    match threads {
        None => Ok(0),
        Some(0) => Err(PyValueError::new_err(
            "threads must be at least 1, or None for one thread per core",
        )),
        Some(n) => Ok(n),
    }
}

/// The `str` items of an iterable (a `TypeError` for anything else, before any work).
fn collect_strs<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyString>>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a str; use clean() for one text",
        ));
    }
    let mut strs = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        strs.push(expect_str(&item, &format!("texts[{i}]"))?.clone());
    }
    Ok(strs)
}

/// Cleans text scraped from web pages into the article body, and explains each removal.
///
/// Build one ``Cleaner`` and reuse it: building checks the options and compiles the phrase
/// scanners, cleaning never fails. A Cleaner is immutable, safe to share between threads,
/// and picklable (it is rebuilt from its options).
///
/// Every keyword maps to one option of the Rust library's ``CleanerBuilder``; see the
/// ``deboiler`` package documentation for each. Bad options raise ``ValueError`` with the
/// library's message.
#[pyclass(frozen, module = "deboiler", name = "Cleaner")]
struct PyCleaner {
    inner: Cleaner,
    options: Options,
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (
        *,
        language = None,
        preset = None,
        whole_page = None,
        remove_foreign = true,
        remove_citations = true,
        phrases = None,
        phrase_packs = None,
        thresholds = None,
        repair_mojibake = true,
        decode_entities = true,
        remove_invisible = true,
        remove_controls = true,
        tidy_spaces = true,
        unwrap_lines = true,
        nfkc = false,
        ascii_punctuation = false,
        dehyphenate = false,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        language: Option<String>,
        preset: Option<String>,
        whole_page: Option<bool>,
        remove_foreign: bool,
        remove_citations: bool,
        phrases: Option<&Bound<'_, PyAny>>,
        phrase_packs: Option<&Bound<'_, PyAny>>,
        thresholds: Option<&Bound<'_, PyAny>>,
        repair_mojibake: bool,
        decode_entities: bool,
        remove_invisible: bool,
        remove_controls: bool,
        tidy_spaces: bool,
        unwrap_lines: bool,
        nfkc: bool,
        ascii_punctuation: bool,
        dehyphenate: bool,
    ) -> PyResult<Self> {
        let phrases = match phrases {
            None => Vec::new(),
            Some(p) => str_list(p, "phrases")?,
        };
        let phrase_packs = match phrase_packs {
            None => Vec::new(),
            // One path (str, bytes or os.PathLike), or an iterable of them.
            Some(p) if p.extract::<PathBuf>().is_ok() => vec![p.extract()?],
            Some(p) => {
                let mut out = Vec::new();
                for (i, item) in p.try_iter()?.enumerate() {
                    let item = item?;
                    out.push(item.extract::<PathBuf>().map_err(|_| {
                        PyTypeError::new_err(format!(
                            "phrase_packs[{i}] must be a path (str or os.PathLike), not {}",
                            type_name(&item)
                        ))
                    })?);
                }
                out
            }
        };
        let thresholds = match thresholds {
            None => None,
            Some(t) => Some(thresholds_from(t.cast::<PyDict>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "thresholds must be a dict such as {{\"article_probability\": 0.2}}, not {}",
                    type_name(t)
                ))
            })?)?),
        };
        let options = Options {
            language,
            preset,
            whole_page,
            remove_foreign,
            remove_citations,
            phrases,
            phrase_packs,
            thresholds,
            repair_mojibake,
            decode_entities,
            remove_invisible,
            remove_controls,
            tidy_spaces,
            unwrap_lines,
            nfkc,
            ascii_punctuation,
            dehyphenate,
        };
        let inner = options.builder()?.build().map_err(|e| match e {
            // An unreadable phrase pack file is the file's fault, not the option's.
            deboiler::Error::Io { .. } => PyOSError::new_err(e.to_string()),
            e => PyValueError::new_err(e.to_string()),
        })?;
        Ok(PyCleaner { inner, options })
    }

    /// Cleans one text: the article body, its language and every removal.
    ///
    /// Raises ``TypeError`` when ``text`` is not a ``str``. Texts of 1 KB and more
    /// are cleaned with the GIL released, so Python threads clean in parallel.
    fn clean(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyCleaned> {
        let s = expect_str(text, "text")?;
        let bytes = utf8(s)?;
        let input = as_str(&bytes)?;
        let out = if input.len() >= DETACH_MIN.load(Ordering::Relaxed) {
            py.detach(|| clean_owned(&self.inner, input))
        } else {
            clean_owned(&self.inner, input)
        };
        Ok(out.into_py(py, s))
    }

    /// Cleans many texts on a pool of threads with the GIL released; the results come in
    /// input order and equal ``clean``'s.
    ///
    /// ``threads=None`` uses one thread per core (or ``RAYON_NUM_THREADS``); ``threads=N`` a
    /// pool of N threads, made once and reused by later calls.
    #[pyo3(signature = (texts, threads = None))]
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let pool = pool(pool_size(threads)?)?;
        let strs = collect_strs(texts)?;
        // A pipeline: this thread copies each text to UTF-8 (which needs the GIL) and hands
        // it to the pool at once, so the pool cleans while the copying goes on, and turns
        // the finished documents into Python objects as they come. Copying first and
        // cleaning after would leave the pool idle for the copy: 12% of the time on the dev
        // corpus with two threads.
        type Chunk = Vec<(usize, std::thread::Result<Owned<'static>>)>;
        let (tx, mut rx) = mpsc::channel::<Chunk>();
        let mut done: Vec<Option<Bound<'py, PyCleaned>>> = Vec::with_capacity(strs.len());
        done.resize_with(strs.len(), || None);
        let finish = |results: Chunk, done: &mut Vec<Option<Bound<'py, PyCleaned>>>| {
            for (i, out) in results {
                let out =
                    out.map_err(|_| PyRuntimeError::new_err("deboiler panicked while cleaning"))?;
                done[i] = Some(Bound::new(py, out.into_py(py, &strs[i]))?);
            }
            PyResult::Ok(())
        };
        // Texts go to the pool in chunks of about BATCH_CHUNK_BYTES, and come back a chunk at
        // a time: one job and one message per text would cost a worker wake-up each.
        let mut chunk: Vec<(usize, String)> = Vec::new();
        let mut chunk_bytes = 0;
        for (i, s) in strs.iter().enumerate() {
            let text = s.to_cow()?.into_owned();
            chunk_bytes += text.len();
            chunk.push((i, text));
            if chunk_bytes >= BATCH_CHUNK_BYTES || i + 1 == strs.len() {
                let (cleaner, tx) = (self.inner.clone(), tx.clone());
                let texts = std::mem::take(&mut chunk);
                chunk_bytes = 0;
                pool.spawn(move || {
                    let results = texts
                        .into_iter()
                        .map(|(i, text)| {
                            let out = catch_unwind(AssertUnwindSafe(|| {
                                clean_owned(&cleaner, &text).into_static()
                            }));
                            (i, out)
                        })
                        .collect();
                    let _ = tx.send(results);
                });
            }
            while let Ok(results) = rx.try_recv() {
                finish(results, &mut done)?;
            }
        }
        drop(tx);
        loop {
            // The receiver goes into the closure and back: it may not be shared between threads.
            let (back, results) = py.detach(move || {
                let results = rx.recv();
                (rx, results)
            });
            rx = back;
            match results {
                Ok(results) => finish(results, &mut done)?,
                Err(_) => break, // every job has sent its results
            }
        }
        let cleaned = done
            .into_iter()
            .map(|c| c.ok_or_else(|| PyRuntimeError::new_err("a text was not cleaned")))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, cleaned)
    }

    /// ``Cleaner(...)`` with the options that differ from the defaults.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = String::from("Cleaner(");
        for (i, (name, value)) in self.options.kwargs(py)?.into_iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(out, "{sep}{name}={}", value.repr()?);
        }
        out.push(')');
        Ok(out)
    }

    /// A Cleaner is immutable: a copy is the Cleaner itself.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// A Cleaner is immutable: a deep copy is the Cleaner itself.
    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    /// Pickles as the options: unpickling builds the Cleaner again (phrase pack files are
    /// read again, where it is unpickled).
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyDict>,))> {
        let rebuild = native(py, intern!(py, "_rebuild_cleaner"))?;
        let kwargs = PyDict::new(py);
        for (name, value) in self.options.kwargs(py)? {
            kwargs.set_item(name, value)?;
        }
        Ok((rebuild, (kwargs,)))
    }
}

/// A list of `str` from any iterable but a `str` itself (which would give its characters).
fn str_list(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if value.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a list of str, not a str; wrap it in a list: [{}]",
            value.repr()?
        )));
    }
    let mut out = Vec::new();
    for (i, item) in value
        .try_iter()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "{what} must be a list of str, not {}",
                type_name(value)
            ))
        })?
        .enumerate()
    {
        let item = item?;
        out.push(
            expect_str(&item, &format!("{what}[{i}]"))?
                .to_cow()?
                .into_owned(),
        );
    }
    Ok(out)
}

/// The result of cleaning one text.
///
/// ``text`` is the article body: the kept paragraphs joined by a blank line. ``removals``
/// explains everything that was cut, with offsets into the input ``str``.
#[pyclass(frozen, module = "deboiler", name = "Cleaned")]
struct PyCleaned {
    input: Py<PyString>,
    text: Py<PyString>,
    language: Option<&'static str>,
    removals: Vec<RemovalData>,
}

#[pymethods]
impl PyCleaned {
    /// The article body: the kept paragraphs joined by one blank line (``""`` when nothing
    /// was kept). NFC (NFKC with ``nfkc=True``), no line breaks inside a paragraph.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// The kept paragraphs, each one line of text, trimmed and never empty (a new list on
    /// each access).
    #[getter]
    fn paragraphs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let text = self.text.bind(py);
        if text.len()? == 0 {
            return Ok(PyList::empty(py));
        }
        // The library joins paragraphs, which hold no line break, with "\n\n".
        Ok(text
            .call_method1(intern!(py, "split"), (intern!(py, "\n\n"),))?
            .cast_into::<PyList>()?)
    }

    /// The article's language as an ISO 639-3 code such as ``"eng"``, or ``None`` when it
    /// could not be told (too little text). It is the ``language`` option when one was given.
    #[getter]
    fn language(&self) -> Option<&'static str> {
        self.language
    }

    /// How many pieces were removed: ``len(removals)`` without making the objects.
    #[getter]
    fn removal_count(&self) -> usize {
        self.removals.len()
    }

    /// Every removed piece in input order, as ``Removal`` objects (a new list on each access).
    #[getter]
    fn removals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let input = self.input.bind(py);
        let removals = self
            .removals
            .iter()
            .map(|r| {
                let slice = PySlice::new(py, r.start as isize, r.end as isize, 1);
                let text = input.get_item(slice)?.cast_into::<PyString>()?.unbind();
                Bound::new(
                    py,
                    PyRemoval {
                        data: r.clone(),
                        text,
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, removals)
    }

    /// Pickles as its fields (the reasons as their names and details).
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let removals = self
            .removals
            .iter()
            .map(|r| {
                (
                    r.start,
                    r.end,
                    r.byte_start,
                    r.byte_end,
                    r.reason.name(),
                    r.reason.detail(),
                )
            })
            .collect::<Vec<_>>();
        let args = (
            self.input.clone_ref(py),
            self.text.clone_ref(py),
            self.language,
            removals,
        )
            .into_pyobject(py)?;
        Ok((native(py, intern!(py, "_rebuild_cleaned"))?, args))
    }

    /// ``Cleaned(language=..., paragraphs=N, removals=N, text=...)``, the text shortened.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        const MAX: usize = 40;
        let text = self.text.bind(py).to_cow()?;
        let mut short: String = text.chars().take(MAX).collect();
        if text.chars().nth(MAX).is_some() {
            short.push('…');
        }
        let paragraphs = if text.is_empty() {
            0
        } else {
            text.matches("\n\n").count() + 1
        };
        Ok(format!(
            "Cleaned(language={}, paragraphs={paragraphs}, removals={}, text={})",
            match self.language {
                Some(code) => format!("'{code}'"),
                None => "None".to_string(),
            },
            self.removals.len(),
            PyString::new(py, &short).repr()?
        ))
    }
}

/// One removed piece of the input: where it was, what it was, and why it went.
///
/// ``text == input[start:end]``, with ``start`` and ``end`` in code points (Python string
/// indices). ``byte_start`` and ``byte_end`` are the same span in the UTF-8 encoding of the
/// input, as the Rust library reports it.
#[pyclass(frozen, module = "deboiler", name = "Removal")]
struct PyRemoval {
    data: RemovalData,
    text: Py<PyString>,
}

#[pymethods]
impl PyRemoval {
    /// Where the removed piece starts in the input, as a ``str`` index.
    #[getter]
    fn start(&self) -> usize {
        self.data.start
    }

    /// Where the removed piece ends in the input (exclusive), as a ``str`` index.
    #[getter]
    fn end(&self) -> usize {
        self.data.end
    }

    /// Where the removed piece starts in the input's UTF-8 bytes.
    #[getter]
    fn byte_start(&self) -> usize {
        self.data.byte_start
    }

    /// Where the removed piece ends in the input's UTF-8 bytes (exclusive).
    #[getter]
    fn byte_end(&self) -> usize {
        self.data.byte_end
    }

    /// The removed text, ``input[start:end]``.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// Why it was removed: a stable short name such as ``"phrase"``, ``"teaser"``,
    /// ``"embedded_post"``, ``"inline_story_link"``, ``"related_list"``,
    /// ``"foreign_language"``, ``"comment_section"``, ``"menu"``, ``"boilerplate"`` or
    /// ``"citation_marker"``.
    #[getter]
    fn reason(&self) -> &'static str {
        self.data.reason.name()
    }

    /// The reason with its particulars, for people: ``phrase(cookie: "We use cookies")``,
    /// ``foreign-language(deu, confidence 0.93)``... Its wording may change between releases;
    /// match on ``reason`` instead.
    #[getter]
    fn detail(&self) -> String {
        self.data.reason.detail()
    }

    /// Pickles as its fields (the reason as its name and detail).
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let d = &self.data;
        let removal = (
            d.start,
            d.end,
            d.byte_start,
            d.byte_end,
            d.reason.name(),
            d.reason.detail(),
        );
        let args = (removal, self.text.clone_ref(py)).into_pyobject(py)?;
        Ok((native(py, intern!(py, "_rebuild_removal"))?, args))
    }

    /// ``Removal(start=..., end=..., reason=..., text=...)``.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Removal(start={}, end={}, reason='{}', text={})",
            self.data.start,
            self.data.end,
            self.data.reason.name(),
            self.text.bind(py).repr()?
        ))
    }
}

/// A function of this module, for `__reduce__`.
fn native<'py>(py: Python<'py>, name: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    py.import(intern!(py, "deboiler._deboiler"))?.getattr(name)
}

/// The removal data of a pickle.
type PickledRemoval = (usize, usize, usize, usize, String, String);

/// Removal data from a pickle, checked.
fn unpickle_removal(r: PickledRemoval) -> PyResult<RemovalData> {
    let (start, end, byte_start, byte_end, name, detail) = r;
    let name = REASON_NAMES
        .iter()
        .find(|n| **n == name)
        .ok_or_else(|| PyValueError::new_err(format!("unknown removal reason {name:?}")))?;
    Ok(RemovalData {
        start,
        end,
        byte_start,
        byte_end,
        reason: Why::Unpickled { name, detail },
    })
}

/// Rebuilds a pickled Cleaned.
#[pyfunction(name = "_rebuild_cleaned")]
fn rebuild_cleaned(
    input: Bound<'_, PyString>,
    text: Bound<'_, PyString>,
    language: Option<String>,
    removals: Vec<PickledRemoval>,
) -> PyResult<PyCleaned> {
    let language = match language {
        None => None,
        Some(code) => Some(
            deboiler::Language::from_code(&code)
                .ok_or_else(|| PyValueError::new_err(format!("unknown language {code:?}")))?
                .code(),
        ),
    };
    Ok(PyCleaned {
        input: input.unbind(),
        text: text.unbind(),
        language,
        removals: removals
            .into_iter()
            .map(unpickle_removal)
            .collect::<PyResult<_>>()?,
    })
}

/// Rebuilds a pickled Removal.
#[pyfunction(name = "_rebuild_removal")]
fn rebuild_removal(removal: PickledRemoval, text: Bound<'_, PyString>) -> PyResult<PyRemoval> {
    Ok(PyRemoval {
        data: unpickle_removal(removal)?,
        text: text.unbind(),
    })
}

/// Rebuilds a pickled Cleaner from its options.
#[pyfunction(name = "_rebuild_cleaner")]
fn rebuild_cleaner<'py>(
    py: Python<'py>,
    options: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyAny>> {
    py.get_type::<PyCleaner>().call((), Some(options))
}

/// The thresholds of a preset (``"precision"``, ``"balanced"`` or ``"recall"``) as a dict,
/// to start ``Cleaner(thresholds=...)`` from.
#[pyfunction]
fn preset_thresholds<'py>(py: Python<'py>, preset: &str) -> PyResult<Bound<'py, PyDict>> {
    thresholds_dict(py, &self::preset(preset)?.thresholds())
}

/// Whether ``Cleaner()``'s defaults are the library's: the builder of the default options
/// equals ``deboiler::Cleaner::builder()`` (for the tests).
#[pyfunction(name = "_defaults_match_library")]
fn defaults_match_library() -> PyResult<bool> {
    Ok(format!("{:?}", Options::default().builder()?) == format!("{:?}", Cleaner::builder()))
}

/// Seconds the library takes to clean ``texts`` with its own ``clean_batch`` on a pool of
/// ``threads`` threads (``None``: one per core), without Python objects: the Rust side of
/// ``bench/bench.py``'s comparison, in the same build as the bindings. The texts are
/// copied to Rust before the clock starts, and the results are dropped on it. ``mode``:
/// ``"library"``, ``clean_batch`` alone; ``"text"``, and each body as a ``String`` (what a
/// Rust caller who wants the bodies does); ``"owned"``, each document turned into the owned
/// result that ``Cleaner.clean_batch`` makes before the Python objects (the body, code-point
/// offsets, reasons), in parallel.
#[pyfunction(name = "_bench_rust_batch")]
#[pyo3(signature = (cleaner, texts, threads = None, mode = "library"))]
fn bench_rust_batch(
    py: Python<'_>,
    cleaner: &Bound<'_, PyCleaner>,
    texts: &Bound<'_, PyAny>,
    threads: Option<usize>,
    mode: &str,
) -> PyResult<f64> {
    use rayon::prelude::*;

    if !["library", "text", "owned"].contains(&mode) {
        return Err(PyValueError::new_err(format!("unknown mode {mode:?}")));
    }
    let pool = pool(pool_size(threads)?)?;
    let inputs = collect_strs(texts)?
        .iter()
        .map(|s| Ok(s.to_cow()?.into_owned()))
        .collect::<PyResult<Vec<String>>>()?;
    let cleaner = &cleaner.get().inner;
    Ok(py.detach(|| {
        let start = Instant::now();
        match mode {
            "owned" => {
                let done: Vec<Owned<'static>> = pool.install(|| {
                    inputs
                        .par_iter()
                        .map(|d| clean_owned(cleaner, d).into_static())
                        .collect()
                });
                drop(std::hint::black_box(done));
            }
            "text" => {
                let cleaned = pool.install(|| cleaner.clean_batch(&inputs));
                let bodies: Vec<String> =
                    pool.install(|| cleaned.par_iter().map(|c| c.text().into_owned()).collect());
                drop(std::hint::black_box((cleaned, bodies)));
            }
            _ => {
                let cleaned = pool.install(|| cleaner.clean_batch(&inputs));
                drop(std::hint::black_box(cleaned));
            }
        }
        start.elapsed().as_secs_f64()
    }))
}

/// Seconds the library takes to clean ``text`` ``n`` times on this thread, from Rust: the
/// per-call cost ``bench/bench.py`` sets Python's ``clean`` against.
#[pyfunction(name = "_bench_rust_clean")]
fn bench_rust_clean(
    py: Python<'_>,
    cleaner: &Bound<'_, PyCleaner>,
    text: &Bound<'_, PyAny>,
    n: usize,
) -> PyResult<f64> {
    let input = as_str(&utf8(expect_str(text, "text")?)?)?.to_owned();
    let cleaner = &cleaner.get().inner;
    Ok(py.detach(|| {
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(cleaner.clean(std::hint::black_box(&input)));
        }
        start.elapsed().as_secs_f64()
    }))
}

/// Sets the size from which `clean` releases the GIL and returns the previous one (for
/// `bench/bench.py`, which measures both sides of the default).
#[pyfunction(name = "_set_detach_min_bytes")]
fn set_detach_min_bytes(bytes: usize) -> usize {
    DETACH_MIN.swap(bytes, Ordering::Relaxed)
}

/// The extension module: the classes and functions that `deboiler/__init__.py` re-exports.
#[pymodule]
fn _deboiler(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCleaner>()?;
    m.add_class::<PyCleaned>()?;
    m.add_class::<PyRemoval>()?;
    m.add_function(wrap_pyfunction!(preset_thresholds, m)?)?;
    m.add_function(wrap_pyfunction!(rebuild_cleaner, m)?)?;
    m.add_function(wrap_pyfunction!(rebuild_cleaned, m)?)?;
    m.add_function(wrap_pyfunction!(rebuild_removal, m)?)?;
    m.add_function(wrap_pyfunction!(defaults_match_library, m)?)?;
    m.add_function(wrap_pyfunction!(bench_rust_batch, m)?)?;
    m.add_function(wrap_pyfunction!(bench_rust_clean, m)?)?;
    m.add_function(wrap_pyfunction!(set_detach_min_bytes, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DETACH_MIN_BYTES", DETACH_MIN_BYTES)?;
    Ok(())
}
