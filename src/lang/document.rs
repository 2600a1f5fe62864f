//! The document's language and main script, from a sample of its longest blocks that read as
//! text: a stopword vote where it is clear, whatlang otherwise.

use std::ops::Range;

use super::identify::detect;
use super::script::{SCRIPTS, Script, dominant_script};
use super::vote::VoteTable;
use crate::language::Language;
use crate::words::{count_ascii, head, is_letter};

/// The document's language and main script, from its longest blocks (`blocks` gives each
/// block's span in `input`).
pub(crate) fn document_language(
    input: &str,
    blocks: impl ExactSizeIterator<Item = Range<usize>> + Clone,
) -> (Option<Language>, Script) {
    const SAMPLE_BLOCKS: usize = 12;
    let mut by_len: Vec<(usize, usize)> = Vec::with_capacity(blocks.len());
    by_len.extend(
        blocks
            .clone()
            .filter(|b| b.end - b.start >= 40)
            .map(|b| (b.start, b.end)),
    );
    if by_len.is_empty() {
        // A text of short lines only: every line is the sample.
        by_len = blocks.map(|b| (b.start, b.end)).collect();
    }
    // Longest first, the first of equal ones first. Only the longest few are read, so only
    // they are sorted, the rest when those run out.
    let key = |&(s, e): &(usize, usize)| (std::cmp::Reverse(e - s), s);
    let mut sorted = (2 * SAMPLE_BLOCKS).min(by_len.len());
    if sorted < by_len.len() {
        by_len.select_nth_unstable_by_key(sorted, key);
    }
    by_len[..sorted].sort_unstable_by_key(key);
    // The sample: the longest blocks that read as text, until the script count and the
    // vote have all they read (or 12 blocks). A repeated block (an ad script on every
    // teaser) counts once, and code or markup (few letters among its non-space characters)
    // not at all: a page whose longest lines are a script tag was named in another language
    // than its article.
    let mut sample: Vec<(usize, usize)> = Vec::with_capacity(SAMPLE_BLOCKS);
    let mut read = 0;
    // The sample's letters by script, counted as its blocks are checked.
    let mut scripts = [0u32; SCRIPTS];
    for i in 0..by_len.len() {
        if sample.len() == SAMPLE_BLOCKS || read >= SCRIPT_SAMPLE {
            break;
        }
        if i == sorted {
            by_len[sorted..].sort_unstable_by_key(key);
            sorted = by_len.len();
        }
        let (s, e) = by_len[i];
        let text = &input[s..e];
        let repeated = sample.iter().any(|&(s2, e2)| &input[s2..e2] == text);
        if repeated {
            continue;
        }
        let head = head(text, SCRIPT_SAMPLE_BLOCK);
        let counts = LetterCounts::of(head);
        if counts.reads_as_text() {
            sample.push((s, e));
            read += head.len();
            for (total, n) in scripts.iter_mut().zip(counts.scripts) {
                *total += n;
            }
        }
    }
    // Nothing reads as text: the longest blocks are all there is to go on.
    if sample.is_empty() {
        by_len.truncate(SAMPLE_BLOCKS);
        sample = by_len;
        let mut read = 0;
        for &(s, e) in &sample {
            if read >= SCRIPT_SAMPLE {
                break;
            }
            let head = head(&input[s..e], SCRIPT_SAMPLE_BLOCK);
            read += head.len();
            for (total, n) in scripts.iter_mut().zip(LetterCounts::of(head).scripts) {
                *total += n;
            }
        }
    }
    let by_len = sample;
    let main_script = dominant_script(&scripts).0;
    let language = detect_document(input, &by_len, main_script);
    let script = match language {
        Some(l) => Script::of_language(l.0),
        None => main_script,
    };
    (language, script)
}

/// How much of the sample the main script is counted on: a script that is not the main one
/// in the first 2 KB of the longest blocks is not the main one of the page. The language
/// vote reads as much (its 2,000 bytes and a line end a block fall within), so no block past
/// these is read. (4 KB named the same script on every dev and snippet page.)
const SCRIPT_SAMPLE: usize = 2048;

/// How much of one block the script count reads.
const SCRIPT_SAMPLE_BLOCK: usize = 2048;

/// A text's letters by script, and its characters that are neither letters nor spaces.
struct LetterCounts {
    scripts: [u32; SCRIPTS],
    letters: u32,
    other: u32,
}

impl LetterCounts {
    fn of(text: &str) -> LetterCounts {
        // ASCII counted eight bytes at a time (its letters are Latin), only the rest decoded.
        let mut scripts = [0u32; SCRIPTS];
        let (mut letters, mut other) = (0u32, 0u32);
        let (ascii_letters, ascii_spaces, ascii) = count_ascii(text, |c| {
            if is_letter(c) {
                letters += 1;
                scripts[Script::of(c) as usize] += 1;
            } else if !c.is_whitespace() {
                other += 1;
            }
        });
        scripts[Script::Latin as usize] += ascii_letters as u32;
        LetterCounts {
            scripts,
            letters: letters + ascii_letters as u32,
            other: other + (ascii - ascii_letters - ascii_spaces) as u32,
        }
    }

    /// Whether the text reads as prose rather than code or markup: letters are at least 80%
    /// of its characters other than spaces (prose in any script runs at 80% and more, a
    /// script tag or a JSON line well below).
    fn reads_as_text(&self) -> bool {
        self.letters >= self.other * 4
    }
}

/// The language of a document, from a sample of its longest blocks written in `script`: a
/// stopword vote where it is clear, whatlang otherwise.
pub(crate) fn detect_document(
    input: &str,
    samples: &[(usize, usize)],
    script: Script,
) -> Option<Language> {
    // Blocks until 2,000 bytes are read; a block counts for that much at most, so that one
    // huge line does not make the vote and whatlang read all of it.
    const ENOUGH: usize = 2000;
    let table = VoteTable::for_script(script);
    let mut lower = String::new();
    let mut hits = [0u32; 32];
    let mut words = 0u32;
    let mut taken = 0usize;
    let mut used = 0;
    for &(start, end) in samples {
        if taken >= ENOUGH {
            break;
        }
        let text = head(&input[start..end], ENOUGH);
        let (h, w) = table.count(text, &mut lower);
        for (total, h) in hits.iter_mut().zip(h) {
            *total += h;
        }
        words += w;
        taken += text.len() + 1;
        used += 1;
        // An overwhelming vote on the first blocks is not going to turn.
        if words >= 150
            && taken < ENOUGH
            && let Some(lang) = table.winner(&hits, words, 0.3, (2, 1))
        {
            return Some(lang);
        }
    }
    table.document_winner(&hits, words).or_else(|| {
        // whatlang reads what the vote read: its time grows with the text, and on half a
        // kilobyte it misnamed dev pages whose 2 KB it names right.
        let mut sample = String::with_capacity(ENOUGH + 1);
        for &(start, end) in &samples[..used] {
            if sample.len() >= ENOUGH {
                break;
            }
            sample.push_str(head(&input[start..end], ENOUGH - sample.len()));
            sample.push('\n');
        }
        detect(&sample).map(|(lang, _)| lang)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use whatlang::Lang;

    /// The ASCII fast path of `LetterCounts` counts as the general one does.
    #[test]
    fn letter_counts_agree_with_counting_chars() {
        fn by_chars(text: &str) -> bool {
            let letters = text.chars().filter(|&c| is_letter(c)).count();
            let other = text
                .chars()
                .filter(|&c| !is_letter(c) && !c.is_whitespace())
                .count();
            let mut scripts = [0u32; SCRIPTS];
            for c in text.chars().filter(|&c| is_letter(c)) {
                scripts[Script::of(c) as usize] += 1;
            }
            assert_eq!(LetterCounts::of(text).scripts, scripts, "{text:?}");
            letters >= other * 4
        }
        let cases = [
            "The council voted on Tuesday to keep the library open.",
            "var x = {\"a\": [1, 2, 3]}; function f(a, b) { return a + b; }",
            "word\x0bword\x0cword\rword\tword\x1cword\x1f!!",
            "abcd!",
            "abcd!!",
            "",
            "   \t\n",
            "a1b2c3d4e5",
            "“Quoted,” she said — and left. Заголовок ¶¶ ½ № 5",
            "{\"ключ\": [1, 2, 3]} // код",
        ];
        for text in cases {
            assert_eq!(
                LetterCounts::of(text).reads_as_text(),
                by_chars(text),
                "{text:?}"
            );
        }
        // Every ASCII byte, alone, after four letters (the 80% boundary), and inside runs of
        // eight ASCII bytes and more between non-ASCII characters.
        for b in 0u8..0x80 {
            let b = b as char;
            for text in [
                String::from(b),
                format!("abcd{b}"),
                format!("abcdefgh{b}ijklmnop!!!!"),
                format!("“ab{b}cdefghijk”—x{b}"),
            ] {
                assert_eq!(
                    LetterCounts::of(&text).reads_as_text(),
                    by_chars(&text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_thin_but_clear_document_vote_decides() {
        let table = VoteTable::for_script(Script::Latin);
        // Headlines: few function words, but only English ones.
        let text = "Apple shares rise after strong iPhone sales this week. \
            Markets close higher with oil prices falling for the third day. \
            Storm warning issued for coastal towns overnight. "
            .repeat(4);
        let (hits, words) = table.count(&text, &mut String::new());
        assert!(words >= 100);
        assert!(table.winner(&hits, words, 0.25, (4, 3)).is_none());
        assert_eq!(
            table.document_winner(&hits, words),
            Some(Language(Lang::Eng))
        );
        // Too few words: whatlang decides.
        let short = "Apple shares rise after strong iPhone sales in China. ".repeat(2);
        let (hits, words) = table.count(&short, &mut String::new());
        assert_eq!(table.document_winner(&hits, words), None);
        // Two languages close: whatlang decides.
        let mixed =
            format!("{text} die der und das ist mit von den zu nicht auf ein eine dem des im");
        let (mut hits, words) = table.count(&mixed, &mut String::new());
        let (eng, deu) = (
            table.index_of(Language(Lang::Eng)).unwrap(),
            table.index_of(Language(Lang::Deu)).unwrap(),
        );
        hits[deu] = hits[deu].max(hits[eng] * 2 / 3);
        assert_eq!(table.document_winner(&hits, words), None);
    }
}
