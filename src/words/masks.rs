//! A block's words from bit masks of 64 bytes at a time: where its letters and digits are all
//! ASCII or Latin-1 letters (most blocks on the web), finding the next word is a few bit
//! operations on the masks, not a step per byte.

use super::chars::letter_by_range;
use super::simd;

/// Bit masks of 64 bytes of text (bit `k` for the window's byte `k`; none past the end).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Masks {
    /// ASCII letters and digits.
    pub alnum: u64,
    /// ASCII digits.
    pub digit: u64,
    /// `@` signs.
    pub at: u64,
    /// Bytes that are not ASCII.
    pub high: u64,
    /// The second bytes of the Latin-1 letters in the window, when they are read as letters
    /// ([`masked_words`] with `LATIN1`; `alnum` then holds both bytes of each).
    pub latin: u64,
    /// The `alnum` bit of the byte before the window, as bit 0.
    pub before: u64,
}

/// Reads a text whose letters and digits are all ASCII in 64-byte windows of bit masks, and
/// finds its words where the letters-and-digits mask changes: finding the next word is a few
/// bit operations, where a byte scan's every step waits on the one before and branches on the
/// word's length and what follows it. `window` gets each window's start and masks before
/// `word` gets the words that end in it.
///
/// The text's non-ASCII characters (typographic quotes and dashes, no-break spaces, bullets,
/// which separate words as ASCII punctuation does) are decoded where a window holds them. At
/// the first that is a letter or digit the reading stops and returns `None`: such a text is
/// read a character at a time. Otherwise it returns the text's UTF-8 continuation bytes, for
/// counting its characters.
///
/// With `LATIN1`, the Latin-1 letters (`À` to `ÿ` but `×` and `÷`, two bytes from `C3`: the
/// letters of German, French, Spanish and Portuguese beyond ASCII) are read as letters too,
/// and `word` is told whether a word holds any; it is then not ASCII.
#[inline(always)]
pub(crate) fn masked_words<S, const LATIN1: bool>(
    text: &str,
    state: &mut S,
    mut window: impl FnMut(&mut S, usize, Masks),
    mut word: impl FnMut(&mut S, std::ops::Range<usize>, bool),
) -> Option<usize> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut continuations = 0;
    // The start of the word being read, when a window ended inside one.
    let mut word_start = None;
    // Whether the word being read holds a Latin-1 letter so far.
    let mut open_latin = false;
    // The alnum bit of the byte before the window, as bit 0.
    let mut carry = 0u64;
    // The second byte of a Latin-1 letter that the last window's last byte started.
    let mut latin_carry = 0u64;
    let mut base = 0;
    // A text whose last word ends at the end of a window gets one more, empty, window: its
    // bit 0, the end, closes the word, so that `word` is called from one place (and inlined).
    while base < n || carry != 0 {
        let mut masks = window_masks(bytes, base);
        if masks.high != 0 {
            if LATIN1 {
                let (more, letters, seconds) = latin1_separators(text, base, masks.high)?;
                continuations += more;
                masks.latin = seconds | latin_carry;
                masks.alnum |= letters | latin_carry;
                // A letter whose first byte is the window's last: its second byte is not.
                latin_carry = (letters & !seconds) >> 63;
            } else {
                continuations += separators(text, base, masks.high)?;
            }
        }
        masks.before = carry;
        window(state, base, masks);
        // Whether a word ending in the window can hold a Latin-1 letter: where none can (all
        // of an English page), the words pay nothing for them.
        let any_latin = LATIN1 && (open_latin || masks.latin != 0);
        // Each set bit is a word's first byte or the first byte after one, alternately. Bytes
        // past the end are in no word: a word running to the end closes there. Taken a word
        // (two edges) at a time: a word open since an earlier window closes at the first.
        let mut edges = masks.alnum ^ (masks.alnum << 1 | carry);
        carry = masks.alnum >> 63;
        loop {
            let start = match word_start.take() {
                Some(start) => start,
                None if edges == 0 => break,
                None => {
                    let start = base + edges.trailing_zeros() as usize;
                    edges &= edges - 1;
                    start
                }
            };
            // The window's Latin-1 letters from the word's start on.
            let latin_from = |latin: u64| latin >> (start.max(base) - base) != 0;
            if edges == 0 {
                word_start = Some(start);
                open_latin |= any_latin && latin_from(masks.latin);
                break;
            }
            let end = base + edges.trailing_zeros() as usize;
            edges &= edges - 1;
            let latin = any_latin
                && (std::mem::take(&mut open_latin)
                    || latin_from(masks.latin & ((1u64 << (end - base)) - 1)));
            word(state, start..end, latin);
        }
        base += 64;
    }
    Some(continuations)
}

/// The continuation bytes of the characters that start at the non-ASCII bytes `high` of the
/// window at `base`; `None` if one of them is a letter or digit.
#[cold]
fn separators(text: &str, base: usize, mut high: u64) -> Option<usize> {
    let mut continuations = 0;
    while high != 0 {
        let at = base + high.trailing_zeros() as usize;
        high &= high - 1;
        // Only a character's first byte (not `10xxxxxx`) starts one.
        if text.as_bytes()[at] & 0xC0 == 0x80 {
            continue;
        }
        continuations += separator(text, at)?;
    }
    Some(continuations)
}

/// The continuation bytes of the character at `at`, if it is neither a letter nor a digit.
fn separator(text: &str, at: usize) -> Option<usize> {
    let c = text[at..].chars().next().unwrap_or(' ');
    let alnum = letter_by_range(c).unwrap_or_else(|| c.is_numeric() || c.is_alphabetic());
    (!alnum).then(|| c.len_utf8() - 1)
}

/// [`separators`] that reads the Latin-1 letters as letters: with the continuation bytes,
/// the window's bits of both bytes of each such letter and of its second bytes (a letter that
/// the window's last byte starts has its second byte in the next window). `None` at another
/// letter or digit that is not ASCII.
fn latin1_separators(text: &str, base: usize, mut high: u64) -> Option<(usize, u64, u64)> {
    let bytes = text.as_bytes();
    let (mut continuations, mut letters, mut seconds) = (0, 0u64, 0u64);
    while high != 0 {
        let bit = high.trailing_zeros();
        let at = base + bit as usize;
        high &= high - 1;
        match bytes[at] {
            // A continuation byte: counted with its character's first.
            b if b & 0xC0 == 0x80 => {}
            0xC3 if !matches!(bytes.get(at + 1), Some(0x97 | 0xB7)) => {
                continuations += 1;
                letters |= 3 << bit;
                seconds |= 2 << bit;
            }
            _ => continuations += separator(text, at)?,
        }
    }
    Some((continuations, letters, seconds))
}

/// The [`Masks`] of the 64 bytes from `base`, sixteen bytes at a time.
#[inline]
fn window_masks(bytes: &[u8], base: usize) -> Masks {
    let mut masks = Masks {
        alnum: 0,
        digit: 0,
        at: 0,
        high: 0,
        latin: 0,
        before: 0,
    };
    for k in 0..4 {
        let from = base + 16 * k;
        if from >= bytes.len() {
            break;
        }
        let (lo, hi) = simd::sixteen(bytes, from);
        let m = simd::classes(lo, hi);
        masks.alnum |= u64::from(m.alnum) << (16 * k);
        masks.digit |= u64::from(m.digit) << (16 * k);
        masks.at |= u64::from(m.at) << (16 * k);
        masks.high |= u64::from(m.high) << (16 * k);
    }
    masks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::for_each_word;

    /// Reads random texts of `pieces` by masks (with Latin-1 letters as letters or not), and
    /// checks the words, their kind and the continuation bytes against the character reading.
    fn masks_read_as_characters<const LATIN1: bool>(pieces: &[&str]) {
        let mut next = crate::words::xorshift(0x9e37_79b9_7f4a_7c15);
        for round in 0..3000 {
            let mut text = String::new();
            while text.len() < round % 300 {
                text.push_str(pieces[next(pieces.len())]);
            }
            let mut by_masks = Vec::new();
            let continuations = masked_words::<_, LATIN1>(
                &text,
                &mut by_masks,
                |_, _, _| {},
                |v, span, latin| v.push((span, !latin)),
            );
            let expected = text.bytes().filter(|b| b & 0xC0 == 0x80).count();
            assert_eq!(continuations, Some(expected), "{text:?}");
            let mut by_chars = Vec::new();
            for_each_word(&text, |span, ascii| by_chars.push((span, ascii)));
            assert_eq!(by_masks, by_chars, "{text:?}");
        }
    }

    /// Words read from bit masks are the words [`for_each_word`] reads, on texts of every
    /// length around the 8- and 64-byte steps, with non-ASCII punctuation between words.
    #[test]
    fn masked_words_are_the_words() {
        masks_read_as_characters::<false>(&[
            "the",
            "Of",
            "a1",
            "2024",
            " ",
            ", ",
            "extraordinarily",
            "’",
            "—",
            "\u{a0}",
            "°",
            "@x",
            "\n",
            "internationalisation",
            "-",
            ".",
        ]);
        let read = |text: &str| masked_words::<_, false>(text, &mut (), |_, _, _| {}, |_, _, _| {});
        assert_eq!(read("a’b"), Some(2));
        // A letter or digit that is not ASCII, at either end and past the first window.
        for text in ["naïve", "é", "x ²", &format!("{}ß", "a ".repeat(40))] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    /// With Latin-1 letters read as letters, the masks find the words the character reading
    /// finds, and say which are not ASCII; at another letter that is not ASCII they stop.
    #[test]
    fn masked_latin1_words_are_the_words() {
        masks_read_as_characters::<true>(&[
            "the",
            "Ü",
            "für",
            "Straße",
            "naïve",
            "×",
            "÷",
            " ",
            ", ",
            "’",
            "\u{a0}",
            "@x",
            "-",
            "ÿ",
            "Ärger",
            "2024",
            "é",
            "extraordinarily",
        ]);
        let read = |text: &str| masked_words::<_, true>(text, &mut (), |_, _, _| {}, |_, _, _| {});
        for text in ["żółw", "x ²", "Москва", &format!("{}ł", "ü ".repeat(40))] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }
}
