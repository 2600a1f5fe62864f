//! Properties of the whole `Cleaner::clean`, on generated pages (prose, menu-like short
//! lines, URLs, boilerplate, foreign scripts, mojibake and character references, control
//! characters, hard-wrapped paragraphs, blank lines, `\n`, `\r\n` and `\r`) and under many
//! option sets:
//!
//! - it never panics;
//! - the output is NFC (NFKC with `nfkc`) and is its paragraphs joined by one blank line;
//! - removal spans lie in the input, on char boundaries, sorted and disjoint, and each
//!   removal's text is its span of the input;
//! - every kept paragraph comes from the input: with every normalising option off it is a
//!   line of the input (trimmed, in NFC); with only `unwrap_lines` on, it is a line or
//!   consecutive lines of one group joined as documented; with any options but the ones that
//!   rewrite letters (mojibake repair, character references, NFKC), the kept paragraphs' letters
//!   and digits, in order, are a subsequence of the input's;
//! - normalising is idempotent (the promise of the crate docs): a kept paragraph cleaned
//!   again on its own, when no rule removes anything from it, comes back unchanged.
//!
//! Cleaning a cleaned text again is not promised to give it back (the rules see less
//! context), so that is not tested. The normaliser's own properties on single lines are in
//! `tests/normalize_props.rs`.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use deboiler::{Cleaned, Cleaner, Preset};
use proptest::prelude::*;
use unicode_normalization::{UnicodeNormalization, is_nfc, is_nfkc};

/// One option set of the pool the properties draw from.
#[derive(Clone, Copy, Debug)]
struct Opts {
    citations: bool,
    mojibake: bool,
    entities: bool,
    invisible: bool,
    controls: bool,
    spaces: bool,
    nfkc: bool,
    ascii: bool,
    unwrap: bool,
    dehyphenate: bool,
    foreign: bool,
    article: bool,
    language: Option<&'static str>,
    preset: Option<Preset>,
}

const DEFAULTS: Opts = Opts {
    citations: true,
    mojibake: true,
    entities: true,
    invisible: true,
    controls: true,
    spaces: true,
    nfkc: false,
    ascii: false,
    unwrap: true,
    dehyphenate: false,
    foreign: true,
    article: true,
    language: None,
    preset: None,
};

const NORMALISING_OFF: Opts = Opts {
    citations: false,
    mojibake: false,
    entities: false,
    invisible: false,
    controls: false,
    spaces: false,
    nfkc: false,
    ascii: false,
    unwrap: false,
    dehyphenate: false,
    ..DEFAULTS
};

/// The defaults, every normalising option off, only unwrapping on, everything on, each
/// option flipped from the defaults on its own, and a few languages and presets: building a
/// cleaner compiles the phrase automaton, so the pool is small and each is built once.
const POOL: &[Opts] = &[
    DEFAULTS,
    NORMALISING_OFF,
    Opts {
        foreign: false,
        article: false,
        ..NORMALISING_OFF
    },
    Opts {
        unwrap: true,
        ..NORMALISING_OFF
    },
    Opts {
        unwrap: true,
        dehyphenate: true,
        ..NORMALISING_OFF
    },
    Opts {
        nfkc: true,
        ascii: true,
        dehyphenate: true,
        ..DEFAULTS
    },
    Opts {
        citations: false,
        ..DEFAULTS
    },
    Opts {
        mojibake: false,
        ..DEFAULTS
    },
    Opts {
        entities: false,
        ..DEFAULTS
    },
    Opts {
        invisible: false,
        ..DEFAULTS
    },
    Opts {
        controls: false,
        ..DEFAULTS
    },
    Opts {
        spaces: false,
        ..DEFAULTS
    },
    Opts {
        nfkc: true,
        ..DEFAULTS
    },
    Opts {
        ascii: true,
        ..DEFAULTS
    },
    Opts {
        unwrap: false,
        ..DEFAULTS
    },
    Opts {
        dehyphenate: true,
        ..DEFAULTS
    },
    Opts {
        foreign: false,
        ..DEFAULTS
    },
    Opts {
        article: false,
        ..DEFAULTS
    },
    Opts {
        mojibake: false,
        entities: false,
        article: false,
        ..DEFAULTS
    },
    Opts {
        language: Some("eng"),
        ..DEFAULTS
    },
    Opts {
        language: Some("rus"),
        ..DEFAULTS
    },
    Opts {
        preset: Some(Preset::Precision),
        ..DEFAULTS
    },
    Opts {
        preset: Some(Preset::Recall),
        mojibake: false,
        entities: false,
        ..DEFAULTS
    },
];

impl Opts {
    fn build(&self) -> Cleaner {
        let mut b = Cleaner::builder()
            .remove_citations(self.citations)
            .repair_mojibake(self.mojibake)
            .decode_entities(self.entities)
            .remove_invisible(self.invisible)
            .remove_controls(self.controls)
            .tidy_spaces(self.spaces)
            .nfkc(self.nfkc)
            .ascii_punctuation(self.ascii)
            .unwrap_lines(self.unwrap)
            .dehyphenate(self.dehyphenate)
            .remove_foreign(self.foreign)
            .find_article(self.article);
        if let Some(code) = self.language {
            b = b.language(code);
        }
        if let Some(p) = self.preset {
            b = b.preset(p);
        }
        b.build().unwrap()
    }

    /// Whether the only normalising step left is NFC (and, with `unwrap`, joining lines).
    fn normalising_off_but_unwrap(&self) -> bool {
        !(self.citations
            || self.mojibake
            || self.entities
            || self.invisible
            || self.controls
            || self.spaces
            || self.nfkc
            || self.ascii)
    }

    /// Whether no step rewrites a letter or digit (they are only removed, never changed).
    fn keeps_letters(&self) -> bool {
        !(self.mojibake || self.entities || self.nfkc)
    }
}

static CLEANERS: LazyLock<Mutex<HashMap<usize, Cleaner>>> = LazyLock::new(Default::default);

fn cleaner(i: usize) -> Cleaner {
    let mut map = CLEANERS.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(i).or_insert_with(|| POOL[i].build()).clone()
}

/// A cleaner with the same normalising options, that removes as little as it can: for
/// cleaning a kept paragraph again on its own.
fn renormaliser(i: usize) -> Cleaner {
    static MAP: LazyLock<Mutex<HashMap<usize, Cleaner>>> = LazyLock::new(Default::default);
    let mut map = MAP.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(i)
        .or_insert_with(|| {
            Opts {
                foreign: false,
                article: false,
                language: Some("eng"),
                preset: None,
                ..POOL[i]
            }
            .build()
        })
        .clone()
}

const PROSE: &[&str] = &[
    "the",
    "council",
    "met",
    "on",
    "Tuesday",
    "and",
    "agreed",
    "to",
    "fund",
    "a",
    "new",
    "bridge",
    "over",
    "river",
    "which",
    "residents",
    "have",
    "asked",
    "for",
    "years",
    "of",
    "it",
    "was",
    "in",
    "with",
    "their",
    "after",
    "long",
    "debate",
    "café",
    "naïve",
    "São",
    "Müller",
    "42",
    "1½",
    "well-known",
    "it’s",
    "«oui»",
    "—",
    "inter-",
    "national",
    "😀",
];
const MENU: &[&str] = &[
    "Home",
    "News",
    "Sport",
    "Weather",
    "Business",
    "Culture",
    "Contact us",
    "Log in",
    "Search",
    "Menu",
    "»",
    "1",
    "Next",
];
const BOILERPLATE: &[&str] = &[
    "We use cookies to improve your experience on our site.",
    "Privacy Policy",
    "Read also:",
    "More stories",
    "© 2024 Example News. All rights reserved.",
    "Subscribe to our newsletter",
    "Share on Facebook",
    "Leave a reply",
    "— Jane Doe (@janedoe) March 3, 2024",
    "Council approves budget for new pool – Example Times",
];
const FOREIGN: &[&str] = &[
    "Москва является столицей России и крупнейшим по численности населения городом страны.",
    "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis auf unserer Website zu bieten.",
    "北京是中华人民共和国的首都，也是全国的政治和文化中心。",
    "القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها.",
    "東京は日本の首都であり、世界最大級の都市です。",
    "La ville a annoncé la réouverture du musée après deux ans de travaux sur la toiture.",
];
const NOISE: &[&str] = &[
    "&amp;",
    "&nbsp;",
    "&#39;",
    "&#x2014;",
    "&eacute;",
    "â€™",
    "Ã©",
    "Ã¢â‚¬â„¢",
    "[1]",
    "[12]",
    "[citation needed]",
    "[edit]",
    "e\u{301}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "\u{200d}",
    "👩\u{200d}💻",
    "\u{7}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\t",
    "\u{a0}",
    "\u{2009}",
    "\u{3000}",
    "\u{2028}",
    "ﬁ",
    "²",
    "“",
    "”",
    "‘",
    "&",
    "[",
    "]",
    "  ",
];
const BREAKS: &[&str] = &[
    "\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \t\n",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> + Clone {
    (0..list.len()).prop_map(move |i| list[i])
}

fn words(
    list: impl Strategy<Value = &'static str> + Clone,
    n: std::ops::Range<usize>,
) -> impl Strategy<Value = String> {
    prop::collection::vec(list, n).prop_map(|w| w.join(" "))
}

/// A hard-wrapped paragraph: lines of 45–75 characters of prose, continuation lines in
/// lowercase.
fn wrapped() -> impl Strategy<Value = String> {
    prop::collection::vec(words(pick(&PROSE[..31]), 9..13), 3..7).prop_map(|lines| {
        let lines: Vec<String> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let l: String = l.chars().take(75).collect();
                if i == 0 { l } else { l.to_lowercase() }
            })
            .collect();
        lines.join("\n")
    })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => words(pick(PROSE), 6..40).prop_map(|s| s + "."),
        3 => pick(MENU).prop_map(str::to_string),
        1 => "[a-z0-9/?=&.-]{1,30}".prop_map(|p| format!("https://example.com/{p}")),
        2 => pick(BOILERPLATE).prop_map(str::to_string),
        1 => pick(FOREIGN).prop_map(str::to_string),
        2 => words(prop_oneof![2 => pick(PROSE), 1 => pick(NOISE)], 1..20),
        1 => wrapped(),
        1 => "\\PC{0,40}",
        1 => prop::collection::vec(any::<char>(), 0..20).prop_map(|c| c.into_iter().collect()),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), pick(BREAKS)), 0..40).prop_map(|parts| {
        let mut s = String::new();
        for (l, b) in parts {
            s.push_str(&l);
            s.push_str(b);
        }
        s
    })
}

/// The lines of `input` as the segmenter splits them (`\n`, `\r\n`, lone `\r`).
fn lines(input: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = input;
    while let Some(i) = rest.find(['\n', '\r']) {
        out.push(&rest[..i]);
        let len = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + len..];
    }
    out.push(rest);
    out
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Joins lines as `unwrap_lines` documents: with a space, but `letter-` before a letter
/// joins with no space (and, with `dehyphenate`, loses its hyphen between lowercase letters).
fn joined(lines: &[&str], dehyphenate: bool) -> String {
    let mut out = String::new();
    for l in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            let before = out.strip_suffix('-').and_then(|o| o.chars().next_back());
            let next = l.chars().next();
            if before.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic) {
                if dehyphenate
                    && before.is_some_and(char::is_lowercase)
                    && next.is_some_and(char::is_lowercase)
                {
                    out.pop();
                }
            } else {
                out.push(' ');
            }
        }
        out.push_str(l);
    }
    out
}

/// Whether `p` is a trimmed line of `input` in NFC, or consecutive non-blank lines of one
/// group (between blank lines) joined.
fn from_lines(p: &str, input: &str, unwrap: bool, dehyphenate: bool) -> bool {
    let lines = lines(input);
    if lines.iter().any(|l| nfc(l.trim()) == p) {
        return true;
    }
    if !unwrap {
        return false;
    }
    // Groups of consecutive non-blank lines.
    let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
    for l in lines {
        if l.trim().is_empty() {
            groups.push(Vec::new());
        } else {
            groups.last_mut().unwrap().push(l);
        }
    }
    groups.iter().any(|g| {
        (0..g.len()).any(|i| (i + 1..=g.len()).any(|j| nfc(&joined(&g[i..j], dehyphenate)) == p))
    })
}

fn alnum(s: &str) -> Vec<char> {
    s.nfc().filter(|c| c.is_alphanumeric()).collect()
}

fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|c| it.any(|h| h == c))
}

fn check_result(i: usize, input: &str, cleaned: &Cleaned<'_>) -> Result<(), TestCaseError> {
    let opts = POOL[i];
    let mut last_end = 0;
    for r in cleaned.removals() {
        let s = r.span();
        prop_assert!(s.start < s.end && s.end <= input.len(), "span {:?}", s);
        prop_assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
        prop_assert!(s.start >= last_end, "span {:?} before {}", s, last_end);
        prop_assert_eq!(&input[s.clone()], r.text());
        last_end = s.end;
    }
    let text = cleaned.text();
    prop_assert!(is_nfc(&text), "not NFC: {:?}", text);
    if opts.nfkc {
        prop_assert!(is_nfkc(&text), "not NFKC: {:?}", text);
    }
    prop_assert_eq!(text.as_ref(), cleaned.paragraphs().join("\n\n"));
    for p in cleaned.paragraphs() {
        prop_assert!(!p.is_empty() && !p.contains(['\n', '\r']), "{:?}", p);
        prop_assert_eq!(p.trim(), p.as_ref(), "untrimmed paragraph");
    }
    if opts.normalising_off_but_unwrap() {
        for p in cleaned.paragraphs() {
            prop_assert!(
                from_lines(p, input, opts.unwrap, opts.dehyphenate),
                "{:?} is not from the input's lines",
                p
            );
        }
    }
    if opts.keeps_letters() {
        let kept: Vec<char> = cleaned.paragraphs().iter().flat_map(|p| alnum(p)).collect();
        prop_assert!(
            is_subsequence(&kept, &alnum(input)),
            "kept letters are not the input's, in order"
        );
    }
    Ok(())
}

proptest! {
    // 400 cases take a few seconds in release; PROPTEST_CASES=20000 for a longer search.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn clean_keeps_its_promises(i in 0..POOL.len(), input in page()) {
        let cleaned = cleaner(i).clean(&input);
        check_result(i, &input, &cleaned)?;
    }

    #[test]
    fn normalising_a_kept_paragraph_again_changes_nothing(i in 0..POOL.len(), input in page()) {
        let cleaned = cleaner(i).clean(&input);
        let again = renormaliser(i);
        for p in cleaned.paragraphs() {
            let second = again.clean(p);
            if second.removals().is_empty() {
                let text = second.text();
                prop_assert_eq!(text.as_ref(), p.as_ref(), "options {:?}", POOL[i]);
            }
        }
    }

    #[test]
    fn any_text_any_options(i in 0..POOL.len(), input in "(\\PC|[\\r\\n\\t\u{0}-\u{1f}\u{80}-\u{9f}]){0,300}") {
        let cleaned = cleaner(i).clean(&input);
        check_result(i, &input, &cleaned)?;
    }
}

/// Shapes proptest is unlikely to generate: the properties hold on them too.
#[test]
fn edge_shapes() {
    let inputs = [
        String::new(),
        "\r".repeat(50),
        "\r\n".repeat(50),
        "\n\r".repeat(50),
        " ".repeat(1000),
        "x".repeat(10_000),
        "e\u{301}".repeat(500),
        "\u{301}".repeat(100),
        "&amp;".repeat(300),
        "[1]".repeat(300),
        "Home\n".repeat(300),
        "We use cookies.\n".repeat(100),
        "Ã".repeat(100) + "©",
    ];
    for input in &inputs {
        for (i, opts) in POOL.iter().enumerate() {
            let cleaned = cleaner(i).clean(input);
            check_result(i, input, &cleaned)
                .unwrap_or_else(|e| panic!("options {opts:?}, input {input:?}: {e}"));
        }
    }
}
