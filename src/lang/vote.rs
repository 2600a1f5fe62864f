//! The stopword vote: how densely a text holds the stopwords of each language of its script,
//! counted with one table lookup a word and no branch on the word.

use std::sync::OnceLock;

use whatlang::Lang;

use super::script::{Script, per_script};
use super::stoplist::stoplist;
use crate::cleaned::Features;
use crate::language::Language;
use crate::words::{AsciiWord, WordMap, for_each_word, masked_words, push_lowercase};

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
                for &w in stop.list() {
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
    /// [`folded_key`](crate::words::folded_key): stoplists are lower case): for tables that answer for them too.
    pub fn short_entries(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.words.short_entries()
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
    pub(super) fn winner(
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
    pub(super) fn document_winner(&self, hits: &[u32; 32], words: u32) -> Option<Language> {
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
    pub(super) fn count(&self, text: &str, lower: &mut String) -> ([u32; 32], u32) {
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

/// A block's stopword vote, counted by the feature pass.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BlockVote {
    /// Hits in the article language's vote list.
    pub own: u32,
    /// The other language with the most hits (the first of equals), and its hits.
    pub other: Option<(u8, u32)>,
}

/// Whether the foreign check may weigh a block's stopword vote: 40 characters and four words
/// at least. The feature pass gives the vote of these blocks only.
pub(crate) fn votes_on(f: &Features) -> bool {
    f.chars >= 40 && f.words >= 4
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The long words' filter never turns away a long ASCII word the map holds, in any case.
    #[test]
    fn long_ascii_words_pass_their_filter_in_any_case() {
        let table = VoteTable::for_script(Script::Latin);
        let long: Vec<&str> = VOTE_LANGUAGES
            .iter()
            .filter_map(|&l| stoplist(l))
            .flat_map(|s| s.list().iter().copied())
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
}
