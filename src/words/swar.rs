//! Byte-parallel tests on eight bytes in a `u64` ("SIMD within a register"), and eight bytes
//! packed into one.

/// The low bit of every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;
/// All but the high bit of every byte.
pub const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The eight bytes at `at` as a little-endian `u64`, if eight remain.
#[inline]
pub fn load(bytes: &[u8], at: usize) -> Option<u64> {
    match bytes.get(at..at.checked_add(8)?)? {
        &[b0, b1, b2, b3, b4, b5, b6, b7] => {
            Some(u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]))
        }
        _ => None,
    }
}

/// The eight bytes from `at` as a little-endian `u64`, zeros past the end of `bytes`.
#[inline(always)]
pub fn load_padded(bytes: &[u8], at: usize) -> u64 {
    match load(bytes, at) {
        Some(w) => w,
        // The last bytes: the text's last eight, shifted down (one load, not a loop).
        None if at < bytes.len() => match bytes
            .len()
            .checked_sub(8)
            .and_then(|last| load(bytes, last))
        {
            Some(last) => last >> (8 * (at + 8 - bytes.len())),
            None => pack(&bytes[at..]),
        },
        None => 0,
    }
}

/// The high bit of every byte that is at least `lo` (for bytes below 0x80): adding
/// `0x80 - lo` to the low seven bits carries into the high bit exactly then, and never into
/// the next byte.
#[inline]
pub fn at_least(w: u64, lo: u8) -> u64 {
    ((w & LOW7) + ONES * u64::from(0x80 - lo)) & HIGH
}

/// The eight bytes with ASCII capitals made small, every other byte as it was.
#[inline]
pub fn ascii_lower(w: u64) -> u64 {
    let upper = at_least(w, b'A') & !at_least(w, b'Z' + 1) & !w;
    w | (upper & HIGH) >> 2
}

/// Whether `bytes` equals `lower` (ASCII lower case) ignoring ASCII case, as
/// `eq_ignore_ascii_case` says, eight bytes at a time.
#[inline]
pub fn eq_ignore_ascii_case(bytes: &[u8], lower: &[u8]) -> bool {
    let n = bytes.len();
    if n != lower.len() {
        return false;
    }
    if n < 8 {
        return ascii_lower(pack(bytes)) == pack(lower);
    }
    // Whole steps, then the last eight bytes (overlapping the step before).
    let step = |at: usize| match (load(bytes, at), load(lower, at)) {
        (Some(a), Some(b)) => ascii_lower(a) == b,
        _ => false,
    };
    (0..n - 8).step_by(8).all(step) && step(n - 8)
}

/// The high bit of every byte that is `b` (an ASCII byte), for bytes below 0x80: above
/// it, a byte whose low seven bits are `b` passes too.
#[inline]
pub fn is(w: u64, b: u8) -> u64 {
    at_least(w, b) & !at_least(w, b + 1)
}

/// The high bit of every byte that is an ASCII letter or digit, and of every byte that is
/// an ASCII digit.
#[inline]
pub fn alnum_and_digits(w: u64) -> (u64, u64) {
    let ascii = !w & HIGH;
    let digit = at_least(w, b'0') & !at_least(w, b'9' + 1) & ascii;
    ((letters(w) & ascii) | digit, digit)
}

/// How many bytes of a mask of high bits (such as the functions here return) are set:
/// a multiplication sums the bytes into the top one. The default x86-64 target has no
/// `popcnt`, and `count_ones` is a dozen instructions there.
#[inline]
pub fn count(m: u64) -> u32 {
    ((m >> 7).wrapping_mul(ONES) >> 56) as u32
}

/// The high bit of every byte that is an ASCII letter, for bytes below 0x80.
#[inline]
fn letters(w: u64) -> u64 {
    // Setting bit 5 maps `A-Z` onto `a-z` and nothing else into it.
    let lower = w | FOLD;
    at_least(lower, b'a') & !at_least(lower, b'z' + 1)
}

/// For eight ASCII bytes: the high bit of every letter, and of every whitespace byte
/// (space, tab, line feed, vertical tab, form feed, carriage return).
#[inline]
pub fn letters_and_spaces(w: u64) -> (u64, u64) {
    let space = is(w, b' ') | (at_least(w, b'\t') & !at_least(w, b'\r' + 1));
    (letters(w), space)
}

/// Bit 5 of every byte: setting it lower-cases an ASCII letter and leaves a digit as it is.
pub(crate) const FOLD: u64 = 0x2020_2020_2020_2020;

/// Up to 8 bytes as a little-endian `u64`, zero-padded.
#[inline]
pub(crate) fn pack(word: &[u8]) -> u64 {
    // A byte at a time: for at most 8 bytes this beats a call to memcpy.
    word.iter()
        .enumerate()
        .fold(0, |key, (i, &b)| key | u64::from(b) << (8 * i))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-byte comparison agrees with the standard library's on every byte value at
    /// every position of texts of every length up to three steps.
    #[test]
    fn swar_eq_ignore_ascii_case_agrees_with_std() {
        for n in 1..=24usize {
            let alphabet = b"az@[`{09 \xc3\xa9";
            let lower: Vec<u8> = (0..n).map(|i| alphabet[i % alphabet.len()]).collect();
            for at in 0..n {
                for b in 0..=255u8 {
                    let mut text = lower.clone();
                    text[at] = b;
                    assert_eq!(
                        eq_ignore_ascii_case(&text, &lower),
                        text.eq_ignore_ascii_case(&lower),
                        "{b:#x} at {at} of {n}"
                    );
                }
            }
        }
        assert!(!eq_ignore_ascii_case(b"abc", b"ab"));
        assert!(eq_ignore_ascii_case(b"", b""));
    }

    /// One load, or the text's last eight bytes shifted down, packs what a byte at a time
    /// packs: from every place of texts of every length up to two loads.
    #[test]
    fn padded_loads_agree_with_packing_bytes() {
        let text: Vec<u8> = (1..=17u8).map(|b| b.wrapping_mul(37)).collect();
        for n in 0..=text.len() {
            let bytes = &text[..n];
            for at in 0..=n + 1 {
                let by_byte = bytes
                    .get(at..)
                    .map_or(0, |rest| pack(&rest[..rest.len().min(8)]));
                assert_eq!(load_padded(bytes, at), by_byte, "{n} {at}");
            }
        }
    }

    #[test]
    fn swar_count_agrees_with_count_ones() {
        // Every subset of the eight high bits.
        for bits in 0u64..256 {
            let mask = (0..8)
                .filter(|k| bits & (1 << k) != 0)
                .fold(0u64, |m, k| m | 0x80 << (8 * k));
            assert_eq!(count(mask), mask.count_ones(), "{mask:#x}");
        }
    }
}
