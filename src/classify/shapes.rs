//! Line shapes that context rules look for: embed closers, source attributions, headlines.

use super::features::Edges;
use crate::cleaned::Features;

/// The closing line of an embedded social post: `— Name (@handle) Month D, YYYY` (the form
/// Twitter/X embeds take as text), or `A post shared by Name (@handle)` (Instagram).
pub(crate) fn is_embed_closer(text: &str, f: &Features) -> bool {
    if f.handles == 0 || f.chars > 160 {
        return false;
    }
    let Some(open) = text.find("(@") else {
        return false;
    };
    if !text[open..].contains(')') {
        return false;
    }
    let dash = text.starts_with(['—', '–', '―', '-']);
    dash || text.starts_with("A post shared by")
}

/// A copyright line: short, and starting with `©`, `(c)` or `Copyright`, or carrying `©`
/// with a year.
pub(crate) fn is_copyright(text: &str, f: &Features, edges: Edges) -> bool {
    if f.chars > 160 {
        return false;
    }
    let head = || text.trim_start();
    let starts = edges.may_start_copyright() && {
        let head = head();
        head.starts_with('©')
            || head.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("(c)"))
            || head
                .get(..9)
                .is_some_and(|h| h.eq_ignore_ascii_case("copyright"))
    };
    let year = || {
        text.as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit) && (w[0] == b'1' || w[0] == b'2'))
    };
    // `©` is C2 A9 in UTF-8: a byte search for A9, where a general substring search costs
    // more than the rest of this test on every short block.
    let bytes = text.as_bytes();
    let sign = || memchr::memchr_iter(0xA9, bytes).any(|i| i > 0 && bytes[i - 1] == 0xC2);
    // A year is four ASCII digits: most blocks have fewer, and need no search.
    starts || (f.digits >= 4 && sign() && year())
}

/// A comment's header line: `Jane Roe says:`, `3. Jane Roe Says:`, `Jane said...`,
/// `Jane Roe wrote:`.
pub(crate) fn is_comment_header(text: &str, f: &Features, edges: Edges) -> bool {
    if f.words > 9 || f.chars > 80 || !edges.may_end_header() {
        return false;
    }
    let text = text.trim_end().as_bytes();
    [
        "says:", "said:", "said...", "said…", "wrote:", "dice:", "sagt:", "a dit :",
    ]
    .iter()
    .any(|end| {
        text.len() >= end.len()
            && text[text.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
    }) && text
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
        .nth(1)
        .is_some()
}

/// A line that counts a comment section: `16 Responses to “…”`, `3 Comments`, `One thought on`.
pub(crate) fn is_comment_count(text: &str, f: &Features, edges: Edges) -> bool {
    // The count comes first: a digit, a bracket or a number word's first letter. Most short
    // blocks start otherwise and are turned away before their text is read.
    if f.words > 20 || !edges.may_start_count() {
        return false;
    }
    let mut words = text.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let first = first.trim_matches(['(', ')', '[', ']']);
    let number = first.bytes().all(|b| b.is_ascii_digit())
        || ["one", "two", "three", "four", "five", "no"]
            .iter()
            .any(|w| first.eq_ignore_ascii_case(w));
    let second = second.trim_end_matches([':', ')', ']', ',']);
    number
        && [
            "comments",
            "comment",
            "responses",
            "response",
            "replies",
            "reply",
            "thoughts",
            "thought",
        ]
        .iter()
        .any(|w| second.eq_ignore_ascii_case(w))
}

/// Whether the text carries a link of the kind embedded posts show (`t.co/…`,
/// `pic.twitter.com/…`) or any URL.
pub(crate) fn has_link(text: &str, f: &Features) -> bool {
    f.urls > 0 || text.contains("t.co/")
}

/// A headline: a short block that does not end a sentence.
pub(crate) fn is_headline(f: &Features) -> bool {
    !f.ends_sentence && f.words >= 1 && f.words <= 25 && f.chars <= 220
}

/// The byte offset where a trailing ` – Source` attribution starts, if the text ends with one:
/// a spaced dash or bar followed by one to six words, the first capitalized, with at least five
/// words before it.
pub(crate) fn source_attribution(text: &str) -> Option<usize> {
    let (at, sep_len) = [" – ", " — ", " - ", " | "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|&(i, _)| i)?;
    let source = text[at + sep_len..].trim();
    let before = &text[..at];
    let source_words = source.split_whitespace().count();
    let first_cap = source.chars().next().is_some_and(char::is_uppercase);
    let before_words = before.split_whitespace().count();
    (first_cap && (1..=6).contains(&source_words) && before_words >= 5).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::features::{Scratch, measure};

    fn feats(text: &str) -> Features {
        measure(text, None, &mut Scratch::default()).f
    }

    #[test]
    fn copyright_lines() {
        let cases = [
            ("© 2024 Example Media", true),
            ("Copyright Example Media", true),
            ("Photo: Reuters © 2021", true),
            ("Photo: Reuters ©", false),
            // `é` ends in the same byte as `©` (C3 A9 and C2 A9).
            ("Café Liégeois, opened 2021", false),
            ("All rights reserved 2024", false),
            ("Photo: Reuters © 24", false),
            ("(c) Example Media", true),
        ];
        for (text, want) in cases {
            assert_eq!(
                is_copyright(text, &feats(text), Edges::of(text)),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn closers() {
        let cases = [
            ("— Jane Roe (@janeroe) May 2, 2021", true),
            ("- City Transit (@citytransit_x) 4 March 2024", true),
            ("A post shared by Jo (@jo.bakes) on Mar 3, 2020", true),
            ("Follow @janeroe for updates", false),
            ("— Jane Roe, the mayor", false),
        ];
        for (text, want) in cases {
            assert_eq!(is_embed_closer(text, &feats(text)), want, "{text}");
        }
    }

    #[test]
    fn comment_shapes() {
        let headers = [
            ("3. Jane Roe Says:", true),
            ("Jane said...", true),
            ("Anonymous wrote:", true),
            ("He says", false),
            (
                "The minister says the plan will cost more than the council first said:",
                false,
            ),
        ];
        for (text, want) in headers {
            assert_eq!(
                is_comment_header(text, &feats(text), Edges::of(text)),
                want,
                "{text}"
            );
        }
        let counts = [
            ("16 Responses to “First light”", true),
            ("3 Comments", true),
            ("One thought on “Spring”", true),
            ("(12) comments", true),
            ("[2] Replies:", true),
            ("  No comments", true),
            ("FIVE RESPONSES", true),
            ("16 people were hurt", false),
            ("Comments 3", false),
            ("Seven comments", false),
            ("", false),
        ];
        for (text, want) in counts {
            assert_eq!(
                is_comment_count(text, &feats(text), Edges::of(text)),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn attributions() {
        let cases = [
            ("Flood defences fail in three towns – Regional Herald", true),
            ("Rates held again as inflation cools — Reuters", true),
            ("Flood defences fail – what next", false),
            ("Short – Herald", false),
            ("No attribution in this headline at all", false),
        ];
        for (text, want) in cases {
            assert_eq!(source_attribution(text).is_some(), want, "{text}");
        }
    }
}
