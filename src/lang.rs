//! Language: the script of every block, the document's language, stoplists, and the
//! foreign-fragment verdict.
//!
//! Cheap checks come first. A block in another script than the page (Cyrillic on a Latin
//! page) needs no model. whatlang runs once per document to find its language (unless the
//! user fixed it), and on a same-script block only where it can change the answer: a kept
//! block long enough to judge whose stopword density says it is not clearly in the
//! article's language.

use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use whatlang::Lang;

use crate::simd;

use crate::language::Language;

/// ISO 639-3 (as whatlang's `Lang`) to ISO 639-1, for every language whatlang knows.
pub(crate) const ISO_639_1: &[(Lang, &str)] = &[
    (Lang::Afr, "af"),
    (Lang::Aka, "ak"),
    (Lang::Amh, "am"),
    (Lang::Ara, "ar"),
    (Lang::Aze, "az"),
    (Lang::Bel, "be"),
    (Lang::Ben, "bn"),
    (Lang::Bul, "bg"),
    (Lang::Cat, "ca"),
    (Lang::Ces, "cs"),
    (Lang::Cmn, "zh"),
    (Lang::Cym, "cy"),
    (Lang::Dan, "da"),
    (Lang::Deu, "de"),
    (Lang::Ell, "el"),
    (Lang::Eng, "en"),
    (Lang::Epo, "eo"),
    (Lang::Est, "et"),
    (Lang::Fin, "fi"),
    (Lang::Fra, "fr"),
    (Lang::Guj, "gu"),
    (Lang::Heb, "he"),
    (Lang::Hin, "hi"),
    (Lang::Hrv, "hr"),
    (Lang::Hun, "hu"),
    (Lang::Hye, "hy"),
    (Lang::Ind, "id"),
    (Lang::Ita, "it"),
    (Lang::Jav, "jv"),
    (Lang::Jpn, "ja"),
    (Lang::Kan, "kn"),
    (Lang::Kat, "ka"),
    (Lang::Khm, "km"),
    (Lang::Kor, "ko"),
    (Lang::Lat, "la"),
    (Lang::Lav, "lv"),
    (Lang::Lit, "lt"),
    (Lang::Mal, "ml"),
    (Lang::Mar, "mr"),
    (Lang::Mkd, "mk"),
    (Lang::Mya, "my"),
    (Lang::Nep, "ne"),
    (Lang::Nld, "nl"),
    (Lang::Nob, "no"),
    (Lang::Ori, "or"),
    (Lang::Pan, "pa"),
    (Lang::Pes, "fa"),
    (Lang::Pol, "pl"),
    (Lang::Por, "pt"),
    (Lang::Ron, "ro"),
    (Lang::Rus, "ru"),
    (Lang::Sin, "si"),
    (Lang::Slk, "sk"),
    (Lang::Slv, "sl"),
    (Lang::Sna, "sn"),
    (Lang::Spa, "es"),
    (Lang::Srp, "sr"),
    (Lang::Swe, "sv"),
    (Lang::Tam, "ta"),
    (Lang::Tel, "te"),
    (Lang::Tgl, "tl"),
    (Lang::Tha, "th"),
    (Lang::Tuk, "tk"),
    (Lang::Tur, "tr"),
    (Lang::Ukr, "uk"),
    (Lang::Urd, "ur"),
    (Lang::Uzb, "uz"),
    (Lang::Vie, "vi"),
    (Lang::Yid, "yi"),
    (Lang::Zul, "zu"),
];

/// Writing systems, grouped as far as telling languages apart needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Script {
    /// Also what a text without letters counts as (see `features::dominant_script`).
    #[default]
    Latin = 0,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    /// Han, Hiragana and Katakana: Chinese and Japanese share the group.
    Cjk,
    Hangul,
    Georgian,
    Armenian,
    Other,
}

/// How many [`Script`] values there are.
pub(crate) const SCRIPTS: usize = 12;

impl Script {
    /// The script of a letter (the caller checks `is_alphabetic`).
    #[inline]
    pub fn of(c: char) -> Script {
        match c as u32 {
            0..=0x24F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x530..=0x58F => Script::Armenian,
            0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                Script::Arabic
            }
            0x900..=0x97F => Script::Devanagari,
            0xE00..=0xE7F => Script::Thai,
            0x10A0..=0x10FF => Script::Georgian,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => Script::Cjk,
            0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x2FFFF => Script::Cjk,
            _ => Script::Other,
        }
    }

    /// The script a language is written in.
    pub fn of_language(lang: Lang) -> Script {
        match lang {
            Lang::Rus | Lang::Ukr | Lang::Bel | Lang::Bul | Lang::Mkd | Lang::Srp => {
                Script::Cyrillic
            }
            Lang::Ell => Script::Greek,
            Lang::Ara | Lang::Pes | Lang::Urd => Script::Arabic,
            Lang::Heb | Lang::Yid => Script::Hebrew,
            Lang::Hin | Lang::Mar | Lang::Nep => Script::Devanagari,
            Lang::Tha => Script::Thai,
            Lang::Cmn | Lang::Jpn => Script::Cjk,
            Lang::Kor => Script::Hangul,
            Lang::Kat => Script::Georgian,
            Lang::Hye => Script::Armenian,
            Lang::Ben
            | Lang::Guj
            | Lang::Pan
            | Lang::Ori
            | Lang::Tam
            | Lang::Tel
            | Lang::Kan
            | Lang::Mal
            | Lang::Sin
            | Lang::Khm
            | Lang::Mya
            | Lang::Amh => Script::Other,
            _ => Script::Latin,
        }
    }

    /// Whether words in this script are separated by spaces.
    pub fn spaced(self) -> bool {
        !matches!(self, Script::Cjk | Script::Thai)
    }
}

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
    fn new(
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

/// Bit 5 of every byte: setting it lower-cases an ASCII letter and leaves a digit as it is.
const FOLD: u64 = 0x2020_2020_2020_2020;

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

/// Up to 8 bytes as a little-endian `u64`, zero-padded.
#[inline]
pub(crate) fn pack(word: &[u8]) -> u64 {
    // A byte at a time: for at most 8 bytes this beats a call to memcpy.
    word.iter()
        .enumerate()
        .fold(0, |key, (i, &b)| key | u64::from(b) << (8 * i))
}

/// A language's stopwords, lower case.
#[derive(Debug)]
pub(crate) struct Stoplist {
    words: WordMap<()>,
    /// The words, for building the vote's table.
    list: Vec<&'static str>,
    /// Whether the language is written without spaces (stopwords are then single chars).
    unspaced: bool,
}

impl Stoplist {
    /// Whether a lower-case word is a stopword.
    #[inline]
    pub fn contains(&self, lower: &str) -> bool {
        self.contains_bytes(lower.as_bytes())
    }

    /// Whether a lower-case word, as UTF-8 bytes, is a stopword.
    #[inline]
    pub fn contains_bytes(&self, lower: &[u8]) -> bool {
        self.words.get(lower).is_some()
    }

    /// Whether an ASCII word (of letters and digits), in any case, is a stopword.
    #[inline]
    pub fn contains_ascii(&self, word: AsciiWord<'_>) -> bool {
        self.words.get_ascii(word).is_some()
    }

    /// Whether the language is written without spaces between words.
    pub fn unspaced(&self) -> bool {
        self.unspaced
    }
}

/// The stoplist of a language, built on first use and shared by every cleaner. The lists come
/// from the `stop-words` crate: NLTK's function-word lists where NLTK has the language, the
/// stopwords-iso lists otherwise.
pub(crate) fn stoplist(lang: Lang) -> Option<&'static Stoplist> {
    static LISTS: OnceLock<Vec<OnceLock<Option<Stoplist>>>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| ISO_639_1.iter().map(|_| OnceLock::new()).collect());
    let idx = ISO_639_1.iter().position(|(l, _)| *l == lang)?;
    lists[idx]
        .get_or_init(|| {
            let code = ISO_639_1[idx].1;
            let words = stop_words::lookup(code)?;
            let unspaced = !Script::of_language(lang).spaced();
            let list: Vec<&'static str> = words
                .iter()
                .copied()
                .filter(|w| !w.is_empty() && (!unspaced || w.chars().count() == 1))
                .collect();
            Some(Stoplist {
                words: WordMap::new(list.iter().map(|w| (w.as_bytes(), ())), |_, _| ()),
                list,
                unspaced,
            })
        })
        .as_ref()
}

/// The languages a stopword vote weighs: those with compact function-word lists (NLTK's, and
/// stopwords-iso's for Polish, Czech and Ukrainian). Longer lists (Slovenian's 1,784 words,
/// Romanian's and Slovak's 400+ with many short words shared with English) would outvote the
/// article's language on its own text.
const VOTE_LANGUAGES: &[Lang] = &[
    Lang::Eng,
    Lang::Deu,
    Lang::Fra,
    Lang::Spa,
    Lang::Ita,
    Lang::Por,
    Lang::Nld,
    Lang::Swe,
    Lang::Dan,
    Lang::Nob,
    Lang::Fin,
    Lang::Hun,
    Lang::Tur,
    Lang::Pol,
    Lang::Ces,
    Lang::Rus,
    Lang::Ukr,
];

/// Every stopword of the vote's languages of one script, mapped to the set of those languages
/// (a bit each) whose list holds it: a stopword vote costs one lookup per word. Single
/// letters are left out of the vote (too many languages share them to tell anything) but kept
/// in bits 32 and up, so that the same lookup also answers "is this a stopword of the
/// article's language" for the feature pass.
pub(crate) struct VoteTable {
    script: Script,
    languages: Vec<Language>,
    words: WordMap<u64>,
}

impl VoteTable {
    /// The table for a script, built on first use and shared.
    pub fn for_script(script: Script) -> &'static VoteTable {
        static TABLES: OnceLock<Vec<OnceLock<VoteTable>>> = OnceLock::new();
        per_script(&TABLES, script, || {
            let mut languages = Vec::new();
            let mut words: Vec<(&'static [u8], u64)> = Vec::new();
            for &lang in VOTE_LANGUAGES {
                let same_script = Script::of_language(lang) == script && script.spaced();
                let Some(stop) = stoplist(lang).filter(|_| same_script && languages.len() < 32)
                else {
                    continue;
                };
                let bit = 1u64 << languages.len();
                languages.push(Language(lang));
                for &w in &stop.list {
                    let single = w.chars().nth(1).is_none();
                    words.push((w.as_bytes(), if single { bit << 32 } else { bit }));
                }
            }
            VoteTable {
                script,
                languages,
                words: WordMap::new(words, |a, b| a | b),
            }
        })
    }

    /// The script whose languages the table weighs.
    pub fn script(&self) -> Script {
        self.script
    }

    /// The entries of the words of up to 8 bytes, by their packed form (which is their
    /// [`folded_key`]: stoplists are lower case): for tables that answer for them too.
    pub fn short_entries(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.words.short.entries()
    }

    /// [`lookup_ascii`](Self::lookup_ascii) for a word of more than 8 bytes, 0 where the
    /// table has none.
    pub fn lookup_long_ascii(&self, word: AsciiWord<'_>) -> u64 {
        self.words.get_long_ascii(word).unwrap_or(0)
    }

    /// The table's index of a language.
    pub fn index_of(&self, language: Language) -> Option<usize> {
        self.languages.iter().position(|&l| l == language)
    }

    /// The languages of the vote (bits 0 to 31 of a word's entry), and, in bits 32 and up, the
    /// single-letter stopwords of each.
    #[inline]
    pub fn lookup_ascii(&self, word: AsciiWord<'_>) -> Option<u64> {
        self.words.get_ascii(word)
    }

    /// As [`lookup_ascii`](Self::lookup_ascii), for a lower-case word.
    #[inline]
    pub fn lookup(&self, lower: &[u8]) -> Option<u64> {
        self.words.get(lower)
    }

    /// The table's language at index `i`.
    pub fn language(&self, i: usize) -> Language {
        self.languages[i]
    }

    /// How many languages the table weighs.
    pub fn len(&self) -> usize {
        self.languages.len()
    }

    /// The vote on a text: the language other than `article` in whose stoplist it is densest,
    /// with that density, and its density in the article's own list where the table has the
    /// article's language (the two then compare like with like). `lower` is a reusable buffer.
    pub fn vote(&self, text: &str, article: Language, lower: &mut String) -> Vote {
        let (hits, counted) = self.count(text, lower);
        let words = counted.max(1) as f32;
        let mut vote = Vote {
            words: counted,
            ..Vote::default()
        };
        for (i, l) in self.languages.iter().enumerate() {
            let density = hits[i] as f32 / words;
            if *l == article {
                vote.article = Some(density);
            } else if vote.other.is_none_or(|(_, d)| density > d) {
                vote.other = Some((*l, density));
            }
        }
        vote
    }

    /// The text's language by stopwords alone, when the vote is clear: the densest language
    /// at 0.25 or more, and a third denser than the runner-up (related languages share many
    /// function words; then whatlang decides).
    ///
    /// With the language, a confidence from the margin: 1 minus the runner-up's hits over the
    /// winner's.
    ///
    /// Russian and Ukrainian share many function words, and a short block has few: where the
    /// vote is not clear, a block written in the letters of only one of them
    /// ([`russian_or_ukrainian`]) with some of its stopwords is named so, with confidence 1.
    pub fn clear_winner(&self, text: &str, lower: &mut String) -> Option<(Language, f64)> {
        let (hits, words) = self.count(text, lower);
        let mut sorted: Vec<u32> = hits[..self.languages.len()].to_vec();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let best = sorted.first().copied()?;
        let second = sorted.get(1).copied().unwrap_or(0);
        if let Some(lang) = self.winner(&hits, words, 0.25, (4, 3)) {
            return Some((lang, 1.0 - f64::from(second) / f64::from(best.max(1))));
        }
        // Some of the named language's stopwords (a tenth of the words), as many as any
        // other's: it is one of the two.
        let lang = russian_or_ukrainian(text)?;
        let own = hits[self.index_of(lang)?];
        (words >= 10 && own as f32 >= 0.1 * words as f32 && own >= best).then_some((lang, 1.0))
    }

    /// The densest language when it has `min_density` of the words and beats the runner-up
    /// by `ratio` (a / b), with 20 words at least.
    fn winner(
        &self,
        hits: &[u32; 32],
        words: u32,
        min_density: f32,
        (a, b): (u32, u32),
    ) -> Option<Language> {
        if words < 20 {
            return None;
        }
        let mut ranked: Vec<(u32, Language)> = self
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| (hits[i], *l))
            .collect();
        ranked.sort_unstable_by_key(|r| std::cmp::Reverse(r.0));
        let (best, lang) = *ranked.first()?;
        let second = ranked.get(1).map_or(0, |r| r.0);
        let clear = best as f32 >= min_density * words as f32 && b * best >= a * second;
        clear.then_some(lang)
    }

    /// A document's language by the vote on its longest blocks: a quarter of the words and a
    /// third more than the runner-up; or, where those blocks are partly headlines and
    /// navigation and the vote thinner, with 100 words or more, an eighth of the words and
    /// twice the runner-up (on the dev corpus this answers for about 40 of the 88 pages
    /// whatlang was asked about, each as whatlang did).
    fn document_winner(&self, hits: &[u32; 32], words: u32) -> Option<Language> {
        self.winner(hits, words, 0.25, (4, 3)).or_else(|| {
            (words >= 100)
                .then(|| self.winner(hits, words, 0.12, (2, 1)))
                .flatten()
        })
    }

    /// [`lookup`](Self::lookup) for a word not yet lower-cased, which `lower` receives.
    fn lookup_lowered(&self, word: &str, lower: &mut String) -> Option<u64> {
        lower.clear();
        push_lowercase(word, lower);
        self.lookup(lower.as_bytes())
    }

    /// Stopword hits per language (by table index) and the number of words.
    fn count(&self, text: &str, lower: &mut String) -> ([u32; 32], u32) {
        let mut counts = VoteCounts::new(self);
        let mut words = 0u32;
        let bytes = text.as_bytes();
        let mut state = (&mut counts, 0u32);
        let read = masked_words::<_, true>(
            text,
            &mut state,
            |_, _, _| {},
            |(counts, words), span, latin| {
                *words += 1;
                let bits = if latin {
                    self.lookup_lowered(&text[span], lower).unwrap_or(0)
                } else {
                    self.words.get_ascii_or_default(AsciiWord::at(bytes, span))
                };
                counts.add(bits);
            },
        );
        if read.is_some() {
            words = state.1;
            return (*counts.hits(), words);
        }
        // A letter that is neither ASCII nor Latin-1: counted again, a character at a time.
        counts.reset();
        for_each_word(text, |span, is_ascii| {
            words += 1;
            let bits = if is_ascii {
                self.words.get_ascii(AsciiWord::at(text.as_bytes(), span))
            } else {
                self.lookup_lowered(&text[span], lower)
            };
            counts.add(bits.unwrap_or(0));
        });
        (*counts.hits(), words)
    }
}

/// Byte `k` of `SPREAD[m]` is bit `k` of `m`.
static SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut m = 0;
    while m < 256 {
        let mut k = 0;
        while k < 8 {
            t[m] |= ((m as u64 >> k) & 1) << (8 * k);
            k += 1;
        }
        m += 1;
    }
    t
};

/// Stopword hits per language of a [`VoteTable`], counted without a branch per word or per
/// language: a word's entry (a bit per language) is spread onto byte counters, eight
/// languages to a `u64` lane, from a table ([`SPREAD`]), and the bytes are moved into `u32`
/// counts before one could overflow. Which languages a word belongs to cannot be predicted,
/// and a loop over its bits mispredicted its exit for most words.
#[derive(Clone, Debug, Default)]
pub(crate) struct VoteCounts {
    /// All zeros while `spilled` is false.
    hits: [u32; 32],
    lanes: [u64; 4],
    /// Lanes the table's languages fill.
    lanes_used: usize,
    /// Words added to `lanes` since it was last emptied.
    in_lanes: u32,
    /// Whether `lanes` has been emptied into `hits` since the last reset.
    spilled: bool,
}

impl VoteCounts {
    /// Counters for the languages of `table`.
    pub fn new(table: &VoteTable) -> VoteCounts {
        VoteCounts {
            lanes_used: table.len().div_ceil(8),
            ..VoteCounts::default()
        }
    }

    /// Adds a word's entry (bits 0 to 31: its languages; 0 for a word in no list).
    #[inline(always)]
    pub fn add(&mut self, bits: u64) {
        for (k, lane) in self.lanes[..self.lanes_used].iter_mut().enumerate() {
            *lane += SPREAD[(bits >> (8 * k) & 0xff) as usize];
        }
        self.in_lanes += 1;
        if self.in_lanes == u32::from(u8::MAX) {
            self.spill();
        }
    }

    /// Moves the lanes' bytes into `hits`.
    fn spill(&mut self) {
        for (k, hits) in self.hits[..8 * self.lanes_used].iter_mut().enumerate() {
            *hits += (self.lanes[k / 8] >> (8 * (k % 8)) & 0xff) as u32;
        }
        self.lanes = [0; 4];
        self.in_lanes = 0;
        self.spilled = true;
    }

    /// The hits per language (by table index) since the last reset.
    pub fn hits(&mut self) -> &[u32; 32] {
        self.spill();
        &self.hits
    }

    /// Starts counting again from zero: cheap when nothing was spilled.
    #[inline]
    pub fn reset(&mut self) {
        self.lanes = [0; 4];
        self.in_lanes = 0;
        if self.spilled {
            self.hits = [0; 32];
            self.spilled = false;
        }
    }
}

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

/// Russian or Ukrainian by letters only one of them writes: Russian `ы` and `э` (Ukrainian
/// has neither), Ukrainian `і`, `ї`, `є` and `ґ` (Russian has none). Two or more of one
/// alphabet's and none of the other's, nor Belarusian `ў`; `None` otherwise (Belarusian writes
/// both `ы` and `і`; Bulgarian, Serbian and Macedonian neither).
fn russian_or_ukrainian(text: &str) -> Option<Language> {
    let (mut russian, mut ukrainian, mut belarusian) = (0u32, 0u32, false);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        match c {
            'ы' | 'Ы' | 'э' | 'Э' => russian += 1,
            'і' | 'І' | 'ї' | 'Ї' | 'є' | 'Є' | 'ґ' | 'Ґ' => ukrainian += 1,
            'ў' | 'Ў' => belarusian = true,
            _ => {}
        }
    }
    match (russian, ukrainian) {
        _ if belarusian => None,
        (2.., 0) => Some(Language(Lang::Rus)),
        (0, 2..) => Some(Language(Lang::Ukr)),
        _ => None,
    }
}

/// What a stopword vote found.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Vote {
    /// The densest other language and its density.
    pub other: Option<(Language, f32)>,
    /// The density in the article's language, when the table has it.
    pub article: Option<f32>,
    /// The words counted.
    pub words: u32,
}

/// One value per script, built on first use and shared by every cleaner.
fn per_script<T>(
    cells: &'static OnceLock<Vec<OnceLock<T>>>,
    script: Script,
    init: impl FnOnce() -> T,
) -> &'static T {
    cells.get_or_init(|| (0..SCRIPTS).map(|_| OnceLock::new()).collect())[script as usize]
        .get_or_init(init)
}

/// whatlang restricted to the languages written in one script.
pub(crate) struct Detector(whatlang::Detector);

impl Detector {
    /// The detector for a script, built on first use and shared.
    pub fn for_script(script: Script) -> &'static Detector {
        static DETECTORS: OnceLock<Vec<OnceLock<Detector>>> = OnceLock::new();
        per_script(&DETECTORS, script, || {
            let allow: Vec<Lang> = Lang::all()
                .iter()
                .copied()
                .filter(|&l| Script::of_language(l) == script)
                .collect();
            Detector(whatlang::Detector::with_allowlist(allow))
        })
    }

    /// The text's language among the allowed ones, with whatlang's confidence.
    pub fn detect(&self, text: &str) -> Option<(Language, f64)> {
        self.0
            .detect(text)
            .map(|info| (Language(info.lang()), info.confidence()))
    }
}

/// Whether whatlang, asked only to choose between the article's language and the vote's rival,
/// chooses the article's. Choosing between two languages costs a fifth of choosing among all
/// of a script's (its time grows with the languages it scores), and most blocks the vote
/// suspects are in the article's language.
pub(crate) fn prefers_article(text: &str, article: Language, rival: Language) -> bool {
    let pair = whatlang::Detector::with_allowlist(vec![article.0, rival.0]);
    pair.detect_lang(text) == Some(article.0)
}

/// Byte-parallel tests on eight bytes in a `u64` ("SIMD within a register").
pub(crate) mod swar {
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
                None => super::pack(&bytes[at..]),
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
            return ascii_lower(super::pack(bytes)) == super::pack(lower);
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
        let lower = w | super::FOLD;
        at_least(lower, b'a') & !at_least(lower, b'z' + 1)
    }

    /// For eight ASCII bytes: the high bit of every letter, and of every whitespace byte
    /// (space, tab, line feed, vertical tab, form feed, carriage return).
    #[inline]
    pub fn letters_and_spaces(w: u64) -> (u64, u64) {
        let space = is(w, b' ') | (at_least(w, b'\t') & !at_least(w, b'\r' + 1));
        (letters(w), space)
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

/// The most of a block whatlang reads: its answer on 16 KB is as good as on all of a huge line,
/// and its time grows with the text.
pub(crate) const WHATLANG_MAX: usize = 16 * 1024;

/// Detects the language of a text with whatlang; `None` when whatlang cannot tell.
pub(crate) fn detect(text: &str) -> Option<(Language, f64)> {
    whatlang::detect(text).map(|info| (Language(info.lang()), info.confidence()))
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
                        swar::eq_ignore_ascii_case(&text, &lower),
                        text.eq_ignore_ascii_case(&lower),
                        "{b:#x} at {at} of {n}"
                    );
                }
            }
        }
        assert!(!swar::eq_ignore_ascii_case(b"abc", b"ab"));
        assert!(swar::eq_ignore_ascii_case(b"", b""));
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
                assert_eq!(swar::load_padded(bytes, at), by_byte, "{n} {at}");
            }
        }
    }

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

    #[test]
    fn swar_count_agrees_with_count_ones() {
        // Every subset of the eight high bits.
        for bits in 0u64..256 {
            let mask = (0..8)
                .filter(|k| bits & (1 << k) != 0)
                .fold(0u64, |m, k| m | 0x80 << (8 * k));
            assert_eq!(swar::count(mask), mask.count_ones(), "{mask:#x}");
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

    #[test]
    fn russian_and_ukrainian_told_apart_by_letters() {
        let table = VoteTable::for_script(Script::Cyrillic);
        let mut lower = String::new();
        let russian = "К сожалению, браузер, которым вы пользуетесь, устарел и не позволяет \
                       корректно отображать сайт. Пожалуйста, установите любой из современных \
                       браузеров, например, тот, который вы уже знаете.";
        let ukrainian = "На жаль, браузер, яким ви користуєтеся, застарів і не дозволяє коректно \
                         відображати сайт. Будь ласка, встановіть будь-який із сучасних браузерів, \
                         який ви вже знаєте.";
        assert_eq!(
            table.clear_winner(russian, &mut lower).map(|(l, _)| l.0),
            Some(Lang::Rus)
        );
        assert_eq!(
            table.clear_winner(ukrainian, &mut lower).map(|(l, _)| l.0),
            Some(Lang::Ukr)
        );
        assert_eq!(russian_or_ukrainian("Мы і вы"), None);
        assert_eq!(russian_or_ukrainian("Беларуская мова ўжываецца"), None);
        assert_eq!(russian_or_ukrainian("България е държава"), None);
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

    /// Every key of a table is found with its value (equal keys merged), keys it does not hold
    /// are not, also in tables whose seeds had to be searched hard: keys that differ in one
    /// bit, and a table too small to have more than a few buckets.
    #[test]
    fn key_table_finds_every_key_and_no_other() {
        let stopwords: Vec<u64> = [Lang::Eng, Lang::Deu, Lang::Fra]
            .into_iter()
            .flat_map(|l| stoplist(l).unwrap().list.iter())
            .filter(|w| (1..=8).contains(&w.len()))
            .map(|w| pack(w.as_bytes()))
            .collect();
        let one_bit: Vec<u64> = (0..64).map(|b| 1u64 << b).collect();
        let few: Vec<u64> = vec![1, 2, 3];
        for keys in [stopwords, one_bit, few] {
            let entries = keys.iter().map(|&k| (k, 1u32)).chain([(keys[0], 2)]);
            let table = KeyTable::new(entries, |a, b| a + b);
            let unique: std::collections::HashSet<u64> = keys.iter().copied().collect();
            for &k in &unique {
                let merged = keys.iter().filter(|&&x| x == k).count() as u32;
                let expected = merged + u32::from(k == keys[0]) * 2;
                assert_eq!(table.get(k), Some(expected), "{k:#x}");
            }
            for absent in (0..10_000u64).map(|i| pack(format!("q{i}x").as_bytes())) {
                assert_eq!(table.get(absent), None, "{absent:#x}");
            }
        }
    }

    /// Reads random texts of `pieces` by masks (with Latin-1 letters as letters or not), and
    /// checks the words, their kind and the continuation bytes against the character reading.
    fn masks_read_as_characters<const LATIN1: bool>(pieces: &[&str]) {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..3000 {
            let mut text = String::new();
            while text.len() < round % 300 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
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

    /// The long words' filter never turns away a long ASCII word the map holds, in any case.
    #[test]
    fn long_ascii_words_pass_their_filter_in_any_case() {
        let table = VoteTable::for_script(Script::Latin);
        let long: Vec<&str> = VOTE_LANGUAGES
            .iter()
            .filter_map(|&l| stoplist(l))
            .flat_map(|s| s.list.iter().copied())
            .filter(|w| w.len() > 8 && w.bytes().all(|b| b.is_ascii_alphanumeric()))
            .collect();
        assert!(long.len() > 20, "{long:?}");
        for w in long {
            let upper = w.to_ascii_uppercase();
            for form in [w.as_bytes(), upper.as_bytes()] {
                let word = AsciiWord::at(form, 0..form.len());
                assert!(table.lookup_ascii(word).is_some(), "{w}");
            }
        }
    }

    #[test]
    fn scripts() {
        let cases = [
            ('a', Script::Latin),
            ('é', Script::Latin),
            ('ж', Script::Cyrillic),
            ('λ', Script::Greek),
            ('ش', Script::Arabic),
            ('א', Script::Hebrew),
            ('中', Script::Cjk),
            ('か', Script::Cjk),
            ('한', Script::Hangul),
        ];
        for (c, want) in cases {
            assert_eq!(Script::of(c), want, "{c}");
        }
    }

    #[test]
    fn stoplists_for_the_main_languages() {
        for code in [
            "eng", "deu", "fra", "spa", "ita", "por", "nld", "pol", "rus", "ukr",
        ] {
            let lang = Lang::from_code(code).unwrap();
            assert!(stoplist(lang).is_some(), "{code}");
        }
        let en = stoplist(Lang::Eng).unwrap();
        assert!(en.contains("the") && en.contains("and") && !en.contains("drone"));
    }

    #[test]
    fn every_whatlang_language_has_a_two_letter_code() {
        for lang in Lang::all() {
            assert!(ISO_639_1.iter().any(|(l, _)| l == lang), "{lang:?}");
        }
    }
}
