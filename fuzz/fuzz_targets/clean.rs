//! Fuzzes `Cleaner::clean` with arbitrary builder options and arbitrary input.
//!
//! The first byte chooses the options (every boolean, the preset, the language from a list
//! with invalid codes, extra phrases and packs from a list with empty and malformed ones, and
//! thresholds from a list with out-of-range values; see below); the rest is the text, read
//! as UTF-8 with invalid sequences replaced. Besides "no panic", the target checks the documented
//! invariants of every result:
//!
//! - removal spans lie in the input, on char boundaries, sorted and disjoint, and each
//!   removal's text is its span of the input;
//! - the output is NFC (NFKC with `nfkc`), and is its paragraphs joined by a blank line;
//! - no kept paragraph is empty, holds a line break, or starts or ends with whitespace;
//! - with every normalising option off, each kept paragraph is the NFC of a trimmed line of
//!   the input;
//! - `build` fails exactly for the invalid and conflicting option sets.
//!
//! Building a `Cleaner` compiles the phrase automaton (tens of milliseconds), too slow to do
//! for every input, so the first byte picks one of 256 fixed option sets: a few chosen ones
//! (the defaults, every normalising option off, everything on) and the rest drawn from a
//! seeded generator, which covers every pair of options many times over. Each is built once,
//! on first use, and cached. First byte 255 instead reads a free-form option set with
//! `arbitrary` from the next bytes; those cleaners are cached too. Each cache holds 24 cleaners at most.
#![no_main]

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use arbitrary::{Arbitrary, Unstructured};
use deboiler::{Cleaner, Preset};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::{UnicodeNormalization, is_nfc, is_nfkc};

const LANGUAGES: &[Option<&str>] = &[
    None,
    Some("eng"),
    Some("de"),
    Some("rus"),
    Some("zho"),
    Some("jpn"),
    Some(" EN "),
    Some("xx"),
    Some(""),
];

/// Extra phrases (`extra_phrases`) and packs (`phrase_pack`).
const PHRASES: &[(&[&str], Option<&str>)] = &[
    (&[], None),
    (&["Mehr zum Thema"], None),
    (&["the", "a", "é", "—"], None),
    (&["ok", "  "], None),
    (&["Read\nalso", "[1]", "&amp;"], None),
    (
        &[],
        Some("# mine\n[related]\nMehr aus der Region\n[footer strong]\nVerlag GmbH\n"),
    ),
    (&[], Some("[cookie]\nok\n[cookies]\n")),
    (&[], Some("orphan phrase\n")),
];

const PROBABILITIES: &[f32] = &[
    0.3,
    0.0,
    0.01,
    0.99,
    1.0,
    -0.5,
    1.5,
    f32::NAN,
    f32::INFINITY,
];
const BLOCKS: &[u32] = &[12, 0, 1, 2, 100, u32::MAX];

#[derive(Arbitrary, Clone, Copy, Debug, Hash, PartialEq, Eq)]
struct Opts {
    flags: u16,
    preset: u8,
    language: u8,
    phrases: u8,
    /// 0: no thresholds; otherwise indices into the lists above.
    thresholds: (u8, u8, u8, u8),
}

impl Opts {
    /// Option set `i` of 256.
    fn nth(i: u8) -> Opts {
        // Bits: 0 citations, 1 mojibake, 2 entities, 3 invisible, 4 controls, 5 spaces,
        // 6 nfkc, 7 ascii_punctuation, 8 unwrap_lines, 9 dehyphenate, 10 remove_foreign,
        // 11 find_article, 12 preset.
        let plain = |flags| Opts {
            flags,
            preset: 0,
            language: 0,
            phrases: 0,
            thresholds: (0, 0, 0, 0),
        };
        match i {
            0 => plain(0b0_1101_0011_1111),
            1 => plain(0b0_1100_0000_0000),
            2 => plain(0b1_1111_1111_1111),
            3 => plain(0b0_0101_0011_1111),
            4 => plain(0b0_0000_0000_0000),
            _ => {
                let r = splitmix64(u64::from(i));
                Opts {
                    flags: r as u16,
                    preset: (r >> 16) as u8,
                    language: (r >> 24) as u8,
                    phrases: (r >> 32) as u8,
                    thresholds: (
                        (r >> 40) as u8,
                        (r >> 48) as u8,
                        (r >> 56) as u8,
                        (r >> 4) as u8,
                    ),
                }
            }
        }
    }

    fn flag(&self, bit: u32) -> bool {
        self.flags & (1 << bit) != 0
    }

    /// Every normalising option off, and lines not joined.
    fn normalising_off(&self) -> bool {
        (0..9).all(|bit| !self.flag(bit))
    }

    fn has_thresholds(&self) -> bool {
        self.thresholds.0 % 4 == 1
    }

    /// Whether `build` must fail: an invalid language, phrase or pack, a threshold outside
    /// 0 to 1, or conflicting options.
    fn invalid(&self) -> bool {
        let in_range =
            |i: u8| (0.0..=1.0).contains(&PROBABILITIES[i as usize % PROBABILITIES.len()]);
        let (_, p, c, _) = self.thresholds;
        matches!(
            LANGUAGES[self.language as usize % LANGUAGES.len()],
            Some("xx" | "")
        ) || matches!(self.phrases as usize % PHRASES.len(), 3 | 4 | 6 | 7)
            || (self.has_thresholds() && !(in_range(p) && in_range(c)))
            || (self.has_thresholds() && self.flag(12))
            || (self.flag(9) && !self.flag(8))
    }

    fn build(&self) -> Result<Cleaner, deboiler::Error> {
        let mut b = Cleaner::builder()
            .remove_citations(self.flag(0))
            .repair_mojibake(self.flag(1))
            .decode_entities(self.flag(2))
            .remove_invisible(self.flag(3))
            .remove_controls(self.flag(4))
            .tidy_spaces(self.flag(5))
            .nfkc(self.flag(6))
            .ascii_punctuation(self.flag(7))
            .unwrap_lines(self.flag(8))
            .dehyphenate(self.flag(9))
            .remove_foreign(self.flag(10))
            .find_article(self.flag(11));
        if self.flag(12) {
            b = b.preset(match self.preset % 3 {
                0 => Preset::Precision,
                1 => Preset::Balanced,
                _ => Preset::Recall,
            });
        }
        if let Some(code) = LANGUAGES[self.language as usize % LANGUAGES.len()] {
            b = b.language(code);
        }
        let (extra, pack) = PHRASES[self.phrases as usize % PHRASES.len()];
        b = b.extra_phrases(extra);
        if let Some(pack) = pack {
            b = b.phrase_pack("fuzz-pack", pack);
        }
        let (_, p, c, n) = self.thresholds;
        if self.has_thresholds() {
            let mut t = Preset::Balanced.thresholds();
            t.article_probability = PROBABILITIES[p as usize % PROBABILITIES.len()];
            t.phrase_coverage = PROBABILITIES[c as usize % PROBABILITIES.len()];
            t.min_page_blocks = BLOCKS[n as usize % BLOCKS.len()];
            b = b.thresholds(t);
        }
        b.build()
    }
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

thread_local! {
    static CLEANERS: RefCell<HashMap<Opts, Option<Cleaner>>> = RefCell::new(HashMap::new());
    static FREE_FORM: RefCell<HashMap<Opts, Option<Cleaner>>> = RefCell::new(HashMap::new());
}

/// The lines of `input` as the segmenter sees them (`\n`, `\r\n` and a lone `\r` end a
/// line), trimmed and put in NFC.
fn nfc_lines(input: &str) -> HashSet<String> {
    input
        .split('\n')
        .flat_map(|l| l.split('\r'))
        .map(|l| l.trim().nfc().collect())
        .collect()
}

fn check(opts: &Opts, cleaner: &Cleaner, input: &str) {
    let cleaned = cleaner.clean(input);
    let mut last_end = 0;
    for r in cleaned.removals() {
        let s = r.span();
        assert!(s.start < s.end && s.end <= input.len(), "span {s:?}");
        assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
        assert!(s.start >= last_end, "span {s:?} after {last_end}");
        assert_eq!(&input[s.clone()], r.text());
        last_end = s.end;
    }
    let text = cleaned.text();
    assert!(is_nfc(&text), "not NFC: {text:?}");
    if opts.flag(6) {
        assert!(is_nfkc(&text), "not NFKC: {text:?}");
    }
    for p in cleaned.paragraphs() {
        assert!(!p.is_empty(), "empty paragraph");
        assert!(!p.contains(['\n', '\r']), "line break in {p:?}");
        assert_eq!(p.trim(), p.as_ref(), "untrimmed paragraph");
    }
    assert_eq!(text, cleaned.paragraphs().join("\n\n"));
    if opts.normalising_off() {
        let lines = nfc_lines(input);
        for p in cleaned.paragraphs() {
            assert!(lines.contains(p.as_ref()), "{p:?} is no line of the input");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let (opts, bytes, cache) = if which == 255 {
        let mut u = Unstructured::new(rest);
        let Ok(opts) = Opts::arbitrary(&mut u) else {
            return;
        };
        (opts, u.take_rest(), &FREE_FORM)
    } else {
        (Opts::nth(which), rest, &CLEANERS)
    };
    let input = String::from_utf8_lossy(bytes);
    cache.with(|cache| {
        let mut cache = cache.borrow_mut();
        // A cleaner keeps the phrase DFA of every page language it has met (5-30 MB each):
        // a bounded cache keeps the fuzzer's memory bounded too.
        if cache.len() >= 24 && !cache.contains_key(&opts) {
            cache.clear();
        }
        let cleaner = cache.entry(opts).or_insert_with(|| match opts.build() {
            Ok(c) => {
                assert!(!opts.invalid(), "{opts:?} built");
                Some(c)
            }
            Err(e) => {
                assert!(opts.invalid(), "{opts:?}: {e}");
                assert!(!e.to_string().is_empty());
                None
            }
        });
        if let Some(cleaner) = cleaner {
            check(&opts, cleaner, &input);
        }
    });
});
