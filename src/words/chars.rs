//! Characters: letters and digits by range where the standard library would search a table,
//! runs of ASCII letters and digits eight bytes at a time, and the non-ASCII characters of a
//! text found without decoding its ASCII bytes.

use super::swar;

/// `char::is_alphabetic`, with the blocks most text is written in answered by their range: the
/// standard library searches a table for every non-ASCII character, a third of the language
/// stage's time on a page with a Cyrillic notice. Equal to it for every `char` (tested).
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    letter_by_range(c).unwrap_or_else(|| c.is_alphabetic())
}

/// `char::is_alphanumeric`, with the same fast ranges as [`is_letter`].
#[inline]
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    letter_by_range(c).unwrap_or_else(|| c.is_alphanumeric())
}

/// For a non-ASCII character in a block that is all letters (Latin-1 and Latin Extended
/// letters, Greek and Cyrillic letters, Han, kana, Hangul syllables) or has neither letters
/// nor digits (general punctuation: dashes, typographic quotes, spaces): whether it is a
/// letter. `None` elsewhere.
#[inline]
pub(crate) fn letter_by_range(c: char) -> Option<bool> {
    match c as u32 {
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => Some(true),
        0x391..=0x3A1 | 0x3A3..=0x3A9 | 0x3B1..=0x3C9 => Some(true),
        0x400..=0x481 | 0x48A..=0x52F => Some(true),
        0x2000..=0x206F => Some(false),
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => Some(true),
        _ => None,
    }
}

/// The end of the run of ASCII letters and digits that starts at `i`, and how many of them are
/// digits: eight bytes at a time where eight remain (a word is usually over in one step).
#[inline]
pub(crate) fn ascii_alnum_run(bytes: &[u8], mut i: usize) -> (usize, u32) {
    let mut digits = 0;
    while let Some(w) = swar::load(bytes, i) {
        let (alnum, digit) = swar::alnum_and_digits(w);
        // Bytes before the first that is neither letter nor digit.
        let run = (!alnum & swar::HIGH).trailing_zeros() / 8;
        let in_run = if run == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * run)) - 1
        };
        // Most words hold no digit: the count (a dozen instructions on the default x86-64
        // target, which has no `popcnt`) is skipped for them.
        if digit & in_run != 0 {
            digits += (digit & in_run).count_ones();
        }
        i += run as usize;
        if run < 8 {
            return (i, digits);
        }
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        digits += u32::from(bytes[i].is_ascii_digit());
        i += 1;
    }
    (i, digits)
}

/// Counts a text's ASCII letters and whitespace eight bytes at a time where eight ASCII bytes
/// come together, and hands every non-ASCII character to `non_ascii`. Returns the ASCII
/// letters, the ASCII whitespace bytes and all ASCII bytes.
#[inline]
pub(crate) fn count_ascii(text: &str, mut non_ascii: impl FnMut(char)) -> (usize, usize, usize) {
    let bytes = text.as_bytes();
    let (mut letters, mut spaces, mut ascii) = (0, 0, 0);
    let mut i = 0;
    while i < bytes.len() {
        if let Some(w) = swar::load(bytes, i)
            && w & swar::HIGH == 0
        {
            let (l, s) = swar::letters_and_spaces(w);
            letters += swar::count(l) as usize;
            spaces += swar::count(s) as usize;
            ascii += 8;
            i += 8;
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            letters += usize::from(b.is_ascii_alphabetic());
            spaces += usize::from(b.is_ascii_whitespace() || b == 0x0B);
            ascii += 1;
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            non_ascii(c);
            i += c.len_utf8();
        }
    }
    (letters, spaces, ascii)
}

/// Calls `f` on the span of every word of `text` (a maximal run of letters and digits) and
/// whether it is ASCII, stepping over ASCII eight bytes at a time.
#[inline]
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(std::ops::Range<usize>, bool)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut start: Option<usize> = None;
    let mut ascii = true;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
                ascii = true;
            }
            i = ascii_alnum_run(bytes, i).0;
            continue;
        }
        let (alnum, len) = if b < 0x80 {
            (false, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (is_letter_or_digit(c), c.len_utf8())
        };
        if alnum {
            if start.is_none() {
                start = Some(i);
            }
            ascii = false;
        } else if let Some(s) = start.take() {
            f(s..i, ascii);
        }
        i += len;
    }
    if let Some(s) = start {
        f(s..n, ascii);
    }
}

/// The non-ASCII letters of a text, skipping ASCII bytes without decoding them.
pub(crate) fn non_ascii_letters(text: &str) -> impl Iterator<Item = char> + '_ {
    non_ascii_chars(text)
        .map(|(_, c)| c)
        .filter(|&c| is_letter(c))
}

/// The offset of the first byte at or after `from` that is not ASCII: eight bytes at a time.
#[inline]
pub(crate) fn next_non_ascii(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(w) = swar::load(bytes, from) {
        let high = w & swar::HIGH;
        if high != 0 {
            return Some(from + high.trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(|b| !b.is_ascii())
        .map(|i| from + i)
}

/// The non-ASCII characters of a text with their byte offsets, skipping ASCII bytes without
/// decoding them.
pub(crate) fn non_ascii_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        at = next_non_ascii(text.as_bytes(), at)?;
        let c = text[at..].chars().next()?;
        let here = at;
        at += c.len_utf8();
        Some((here, c))
    })
}

/// At most the first `max` bytes of a text, cut on a character boundary.
pub(crate) fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_runs_by_eight_bytes_agree_with_a_byte_at_a_time() {
        let by_byte = |bytes: &[u8], mut i: usize| {
            let mut digits = 0;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                digits += u32::from(bytes[i].is_ascii_digit());
                i += 1;
            }
            (i, digits)
        };
        // Every byte value at every position of a run, and runs of every length (past one
        // eight-byte step, and two).
        for b in 0..=255u8 {
            for at in 0..=27 {
                let mut text = b"Ab09zZ9aQ7xyAb09zZ9aQ7xy9zq".to_vec();
                text.insert(at, b);
                for start in 0..text.len() {
                    assert_eq!(
                        ascii_alnum_run(&text, start),
                        by_byte(&text, start),
                        "{b:#x} at {at}, from {start}"
                    );
                }
            }
        }
    }

    #[test]
    fn non_ascii_bytes_found_by_eight_agree_with_a_byte_at_a_time() {
        for len in 0..20 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = 0xC3;
                }
                for from in 0..=len + 1 {
                    let by_byte = bytes
                        .get(from..)
                        .and_then(|rest| rest.iter().position(|b| !b.is_ascii()))
                        .map(|i| from + i);
                    assert_eq!(next_non_ascii(&bytes, from), by_byte, "{len} {at} {from}");
                }
            }
        }
        let text = "a “b” c — d";
        let found: Vec<_> = non_ascii_chars(text).collect();
        assert_eq!(found, [(2, '“'), (6, '”'), (12, '—')]);
    }

    #[test]
    fn letter_ranges_agree_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
