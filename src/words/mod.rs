//! Reading text into words: the bottom layer of the pipeline, which imports nothing else of
//! the crate.
//!
//! The stages above read every block's words (the feature pass, the stopword vote, the phrase
//! anchors) through what this layer offers:
//!
//! - [`simd`]: byte classes sixteen bytes at a time (SSE2 on x86-64, a portable fallback):
//!   letters and digits, `@`, non-ASCII bytes, line ends, the normaliser's plain bytes;
//! - [`swar`]: tests on eight bytes in a `u64`, and packing up to eight bytes into one;
//! - [`chars`]: characters: letters by range, runs of ASCII letters and digits, the
//!   non-ASCII characters of a text, a text's words a character at a time;
//! - [`masks`]: a block's words found from 64-byte bit masks of its letters and digits, for
//!   text whose letters are ASCII or Latin-1 (most of the web);
//! - [`keys`]: a word's key (its ASCII case folded, packed or hashed), lower-casing, the
//!   crate's hash for in-memory tables;
//! - [`table`]: tables from word keys to values, looked up without a branch on the word.
//!
//! Invariants: nothing here allocates per word; every fast path is tested against a plain
//! character-at-a-time reading of the same text (see each file's tests).

pub(crate) mod chars;
pub(crate) mod keys;
pub(crate) mod masks;
pub(crate) mod simd;
pub(crate) mod swar;
pub(crate) mod table;

pub(crate) use chars::{
    ascii_alnum_run, count_ascii, for_each_word, head, is_letter, is_letter_or_digit,
    letter_by_range, non_ascii_chars, non_ascii_letters,
};
pub(crate) use keys::{AsciiWord, Fx, folded_key, push_lowercase};
pub(crate) use masks::{Masks, masked_words};
pub(crate) use table::{KeyTable, WordMap};

/// A small deterministic generator for the tests' random texts (xorshift64): each call gives
/// a number below its argument.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}
