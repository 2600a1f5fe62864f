//! Properties of the normaliser, through the public API on one-line inputs (one block, which
//! the rules for furniture leave alone when it is made of the words below): the output is
//! NFC, normalising twice changes nothing, and no letter or digit is lost except by the
//! listed rules.

use deboiler::Cleaner;
use proptest::prelude::*;
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// Built once: building compiles the phrase automaton.
static CLEANER: std::sync::LazyLock<Cleaner> = std::sync::LazyLock::new(|| {
    Cleaner::builder()
        .language("eng")
        .find_article(false)
        .remove_foreign(false)
        .build()
        .unwrap()
});

fn cleaner() -> &'static Cleaner {
    &CLEANER
}

/// Words, accents and scripts, all NFC and free of anything a rule changes.
const WORDS: &[&str] = &[
    "the",
    "river",
    "Café",
    "naïve",
    "São",
    "Ãgua",
    "Müller",
    "x1",
    "42",
    "Привет",
    "日本",
    "λόγος",
    "well-known",
    "it’s",
    "«oui»",
    "1½",
    "£5",
    "—",
    ".",
    ",",
    "😀",
];

/// What the rules remove or replace without touching a letter or digit.
const NOISE: &[&str] = &[
    " ", "  ", "\u{a0}", "\u{2009}", "\u{202f}", "\u{3000}", "\t", "\u{200b}", "\u{feff}",
    "\u{ad}", "\u{2060}", "\u{200d}", "\u{7}", "\u{0}", "\u{7f}", "\u{85}", "\u{9f}",
];

/// What the rules decode, repair or cut.
const REPAIRS: &[&str] = &[
    "&amp;",
    "&nbsp;",
    "&#39;",
    "&#x2014;",
    "&quot;",
    "&eacute;",
    "â€™",
    "â€œ",
    "â€\u{9d}",
    "Ã©",
    "Ã¼",
    "Â£",
    "Ã¢â‚¬â„¢",
    "[1]",
    "[citation needed]",
    "e\u{301}",
    "👩\u{200d}💻",
    "AT&T",
    "&",
    "[note]",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    (0..list.len()).prop_map(move |i| list[i])
}

/// One line of tokens separated by a space or noise.
fn line(with_repairs: bool) -> impl Strategy<Value = String> {
    let token = if with_repairs {
        prop_oneof![3 => pick(WORDS), 1 => pick(REPAIRS)].boxed()
    } else {
        pick(WORDS).boxed()
    };
    prop::collection::vec((token, pick(NOISE)), 1..24).prop_map(|parts| {
        let mut s = String::new();
        for (t, sep) in parts {
            s.push_str(t);
            s.push_str(sep);
        }
        s
    })
}

fn letters_and_digits(s: &str) -> String {
    s.nfc().filter(|c| c.is_alphanumeric()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn output_is_nfc_and_stable(input in line(true)) {
        let c = cleaner();
        let once = c.clean(&input).text().into_owned();
        prop_assert!(is_nfc(&once), "{:?}", once);
        let twice = c.clean(&once).text().into_owned();
        prop_assert_eq!(&twice, &once, "input {:?}", input);
    }

    #[test]
    fn no_letter_or_digit_lost(input in line(false)) {
        let cleaned = cleaner().clean(&input);
        prop_assume!(cleaned.removals().is_empty());
        prop_assert_eq!(letters_and_digits(&cleaned.text()), letters_and_digits(&input));
    }

    #[test]
    fn any_text_never_panics_and_is_nfc(input in "\\PC{0,80}") {
        let text = cleaner().clean(&input).text().into_owned();
        prop_assert!(is_nfc(&text), "{:?}", text);
    }
}
