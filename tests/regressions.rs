//! Named inputs that once broke a promise, found by the property tests (`tests/properties.rs`)
//! and the fuzzer (`fuzz/`, see the README). Each is a const with what went wrong, and a
//! test that pins what happens now.

use deboiler::Cleaner;

/// Found by the property tests: a hard-wrapped paragraph whose lines end in a lone `\r`
/// (old Mac line endings). The segmenter split the lines at `\r` and grouped them, but the
/// normaliser joined the group with `str::lines`, which splits at `\n` and `\r\n` only: the
/// `\r` stayed inside the paragraph, and with `remove_controls` it was then dropped, gluing
/// two words together (`tuesday\rthe` became `tuesdaythe`).
const LONE_CR_IN_WRAPPED_PARAGRAPH: &str = "The council met on Tuesday to discuss the plan for a new bridge\r\
over the river which residents have asked for over many years and\r\
agreed to fund a study of the bridge after a long debate on it.\r";

/// Found by the property tests: with `tidy_spaces(false)`, removing an invisible character
/// at the end of a line left the space before it (`"the \u{200b}"` gave `"the "`), so the
/// paragraph ended in a space and cleaning it again gave a different text.
const SPACE_LEFT_AT_EDGE: &str = "the \u{200b}\n";

/// Found by the fuzzer (`fuzz/artifacts/clean/crash-3fa5bfd9…`, the one byte `[223]`, whose
/// option set fixes the language to `"zho"`): the ISO 639-3 code of Chinese was rejected as
/// an unknown language, though the error message asks for ISO 639-3 codes and `"zh"` worked.
/// whatlang names the individual language (`cmn`, Mandarin), not the macrolanguage; `fas`
/// (Persian, `pes`) and `nor` (Norwegian, `nob`) were rejected the same way.
const MACROLANGUAGE_CODES: [(&str, &str, &str); 3] = [
    ("zho", "zh", "cmn"),
    ("fas", "fa", "pes"),
    ("nor", "no", "nob"),
];

#[test]
fn macrolanguage_codes_are_known() {
    for (macro_code, two, individual) in MACROLANGUAGE_CODES {
        let lang = deboiler::Language::from_code(macro_code);
        assert_eq!(lang.map(|l| l.code()), Some(individual), "{macro_code}");
        assert_eq!(lang, deboiler::Language::from_code(two));
        assert_eq!(
            lang,
            deboiler::Language::from_code(&macro_code.to_uppercase())
        );
        let c = Cleaner::builder().language(macro_code).build().unwrap();
        assert_eq!(c.clean("x").language(), lang);
    }
}

#[test]
fn lone_cr_lines_are_joined_with_a_space() {
    let c = Cleaner::builder().find_article(false).build().unwrap();
    let cleaned = c.clean(LONE_CR_IN_WRAPPED_PARAGRAPH);
    assert_eq!(
        cleaned.text(),
        "The council met on Tuesday to discuss the plan for a new bridge over the river which \
         residents have asked for over many years and agreed to fund a study of the bridge \
         after a long debate on it."
    );
    // The same with `\n` and `\r\n` endings.
    for ending in ["\n", "\r\n"] {
        let input = LONE_CR_IN_WRAPPED_PARAGRAPH.replace('\r', ending);
        assert_eq!(c.clean(&input).text(), cleaned.text(), "{ending:?}");
    }
}

#[test]
fn kept_paragraphs_are_trimmed_whatever_the_options() {
    for spaces in [true, false] {
        let c = Cleaner::builder()
            .find_article(false)
            .tidy_spaces(spaces)
            .build()
            .unwrap();
        assert_eq!(
            c.clean(SPACE_LEFT_AT_EDGE).text(),
            "the",
            "tidy_spaces({spaces})"
        );
        assert_eq!(
            c.clean("\u{feff} x \u{7}\t\u{200b}").text(),
            "x",
            "tidy_spaces({spaces})"
        );
    }
}
