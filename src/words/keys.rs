//! Word keys: a word's ASCII case folded and packed into a `u64` (hashed when it is longer than
//! eight bytes), the key every word table is looked up by; lower-casing; and the crate's hash
//! for in-memory tables keyed by text.

use std::hash::Hasher;

use super::swar::{self, FOLD, pack};

/// A fast hash for in-memory tables keyed by text: eight bytes at a time, a rotate, an xor and
/// a multiply each (the Fx hash of rustc). Not resistant to crafted collisions, which only cost
/// time in a table of one document's lines or of built-in stopwords.
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Fx {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(pack(rest));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// An ASCII word of letters and digits with its [`folded_key`], computed once for every table
/// the feature pass looks the word up in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AsciiWord<'a> {
    pub bytes: &'a [u8],
    pub key: u64,
}

impl<'a> AsciiWord<'a> {
    /// The word at `span` of `text`. A word of up to 8 bytes is keyed from one unaligned load
    /// rather than a byte at a time (near the text's end, of its last eight bytes).
    #[inline]
    pub fn at(text: &'a [u8], span: std::ops::Range<usize>) -> AsciiWord<'a> {
        let len = span.len();
        let bytes = &text[span.clone()];
        let key = if (1..=8).contains(&len) {
            (swar::load_padded(text, span.start) | FOLD) & (u64::MAX >> (64 - 8 * len))
        } else {
            folded_key(bytes)
        };
        AsciiWord { bytes, key }
    }
}

/// A word's key for tables that fold ASCII case by hashing: up to 8 bytes packed as a
/// little-endian `u64` with bit 5 of every byte set (which lower-cases an ASCII letter and
/// leaves a digit as it is), longer words hashed eight such bytes at a time. Equal for the
/// ASCII case forms of a word; for any other word, pass its lower-case form. Never 0 for a
/// word that is not empty. Keys of longer words can collide, so a table keyed by them must
/// only narrow a search, never answer it.
#[inline]
pub(crate) fn folded_key(word: &[u8]) -> u64 {
    if word.len() <= 8 {
        return match word.len() {
            0 => 0,
            n => pack(word) | FOLD >> (8 * (8 - n)),
        };
    }
    let mut h = Fx(word.len() as u64);
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        h.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) | FOLD);
    }
    let rest = chunks.remainder().len();
    if rest > 0 {
        // The word's last eight bytes, shifted down to the `rest` after the last chunk.
        let last = swar::load(word, word.len() - 8).unwrap_or_default();
        h.add(last >> (8 * (8 - rest)) | FOLD >> (8 * (8 - rest)));
    }
    // Never 0, the free slot of a `KeyTable`.
    h.0 | 1
}

/// Appends the lower case of `word` to `out`, as `char::to_lowercase` gives it: ASCII and the
/// Latin-1 letters (`À` to `Þ` but `×`, whose lower case is 0x20 further on) directly, the
/// rest of the word from its first other character through the standard tables. German,
/// French, Spanish and Portuguese words are nearly all of the first kind.
pub(crate) fn push_lowercase(word: &str, out: &mut String) {
    let bytes = word.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            out.push(char::from(b.to_ascii_lowercase()));
            i += 1;
            continue;
        }
        // `C3 80` to `C3 BF` are U+00C0 to U+00FF.
        let Some(&c) = bytes.get(i + 1).filter(|_| b == 0xC3) else {
            break;
        };
        let lower = if (0x80..=0x9E).contains(&c) && c != 0x97 {
            c + 0x20
        } else {
            c
        };
        out.push(char::from(0x40 + lower));
        i += 2;
    }
    out.extend(word[i..].chars().flat_map(char::to_lowercase));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long word's key hashes its last bytes as packed a byte at a time, whatever its length.
    #[test]
    fn long_keys_hash_the_last_bytes_as_packed() {
        let word = b"AbcdefghijklmnopqrstuvwX";
        for n in 9..=word.len() {
            let w = &word[..n];
            let mut h = Fx(n as u64);
            for c in w.chunks(8) {
                h.add(pack(c) | FOLD >> (8 * (8 - c.len())));
            }
            assert_eq!(folded_key(w), h.0 | 1, "{n}");
            assert_eq!(folded_key(w), folded_key(&w.to_ascii_lowercase()), "{n}");
        }
    }

    /// The Latin-1 shortcut lower-cases as the standard library does: every character up to
    /// U+0800 alone, after ASCII and after a Latin-1 letter, and before them.
    #[test]
    fn push_lowercase_agrees_with_std() {
        let mut out = String::new();
        for c in (0..0x800).filter_map(char::from_u32) {
            for word in [
                c.to_string(),
                format!("Ab{c}Ü"),
                format!("Ü{c}ß"),
                format!("{c}Straße"),
            ] {
                out.clear();
                out.push('x');
                push_lowercase(&word, &mut out);
                let expected: String = "x"
                    .chars()
                    .chain(word.chars().flat_map(char::to_lowercase))
                    .collect();
                assert_eq!(out, expected, "{word:?}");
            }
        }
    }
}
