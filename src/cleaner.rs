//! The cleaner and its builder: the pipeline as one function.

use std::sync::Arc;

use crate::classify::{self, Doc, Verdict, features};
use crate::cleaned::{Category, Cleaned, Reason, Removal};
use crate::error::Error;
use crate::lang::{self, Script};
use crate::language::Language;
use crate::normalize;
use crate::patterns::{BlockHits, Phrase, PhraseSet};
use crate::segment::{self, Block};
use crate::site::{self, SiteMemory};
use crate::thresholds::{Preset, Thresholds};

/// A user phrase pack, read and parsed in `build`.
#[derive(Clone, Debug)]
enum PackSource {
    Text { name: String, text: String },
    File(std::path::PathBuf),
}

/// Builds a [`Cleaner`]. Every check happens in [`build`](CleanerBuilder::build).
///
/// ```
/// let cleaner = deboiler::Cleaner::builder()
///     .language("eng")
///     .extra_phrases(["Mehr zum Thema"])
///     .build()?;
/// let cleaned = cleaner.clean("Mehr zum Thema\nThe vote passed by a wide margin after a long debate in the chamber.\n");
/// assert_eq!(cleaned.text(), "The vote passed by a wide margin after a long debate in the chamber.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct CleanerBuilder {
    language: Option<String>,
    extra: Vec<String>,
    packs: Vec<PackSource>,
    keep_foreign: bool,
    normalize: normalize::Options,
    thresholds: Option<Thresholds>,
    preset: Option<Preset>,
    whole_page: Option<bool>,
}

impl CleanerBuilder {
    /// Fixes the article language (ISO 639-3 such as `"eng"`, or ISO 639-1 such as `"en"`)
    /// instead of detecting it per document. An unknown code is an error from `build`.
    pub fn language(mut self, code: &str) -> Self {
        self.language = Some(code.to_string());
        self
    }

    /// Adds phrases that mark a line as furniture wherever they occur in a short line
    /// (ASCII case-insensitive, whole words). They are reported as [`Category::Custom`].
    /// A phrase that is empty (or only whitespace) or that holds a line break is an error
    /// from `build`.
    pub fn extra_phrases<I, S>(mut self, phrases: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.extra
            .extend(phrases.into_iter().map(|s| s.as_ref().to_string()));
        self
    }

    /// Adds a phrase pack in the format of the built-in ones (see `src/phrases/en.txt`):
    /// `[category]` or `[category strong]` headers, one phrase per line, `#` comments.
    /// Categories: cookie, privacy, newsletter, share, related, browser, footer, advertising,
    /// comments, navigation, custom. A malformed pack is an error from `build` naming `name`
    /// and the line.
    ///
    /// ```
    /// let pack = "# my site\n[related]\nMehr aus der Region\n[footer strong]\nVerlagshaus Nord GmbH\n";
    /// let cleaner = deboiler::Cleaner::builder().phrase_pack("my-site", pack).build()?;
    /// let err = deboiler::Cleaner::builder().phrase_pack("bad", "[cookie]\nok\n[cookies]\n").build().unwrap_err();
    /// assert_eq!(err.to_string().split(';').next(), Some("bad line 3: unknown category \"cookies\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn phrase_pack(mut self, name: &str, text: &str) -> Self {
        self.packs.push(PackSource::Text {
            name: name.to_string(),
            text: text.to_string(),
        });
        self
    }

    /// Adds a phrase pack from a file (read in `build`), in the format of
    /// [`phrase_pack`](CleanerBuilder::phrase_pack). An unreadable file or a malformed line is
    /// an error from `build` naming the file (and the line).
    pub fn phrase_pack_file(mut self, path: impl AsRef<std::path::Path>) -> Self {
        self.packs
            .push(PackSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// Whether fragments in another language than the article are removed (default: yes).
    ///
    /// With `false`, no fragment is removed *for its language*; on a whole page the article
    /// region stage may still judge a long foreign block not to be article prose. Turn
    /// [`find_article`](CleanerBuilder::find_article) off too to keep every foreign block.
    pub fn remove_foreign(mut self, yes: bool) -> Self {
        self.keep_foreign = !yes;
        self
    }

    /// Whether citation and edit markers such as `[11]`, `[a]`, `[citation needed]` and
    /// `[edit]` are removed from kept paragraphs (default: yes). Each one is reported as a
    /// [`Reason::CitationMarker`] removal.
    ///
    /// ```
    /// let keep = deboiler::Cleaner::builder().remove_citations(false).find_article(false).build()?;
    /// assert_eq!(keep.clean("It rained.[3]").text(), "It rained.[3]");
    /// let cut = deboiler::Cleaner::builder().find_article(false).build()?;
    /// assert_eq!(cut.clean("It rained.[3]").text(), "It rained.");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_citations(mut self, yes: bool) -> Self {
        self.normalize.citations = yes;
        self
    }

    /// Whether mojibake is repaired in kept paragraphs (default: yes): UTF-8 that was
    /// decoded as Windows-1252 or Latin-1, such as `â€™` for `’` or `Ã©` for `é`. A run is
    /// repaired only where its bytes form valid UTF-8 and the character they make is a usual
    /// one; a real `Ã` next to ordinary letters stays.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().find_article(false).build()?;
    /// assert_eq!(cleaner.clean("The cafÃ©â€™s menu").text(), "The café’s menu");
    /// assert_eq!(cleaner.clean("SÃO PAULO").text(), "SÃO PAULO");
    /// let off = deboiler::Cleaner::builder().find_article(false).repair_mojibake(false).build()?;
    /// assert_eq!(off.clean("The cafÃ©").text(), "The cafÃ©");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn repair_mojibake(mut self, yes: bool) -> Self {
        self.normalize.mojibake = yes;
        self
    }

    /// Whether leftover HTML character references are decoded in kept paragraphs (default:
    /// yes): every HTML5 name (`&amp;`, `&nbsp;`, `&mdash;` …), decimal (`&#39;`) and hex
    /// (`&#x2014;`). Only well-formed references with their `;` are decoded, never a bare
    /// `&`.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().find_article(false).build()?;
    /// assert_eq!(cleaner.clean("Q&amp;A &#8212; AT&T&#x2019;s").text(), "Q&A — AT&T’s");
    /// let off = deboiler::Cleaner::builder().find_article(false).decode_entities(false).build()?;
    /// assert_eq!(off.clean("Q&amp;A").text(), "Q&amp;A");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decode_entities(mut self, yes: bool) -> Self {
        self.normalize.entities = yes;
        self
    }

    /// Whether invisible characters are removed from kept paragraphs (default: yes):
    /// zero-width space, byte order mark, soft hyphen, word joiner, and zero-width joiners
    /// except between two pictographs (inside an emoji sequence such as 👩‍💻).
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().find_article(false).build()?;
    /// assert_eq!(cleaner.clean("\u{feff}zero\u{200b}width soft\u{ad}ware").text(), "zerowidth software");
    /// assert_eq!(cleaner.clean("👩\u{200d}💻").text(), "👩\u{200d}💻");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_invisible(mut self, yes: bool) -> Self {
        self.normalize.invisible = yes;
        self
    }

    /// Whether control characters (C0 but newline, DEL, C1) are removed from kept
    /// paragraphs, a tab becoming a space (default: yes).
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().find_article(false).build()?;
    /// assert_eq!(cleaner.clean("bell\u{7}\tand\u{85} tab").text(), "bell and tab");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_controls(mut self, yes: bool) -> Self {
        self.normalize.controls = yes;
        self
    }

    /// Whether spaces are tidied in kept paragraphs (default: yes): no-break, thin and other
    /// Unicode spaces become a plain space, runs collapse to one, paragraphs are trimmed.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().find_article(false).build()?;
    /// assert_eq!(cleaner.clean("10\u{a0}km  at\u{2009}noon").text(), "10 km at noon");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tidy_spaces(mut self, yes: bool) -> Self {
        self.normalize.spaces = yes;
        self
    }

    /// Whether kept paragraphs are put in NFKC instead of NFC (default: no, NFC).
    /// NFKC also folds compatibility characters: `ﬁ` becomes `fi`, `²` becomes `2`.
    ///
    /// ```
    /// let nfc = deboiler::Cleaner::builder().find_article(false).build()?;
    /// assert_eq!(nfc.clean("cafe\u{301} ﬁx").text(), "café ﬁx");
    /// let nfkc = deboiler::Cleaner::builder().find_article(false).nfkc(true).build()?;
    /// assert_eq!(nfkc.clean("cafe\u{301} ﬁx").text(), "café fix");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nfkc(mut self, yes: bool) -> Self {
        self.normalize.nfkc = yes;
        self
    }

    /// Whether curly quotes and dashes become ASCII in kept paragraphs (default: no):
    /// `‘’` become `'`, `“”` become `"`, `–` and `—` become `-`.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().find_article(false).ascii_punctuation(true).build()?;
    /// assert_eq!(cleaner.clean("“It’s on” — she said").text(), "\"It's on\" - she said");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ascii_punctuation(mut self, yes: bool) -> Self {
        self.normalize.ascii_punctuation = yes;
        self
    }

    /// Whether hard-wrapped paragraphs are joined into one line (default: yes). A group of
    /// lines between blank lines is joined when it looks wrapped at a fixed width: three
    /// lines or more, most near a common width of 40–120 characters with the last one no
    /// longer, no list markers, and prose running on from line to line. Lists, addresses,
    /// verse and blocks of short lines stay as they are, and so does a group in which any
    /// line is removed.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().find_article(false).build()?;
    /// let text = "The committee met on Tuesday to discuss the proposal for a new\n\
    ///             footbridge over the river, which residents have requested for more\n\
    ///             than a decade, and agreed to fund a feasibility study.\n";
    /// assert_eq!(
    ///     cleaner.clean(text).text(),
    ///     "The committee met on Tuesday to discuss the proposal for a new footbridge over the \
    ///      river, which residents have requested for more than a decade, and agreed to fund a \
    ///      feasibility study."
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unwrap_lines(mut self, yes: bool) -> Self {
        self.normalize.unwrap = yes;
        self
    }

    /// Whether joining hard-wrapped lines also undoes end-of-line hyphenation between two
    /// lowercase word parts (`inter-` / `national` → `international`; default: no, the
    /// hyphen stays: `inter-national`). A hyphen before a capital (`Anglo-` / `Saxon`) always
    /// stays. It acts only where lines are joined: with
    /// [`unwrap_lines(false)`](CleanerBuilder::unwrap_lines) it is an error from `build`.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().find_article(false).dehyphenate(true).build()?;
    /// let text = "Delegates from the member states signed the new trade agreement inter-\n\
    ///             nationally recognised as the most ambitious in a generation, after talks\n\
    ///             that lasted a week.\n";
    /// assert!(cleaner.clean(text).text().contains(" internationally recognised"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dehyphenate(mut self, yes: bool) -> Self {
        self.normalize.dehyphenate = yes;
        self
    }

    /// Sets the thresholds from a preset (default: [`Preset::Balanced`]). Giving both a
    /// preset and [`thresholds`](CleanerBuilder::thresholds) is an error from `build`, since
    /// the thresholds would replace every value of the preset: start the thresholds from the
    /// preset instead (`Preset::Recall.thresholds()`).
    pub fn preset(mut self, preset: Preset) -> Self {
        self.preset = Some(preset);
        self
    }

    /// Sets every threshold of the classifier. `article_probability` and
    /// `phrase_coverage` must be numbers from 0 to 1 (not NaN); anything else is an error
    /// from `build`, and so is giving a [`preset`](CleanerBuilder::preset) too.
    ///
    /// ```
    /// use deboiler::{Cleaner, Preset};
    ///
    /// let mut t = Preset::Recall.thresholds();
    /// t.phrase_coverage = 0.8;
    /// assert!(Cleaner::builder().thresholds(t).build().is_ok());
    /// t.phrase_coverage = 80.0;
    /// let err = Cleaner::builder().thresholds(t).build().unwrap_err();
    /// assert!(err.to_string().starts_with("threshold phrase_coverage is 80, but it must be a number from 0 to 1"));
    /// ```
    pub fn thresholds(mut self, thresholds: Thresholds) -> Self {
        self.thresholds = Some(thresholds);
        self
    }

    /// Whether to look for the article region in a whole page (default: yes). With `false`,
    /// only the rules for residual cruft run: phrases, markers and teasers, embedded posts,
    /// inline story links, the page's edges and foreign fragments. Use it when the input is
    /// already roughly the article.
    pub fn find_article(mut self, yes: bool) -> Self {
        self.whole_page = Some(yes);
        self
    }

    /// Checks the options and compiles the English phrase scanner (the scanner of another
    /// language is built the first time a page in it is cleaned). Errors: an unknown language
    /// code, an empty phrase or one with a line break, a malformed or unreadable phrase pack,
    /// a threshold outside 0 to 1, and conflicting options (a preset together with
    /// thresholds; `dehyphenate(true)` with `unwrap_lines(false)`). Each message says what
    /// is wrong and how to fix it.
    ///
    /// ```
    /// let err = deboiler::Cleaner::builder().language("xx").build().unwrap_err();
    /// assert!(err.to_string().contains("\"xx\""));
    /// ```
    pub fn build(self) -> Result<Cleaner, Error> {
        self.check_options()?;
        let language = match &self.language {
            None => None,
            Some(code) => Some(
                Language::from_code(code)
                    .ok_or_else(|| Error::UnknownLanguage { code: code.clone() })?,
            ),
        };
        let mut extra = Vec::with_capacity(self.extra.len());
        for (index, text) in self.extra.iter().enumerate() {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return Err(Error::EmptyPhrase {
                    source_name: "extra_phrases".to_string(),
                    index,
                });
            }
            if trimmed.contains(['\n', '\r']) {
                return Err(Error::InvalidPhrase {
                    source_name: "extra_phrases".to_string(),
                    index,
                    phrase: text.clone(),
                    message: "holds a line break, but phrases match within one line; \
                              give each line as a phrase of its own"
                        .to_string(),
                });
            }
            let text = trimmed;
            extra.push(Phrase {
                text: Arc::from(text),
                category: Category::Custom,
                strong: true,
            });
        }
        for pack in &self.packs {
            let (name, text) = match pack {
                PackSource::Text { name, text } => (name.clone(), text.clone()),
                PackSource::File(path) => {
                    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                        path: path.clone(),
                        source,
                    })?;
                    (path.display().to_string(), text)
                }
            };
            crate::patterns::parse_pack(&name, &text, &mut extra).map_err(|e| {
                Error::PhrasePack {
                    source_name: e.pack,
                    line: e.line,
                    message: e.message,
                }
            })?;
        }
        let phrases = PhraseSet::build(&extra)?;
        Ok(Cleaner {
            inner: Arc::new(Inner {
                phrases,
                language,
                classify: classify::Options {
                    foreign: !self.keep_foreign,
                    region: self.whole_page.unwrap_or(true),
                    t: self
                        .thresholds
                        .unwrap_or(self.preset.unwrap_or_default().thresholds()),
                    ..classify::Options::default()
                },
                normalize: self.normalize,
            }),
        })
    }
}

impl CleanerBuilder {
    /// The checks of `build` that need no work: thresholds in range, no conflicts.
    fn check_options(&self) -> Result<(), Error> {
        if let (Some(preset), Some(_)) = (self.preset, self.thresholds) {
            return Err(Error::ConflictingOptions {
                first: format!("preset({preset:?})"),
                second: "thresholds(..)".to_string(),
                message: format!(
                    "thresholds replace every value of the preset, which would be ignored; \
                     drop preset(..), or start the thresholds from it: \
                     `let mut t = Preset::{preset:?}.thresholds();`, change t, then \
                     `.thresholds(t)`"
                ),
            });
        }
        if self.normalize.dehyphenate && !self.normalize.unwrap {
            return Err(Error::ConflictingOptions {
                first: "dehyphenate(true)".to_string(),
                second: "unwrap_lines(false)".to_string(),
                message: "dehyphenation happens only where hard-wrapped lines are joined, \
                          which unwrap_lines(false) turns off; drop one of the two"
                    .to_string(),
            });
        }
        if let Some(t) = &self.thresholds {
            let default = Thresholds::default();
            for (name, value, default) in [
                (
                    "article_probability",
                    t.article_probability,
                    default.article_probability,
                ),
                (
                    "phrase_coverage",
                    t.phrase_coverage,
                    default.phrase_coverage,
                ),
            ] {
                if !(0.0..=1.0).contains(&value) {
                    return Err(Error::InvalidThreshold {
                        name,
                        value,
                        default,
                    });
                }
            }
        }
        Ok(())
    }
}

/// Turns scraped page text into the article body. Build once, clean many: a `Cleaner` is
/// cheap to clone (`Arc` inside), `Send + Sync`, and [`clean`](Cleaner::clean) never fails.
///
/// ```
/// let cleaner = deboiler::Cleaner::builder().build()?;
/// let page = "Rivers rise after a week of rain\n\n\
///             The river rose two metres overnight, and the council closed the lower bridge.\n\n\
///             We use cookies to give you the best experience on our website.\n";
/// let cleaned = cleaner.clean(page);
/// assert_eq!(
///     cleaned.text(),
///     "Rivers rise after a week of rain\n\n\
///      The river rose two metres overnight, and the council closed the lower bridge."
/// );
/// assert_eq!(cleaned.removals().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Cleaner {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    phrases: PhraseSet,
    language: Option<Language>,
    classify: classify::Options,
    normalize: normalize::Options,
}

impl Cleaner {
    /// A builder with the default options: language detected per document, every rule on.
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder::default()
    }

    /// Cleans one document.
    pub fn clean<'h>(&self, input: &'h str) -> Cleaned<'h> {
        let a = self.analyse(input);
        let verdicts = classify::run(&a.doc(&self.inner.phrases), &self.inner.classify);
        assemble(
            input,
            &a.blocks,
            verdicts,
            a.language,
            &self.inner.normalize,
        )
    }

    /// Cleans one document of a site with what `memory` learned of the site's pages: lines
    /// it found on enough of them go as [`Reason::RepeatedOnSite`], unless the page itself
    /// reads them as its article's prose (a body paragraph the article model is sure of
    /// stays unless it is on more than [`SiteThresholds::prose_share`](crate::SiteThresholds)
    /// of the pages). Everything else is decided as [`clean`](Cleaner::clean) decides it; with
    /// a memory of fewer than two pages the result is exactly `clean`'s.
    ///
    /// Learn the memory with the same cleaner (or one that cuts blocks the same way: the
    /// same [`unwrap_lines`](CleanerBuilder::unwrap_lines)).
    ///
    /// ```
    /// use deboiler::{Cleaner, SiteMemory};
    ///
    /// let cleaner = Cleaner::builder().build()?;
    /// let pages = [
    ///     "Sign up for the morning briefing and get the day's news in your inbox at seven.\n\
    ///      Storm closes coastal road for the weekend as waves top the sea wall.",
    ///     "Sign up for the morning briefing and get the day's news in your inbox at seven.\n\
    ///      Museum returns a painting to the family that lost it eighty years ago.",
    ///     "Sign up for the morning briefing and get the day's news in your inbox at seven.\n\
    ///      Town hall clock stops after a hundred years, and the mayor promises repairs.",
    ///     "Sign up for the morning briefing and get the day's news in your inbox at seven.\n\
    ///      Ferry service resumes after the harbour wall is rebuilt in record time.",
    /// ];
    /// let memory = SiteMemory::learn(&cleaner, pages);
    /// let cleaned = cleaner.clean_with(&memory, pages[1]);
    /// assert_eq!(cleaned.text(), "Museum returns a painting to the family that lost it eighty years ago.");
    /// assert_eq!(cleaned.removals()[0].reason().name(), "repeated_on_site");
    /// // Without the memory, the page cannot tell its furniture.
    /// assert_eq!(cleaner.clean(pages[1]).removals().len(), 0);
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn clean_with<'h>(&self, memory: &SiteMemory, input: &'h str) -> Cleaned<'h> {
        if memory.pages < 2 {
            return self.clean(input);
        }
        let a = self.analyse(input);
        let t = memory.thresholds;
        let count = |i: usize| memory.count(site::line_hash(a.texts[i]));
        let evidence = classify::SiteEvidence {
            count: &count,
            pages: memory.pages,
            min_pages: t.min_pages,
            min_share: t.min_share,
            prose_share: t.prose_share,
        };
        let doc = a.doc(&self.inner.phrases);
        let verdicts = classify::run_with(&doc, &self.inner.classify, Some(&evidence));
        assemble(
            input,
            &a.blocks,
            verdicts,
            a.language,
            &self.inner.normalize,
        )
    }

    /// Cleans many documents, in order. With the `parallel` feature the documents are shared
    /// out over rayon's thread pool (the global one, or the pool this is called from); without
    /// it, this is the same as cleaning them one after another.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().build()?;
    /// let pages = ["First story.\nWe use cookies.", "Second story."];
    /// let cleaned = cleaner.clean_batch(&pages);
    /// assert_eq!(cleaned.len(), 2);
    /// assert_eq!(cleaned[0].text(), "First story.");
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn clean_batch<'h, S>(&self, docs: &'h [S]) -> Vec<Cleaned<'h>>
    where
        S: AsRef<str> + Sync,
    {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            // One document per task: documents are large enough (kilobytes) that rayon's
            // splitting costs nothing next to cleaning them.
            docs.par_iter().map(|d| self.clean(d.as_ref())).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            docs.iter().map(|d| self.clean(d.as_ref())).collect()
        }
    }

    /// Cleans documents as an iterator yields them, one at a time, on this thread: for streams
    /// too long to hold (a corpus read line by line). Each result borrows its input.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().build()?;
    /// let pages = vec!["One.".to_string(), "Two.".to_string()];
    /// let texts: Vec<String> = cleaner
    ///     .clean_iter(pages.iter().map(String::as_str))
    ///     .map(|c| c.text().into_owned())
    ///     .collect();
    /// assert_eq!(texts, ["One.", "Two."]);
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn clean_iter<'c, 'h, I>(&'c self, docs: I) -> impl Iterator<Item = Cleaned<'h>> + 'c
    where
        I: IntoIterator<Item = &'h str>,
        I::IntoIter: 'c,
        'h: 'c,
    {
        docs.into_iter().map(|d| self.clean(d))
    }

    /// Everything the rules need to know about a document: its blocks, phrase hits,
    /// language, script and block features.
    fn analyse<'h>(&self, input: &'h str) -> Analysis<'h> {
        let blocks = self.segment(input);
        let (language, script) = self.language_of(input, &blocks);
        let (texts, feats, hits, has_stoplist) =
            measure_all(&self.inner.phrases, input, &blocks, language, script);
        Analysis {
            blocks,
            texts,
            hits,
            feats,
            language,
            script,
            has_stoplist,
        }
    }

    /// Stage 1: the blocks.
    fn segment(&self, input: &str) -> Vec<Block> {
        segment::split(input, self.inner.normalize.unwrap)
    }

    /// Stage 2: the article's language (as given, or detected) and script.
    fn language_of(&self, input: &str, blocks: &[Block]) -> (Option<Language>, Script) {
        match self.inner.language {
            Some(l) => (Some(l), Script::of_language(l.0)),
            None => lang::document_language(input, blocks.iter().map(|b| b.start..b.end)),
        }
    }
}

/// Learning a site's memory needs the cleaner's way of cutting a page into blocks, so these
/// live beside it.
impl SiteMemory {
    /// The memory of a site learned from its pages (the batch form: learn from every page
    /// of the site, then [`clean_with`](Cleaner::clean_with) each one). The same pages give
    /// the same memory in any order. Each page's lines are hashed, not kept: the pages may be
    /// dropped once learned.
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().build()?;
    /// let a = deboiler::SiteMemory::learn(&cleaner, ["Home\nOne story.", "Home\nAnother."]);
    /// let b = deboiler::SiteMemory::learn(&cleaner, ["Home\nAnother.", "Home\nOne story."]);
    /// assert_eq!((a.pages(), a.pages_with("Home")), (2, 2));
    /// assert_eq!((b.pages(), b.pages_with("Home"), b.distinct_lines()), (2, 2, a.distinct_lines()));
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn learn<'p, I>(cleaner: &Cleaner, pages: I) -> SiteMemory
    where
        I: IntoIterator<Item = &'p str>,
    {
        let mut memory = SiteMemory::new();
        for page in pages {
            memory.observe(cleaner, page);
        }
        memory
    }

    /// Adds one page to the memory, for streams: observe each page as it comes, then
    /// [`clean_with`](Cleaner::clean_with) it. Warm-up: the early pages of a stream are
    /// judged by a memory of fewer pages (the first page, by a memory of itself alone, comes
    /// out as [`Cleaner::clean`] gives it, and a line needs
    /// [`SiteThresholds::min_pages`](crate::SiteThresholds) pages before it can go), so a
    /// stream removes less at its start than [`learn`](SiteMemory::learn) over all its pages
    /// would. Observing a page twice counts it twice.
    ///
    /// ```
    /// use deboiler::{Cleaner, SiteMemory};
    ///
    /// let cleaner = Cleaner::builder().build()?;
    /// let footer = "Read our newsletter every morning for the stories that matter to the city.";
    /// let mut memory = SiteMemory::new();
    /// let mut removed = Vec::new();
    /// let bodies = ["Bridge closes.", "Library opens.", "River floods.", "Mayor resigns."];
    /// for body in bodies {
    ///     let page = format!("{body}\n{footer}");
    ///     memory.observe(&cleaner, &page);
    ///     removed.push(cleaner.clean_with(&memory, &page).removals().len());
    /// }
    /// // The footer goes once it has been seen on four pages (the default min_pages).
    /// assert_eq!(removed, [0, 0, 0, 1]);
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn observe(&mut self, cleaner: &Cleaner, page: &str) {
        let blocks = cleaner.segment(page);
        self.observe_lines(blocks.iter().map(|b| b.text(page)));
    }
}

/// Stages 3 and 4 in one pass over each block's words: every block's text (sliced once for
/// every later stage), features and phrase hits, and whether the article's stoplist fits the
/// text.
fn measure_all<'h>(
    phrases: &PhraseSet,
    input: &'h str,
    blocks: &[Block],
    language: Option<Language>,
    script: Script,
) -> (
    Vec<&'h str>,
    Vec<features::BlockFeatures>,
    Vec<BlockHits>,
    bool,
) {
    let stop = language.and_then(|l| lang::stoplist(l.0));
    // Where the vote weighs the article's language, one lookup per word in the vote's table
    // gives both the article's stopwords and the vote the foreign check needs.
    let table = lang::VoteTable::for_script(script);
    let scratch = match language.and_then(|l| table.index_of(l)) {
        Some(article) if stop.is_some() => features::Scratch::with_vote(table, article),
        _ => features::Scratch::default(),
    };
    let scanner = phrases.scanner(language.map(|l| l.0));
    let mut scratch = scratch.with_anchors(scanner.anchors());
    let mut texts = Vec::with_capacity(blocks.len());
    let mut feats = Vec::with_capacity(blocks.len());
    let mut hits = Vec::with_capacity(blocks.len());
    for b in blocks {
        let text = b.text(input);
        texts.push(text);
        feats.push(features::BlockFeatures::default());
        let out = feats.last_mut().expect("just pushed");
        features::measure_into(text, stop, &mut scratch, out);
        // Most blocks have no phrase candidate: their hits are empty without a call.
        hits.push(BlockHits::default());
        let candidates = scratch.phrase_candidates();
        if !candidates.is_empty() || scanner.has_wordless() {
            let out = hits.last_mut().expect("just pushed");
            phrases.block_hits_into(scanner, text, candidates, out);
        }
    }
    let has_stoplist = stop.is_some() && stoplist_fits(&feats);
    (texts, feats, hits, has_stoplist)
}

/// Entry points to each stage of the pipeline, for the per-stage benchmarks
/// (`cargo bench --features stages --bench stages`). Not a stable API: the stages and what
/// passes between them change with the pipeline.
#[cfg(feature = "stages")]
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// The blocks of a text.
    pub struct Blocks(Vec<Block>);

    /// The language stage's answer.
    #[derive(Clone, Copy)]
    pub struct LanguageOf(Option<Language>, Script);

    /// Everything before the rules.
    pub struct Analysed<'h>(Analysis<'h>);

    /// The rules' verdicts.
    pub struct Verdicts(Vec<Verdict>);

    /// Splits the text into blocks (hard-wrapped lines joined when the cleaner unwraps).
    pub fn segment(c: &Cleaner, input: &str) -> Blocks {
        Blocks(c.segment(input))
    }

    /// Finds the article's language (or takes the cleaner's).
    pub fn language(c: &Cleaner, input: &str, b: &Blocks) -> LanguageOf {
        let (l, s) = c.language_of(input, &b.0);
        LanguageOf(l, s)
    }

    /// Every block's features, stopword vote and phrase hits; returns the number of words
    /// and of blocks with a phrase hit.
    pub fn features(c: &Cleaner, input: &str, b: &Blocks, l: LanguageOf) -> (u32, usize) {
        let (_, feats, hits, _) = measure_all(&c.inner.phrases, input, &b.0, l.0, l.1);
        (
            feats.iter().map(|f| f.f.words).sum(),
            hits.iter().filter(|h| h.categories != 0).count(),
        )
    }

    /// Stages 1 to 4, ready for the rules.
    pub fn analyse<'h>(c: &Cleaner, input: &'h str) -> Analysed<'h> {
        Analysed(c.analyse(input))
    }

    /// The rules, the article model and the foreign check.
    pub fn classify(c: &Cleaner, _input: &str, a: &Analysed) -> Verdicts {
        Verdicts(classify::run(&a.0.doc(&c.inner.phrases), &c.inner.classify))
    }

    /// Normalises the kept blocks and collects the removals.
    pub fn assemble<'h>(c: &Cleaner, input: &'h str, a: &Analysed, v: &Verdicts) -> Cleaned<'h> {
        super::assemble(
            input,
            &a.0.blocks,
            v.0.clone(),
            a.0.language,
            &c.inner.normalize,
        )
    }
}

/// What `Cleaner::analyse` found in a document.
struct Analysis<'h> {
    blocks: Vec<Block>,
    /// Each block's text.
    texts: Vec<&'h str>,
    hits: Vec<crate::patterns::BlockHits>,
    feats: Vec<features::BlockFeatures>,
    language: Option<Language>,
    script: Script,
    has_stoplist: bool,
}

impl<'h> Analysis<'h> {
    fn doc<'a>(&'a self, phrases: &'a PhraseSet) -> Doc<'a> {
        Doc {
            blocks: &self.blocks,
            texts: &self.texts,
            feats: &self.feats,
            hits: &self.hits,
            phrases,
            language: self.language,
            script: self.script,
            has_stoplist: self.has_stoplist,
        }
    }
}

/// One block as the offline model-fitting dump sees it.
#[cfg(test)]
pub(crate) struct DebugBlock<'h> {
    pub text: &'h str,
    /// Tab-separated feature values (see `Cleaner::debug_blocks` for the columns).
    pub fields: String,
}

#[cfg(test)]
impl Cleaner {
    /// Every block with its features and the rules' verdict, for the model-fitting dump.
    /// Columns: kept, chars, wchars, words, stopwords, letters, digits, capitalized, urls,
    /// handles, ends_sentence, list_marker, coverage, phrase_categories, strong, same_script,
    /// has_stoplist, prose_density, gap_before.
    pub(crate) fn debug_blocks<'h>(&self, input: &'h str) -> Vec<DebugBlock<'h>> {
        let a = self.analyse(input);
        let doc = a.doc(&self.inner.phrases);
        let verdicts = classify::run(&doc, &self.inner.classify);
        let (blocks, feats, hits, script, has_stoplist) =
            (&a.blocks, &a.feats, &a.hits, a.script, a.has_stoplist);
        let prose = doc.prose_density().unwrap_or(-1.0);
        (0..blocks.len())
            .map(|i| {
                let f = &feats[i].f;
                let fields = format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}\t{:.3}\t{}",
                    verdicts[i].is_keep() as u8,
                    f.chars,
                    feats[i].weighted_chars(),
                    f.words,
                    f.stopwords,
                    f.letters,
                    f.digits,
                    f.capitalized,
                    f.urls,
                    f.handles,
                    f.ends_sentence as u8,
                    f.list_marker as u8,
                    doc.coverage(i),
                    hits[i].categories,
                    hits[i].strong.is_some() as u8,
                    (feats[i].dominant_script().0 == script) as u8,
                    has_stoplist as u8,
                    prose,
                    blocks[i].gap_before as u8,
                );
                DebugBlock {
                    text: blocks[i].text(input),
                    fields,
                }
            })
            .collect()
    }
}

/// Whether the stoplist describes this document: its long sentence-ending blocks are not
/// almost free of stopwords (as they are in Lorem ipsum, or when detection named a language
/// whose list does not fit the text). Where it does not, the rules fall back to shape.
fn stoplist_fits(feats: &[features::BlockFeatures]) -> bool {
    let (words, stops) = features::prose_stopwords(feats);
    words < 50 || stops as f32 >= 0.12 * words as f32
}

/// Normalises the kept blocks and collects the removals.
fn assemble<'h>(
    input: &'h str,
    blocks: &[Block],
    verdicts: Vec<Verdict>,
    language: Option<Language>,
    opts: &normalize::Options,
) -> Cleaned<'h> {
    // Sized once: most pages have hundreds of each, which pushing would grow in a dozen steps.
    let kept = verdicts.iter().filter(|v| v.is_keep()).count();
    let mut paragraphs = Vec::with_capacity(kept);
    let mut removals = Vec::with_capacity(verdicts.len() - kept);
    let mut cuts = Vec::new();
    for (block, verdict) in blocks.iter().zip(verdicts) {
        match verdict {
            Verdict::Remove(reason) => removals.push(Removal {
                span: block.start..block.end,
                text: block.text(input),
                reason,
            }),
            Verdict::Keep => {
                cuts.clear();
                // Trimmed again: with `tidy_spaces(false)`, removing an invisible or
                // control character can leave a space at an edge (`"the \u{200b}"`).
                let para = trim(normalize::paragraph(block.text(input), opts, &mut cuts));
                for cut in &cuts {
                    let span = block.start + cut.start..block.start + cut.end;
                    removals.push(Removal {
                        text: &input[span.clone()],
                        span,
                        reason: Reason::CitationMarker,
                    });
                }
                if !para.is_empty() {
                    paragraphs.push(para);
                }
            }
        }
    }
    Cleaned {
        paragraphs,
        removals,
        language,
    }
}

/// The paragraph without surrounding whitespace, still borrowed where it was.
fn trim(para: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    match para {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.trim()),
        std::borrow::Cow::Owned(s) if s.trim().len() == s.len() => std::borrow::Cow::Owned(s),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.trim().to_string()),
    }
}

/// Writes every block's features and rule verdict for the dev corpus, for fitting the
/// region model offline: `DEBOILER_DUMP=/tmp/blocks.tsv cargo test --release dump -- --ignored`.
#[cfg(test)]
mod dump {
    use std::collections::HashSet;
    use std::fmt::Write as _;

    #[test]
    #[ignore = "writes a data file; run by hand when refitting the model"]
    fn dump() {
        let Ok(out_path) = std::env::var("DEBOILER_DUMP") else {
            return;
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let cleaner = super::Cleaner::builder()
            .find_article(false)
            .build()
            .unwrap();
        let mut out = String::new();
        let mut dirs: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        dirs.sort();
        for dir in dirs.iter().filter(|p| p.is_dir()) {
            let ds = dir.file_name().unwrap().to_string_lossy().to_string();
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            for gold_path in files
                .iter()
                .filter(|p| p.to_string_lossy().ends_with(".gold.txt"))
            {
                let id = gold_path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .trim_end_matches(".gold.txt")
                    .to_string();
                let gold = String::from_utf8_lossy(&std::fs::read(gold_path).unwrap()).into_owned();
                let page =
                    String::from_utf8_lossy(&std::fs::read(dir.join(format!("{id}.txt"))).unwrap())
                        .into_owned();
                let gold_lines: HashSet<&str> = gold.lines().map(str::trim).collect();
                // The whole page, and the page cut to three lines around its gold body (the
                // evaluate example's "cut" input).
                let lines: Vec<&str> = page.lines().collect();
                let hits: Vec<usize> = (0..lines.len())
                    .filter(|&i| {
                        gold_lines.contains(lines[i].trim()) && !lines[i].trim().is_empty()
                    })
                    .collect();
                let cut = match (hits.first(), hits.last()) {
                    (Some(&a), Some(&b)) => {
                        Some(lines[a.saturating_sub(3)..(b + 4).min(lines.len())].join("\n"))
                    }
                    _ => None,
                };
                for (suffix, text) in [("", Some(page.clone())), ("#cut", cut)] {
                    let Some(text) = text else { continue };
                    let doc_rows = cleaner.debug_blocks(&text);
                    for (i, row) in doc_rows.iter().enumerate() {
                        let label = gold_lines.contains(row.text) as u8;
                        let line = row.text.replace(['\t', '\n'], " ");
                        let _ = writeln!(
                            out,
                            "{ds}\t{id}{suffix}\t{i}\t{label}\t{}\t{}",
                            row.fields, line
                        );
                    }
                }
            }
        }
        std::fs::write(out_path, out).unwrap();
    }
}
