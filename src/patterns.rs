//! Phrase packs compiled into scanners, one per language, found from the words the feature
//! pass reads.
//!
//! Every phrase has an *anchor*: one of its words, the least common-looking (not a stopword,
//! the longest). The feature pass looks each word of the page up in a table of anchors (the
//! same lookup as the stopword vote's: the two tables are merged per script); where a word is
//! an anchor and the text at the place a phrase with that anchor would start begins like the
//! phrase (its first eight bytes, folded), the phrase is a *candidate* there. A phrase on whole
//! words always holds its anchor as a whole word, so the candidates include every match an
//! unanchored pass over the page would find, at the cost of a table probe per word rather than
//! an automaton step per byte. Each candidate is then compared in place, ignoring ASCII case;
//! at each start the longest on word boundaries wins (a test checks this against an
//! Aho-Corasick automaton searching the whole text for every pattern).
//!
//! Candidates are few (about 6,600 per MiB of page text, nine in ten of them matches), so
//! comparing them costs less than running an automaton from each: an anchored Aho-Corasick
//! search cost about 60 ns a candidate (5% of the pipeline), a comparison a few. Patterns
//! without a letter or digit (a user's `* * *`), which no word can anchor, are searched for
//! with an Aho-Corasick automaton over each block.
//!
//! Packs are data files (`src/phrases/<lang>.txt`) in a small format:
//!
//! ```text
//! # a comment
//! [cookie]            plain phrases: they remove a line only when they make up most of it
//! Cookie settings
//! [cookie strong]     strong phrases: one occurrence marks a short line as furniture
//! we use cookies
//! ```
//!
//! Matching is ASCII case-insensitive and on whole words. Non-ASCII phrases are also added in
//! lower, title and upper case so that `Ähnliche Artikel` matches `ÄHNLICHE ARTIKEL`.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use whatlang::Lang;

use crate::cleaned::Category;
use crate::error::Error;
use crate::lang::{self, SCRIPTS, Script, VoteTable};
use crate::words::{self, KeyTable, swar};

/// One phrase of a pack.
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    pub text: Arc<str>,
    pub category: Category,
    pub strong: bool,
}

/// The built-in packs, one per language, compiled into every cleaner. English comes first:
/// its phrases are scanned for on every page, whatever its language (English furniture is
/// everywhere on the web); another pack only on pages in its language.
const BUILTIN_PACKS: &[(Lang, &str, &str)] = &[
    (Lang::Eng, "phrases/en.txt", include_str!("phrases/en.txt")),
    (Lang::Deu, "phrases/de.txt", include_str!("phrases/de.txt")),
    (Lang::Fra, "phrases/fr.txt", include_str!("phrases/fr.txt")),
    (Lang::Spa, "phrases/es.txt", include_str!("phrases/es.txt")),
    (Lang::Ita, "phrases/it.txt", include_str!("phrases/it.txt")),
    (Lang::Por, "phrases/pt.txt", include_str!("phrases/pt.txt")),
    (Lang::Nld, "phrases/nl.txt", include_str!("phrases/nl.txt")),
    (Lang::Pol, "phrases/pl.txt", include_str!("phrases/pl.txt")),
    (Lang::Rus, "phrases/ru.txt", include_str!("phrases/ru.txt")),
    (Lang::Ukr, "phrases/uk.txt", include_str!("phrases/uk.txt")),
    (Lang::Ces, "phrases/cs.txt", include_str!("phrases/cs.txt")),
    (Lang::Swe, "phrases/sv.txt", include_str!("phrases/sv.txt")),
    (Lang::Tur, "phrases/tr.txt", include_str!("phrases/tr.txt")),
    (Lang::Jpn, "phrases/ja.txt", include_str!("phrases/ja.txt")),
    (Lang::Cmn, "phrases/zh.txt", include_str!("phrases/zh.txt")),
];

/// Parses a pack. Errors name the pack and the 1-based line.
pub(crate) fn parse_pack(name: &str, text: &str, out: &mut Vec<Phrase>) -> Result<(), PackError> {
    let mut section: Option<(Category, bool)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| PackError {
            pack: name.to_string(),
            line: i + 1,
            message,
        };
        if let Some(head) = line.strip_prefix('[') {
            let head = head
                .strip_suffix(']')
                .ok_or_else(|| err(format!("section header {line:?} lacks its closing `]`")))?;
            let mut words = head.split_whitespace();
            let cat_name = words.next().unwrap_or("");
            let category = Category::from_name(cat_name).ok_or_else(|| {
                err(format!(
                    "unknown category {cat_name:?}; expected one of {}",
                    Category::ALL.map(|(_, n)| n).join(", ")
                ))
            })?;
            let strong = match words.next() {
                None => false,
                Some("strong") => true,
                Some(other) => {
                    return Err(err(format!(
                        "unknown section flag {other:?}; the only flag is \"strong\""
                    )));
                }
            };
            section = Some((category, strong));
            continue;
        }
        let (category, strong) =
            section.ok_or_else(|| err("phrase before any [category] header".to_string()))?;
        out.push(Phrase {
            text: Arc::from(line),
            category,
            strong,
        });
    }
    Ok(())
}

/// A malformed phrase pack line.
#[derive(Debug)]
pub(crate) struct PackError {
    pub pack: String,
    pub line: usize,
    pub message: String,
}

/// All phrases of a cleaner, and the scanners that find them: one per built-in pack, built on
/// first use, each holding the user's phrases, the English pack and the pack itself.
///
/// A page is scanned with the scanner of its language, so a scan weighs a tenth of the
/// phrases. Each scanner is its patterns and a table of anchors, built in about a
/// millisecond, where an automaton run anchored at the candidates (a contiguous NFA) took
/// 4-9 ms and one to run over every byte (a DFA) 5-30 MB and 20-90 ms.
#[derive(Debug)]
pub(crate) struct PhraseSet {
    /// The user's phrases first, then each built-in pack's, in `BUILTIN_PACKS` order.
    phrases: Vec<Phrase>,
    /// Where each built-in pack's phrases are in `phrases`.
    packs: Vec<(Lang, Range<u32>)>,
    /// How many of `phrases` are the user's.
    user: u32,
    /// The user's phrases and the English pack.
    english: Scanner,
    /// The scanner of each other pack (by pack index), built on first use; `None` if it
    /// could not be built, and the English one serves instead.
    others: Vec<OnceLock<Option<Scanner>>>,
}

/// The patterns of a language's phrases, and the anchors that say where each may start.
#[derive(Debug)]
pub(crate) struct Scanner {
    /// The patterns with a word, compared in place at the starts their anchors give.
    patterns: Vec<Pattern>,
    /// The anchor table of `patterns`.
    anchors: Anchors,
    /// Patterns without a letter or digit (a user may add `***`): no word can anchor them,
    /// so an automaton searches every block for them. `None` when there are none, as in
    /// every built-in pack.
    wordless: Option<(AhoCorasick, Vec<Hit>)>,
}

impl Scanner {
    /// The anchor table, for the feature pass to look its words up in.
    pub fn anchors(&self) -> &Anchors {
        &self.anchors
    }

    /// Whether it has patterns without a word, which every block is searched for.
    pub fn has_wordless(&self) -> bool {
        self.wordless.is_some()
    }

    /// The longest of `candidates` (all starting at the same place) that `text` holds there,
    /// ignoring ASCII case, on word boundaries.
    fn longest_at(&self, text: &str, candidates: &[Candidate]) -> Option<(Range<usize>, Hit)> {
        let mut best: Option<(Range<usize>, Hit)> = None;
        for c in candidates {
            let pattern = &self.patterns[c.pattern as usize];
            let range = c.start..c.start + pattern.lower.len();
            let longer = best.as_ref().is_none_or(|(b, _)| range.end > b.end);
            if longer
                && text.as_bytes().get(range.clone()).is_some_and(|bytes| {
                    swar::eq_ignore_ascii_case(bytes, pattern.lower.as_bytes())
                })
                && on_word_boundaries(text, range.start, range.end)
            {
                best = Some((range, pattern.hit));
            }
        }
        best
    }
}

/// One case variant of a phrase, as the scanner compares it.
#[derive(Debug)]
struct Pattern {
    /// The variant in ASCII lower case (which is all the comparison ignores).
    lower: Box<str>,
    hit: Hit,
}

/// What a pattern's match adds to a block's hits: its phrase (an index into
/// `PhraseSet::phrases`) and the letters and digits it covers (a match differs from the
/// pattern in ASCII case at most, so they are counted once, not at every hit), with what the
/// hits need of the phrase, so that a match does not look the phrase up.
#[derive(Clone, Copy, Debug)]
struct Hit {
    phrase: u32,
    covered: u32,
    /// The phrase's [`Category::bit`].
    category: u16,
    strong: bool,
    /// Whether the phrase has two words or more.
    multiword: bool,
}

impl Hit {
    fn of(phrases: &[Phrase], phrase: u32, variant: &str) -> Hit {
        let p = &phrases[phrase as usize];
        Hit {
            phrase,
            covered: letters_and_digits(variant),
            category: p.category.bit(),
            strong: p.strong,
            multiword: is_multiword(&p.text),
        }
    }
}

/// Whether a phrase has two words or more.
fn is_multiword(phrase: &str) -> bool {
    phrase.contains(' ')
}

/// Anchor words -> where each pattern they anchor would start, and what its first bytes are.
///
/// Keyed by [`words::folded_key`]; keys of different words may collide, which costs a check
/// of a pattern's first bytes, never a wrong match.
#[derive(Debug)]
pub(crate) struct Anchors {
    /// Key -> the range of its sites in `sites`.
    keys: KeyTable<(u32, u32)>,
    /// The distinct sites of each key's patterns.
    sites: Vec<Site>,
    /// `keys` merged with the stopword vote's table of each script, built on first use.
    with_votes: Vec<OnceLock<KeyTable<WordEntry>>>,
}

/// A word's entry in [`Anchors::with_vote`]: its bits in the vote table (0 for a word of
/// more than 8 bytes, whose entry the table does not hold) and the range of its sites.
pub(crate) type WordEntry = (u64, u32, u32);

/// Where a pattern starts relative to its anchor word, and a cheap test of eight of its bytes:
/// an anchor word is often a common one (`more` of "More from", `comments` of "Comments are
/// closed"), and the test turns away nearly all of its occurrences in prose before the pattern
/// is compared. The eight bytes tested are those with the most of the pattern outside its
/// anchor word (the anchor word is known to be there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Site {
    /// Bytes from the pattern's start to the anchor word's.
    offset: u32,
    /// The pattern's length in bytes.
    len: u32,
    /// The [`words::folded_key`] of the tested bytes: equal for the text's bytes there
    /// wherever the pattern matches, ignoring ASCII case.
    key: u64,
    /// Where the tested bytes (up to eight) start in the pattern.
    at: u32,
    /// The pattern's index in its scanner.
    pattern: u32,
    /// Whether the pattern is its anchor word alone, of ASCII letters and digits and at most
    /// 8 bytes: the word's key is then the word itself, and where the feature pass finds the
    /// anchor as a word of the pattern's length, the pattern matches ([`Candidate::sure`]).
    whole: bool,
}

impl Site {
    /// The site of `pattern` (index `index` in its scanner) for its anchor word at `word`.
    fn of(pattern: &str, index: u32, word: Range<usize>) -> Site {
        let bytes = pattern.as_bytes();
        let outside = |at: usize| {
            (at..(at + 8).min(bytes.len()))
                .filter(|i| !word.contains(i))
                .count()
        };
        // The first of the windows with the most bytes outside the anchor word.
        let at = (0..bytes.len().saturating_sub(7).max(1))
            .rev()
            .max_by_key(|&at| outside(at))
            .unwrap_or(0);
        Site {
            offset: word.start as u32,
            len: bytes.len() as u32,
            key: words::folded_key(&bytes[at..(at + 8).min(bytes.len())]),
            at: at as u32,
            pattern: index,
            whole: (1..=8).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_alphanumeric),
        }
    }

    /// Where the pattern would start for an anchor word at `word` in `text`, if the text
    /// there could hold it (it fits, and its tested bytes agree, ignoring ASCII case), with
    /// the pattern's index.
    #[inline]
    pub fn start_in(&self, text: &[u8], word: Range<usize>) -> Option<Candidate> {
        let start = word.start.checked_sub(self.offset as usize)?;
        let end = start + self.len as usize;
        if end > text.len() {
            return None;
        }
        let from = start + self.at as usize;
        if words::folded_key(&text[from..end.min(from + 8)]) != self.key {
            return None;
        }
        Some(Candidate {
            start,
            pattern: self.pattern,
            // The word is the pattern's length, and its bytes are the pattern's.
            sure: self.whole && word.len() == self.len as usize,
        })
    }
}

impl Anchors {
    fn new(entries: &[(u64, Site)]) -> Anchors {
        let mut entries = entries.to_vec();
        entries.sort_unstable();
        entries.dedup();
        let mut sites = Vec::with_capacity(entries.len());
        let mut keys = Vec::new();
        for group in entries.chunk_by(|a, b| a.0 == b.0) {
            let start = sites.len() as u32;
            sites.extend(group.iter().map(|&(_, site)| site));
            keys.push((group[0].0, (start, sites.len() as u32)));
        }
        Anchors {
            keys: KeyTable::new(keys, |_, new| new),
            sites,
            with_votes: (0..SCRIPTS).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The anchors and the short words of a vote table in one table, so that the feature pass
    /// looks a word up once for both (a lookup is a chain of dependent loads, and a page has
    /// a word every six bytes). Built for each script on first use.
    pub fn with_vote(&self, votes: &VoteTable) -> &KeyTable<WordEntry> {
        self.with_votes[votes.script() as usize].get_or_init(|| {
            let words = votes.short_entries().map(|(key, bits)| (key, (bits, 0, 0)));
            let anchors = self.keys.entries().map(|(key, (a, b))| (key, (0, a, b)));
            KeyTable::new(words.chain(anchors), |x, y| {
                let sites = if y.2 > y.1 { (y.1, y.2) } else { (x.1, x.2) };
                (x.0 | y.0, sites.0, sites.1)
            })
        })
    }

    /// The sites of an entry of [`with_vote`](Self::with_vote).
    #[inline]
    pub fn sites_of(&self, entry: WordEntry) -> &[Site] {
        &self.sites[entry.1 as usize..entry.2 as usize]
    }

    /// The candidates of a text read word by word as the anchors were made ([`words`], each
    /// lower-cased and keyed): what the feature pass finds in the same text, more slowly. For
    /// testing the scanner without the feature pass, and the feature pass against it.
    #[cfg(test)]
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        for (span, ascii) in words(text) {
            let lower = lower_case(&text[span.clone()], ascii);
            let sites = self.sites(words::folded_key(lower.as_bytes()));
            out.extend(
                sites
                    .iter()
                    .filter_map(|site| site.start_in(text.as_bytes(), span.clone())),
            );
        }
        out
    }

    /// The sites of the patterns anchored by the word with `key`; empty for most words.
    #[inline]
    pub fn sites(&self, key: u64) -> &[Site] {
        match self.keys.get(key) {
            Some((start, end)) => &self.sites[start as usize..end as usize],
            None => &[],
        }
    }
}

/// A pattern that may start at `start` in a block: its anchor word is in place and its first
/// bytes agree. Ordered by start, then pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Candidate {
    pub start: usize,
    pub pattern: u32,
    /// Whether the pattern is there for sure: it is a word of ASCII letters and digits of at
    /// most 8 bytes (whose key is the word itself), and the feature pass found a word with
    /// its key, which ends where the text's run of letters and digits does.
    pub sure: bool,
}

/// What the phrases found in one block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct BlockHits {
    /// Letters and digits covered by hits.
    pub covered: u32,
    /// The first strong hit, as a phrase index.
    pub strong: Option<u32>,
    /// The hit covering the most letters, as a phrase index.
    pub main: Option<u32>,
    /// How many different phrases of two or more words hit (single words are too common to
    /// count as evidence by number, and a phrase repeated is one piece of evidence: an
    /// article about social media says "social media" often).
    pub multiword: u32,
    /// Letters and digits covered by the `main` hit.
    pub main_covered: u32,
    /// Bit set of the categories hit.
    pub categories: u16,
    /// The phrase the block starts with, if it starts with one.
    pub leading: Option<u32>,
}

impl PhraseSet {
    /// Compiles the user's phrases and the built-in packs. The user's come first, so that
    /// where a user phrase is also a built-in one, the user's category and strength win.
    pub fn build(extra: &[Phrase]) -> Result<PhraseSet, Error> {
        let mut phrases = extra.to_vec();
        let user = phrases.len() as u32;
        let mut packs = Vec::with_capacity(BUILTIN_PACKS.len());
        for &(lang, name, text) in BUILTIN_PACKS {
            let start = phrases.len() as u32;
            parse_pack(name, text, &mut phrases).map_err(|e| Error::Automaton {
                message: format!("built-in pack {} line {}: {}", e.pack, e.line, e.message),
            })?;
            packs.push((lang, start..phrases.len() as u32));
        }
        // The English scanner serves every page without a pack of its own; building it now
        // checks the user's phrases, so that `clean` never meets an automaton error.
        let english = compile(&phrases, &[0..user, packs[0].1.clone()], &[Lang::Eng])?;
        Ok(PhraseSet {
            others: BUILTIN_PACKS.iter().map(|_| OnceLock::new()).collect(),
            phrases,
            packs,
            user,
            english,
        })
    }

    /// The scanner for a page (or a block) in `language`: its pack's, or the English one.
    pub fn scanner(&self, language: Option<Lang>) -> &Scanner {
        let pack = language
            .and_then(|l| self.packs.iter().position(|(p, _)| *p == l))
            .unwrap_or(0);
        if pack == 0 {
            return &self.english;
        }
        // Building could only fail on a limit no built-in pack comes near; the English scanner
        // is then the last resort.
        self.others[pack]
            .get_or_init(|| {
                let (lang, ref range) = self.packs[pack];
                let ranges = [0..self.user, self.packs[0].1.clone(), range.clone()];
                compile(&self.phrases, &ranges, &[Lang::Eng, lang]).ok()
            })
            .as_ref()
            .unwrap_or(&self.english)
    }

    /// The phrase with index `i`.
    pub fn phrase(&self, i: u32) -> &Phrase {
        &self.phrases[i as usize]
    }

    /// How many phrases the set holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// A block's hits, from the candidates its anchor words gave (in any order; left
    /// sorted). Matches are taken leftmost first, the longest at each start, none overlapping
    /// the one before, and only on whole words.
    pub fn block_hits(
        &self,
        scanner: &Scanner,
        text: &str,
        candidates: &mut [Candidate],
    ) -> BlockHits {
        let mut hits = BlockHits::default();
        self.block_hits_into(scanner, text, candidates, &mut hits);
        hits
    }

    /// [`block_hits`](Self::block_hits) into `hits` (all default): the feature pass writes
    /// each block's hits where they are kept.
    pub fn block_hits_into(
        &self,
        scanner: &Scanner,
        text: &str,
        candidates: &mut [Candidate],
        hits: &mut BlockHits,
    ) {
        if scanner.wordless.is_none() {
            // The usual block: only single words that are there for sure, in order (each
            // word of the block gives at most one). They neither overlap nor need comparing.
            if candidates.is_sorted_by(|a, b| a.start < b.start)
                && candidates.iter().all(|c| c.sure)
            {
                let mut counted = Counted::default();
                for c in candidates.iter() {
                    let hit = scanner.patterns[c.pattern as usize].hit;
                    Self::add(hits, &mut counted, c.start, hit);
                }
                return;
            }
        }
        candidates.sort_unstable();
        let mut counted = Counted::default();
        let mut taken_to = 0;
        let mut wordless = scanner
            .wordless
            .as_ref()
            .map(|(automaton, hits)| (automaton.find_iter(text).peekable(), hits));
        let mut anchored = candidates.chunk_by(|a, b| a.start == b.start).peekable();
        loop {
            // The next match of either kind, leftmost first.
            let next_wordless = wordless
                .as_mut()
                .and_then(|(it, _)| it.peek().map(|m| m.start()));
            let next_anchored = anchored.peek().map(|group| group[0].start);
            let found = match (next_anchored, next_wordless) {
                (None, None) => break,
                (Some(a), w) if w.is_none_or(|w| a <= w) => {
                    let group = anchored.next().expect("peeked");
                    if a < taken_to {
                        continue;
                    }
                    scanner.longest_at(text, group)
                }
                _ => {
                    let (it, wordless_hits) = wordless.as_mut().expect("peeked");
                    let m = it.next().expect("peeked");
                    (m.start() >= taken_to && on_word_boundaries(text, m.start(), m.end()))
                        .then(|| (m.range(), wordless_hits[m.pattern().as_usize()]))
                }
            };
            if let Some((range, hit)) = found {
                Self::add(hits, &mut counted, range.start, hit);
                taken_to = range.end;
            }
        }
    }

    /// Adds a match at `start` to a block's hits.
    fn add(hits: &mut BlockHits, counted: &mut Counted, start: usize, hit: Hit) {
        if start == 0 {
            hits.leading = Some(hit.phrase);
        }
        if hit.covered > hits.main_covered {
            hits.main_covered = hit.covered;
            hits.main = Some(hit.phrase);
        }
        hits.covered += hit.covered;
        if hit.multiword && !counted.0.contains(&hit.phrase) {
            if let Some(slot) = counted.0.iter_mut().find(|s| **s == u32::MAX) {
                *slot = hit.phrase;
            }
            hits.multiword += 1;
        }
        hits.categories |= hit.category;
        if hit.strong && hits.strong.is_none() {
            hits.strong = Some(hit.phrase);
        }
    }
}

/// The multi-word phrases a block's hits already counted (the first few: the dense rule
/// needs three).
struct Counted([u32; 4]);

impl Default for Counted {
    fn default() -> Counted {
        Counted([u32::MAX; 4])
    }
}

/// The letters and digits of a text.
fn letters_and_digits(text: &str) -> u32 {
    text.chars()
        .filter(|&c| words::is_letter_or_digit(c))
        .count() as u32
}

/// Compiles the phrases in `ranges` into one scanner, choosing anchors that are not
/// stopwords of `languages` where a phrase has such a word.
fn compile(
    phrases: &[Phrase],
    ranges: &[Range<u32>],
    languages: &[Lang],
) -> Result<Scanner, Error> {
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut wordless: Vec<String> = Vec::new();
    let mut wordless_hits = Vec::new();
    let mut anchors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let stoplists: Vec<_> = languages
        .iter()
        .filter_map(|&l| lang::stoplist(l))
        .collect();
    let common = |lower: &str| stoplists.iter().any(|s| s.contains(lower));
    for i in ranges.iter().cloned().flatten() {
        for variant in case_variants(&phrases[i as usize].text) {
            if !seen.insert(variant.to_ascii_lowercase()) {
                continue;
            }
            let hit = Hit::of(phrases, i, &variant);
            match anchor(&variant, &common) {
                Some((key, word)) => {
                    let index = patterns.len() as u32;
                    anchors.push((key, Site::of(&variant, index, word)));
                    patterns.push(Pattern {
                        lower: variant.to_ascii_lowercase().into_boxed_str(),
                        hit,
                    });
                }
                None => {
                    wordless_hits.push(hit);
                    wordless.push(variant);
                }
            }
        }
    }
    let wordless = if wordless.is_empty() {
        None
    } else {
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&wordless)
            .map_err(|e| Error::Automaton {
                message: e.to_string(),
            })?;
        Some((automaton, wordless_hits))
    };
    Ok(Scanner {
        patterns,
        anchors: Anchors::new(&anchors),
        wordless,
    })
}

/// A pattern's anchor: the key of its rarest-looking word (not `common`, then the longest,
/// then the first) and where the word is in the pattern. `None` for a pattern without
/// a word. Words are read as the feature pass reads them ([`words`](fn@words)).
fn anchor(pattern: &str, common: &dyn Fn(&str) -> bool) -> Option<(u64, Range<usize>)> {
    let mut best: Option<((bool, usize), u64, Range<usize>)> = None;
    for (span, ascii) in words(pattern) {
        let lower = lower_case(&pattern[span.clone()], ascii);
        let rank = (!common(&lower), lower.len());
        if best.as_ref().is_none_or(|(r, _, _)| rank > *r) {
            best = Some((rank, words::folded_key(lower.as_bytes()), span));
        }
    }
    best.map(|(_, key, word)| (key, word))
}

/// The words of a text as [`measure`](crate::classify::features::measure) reads them: runs of letters and digits, each ideograph,
/// kana or Thai letter a word of its own; with whether the word is ASCII. For building tables
/// that the pass looks its words up in (phrase anchors), not for the pass itself.
pub(crate) fn words(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut word: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            words::is_letter_or_digit(c)
        };
        if alnum && Script::of(c).spaced() {
            let ascii = c.is_ascii();
            word = Some(word.map_or((i, ascii), |(start, a)| (start, a && ascii)));
            continue;
        }
        if let Some((start, ascii)) = word.take() {
            out.push((start..i, ascii));
        }
        if alnum {
            out.push((i..i + c.len_utf8(), false));
        }
    }
    if let Some((start, ascii)) = word {
        out.push((start..text.len(), ascii));
    }
    out
}

/// A word of [`words`](fn@words) in lower case, as its key is taken.
fn lower_case(word: &str, ascii: bool) -> String {
    if ascii {
        word.to_ascii_lowercase()
    } else {
        word.chars().flat_map(char::to_lowercase).collect()
    }
}

/// The phrase as written, plus lower, title and upper case forms when it has non-ASCII
/// letters (the automaton folds ASCII case only), each also with the other apostrophe (`'`
/// and `’`) and with a no-break space before `:` (French typography), so that the input never
/// needs folding.
fn case_variants(text: &str) -> Vec<String> {
    let mut out = cased(text);
    let typographic: Vec<String> = out
        .iter()
        .flat_map(|v| {
            let mut more = Vec::new();
            if v.contains('\'') {
                more.push(v.replace('\'', "’"));
            }
            if v.contains('’') {
                more.push(v.replace('’', "'"));
            }
            if v.contains(" :") {
                more.push(v.replace(" :", "\u{a0}:"));
            }
            more
        })
        .collect();
    out.extend(typographic);
    out
}

/// The phrase as written, and its lower, title and upper case forms when it has non-ASCII
/// letters.
fn cased(text: &str) -> Vec<String> {
    let mut out = vec![text.to_string()];
    if !text.is_ascii() {
        let lower = text.to_lowercase();
        let mut title = String::with_capacity(lower.len());
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            title.extend(first.to_uppercase());
            title.push_str(chars.as_str());
        }
        out.extend([lower, title, text.to_uppercase()]);
    }
    out
}

/// Whether a match does not start or end inside a word.
fn on_word_boundaries(input: &str, start: usize, end: usize) -> bool {
    let bytes = input.as_bytes();
    // Both edges and their neighbours ASCII (a match is never empty): the bytes decide.
    if let (Some(&first), Some(&last)) = (bytes.get(start), bytes.get(end.wrapping_sub(1))) {
        let before = start.checked_sub(1).map_or(b' ', |i| bytes[i]);
        let after = bytes.get(end).copied().unwrap_or(b' ');
        if (first | last | before | after).is_ascii() && start < end {
            let word = |b: u8| b.is_ascii_alphanumeric();
            return (!word(first) || !word(before)) && (!word(last) || !word(after));
        }
    }
    on_word_boundaries_by_chars(input, start, end)
}

/// [`on_word_boundaries`] a character at a time.
fn on_word_boundaries_by_chars(input: &str, start: usize, end: usize) -> bool {
    let word = words::is_letter_or_digit;
    let m = &input[start..end];
    let first_is_word = m.chars().next().is_some_and(word);
    let last_is_word = m.chars().next_back().is_some_and(word);
    let before_ok = !first_is_word || !input[..start].chars().next_back().is_some_and(word);
    let after_ok = !last_is_word || !input[end..].chars().next().is_some_and(word);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment;

    /// Word boundaries read from ASCII bytes agree with reading characters, for every match
    /// of every text of four characters drawn from letters, digits, spaces, punctuation and
    /// non-ASCII letters and marks.
    #[test]
    fn word_boundaries_by_bytes_agree_with_chars() {
        let alphabet = ['a', 'Z', '7', ' ', '-', '(', 'é', '—', 'ж', '\u{301}'];
        let mut text = String::new();
        for n in 0..10_000usize {
            text.clear();
            let mut k = n;
            for _ in 0..4 {
                text.push(alphabet[k % alphabet.len()]);
                k /= alphabet.len();
            }
            let edges: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (a, &start) in edges.iter().enumerate() {
                for &end in &edges[a + 1..] {
                    assert_eq!(
                        on_word_boundaries(&text, start, end),
                        on_word_boundaries_by_chars(&text, start, end),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    impl PhraseSet {
        /// Every block's hits on a page in `language`, from the candidates its words give.
        fn scan(&self, input: &str, language: Option<Lang>) -> Vec<BlockHits> {
            let scanner = self.scanner(language);
            segment::split(input, false)
                .iter()
                .map(|b| {
                    let text = b.text(input);
                    self.block_hits(scanner, text, &mut scanner.anchors.candidates(text))
                })
                .collect()
        }
    }

    fn letters(text: &str) -> u32 {
        text.chars()
            .filter(|&c| words::is_letter_or_digit(c))
            .count() as u32
    }

    /// The anchors merged with a vote table answer for every word as the two tables do
    /// apart: its vote bits and its sites.
    #[test]
    fn anchors_merged_with_the_vote_answer_as_both() {
        let set = PhraseSet::build(&[]).unwrap();
        for language in [Lang::Eng, Lang::Deu, Lang::Rus] {
            let anchors = set.scanner(Some(language)).anchors();
            let votes = VoteTable::for_script(Script::of_language(language));
            let merged = anchors.with_vote(votes);
            let bits: std::collections::HashMap<u64, u64> = votes.short_entries().collect();
            let keys = anchors.keys.entries().map(|(k, _)| k);
            for key in keys.chain(bits.keys().copied()) {
                let entry = merged.get(key).unwrap();
                assert_eq!(anchors.sites_of(entry), anchors.sites(key), "{key:#x}");
                assert_eq!(entry.0, bits.get(&key).copied().unwrap_or(0), "{key:#x}");
            }
            assert_eq!(merged.get(swar::pack(b"zqxj")), None);
        }
    }

    #[test]
    fn every_phrase_of_every_pack_is_found_through_its_anchor() {
        let set = PhraseSet::build(&[]).unwrap();
        for (lang, range) in set.packs.clone() {
            for i in range {
                for variant in case_variants(&set.phrase(i).text) {
                    // Alone, the phrase is the longest match at the block's start; in prose, it
                    // is found between words that start no phrase.
                    let input = format!("{variant}\nZzqx {variant} zzqx");
                    let hits = set.scan(&input, Some(lang));
                    assert_eq!(
                        hits[0].main_covered,
                        letters(&variant),
                        "{lang:?} {variant:?}"
                    );
                    assert!(hits[0].main.is_some() && hits[0].leading.is_some());
                    assert_eq!(
                        hits[1].covered,
                        letters(&variant),
                        "{lang:?} in prose: {variant:?}"
                    );
                }
            }
        }
    }

    /// The hits an Aho-Corasick automaton finds searching a block for every pattern of the
    /// scanner (all matches, overlapping), taken as the scanner takes them: leftmost first,
    /// the longest on word boundaries at each start, none overlapping the one before.
    fn reference_hits(scanner: &Scanner, automaton: &AhoCorasick, text: &str) -> BlockHits {
        let mut matches: Vec<_> = automaton
            .find_overlapping_iter(text)
            .filter(|m| on_word_boundaries(text, m.start(), m.end()))
            .map(|m| {
                (
                    m.start(),
                    std::cmp::Reverse(m.end()),
                    m.pattern().as_usize(),
                )
            })
            .collect();
        matches.sort_unstable();
        let (mut hits, mut counted, mut taken_to) = (BlockHits::default(), Counted::default(), 0);
        for group in matches.chunk_by(|a, b| a.0 == b.0) {
            let (start, std::cmp::Reverse(end), pattern) = group[0];
            if start >= taken_to {
                PhraseSet::add(
                    &mut hits,
                    &mut counted,
                    start,
                    scanner.patterns[pattern].hit,
                );
                taken_to = end;
            }
        }
        hits
    }

    /// The anchored candidates find what searching every block for every pattern finds, on
    /// blocks made of the packs' phrases in other cases, glued to letters, run together and
    /// mixed with other words.
    #[test]
    fn candidates_find_what_a_full_search_finds() {
        let set = PhraseSet::build(&[]).unwrap();
        let mut next = words::xorshift(0x9e37_79b9_7f4a_7c15);
        let fillers = [
            "the",
            "and",
            "news",
            "zzq",
            "Ünd",
            "новости",
            "2024",
            "|",
            ":",
            "—",
            "»",
        ];
        for language in [Lang::Eng, Lang::Deu, Lang::Fra, Lang::Rus, Lang::Cmn] {
            let scanner = set.scanner(Some(language));
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(scanner.patterns.iter().map(|p| &p.lower[..]))
                .unwrap();
            let mut found = 0;
            for _ in 0..3000 {
                let mut text = String::new();
                for _ in 0..1 + next(6) {
                    let piece = if next(3) == 0 {
                        fillers[next(fillers.len())].to_string()
                    } else {
                        let pattern = &scanner.patterns[next(scanner.patterns.len())].lower;
                        match next(6) {
                            0 => pattern.to_ascii_uppercase(),
                            1 => pattern.to_ascii_lowercase(),
                            2 => format!("{pattern}s"),
                            3 => format!("x{pattern}"),
                            4 => {
                                let mut title = pattern.to_string();
                                if let Some(first) = title.get_mut(..1) {
                                    first.make_ascii_uppercase();
                                }
                                title
                            }
                            _ => pattern.to_string(),
                        }
                    };
                    text.push_str(&piece);
                    text.push_str([" ", " ", ", ", "", ": "][next(5)]);
                }
                let text = text.trim();
                let hits = set.block_hits(scanner, text, &mut scanner.anchors.candidates(text));
                assert_eq!(
                    hits,
                    reference_hits(scanner, &automaton, text),
                    "{language:?} {text:?}"
                );
                found += usize::from(hits.covered > 0);
            }
            assert!(found > 1500, "{language:?}: {found} blocks with hits");
        }
    }

    /// Where the longest phrase at a place ends inside a word, a shorter one on word
    /// boundaries still counts.
    #[test]
    fn a_longer_phrase_inside_a_word_leaves_the_shorter() {
        let extra = ["Zorblax", "Zorblax quux story"].map(|text| Phrase {
            text: Arc::from(text),
            category: Category::Custom,
            strong: false,
        });
        let set = PhraseSet::build(&extra).unwrap();
        let hits = set.scan("Zorblax quux storyteller", None);
        assert_eq!((hits[0].main, hits[0].covered), (Some(0), 7));
        let hits = set.scan("Zorblax quux story", None);
        assert_eq!((hits[0].main, hits[0].covered), (Some(1), 16));
    }

    #[test]
    fn an_anchor_word_in_prose_is_not_a_phrase() {
        let set = PhraseSet::build(&[]).unwrap();
        // "More from" and "About us" are phrases; their words here are not (single words such
        // as "About" are phrases of their own, which the rules weigh by coverage).
        let input = "More than half of the staff came from abroad, she told us about it.";
        let hits = set.scan(input, Some(Lang::Eng));
        assert_eq!(hits[0].multiword, 0, "{:?}", hits[0]);
        let hits = set.scan("More from the staff. Tell us about us.", Some(Lang::Eng));
        assert_eq!(hits[0].multiword, 2, "{:?}", hits[0]);
    }

    #[test]
    fn a_phrase_without_a_word_is_found_without_an_anchor() {
        let extra = [Phrase {
            text: Arc::from("* * *"),
            category: Category::Custom,
            strong: true,
        }];
        let set = PhraseSet::build(&extra).unwrap();
        let hits = set.scan("The end.\n* * *\nA new chapter * * * here.", None);
        assert!(hits[0].strong.is_none());
        assert_eq!(hits[1].leading, Some(0));
        assert_eq!(hits[2].strong, Some(0));
    }

    #[test]
    fn builtin_packs_parse_and_are_substantial() {
        let set = PhraseSet::build(&[]).unwrap();
        assert!(set.len() >= 150, "{} phrases", set.len());
    }

    #[test]
    fn pack_errors_name_the_line() {
        let mut out = Vec::new();
        let cases = [
            ("no-section", "we use cookies\n", 1),
            ("bad-category", "# c\n[cookies]\n", 2),
            ("bad-flag", "[cookie]\nx\n[cookie weak]\n", 3),
            ("unclosed", "[cookie\n", 1),
        ];
        for (name, text, line) in cases {
            let e = parse_pack(name, text, &mut out).unwrap_err();
            assert_eq!(e.line, line, "case {name}: {e:?}");
        }
    }

    #[test]
    fn a_repeated_phrase_counts_once_towards_many_phrases() {
        let set = PhraseSet::build(&[]).unwrap();
        let input = "Staff use social media daily; social media traffic grew, and social media \
                     skills matter.\nWe use cookies. Read our privacy policy. Manage cookie settings.";
        let hits = set.scan(input, None);
        assert_eq!(hits[0].multiword, 1);
        assert!(hits[1].multiword >= 3, "{:?}", hits[1]);
    }

    #[test]
    fn scan_respects_words_and_case() {
        let extra = [Phrase {
            text: Arc::from("Mehr zum Thema"),
            category: Category::Custom,
            strong: true,
        }];
        let set = PhraseSet::build(&extra).unwrap();
        let input = "MEHR ZUM THEMA\nmehr zum themas\nWe use cookies.";
        let hits = set.scan(input, None);
        assert!(hits[0].strong.is_some(), "upper case matches");
        assert_eq!(
            hits[1].categories & Category::Custom.bit(),
            0,
            "no partial words"
        );
        assert!(hits[2].categories & Category::Cookie.bit() != 0);
    }

    #[test]
    fn typographic_variants() {
        assert_eq!(case_variants("Don't miss"), ["Don't miss", "Don’t miss"]);
        assert!(case_variants("Lire aussi :").contains(&"Lire aussi\u{a0}:".to_string()));
    }

    #[test]
    fn non_ascii_case_variants() {
        assert_eq!(
            case_variants("Ähnliche Artikel"),
            [
                "Ähnliche Artikel",
                "ähnliche artikel",
                "Ähnliche artikel",
                "ÄHNLICHE ARTIKEL"
            ]
        );
    }
}
