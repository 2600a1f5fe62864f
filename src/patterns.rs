//! Phrase packs compiled into Aho-Corasick automata, one per language, matched in one pass over
//! the input.
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

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use whatlang::Lang;

use crate::error::Error;
use crate::segment::Block;

/// What kind of page furniture a phrase belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// Cookie and consent banners.
    Cookie,
    /// Privacy policy, terms of use and other legal links.
    Privacy,
    /// Newsletter, subscription and sign-up boxes.
    Newsletter,
    /// Share and follow bars.
    Share,
    /// Markers that introduce links to other stories: "Read also", "More stories", "Related".
    Related,
    /// Outdated-browser and enable-JavaScript notices.
    Browser,
    /// Copyright lines and other site footer text.
    Footer,
    /// Advertising labels.
    Advertising,
    /// Markers that open a comment section.
    Comments,
    /// Navigation aids: "Skip to content", "Back to top".
    Navigation,
    /// Phrases the user added with
    /// [`CleanerBuilder::extra_phrases`](crate::CleanerBuilder::extra_phrases).
    Custom,
}

impl Category {
    const ALL: [(Category, &'static str); 11] = [
        (Category::Cookie, "cookie"),
        (Category::Privacy, "privacy"),
        (Category::Newsletter, "newsletter"),
        (Category::Share, "share"),
        (Category::Related, "related"),
        (Category::Browser, "browser"),
        (Category::Footer, "footer"),
        (Category::Advertising, "advertising"),
        (Category::Comments, "comments"),
        (Category::Navigation, "navigation"),
        (Category::Custom, "custom"),
    ];

    /// The category's name as used in phrase packs, such as `"cookie"`.
    ///
    /// ```
    /// assert_eq!(deboiler::Category::Related.name(), "related");
    /// ```
    pub fn name(self) -> &'static str {
        Category::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("custom", |(_, n)| n)
    }

    fn from_name(name: &str) -> Option<Category> {
        Category::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| *c)
    }

    /// A bit for sets of categories.
    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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

/// All phrases of a cleaner, and the automata that find them: one per built-in pack, built on
/// first use, each holding the user's phrases, the English pack and the pack itself.
///
/// A page is scanned with the automaton of its language, so a scan weighs a tenth of the
/// phrases, and each automaton is small enough to be a DFA (5-30 MB, 20-90 ms to build),
/// which scans two to three times faster than one contiguous NFA of every pack.
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
    /// A small contiguous-NFA scanner of each pack, for naming the phrases of the odd foreign
    /// block on a page in another language: a DFA per language met that way would cost
    /// 5-30 MB each for a few short scans.
    naming: Vec<OnceLock<Option<Scanner>>>,
}

/// One automaton and the phrase behind each of its patterns.
#[derive(Debug)]
struct Scanner {
    automaton: AhoCorasick,
    /// Pattern id -> index into `PhraseSet::phrases`.
    pattern_phrase: Vec<u32>,
}

/// What the phrases found in one block.
#[derive(Clone, Copy, Debug, Default)]
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
        let english = compile(
            &phrases,
            &[0..user, packs[0].1.clone()],
            AhoCorasickKind::DFA,
        )?;
        Ok(PhraseSet {
            others: BUILTIN_PACKS.iter().map(|_| OnceLock::new()).collect(),
            naming: BUILTIN_PACKS.iter().map(|_| OnceLock::new()).collect(),
            phrases,
            packs,
            user,
            english,
        })
    }

    /// The scanner for a page in `language`: its pack's, or the English one.
    fn scanner(&self, language: Option<Lang>) -> &Scanner {
        let pack = language
            .and_then(|l| self.packs.iter().position(|(p, _)| *p == l))
            .unwrap_or(0);
        if pack == 0 {
            return &self.english;
        }
        // A pack's DFA could only fail on a state limit no built-in pack comes near; the
        // contiguous NFA needs no such limit, and the English scanner is the last resort.
        self.others[pack]
            .get_or_init(|| {
                self.compile(pack, AhoCorasickKind::DFA)
                    .or_else(|_| self.compile(pack, AhoCorasickKind::ContiguousNFA))
                    .ok()
            })
            .as_ref()
            .unwrap_or(&self.english)
    }

    /// A scanner for one block in `language` on a page in another language: the page
    /// scanner of that language if one was built, a small NFA otherwise.
    fn naming_scanner(&self, language: Lang) -> &Scanner {
        let Some(pack) = self.packs.iter().position(|(p, _)| *p == language) else {
            return &self.english;
        };
        if pack == 0 {
            return &self.english;
        }
        if let Some(Some(dfa)) = self.others[pack].get() {
            return dfa;
        }
        self.naming[pack]
            .get_or_init(|| self.compile(pack, AhoCorasickKind::ContiguousNFA).ok())
            .as_ref()
            .unwrap_or(&self.english)
    }

    /// Compiles the user's phrases, the English pack and pack `pack` into one automaton.
    fn compile(&self, pack: usize, kind: AhoCorasickKind) -> Result<Scanner, Error> {
        let ranges = [
            0..self.user,
            self.packs[0].1.clone(),
            self.packs[pack].1.clone(),
        ];
        compile(&self.phrases, &ranges, kind)
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

    /// One pass of the automaton over the whole input; hits are attributed to blocks.
    pub fn scan(&self, input: &str, blocks: &[Block], language: Option<Lang>) -> Vec<BlockHits> {
        self.scan_with(self.scanner(language), input, blocks)
    }

    /// The hits in one block of text in `language`, found on a page in another language.
    pub fn scan_foreign_block(&self, text: &str, language: Lang) -> BlockHits {
        let block = [Block {
            start: 0,
            end: text.len(),
            gap_before: true,
        }];
        self.scan_with(self.naming_scanner(language), text, &block)[0]
    }

    fn scan_with(&self, scanner: &Scanner, input: &str, blocks: &[Block]) -> Vec<BlockHits> {
        let mut out = vec![BlockHits::default(); blocks.len()];
        let mut bi = 0;
        // The multi-word phrases already counted in the current block (the first few: the
        // dense rule needs three).
        let mut counted = [u32::MAX; 4];
        let mut counted_in = usize::MAX;
        for m in scanner.automaton.find_iter(input) {
            while bi < blocks.len() && blocks[bi].end <= m.start() {
                bi += 1;
            }
            if bi == blocks.len() {
                break;
            }
            let block = blocks[bi];
            if m.start() < block.start || m.end() > block.end {
                continue;
            }
            if !on_word_boundaries(input, m.start(), m.end()) {
                continue;
            }
            let phrase_idx = scanner.pattern_phrase[m.pattern().as_usize()];
            let phrase = &self.phrases[phrase_idx as usize];
            let covered = input[m.start()..m.end()]
                .chars()
                .filter(|&c| crate::lang::is_letter_or_digit(c))
                .count() as u32;
            let hits = &mut out[bi];
            if m.start() == block.start {
                hits.leading = Some(phrase_idx);
            }
            if covered > hits.main_covered {
                hits.main_covered = covered;
                hits.main = Some(phrase_idx);
            }
            hits.covered += covered;
            if phrase.text.contains(' ') {
                if counted_in != bi {
                    counted = [u32::MAX; 4];
                    counted_in = bi;
                }
                if !counted.contains(&phrase_idx) {
                    if let Some(slot) = counted.iter_mut().find(|s| **s == u32::MAX) {
                        *slot = phrase_idx;
                    }
                    hits.multiword += 1;
                }
            }
            hits.categories |= phrase.category.bit();
            if phrase.strong && hits.strong.is_none() {
                hits.strong = Some(phrase_idx);
            }
        }
        out
    }
}

/// Compiles the phrases in `ranges` into one automaton.
fn compile(
    phrases: &[Phrase],
    ranges: &[Range<u32>],
    kind: AhoCorasickKind,
) -> Result<Scanner, Error> {
    let mut patterns: Vec<String> = Vec::new();
    let mut pattern_phrase = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for i in ranges.iter().cloned().flatten() {
        for variant in case_variants(&phrases[i as usize].text) {
            if seen.insert(variant.to_ascii_lowercase()) {
                patterns.push(variant);
                pattern_phrase.push(i);
            }
        }
    }
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(&patterns)
        .map_err(|e| Error::Automaton {
            message: e.to_string(),
        })?;
    Ok(Scanner {
        automaton,
        pattern_phrase,
    })
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
    let word = crate::lang::is_letter_or_digit;
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
        let blocks = segment::split(input, false);
        let hits = set.scan(input, &blocks, None);
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
        let blocks = segment::split(input, false);
        let hits = set.scan(input, &blocks, None);
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
