//! Every error `CleanerBuilder::build` returns names what is wrong and how to fix it.

use deboiler::{Cleaner, CleanerBuilder, Error, Preset};

fn message(builder: CleanerBuilder) -> (Error, String) {
    let err = builder.build().expect_err("options should be rejected");
    let msg = err.to_string();
    (err, msg)
}

#[test]
fn unknown_language() {
    let (err, msg) = message(Cleaner::builder().language("english"));
    assert!(matches!(err, Error::UnknownLanguage { ref code } if code == "english"));
    assert_eq!(
        msg,
        "unknown language code \"english\"; expected an ISO 639-3 code such as \"eng\" or \
         \"deu\" (ISO 639-1 such as \"en\" also works)"
    );
    for code in ["", "xx", "e n"] {
        let (err, _) = message(Cleaner::builder().language(code));
        assert!(matches!(err, Error::UnknownLanguage { .. }), "{code:?}");
    }
}

#[test]
fn empty_extra_phrase() {
    let (err, msg) = message(Cleaner::builder().extra_phrases(["Mehr zum Thema", " \t "]));
    assert!(
        matches!(err, Error::EmptyPhrase { index: 1, .. }),
        "{err:?}"
    );
    assert_eq!(
        msg,
        "phrase 1 (counting from 0) of extra_phrases is empty or only whitespace; remove it or \
         give it some text"
    );
}

#[test]
fn extra_phrase_with_a_line_break() {
    let (err, msg) = message(Cleaner::builder().extra_phrases(["Read\nalso"]));
    assert!(
        matches!(err, Error::InvalidPhrase { index: 0, .. }),
        "{err:?}"
    );
    assert_eq!(
        msg,
        "phrase 0 (counting from 0) of extra_phrases, \"Read\\nalso\", holds a line break, but \
         phrases match within one line; give each line as a phrase of its own"
    );
    // Surrounding whitespace, line breaks included, is trimmed as before.
    assert!(
        Cleaner::builder()
            .extra_phrases(["\nRead also\r\n"])
            .build()
            .is_ok()
    );
}

#[test]
fn malformed_phrase_pack_names_pack_and_line() {
    let cases: &[(&str, &str)] = &[
        (
            "[cookie]\nok\n[cookies]\n",
            "site line 3: unknown category \"cookies\"; expected one of cookie, privacy, \
             newsletter, share, related, browser, footer, advertising, comments, navigation, \
             custom",
        ),
        (
            "# c\nwe use cookies\n",
            "site line 2: phrase before any [category] header",
        ),
        (
            "[footer weak]\n",
            "site line 1: unknown section flag \"weak\"; the only flag is \"strong\"",
        ),
        (
            "[footer\n",
            "site line 1: section header \"[footer\" lacks its closing `]`",
        ),
    ];
    for (pack, want) in cases {
        let (err, msg) = message(Cleaner::builder().phrase_pack("site", pack));
        assert!(matches!(err, Error::PhrasePack { .. }), "{err:?}");
        assert_eq!(&msg, want);
    }
}

#[test]
fn unreadable_phrase_pack_file() {
    let path = std::env::temp_dir().join("deboiler-no-such-pack.txt");
    let (err, msg) = message(Cleaner::builder().phrase_pack_file(&path));
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(
        msg.starts_with(&format!("cannot read phrase pack {:?}: ", path)),
        "{msg}"
    );
}

#[test]
fn thresholds_out_of_range() {
    let cases: &[(f32, f32, &str)] = &[
        (
            f32::NAN,
            0.6,
            "threshold article_probability is NaN, but it must be a number from 0 to 1; start \
             from a preset's thresholds (the Balanced preset has article_probability = 0.3) and \
             change the value within that range",
        ),
        (
            1.5,
            0.6,
            "threshold article_probability is 1.5, but it must be a number from 0 to 1; start \
             from a preset's thresholds (the Balanced preset has article_probability = 0.3) and \
             change the value within that range",
        ),
        (
            0.3,
            -0.1,
            "threshold phrase_coverage is -0.1, but it must be a number from 0 to 1; start from \
             a preset's thresholds (the Balanced preset has phrase_coverage = 0.6) and change the \
             value within that range",
        ),
        (
            0.3,
            f32::INFINITY,
            "threshold phrase_coverage is inf, but it must be a number from 0 to 1; start from \
             a preset's thresholds (the Balanced preset has phrase_coverage = 0.6) and change the \
             value within that range",
        ),
    ];
    for &(p, c, want) in cases {
        let mut t = Preset::Balanced.thresholds();
        t.article_probability = p;
        t.phrase_coverage = c;
        let (err, msg) = message(Cleaner::builder().thresholds(t));
        assert!(matches!(err, Error::InvalidThreshold { .. }), "{err:?}");
        assert_eq!(msg, want);
    }
    // The ends of the range are allowed, and so is any page size.
    for (p, c, n) in [(0.0, 0.0, 0), (1.0, 1.0, u32::MAX)] {
        let mut t = Preset::Balanced.thresholds();
        t.article_probability = p;
        t.phrase_coverage = c;
        t.min_page_blocks = n;
        assert!(Cleaner::builder().thresholds(t).build().is_ok());
    }
}

#[test]
fn preset_with_thresholds_conflicts_in_either_order() {
    let t = Preset::Precision.thresholds();
    let want = "conflicting options preset(Recall) and thresholds(..): thresholds replace every \
                value of the preset, which would be ignored; drop preset(..), or start the \
                thresholds from it: `let mut t = Preset::Recall.thresholds();`, change t, then \
                `.thresholds(t)`";
    for builder in [
        Cleaner::builder().preset(Preset::Recall).thresholds(t),
        Cleaner::builder().thresholds(t).preset(Preset::Recall),
    ] {
        let (err, msg) = message(builder);
        assert!(matches!(err, Error::ConflictingOptions { .. }), "{err:?}");
        assert_eq!(msg, want);
    }
    assert!(Cleaner::builder().preset(Preset::Recall).build().is_ok());
    assert!(Cleaner::builder().thresholds(t).build().is_ok());
}

#[test]
fn dehyphenate_without_unwrapping_conflicts() {
    let (err, msg) = message(Cleaner::builder().dehyphenate(true).unwrap_lines(false));
    assert!(matches!(err, Error::ConflictingOptions { .. }), "{err:?}");
    assert_eq!(
        msg,
        "conflicting options dehyphenate(true) and unwrap_lines(false): dehyphenation happens \
         only where hard-wrapped lines are joined, which unwrap_lines(false) turns off; drop one \
         of the two"
    );
    assert!(
        Cleaner::builder()
            .dehyphenate(false)
            .unwrap_lines(false)
            .build()
            .is_ok()
    );
}

#[test]
fn errors_are_checked_before_the_automaton_is_built() {
    // A conflicting builder with a malformed pack reports the conflict (cheap checks first).
    let (err, _) = message(
        Cleaner::builder()
            .phrase_pack("site", "[nope]\n")
            .dehyphenate(true)
            .unwrap_lines(false),
    );
    assert!(matches!(err, Error::ConflictingOptions { .. }), "{err:?}");
}
