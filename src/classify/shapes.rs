//! Line shapes that context rules look for: embed closers, source attributions, headlines.

use super::features::Features;

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
