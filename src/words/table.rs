//! Tables from word keys to values: a hash-and-displace table read without a branch on the
//! word, a bit filter, and a map from short lower-case words built on both.

use std::hash::BuildHasherDefault;

use super::keys::{AsciiWord, Fx, folded_key};
use super::swar::pack;

/// A bit filter over `u64` keys: 8 KB that stay in the L1 cache and turn away most keys a
/// set does not hold, never one it does.
#[derive(Debug)]
pub(crate) struct KeyFilter {
    bits: Box<[u64]>,
}

/// Bits of a [`KeyFilter`], as a power of two.
const FILTER_BITS: u32 = 16;

impl Default for KeyFilter {
    fn default() -> Self {
        KeyFilter {
            bits: vec![0; 1 << (FILTER_BITS - 6)].into_boxed_slice(),
        }
    }
}

impl KeyFilter {
    /// Lets `key` through from now on.
    pub fn insert(&mut self, key: u64) {
        let bit = Self::bit(key);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether the filter lets `key` through (every key inserted, and few others).
    #[inline]
    pub fn may_hold(&self, key: u64) -> bool {
        let bit = Self::bit(key);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The key's bit, by a hash of its own (a table's slot hash would tie the two together).
    #[inline]
    fn bit(key: u64) -> usize {
        (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - FILTER_BITS)) as usize
    }
}

/// A table from non-zero `u64` keys (packed or hashed words) to values, built once from all
/// its keys, with every key in a slot computed from the key alone (hash and displace: the keys
/// are shared into buckets, and each bucket has a seed, found when the table is built, that
/// sends its keys to free slots). A lookup is two loads and one comparison, with no branch on
/// the key: a key the table does not hold reads the slot of another (or a free one) and the
/// comparison tells. In the feature pass every word is looked up and about two in five are
/// stopwords, an outcome no branch predictor can learn; the filter and linear probing this
/// replaced branched on it at each step.
#[derive(Debug)]
pub(crate) struct KeyTable<V> {
    /// Each bucket's seed.
    seeds: Box<[u16]>,
    /// Key and value; key 0 marks a free slot.
    slots: Box<[(u64, V)]>,
    /// Bits of a bucket index and of a slot index.
    bucket_bits: u32,
    slot_bits: u32,
}

/// Keys per bucket, on average: few enough that a seed sending them all to free slots is found
/// in a few tries, many enough that the seeds stay small (a table of 10,000 words has 8 KB).
const KEYS_PER_BUCKET: usize = 5;

impl<V: Copy + Default> KeyTable<V> {
    /// The table of `entries`, the values of equal keys combined by `merge`. Keys must not
    /// be 0.
    pub fn new(entries: impl IntoIterator<Item = (u64, V)>, merge: impl Fn(V, V) -> V) -> Self {
        let mut entries: Vec<(u64, V)> = entries.into_iter().collect();
        debug_assert!(entries.iter().all(|e| e.0 != 0));
        entries.sort_unstable_by_key(|e| e.0);
        entries.dedup_by(|later, first| {
            let equal = later.0 == first.0;
            if equal {
                first.1 = merge(first.1, later.1);
            }
            equal
        });
        let n = entries.len();
        let bucket_bits = (n / KEYS_PER_BUCKET)
            .max(2)
            .next_power_of_two()
            .trailing_zeros();
        // At most half full; a table that finds no seeds (never seen) doubles.
        let mut slot_bits = (2 * n).max(16).next_power_of_two().trailing_zeros();
        loop {
            if let Some(table) = Self::place(&entries, bucket_bits, slot_bits) {
                return table;
            }
            slot_bits += 1;
        }
    }

    /// Finds every bucket a seed, largest buckets first, or gives up.
    fn place(entries: &[(u64, V)], bucket_bits: u32, slot_bits: u32) -> Option<Self> {
        let mut buckets: Vec<Vec<(u64, V)>> = vec![Vec::new(); 1 << bucket_bits];
        for &e in entries {
            buckets[bucket_of(e.0, bucket_bits)].push(e);
        }
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
        let mut table = KeyTable {
            seeds: vec![0; buckets.len()].into_boxed_slice(),
            slots: vec![(0, V::default()); 1 << slot_bits].into_boxed_slice(),
            bucket_bits,
            slot_bits,
        };
        let mut taken = Vec::new();
        for b in order {
            let keys = &buckets[b];
            if keys.is_empty() {
                break;
            }
            let seed = (0..=u16::MAX).find(|&seed| {
                taken.clear();
                keys.iter().all(|&(key, _)| {
                    let s = slot_of(key, seed, slot_bits);
                    let free = table.slots[s].0 == 0 && !taken.contains(&s);
                    taken.push(s);
                    free
                })
            })?;
            table.seeds[b] = seed;
            for &(key, value) in keys {
                table.slots[slot_of(key, seed, slot_bits)] = (key, value);
            }
        }
        Some(table)
    }

    /// Every key and its value.
    pub fn entries(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        self.slots.iter().copied().filter(|&(k, _)| k != 0)
    }

    /// The value of `key`.
    #[inline(always)]
    pub fn get(&self, key: u64) -> Option<V> {
        let (k, v) = self.slot(key);
        (k == key).then_some(v)
    }

    /// The value of `key`, the default for a key the table does not hold, chosen without a
    /// branch: where about two words in five are in a table, a branch on it cannot be
    /// predicted (and the compiler makes one of `get(key).unwrap_or_default()`).
    #[inline(always)]
    pub fn get_or_default(&self, key: u64) -> V {
        let (k, v) = self.slot(key);
        std::hint::select_unpredictable(k == key, v, V::default())
    }

    #[inline(always)]
    fn slot(&self, key: u64) -> (u64, V) {
        let seed = self.seeds[bucket_of(key, self.bucket_bits) & (self.seeds.len() - 1)];
        self.slots[slot_of(key, seed, self.slot_bits) & (self.slots.len() - 1)]
    }
}

/// A key's bucket, from the top bits of one multiplication.
#[inline]
fn bucket_of(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// A key's slot under a bucket's seed: another multiplication, of the key mixed with the seed.
#[inline]
fn slot_of(key: u64, seed: u16, bits: u32) -> usize {
    let mixed = key ^ u64::from(seed).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (mixed.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - bits)) as usize
}

/// A map from short lower-case words (UTF-8 bytes) to a value. Words of up to 8 bytes (nearly
/// every stopword) are packed into a `u64` and found in a [`KeyTable`] without a branch;
/// longer ones, behind a [`KeyFilter`] of their keys, in a hash map.
#[derive(Debug)]
pub(crate) struct WordMap<V> {
    /// Packed words (never 0: words are not empty and hold no NUL).
    short: KeyTable<V>,
    long: std::collections::HashMap<&'static [u8], V, BuildHasherDefault<Fx>>,
    /// The long words' [`folded_key`]s, which turn away most long words before they are
    /// lower-cased and hashed for `long`.
    long_keys: KeyFilter,
    /// Longest word in bytes: longer words are not looked up.
    max_len: usize,
}

impl<V: Copy + Default> WordMap<V> {
    /// The map of `entries`, the values of equal words combined by `merge`.
    pub fn new(
        entries: impl IntoIterator<Item = (&'static [u8], V)>,
        merge: impl Fn(V, V) -> V,
    ) -> Self {
        let mut short = Vec::new();
        let mut long = std::collections::HashMap::<_, _, BuildHasherDefault<Fx>>::default();
        let mut long_keys = KeyFilter::default();
        let mut max_len = 0;
        for (word, value) in entries {
            if word.is_empty() || word.contains(&0) {
                continue;
            }
            max_len = max_len.max(word.len());
            if word.len() > 8 {
                let slot: &mut V = long.entry(word).or_default();
                *slot = merge(*slot, value);
                long_keys.insert(folded_key(word));
                continue;
            }
            short.push((pack(word), value));
        }
        WordMap {
            short: KeyTable::new(short, &merge),
            long,
            long_keys,
            max_len,
        }
    }

    /// The entries of the words of up to 8 bytes, by their packed form.
    pub fn short_entries(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        self.short.entries()
    }

    /// The value of a lower-case word.
    #[inline]
    pub fn get(&self, word: &[u8]) -> Option<V> {
        if word.len() > 8 {
            return if word.len() <= self.max_len {
                self.long.get(word).copied()
            } else {
                None
            };
        }
        if word.is_empty() {
            return None;
        }
        self.short.get(pack(word))
    }

    /// The value of an ASCII word (letters and digits) in any case: a short one by its key, a
    /// longer one lower-cased.
    #[inline(always)]
    pub fn get_ascii(&self, word: AsciiWord<'_>) -> Option<V> {
        let len = word.bytes.len();
        if (1..=8).contains(&len) {
            return self.short.get(word.key);
        }
        self.get_long_ascii(word)
    }

    /// [`get_ascii`](Self::get_ascii), the default for a word the map does not hold; a short
    /// word's value is chosen without a branch on whether it is held
    /// ([`KeyTable::get_or_default`]).
    #[inline(always)]
    pub fn get_ascii_or_default(&self, word: AsciiWord<'_>) -> V {
        if word.bytes.len() <= 8 {
            self.short.get_or_default(word.key)
        } else {
            self.get_long_ascii(word).unwrap_or_default()
        }
    }

    /// [`get_ascii`](Self::get_ascii) for a word of more than 8 bytes (or none). The filter
    /// in line, the lookup that few words reach out of line.
    #[inline(always)]
    pub fn get_long_ascii(&self, word: AsciiWord<'_>) -> Option<V> {
        let len = word.bytes.len();
        if len == 0 || len > self.max_len || len > 32 || !self.long_keys.may_hold(word.key) {
            return None;
        }
        self.get_long_ascii_held(word)
    }

    /// [`get_long_ascii`](Self::get_long_ascii) past the filter.
    #[inline(never)]
    fn get_long_ascii_held(&self, word: AsciiWord<'_>) -> Option<V> {
        let len = word.bytes.len();
        let mut buf = [0u8; 32];
        let lower = &mut buf[..len];
        lower.copy_from_slice(word.bytes);
        lower.make_ascii_lowercase();
        self.get(lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_map_finds_short_long_and_folded_words() {
        let words: [&'static [u8]; 5] = [b"the", b"themselves", "für".as_bytes(), b"a1", b"of"];
        let map = WordMap::new(words.iter().map(|w| (*w, 1u8)), |a, b| a + b);
        assert_eq!(map.get(b"the"), Some(1));
        assert_eq!(map.get(b"them"), None);
        assert_eq!(map.get(b"themselves"), Some(1));
        assert_eq!(map.get("für".as_bytes()), Some(1));
        assert_eq!(map.get_ascii(AsciiWord::at(b"THE", 0..3)), Some(1));
        assert_eq!(map.get_ascii(AsciiWord::at(b"A1", 0..2)), Some(1));
        assert_eq!(map.get_ascii(AsciiWord::at(b"ThemSelves", 0..10)), Some(1));
        assert_eq!(map.get_ascii(AsciiWord::at(b"Off", 0..3)), None);
        assert_eq!(map.get(b""), None);
        let merged = WordMap::new([(&b"of"[..], 1u64), (&b"of"[..], 2)], |a, b| a | b);
        assert_eq!(merged.get(b"of"), Some(3));
    }
}
