//! Normalising kept paragraphs: NFC, tidy whitespace, no citation markers.
//!
//! Paragraphs that need nothing are borrowed, not copied.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Normaliser options.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// Remove citation and edit markers such as `[11]` and `[citation needed]`.
    pub citations: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { citations: true }
    }
}

/// Normalises one paragraph. `cuts` receives the spans (relative to `text`) of citation
/// markers removed, each with the whitespace before it.
pub(crate) fn paragraph<'h>(
    text: &'h str,
    opts: &Options,
    cuts: &mut Vec<std::ops::Range<usize>>,
) -> Cow<'h, str> {
    let first_cut = cuts.len();
    if opts.citations {
        find_citations(text, cuts);
    }
    let has_cuts = cuts.len() > first_cut;
    let ws_ok = whitespace_is_tidy(text);
    let nfc_ok = text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes;
    if !has_cuts && ws_ok && nfc_ok {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for cut in &cuts[first_cut..] {
        push_tidy(&mut out, &text[at..cut.start]);
        at = cut.end;
    }
    push_tidy(&mut out, &text[at..]);
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    if !nfc_ok {
        out = out.nfc().collect();
    }
    Cow::Owned(out)
}

/// Appends `s`, with every run of whitespace as one space and no leading space.
fn push_tidy(out: &mut String, s: &str) {
    let mut in_space = out.is_empty() || out.ends_with(' ');
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

/// No whitespace other than single spaces.
fn whitespace_is_tidy(text: &str) -> bool {
    let mut prev_space = false;
    for c in text.chars() {
        if c == ' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            prev_space = false;
        }
    }
    true
}

/// Finds `[12]`, `[a]` (attached to a word), `[citation needed]` and `[edit]`.
fn find_citations(text: &str, cuts: &mut Vec<std::ops::Range<usize>>) {
    let bytes = text.as_bytes();
    for open in memchr::memchr_iter(b'[', bytes) {
        let Some(len) = bytes[open..].iter().take(20).position(|&b| b == b']') else {
            continue;
        };
        let inner = &text[open + 1..open + len];
        let close = open + len + 1;
        let attached = open > 0 && !bytes[open - 1].is_ascii_whitespace();
        let is_marker =
            (!inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()))
                || (attached && inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase()))
                || inner.eq_ignore_ascii_case("citation needed")
                || inner.eq_ignore_ascii_case("edit");
        if !is_marker {
            continue;
        }
        // `a[1]` followed by more identifier characters reads as code, not a citation.
        if attached
            && bytes[open - 1].is_ascii_alphanumeric()
            && bytes
                .get(close)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'=')
        {
            continue;
        }
        let start = text[..open].trim_end().len();
        cuts.push(start..close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> (Cow<'_, str>, usize) {
        let mut cuts = Vec::new();
        let out = paragraph(text, &Options::default(), &mut cuts);
        (out, cuts.len())
    }

    #[test]
    fn table() {
        let cases = [
            ("clean", "A plain sentence.", "A plain sentence.", 0),
            ("citation", "assistance.[11]", "assistance.", 1),
            ("citation-mid", "end [4] of it", "end of it", 1),
            ("two-citations", "x.[1][2] Next.", "x. Next.", 2),
            ("letter-note", "word[a] more", "word more", 1),
            ("needed", "claim[citation needed].", "claim.", 1),
            ("edit", "History[edit]", "History", 1),
            ("code-kept", "a[1]=b", "a[1]=b", 0),
            ("long-bracket", "see [this one]", "see [this one]", 0),
            ("spaces", "a  b\tc", "a b c", 0),
            ("nbsp", "a\u{a0}b", "a b", 0),
            ("nfc", "e\u{301}", "é", 0),
        ];
        for (name, input, want, n_cuts) in cases {
            let (got, cuts) = norm(input);
            assert_eq!((got.as_ref(), cuts), (want, n_cuts), "case {name}");
        }
    }

    #[test]
    fn borrows_when_clean() {
        assert!(matches!(norm("Nothing to do here.").0, Cow::Borrowed(_)));
    }
}
