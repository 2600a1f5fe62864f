//! Splitting the input into blocks: one block per non-blank line, with byte spans.
//!
//! Both layouts scrapers deliver come out the same way: paragraphs separated by blank
//! lines, and one paragraph per line with no blank lines at all. A block remembers whether
//! a blank line (or the start of the input) came before it, so later stages can tell a
//! paragraph break from a line break. `\n`, `\r\n` and a lone `\r` all end a line.

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

/// Splits `input` into its non-blank lines, trimmed of surrounding whitespace.
pub(crate) fn split(input: &str) -> Vec<Block> {
    let bytes = input.as_bytes();
    let mut blocks = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut gap = true;
    let mut line_start = 0;
    while line_start <= bytes.len() {
        let (line_end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[line_start..]) {
            Some(i) => {
                let end = line_start + i;
                let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                (end, end + if crlf { 2 } else { 1 })
            }
            None => (bytes.len(), bytes.len() + 1),
        };
        let line = &input[line_start..line_end];
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            gap = true;
        } else {
            let start = line_end - trimmed.len();
            let end = start + trimmed.trim_end().len();
            blocks.push(Block {
                start,
                end,
                gap_before: gap,
            });
            gap = false;
        }
        line_start = next;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<(&str, bool)> {
        split(input)
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
    fn spans_point_into_input() {
        let input = "  héllo  \r\n\r\nwörld";
        for b in split(input) {
            assert!(input.is_char_boundary(b.start) && input.is_char_boundary(b.end));
            assert_eq!(b.text(input), b.text(input).trim());
        }
    }
}
