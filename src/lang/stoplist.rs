//! Each language's stopwords, built on first use and shared by every cleaner.

use std::sync::OnceLock;

use whatlang::Lang;

use super::script::Script;
use crate::language::ISO_639_1;
use crate::words::{AsciiWord, WordMap};

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

    /// The words, lower case.
    pub fn list(&self) -> &[&'static str] {
        &self.list
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::KeyTable;
    use crate::words::swar::pack;

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
}
