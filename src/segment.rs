//! Splitting the input into blocks: one block per non-blank line, with byte spans.
//!
//! Both layouts scrapers deliver come out the same way: paragraphs separated by blank
//! lines, and one paragraph per line with no blank lines at all. A block remembers whether
//! a blank line (or the start of the input) came before it, so later stages can tell a
//! paragraph break from a line break. `\n`, `\r\n` and a lone `\r` all end a line.
//!
//! The lines of a paragraph hard-wrapped at a fixed width ([`looks_hard_wrapped`]) make one
//! block; the normaliser joins them.

use crate::words::simd;

/// One non-blank line of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// Byte offset of the first non-whitespace character.
    pub start: usize,
    /// Byte offset just past the last non-whitespace character.
    pub end: usize,
    /// A blank line, or the start of the input, comes right before this block.
    pub gap_before: bool,
}

impl Block {
    /// The block's text.
    pub fn text<'h>(&self, input: &'h str) -> &'h str {
        &input[self.start..self.end]
    }
}

/// Splits `input` into its non-blank lines, trimmed of surrounding whitespace. With
/// `unwrap`, the lines of a hard-wrapped paragraph (see
/// [`looks_hard_wrapped`]) make one block whose text
/// keeps its line breaks; the normaliser joins them.
pub(crate) fn split(input: &str, unwrap: bool) -> Vec<Block> {
    let blocks = lines(input);
    if unwrap {
        join_wrapped(input, blocks)
    } else {
        blocks
    }
}

/// Joins each hard-wrapped group of lines (consecutive lines between blank lines) into one
/// block.
fn join_wrapped(input: &str, blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut lines = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let end = i + 1 + blocks[i + 1..].iter().take_while(|b| !b.gap_before).count();
        let group = &blocks[i..end];
        lines.clear();
        lines.extend(group.iter().map(|b| b.text(input)));
        if group.len() >= 3 && looks_hard_wrapped(&lines) {
            out.push(Block {
                start: group[0].start,
                end: group[group.len() - 1].end,
                gap_before: group[0].gap_before,
            });
        } else {
            out.extend_from_slice(group);
        }
        i = end;
    }
    out
}

/// Every non-blank line, trimmed of surrounding whitespace.
fn lines(input: &str) -> Vec<Block> {
    let bytes = input.as_bytes();
    // A vector that grows as it must (a count of the lines first cost a pass over the input).
    let mut blocks = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut gap = true;
    let mut line_start = 0;
    let mut push_line = |line_start: usize, line_end: usize, gap: &mut bool| {
        let line = &input[line_start..line_end];
        // Most lines start and end with a visible ASCII character: no trimming to do.
        let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
        let plain = graphic(line.as_bytes().first()) && graphic(line.as_bytes().last());
        let trimmed = if plain { line } else { line.trim_start() };
        if trimmed.is_empty() {
            *gap = true;
        } else {
            let start = line_end - trimmed.len();
            let end = start
                + if plain {
                    line.len()
                } else {
                    trimmed.trim_end().len()
                };
            blocks.push(Block {
                start,
                end,
                gap_before: *gap,
            });
            *gap = false;
        }
    };
    // The line ends of 64 bytes at a time as a bit mask.
    let mut base = 0;
    while base < bytes.len() {
        let mut ends = line_ends(bytes, base);
        while ends != 0 {
            let end = base + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            if end < line_start {
                // The `\n` of a `\r\n`, already taken with its `\r`.
                continue;
            }
            push_line(line_start, end, &mut gap);
            let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
            line_start = end + if crlf { 2 } else { 1 };
        }
        base += 64;
    }
    push_line(line_start, bytes.len(), &mut gap);
    blocks
}

/// Which of the 64 bytes from `base` are line ends (`\n` or `\r`), as bits.
#[inline]
fn line_ends(bytes: &[u8], base: usize) -> u64 {
    (0..4).fold(0, |mask, k| {
        let (lo, hi) = simd::sixteen(bytes, base + 16 * k);
        mask | u64::from(simd::line_ends(lo, hi)) << (16 * k)
    })
}

/// Whether a group of consecutive lines (between blank lines) is a paragraph hard-wrapped
/// at a fixed width: three lines or more, a width of 40–120 characters that most lines
/// come near and the last does not pass, no list markers, and prose that runs on from one
/// line to the next (continuation lines starting in lowercase). Lists, addresses, verse and
/// footers of separate short lines fail one of these.
fn looks_hard_wrapped(lines: &[&str]) -> bool {
    let n = lines.len();
    if n < 3 {
        return false;
    }
    // Most groups are a page's run of lines, with a line too long for any wrap width among
    // them: found first, most often from its byte length alone, before anything is counted
    // for every line.
    if lines[..n - 1]
        .iter()
        .any(|l| l.len() > 4 * 120 || (l.len() > 120 && l.chars().count() > 120))
    {
        return false;
    }
    let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let width = lens[..n - 1].iter().copied().max().unwrap_or(0);
    if !(40..=120).contains(&width) || lens[n - 1] > width {
        return false;
    }
    let near = lens[..n - 1]
        .iter()
        .filter(|&&l| l * 4 >= width * 3)
        .count();
    if near * 5 < (n - 1) * 4 {
        return false;
    }
    if lines.iter().any(|l| starts_with_list_marker(l)) {
        return false;
    }
    if lines[..n - 1].iter().any(|l| l.split(' ').count() < 5) {
        return false;
    }
    let lowercase_starts = lines[1..]
        .iter()
        .filter(|l| l.chars().next().is_some_and(char::is_lowercase))
        .count();
    lowercase_starts * 5 >= (n - 1) * 2
}

fn starts_with_list_marker(line: &str) -> bool {
    let mut cs = line.chars();
    match cs.next() {
        Some('-' | '*' | '•' | '·' | '–' | '—' | '>' | '+') => true,
        Some(c) if c.is_ascii_digit() || c.is_alphabetic() => {
            let head: String = line.chars().take_while(|c| c.is_alphanumeric()).collect();
            let next = line[head.len()..].chars().next();
            (head.chars().all(|c| c.is_ascii_digit()) || head.chars().count() == 1)
                && matches!(next, Some('.' | ')'))
                && line[head.len() + 1..].starts_with(' ')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<(&str, bool)> {
        split(input, false)
            .iter()
            .map(|b| (b.text(input), b.gap_before))
            .collect()
    }

    #[test]
    fn table() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, bool)]);
        let cases: &[Case<'_>] = &[
            ("empty", "", &[]),
            ("blank-only", "\n\n  \n\t\n", &[]),
            ("one-line", "abc", &[("abc", true)]),
            ("lines", "abc\ndef\n", &[("abc", true), ("def", false)]),
            ("crlf", "abc\r\ndef\r\n", &[("abc", true), ("def", false)]),
            ("cr", "abc\rdef", &[("abc", true), ("def", false)]),
            ("paragraphs", "a b\n\n c \n", &[("a b", true), ("c", true)]),
            ("unicode-space", "\u{a0}x\u{3000}\n", &[("x", true)]),
            ("no-final-newline", "a\n\nb", &[("a", true), ("b", true)]),
        ];
        for (name, input, want) in cases {
            assert_eq!(&texts(input), want, "case {name}");
        }
    }

    #[test]
    fn every_short_mix_of_line_ends_splits_as_lines_do() {
        // Reference: lines ended by `\r\n`, `\r` or `\n`, trimmed, blank ones marking gaps.
        fn reference(input: &str) -> Vec<(&str, bool)> {
            let mut out = Vec::new();
            let (mut gap, mut rest) = (true, input);
            loop {
                let (line, next) = match rest.find(['\r', '\n']) {
                    Some(i) if rest[i..].starts_with("\r\n") => (&rest[..i], Some(&rest[i + 2..])),
                    Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                    None => (rest, None),
                };
                if line.trim().is_empty() {
                    gap = true;
                } else {
                    out.push((line.trim(), gap));
                    gap = false;
                }
                match next {
                    Some(n) => rest = n,
                    None => return out,
                }
            }
        }
        let alphabet = ['a', ' ', '\n', '\r'];
        for len in 0..=6u32 {
            for mut code in 0..4usize.pow(len) {
                let mut input = String::new();
                for _ in 0..len {
                    input.push(alphabet[code % 4]);
                    code /= 4;
                }
                assert_eq!(texts(&input), reference(&input), "{input:?}");
            }
        }
    }

    #[test]
    fn hard_wrapped_groups() {
        let input = "Title\n\n\
            The committee met on Tuesday to discuss the proposal for a new\r\n\
            footbridge over the river, which residents have requested for more\n\
            than a decade, and agreed to fund a feasibility study.\n\n\
            Town Clerk's Office\nMarket Hall\nEastbridge EB1 4QT\n";
        let cases: &[(&str, bool, usize)] = &[("kept-apart", false, 7), ("joined", true, 5)];
        for (name, unwrap, n) in cases {
            let blocks = split(input, *unwrap);
            assert_eq!(blocks.len(), *n, "case {name}");
            assert!(
                blocks.iter().all(|b| b.text(input) == b.text(input).trim()),
                "case {name}"
            );
        }
        let joined = split(input, true)[1].text(input);
        assert!(joined.starts_with("The committee") && joined.ends_with("study."));
    }

    #[test]
    fn spans_point_into_input() {
        let input = "  héllo  \r\n\r\nwörld";
        for b in split(input, false) {
            assert!(input.is_char_boundary(b.start) && input.is_char_boundary(b.end));
            assert_eq!(b.text(input), b.text(input).trim());
        }
    }

    #[test]
    fn hard_wrapped() {
        let prose = [
            "The committee met on Tuesday to discuss the proposal for a new",
            "footbridge over the river, which residents have requested for more",
            "than a decade, and agreed to fund a feasibility study.",
        ];
        type Case<'a> = (&'a str, &'a [&'a str], bool);
        let cases: &[Case<'_>] = &[
            ("prose", &prose, true),
            ("two-lines", &prose[..2], false),
            (
                "address",
                &["Harbour Press Ltd", "14 Quay Street", "Anytown AB1 2CD"],
                false,
            ),
            (
                "footer",
                &[
                    "Editor in chief — Kirill Martynov. Terms of use. Privacy policy.",
                    "We use cookies.",
                    "Privacy policy.",
                ],
                false,
            ),
            (
                "list",
                &[
                    "- the first item of a list that is long enough to wrap here",
                    "- the second item of a list that is long enough to wrap too",
                    "- the third item",
                ],
                false,
            ),
            (
                "verse",
                &[
                    "Whose woods these are I think I know, his house is in",
                    "The village though; he will not see me stopping here",
                    "To watch his woods fill up with snow, and so I go.",
                ],
                false,
            ),
            (
                "long-lines",
                &[
                    "A paragraph per line is not hard-wrapped: this line is much longer than any terminal width would be, well past one hundred and twenty characters.",
                    "and this one too goes on and on well past any fixed width that a plain-text mail or a terminal would wrap at.",
                    "short",
                ],
                false,
            ),
        ];
        for (name, lines, want) in cases {
            assert_eq!(looks_hard_wrapped(lines), *want, "case {name}");
        }
    }
}
