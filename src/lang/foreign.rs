//! The foreign-fragment verdict: whether a block is in another language than the article.
//!
//! Two checks, cheapest first. A block written in another script than the page's
//! ([`other_script`]) is foreign without a model; its language is named by the stopword vote
//! of its script, or by whatlang on a block long enough for more than a guess. A block in the
//! page's script but another language ([`SameScript`]) is judged by the stopword vote the
//! feature pass counted, and whatlang is asked only where it can change the answer.
//!
//! Addresses, numbers and names are in no language: a block is judged without its web and
//! e-mail addresses, and one of fewer than four words besides its numbers, or mostly
//! capitalised words, is not judged at all.

use std::borrow::Cow;

use super::identify::{Detector, WHATLANG_MAX, detect, prefers_article};
use super::script::Script;
use super::vote::{BlockVote, Vote, VoteTable, votes_on};
use crate::cleaned::Features;
use crate::language::Language;
use crate::words::{for_each_word, head, is_letter, non_ascii_letters};

/// A block judged to be in another language than the article.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Foreign {
    /// Its language, where it could be named.
    pub language: Option<Language>,
    /// How sure the naming was (1 for a block told foreign by its script alone).
    pub confidence: f64,
}

/// The verdict on a block written mostly (60% of eight letters or more) in `script`, another
/// script than the page's (`page`): foreign, named where the block allows. `lower` is a
/// reusable buffer.
#[inline]
pub(crate) fn other_script(
    text: &str,
    f: &Features,
    (script, share): (Script, f32),
    page: Script,
    lower: &mut String,
) -> Option<Foreign> {
    let unknown_page = page == Script::Other;
    if f.letters < 8 || share < 0.6 || script == page || unknown_page {
        return None;
    }
    name_other_script(text, f, script, lower)
}

/// [`other_script`] past its cheap gate.
fn name_other_script(
    text: &str,
    f: &Features,
    script: Script,
    lower: &mut String,
) -> Option<Foreign> {
    // Addresses are in no language (a URL is Latin letters on any page): what is left
    // without them must still be in the other script.
    let text = without_addresses(text);
    if let Cow::Owned(rest) = &text {
        let (mut letters, mut in_script) = (0u32, 0u32);
        for c in rest.chars().filter(|&c| is_letter(c)) {
            letters += 1;
            in_script += u32::from(Script::of(c) == script);
        }
        if letters < 8 || (in_script as f32) < 0.6 * letters as f32 {
            return None;
        }
    }
    // Naming the language: the stopword vote of the block's script where it is clear,
    // whatlang otherwise, on a block long enough for it to be more than a guess (on a
    // brand name such as `Yahoo! JAPAN` it names Tagalog with confidence 0.04): a shorter
    // one is foreign by its script alone, its language unnamed.
    let text = text.as_ref();
    let detected = VoteTable::for_script(script)
        .clear_winner(text, lower)
        .or_else(|| {
            (f.chars >= NAMING_MIN_CHARS)
                .then(|| detect(head(text, WHATLANG_MAX)))
                .flatten()
        });
    Some(Foreign {
        language: detected.map(|(l, _)| l),
        confidence: detected.map_or(1.0, |(_, c)| c),
    })
}

/// The check for fragments in the article's script but another language, over one page.
///
/// A block of at least 40 characters and four words that is not mostly names (capitalised
/// words) gets a stopword vote: its density in the stoplist of each other language of the
/// page's script, one lookup per word in a merged table. whatlang (restricted to the languages
/// of the page's script) is asked only where it can change the answer:
/// - the vote favours another language: the block is foreign when whatlang names another
///   language and is not guessing (confidence 0.2 or more) or the vote clearly agrees;
/// - the vote ties at a density of 0.2 or more (related languages share function words), or
///   the block is written with letters the rest of the page's prose hardly uses: whatlang
///   alone decides, and must be sure ([`LONE_CONFIDENCE`]).
///
/// On the dev corpus this asks whatlang about 350 blocks instead of 1,670 (most of the rest
/// were English headlines it guessed to be foreign), with the fragment benchmark's recall
/// within a point of before and its precision higher.
///
/// A block the article model removed is judged only on an overwhelming vote, without asking
/// whatlang.
pub(crate) struct SameScript {
    article: Language,
    table: &'static VoteTable,
    detector: &'static Detector,
    /// Whether the features counted the article's stopwords and the stoplist fits the page.
    has_stoplist: bool,
    /// A stopword density in the article's language too low to vouch for a block.
    scarce: f32,
    /// The letters of the page's prose, counted the first time a block needs them.
    letters: Option<Letters>,
    lower: String,
}

impl SameScript {
    /// The check for a page in `article`, written in `script`, whose prose has the stopword
    /// density `prose_density` (`None` without prose).
    pub fn new(
        article: Language,
        script: Script,
        has_stoplist: bool,
        prose_density: Option<f32>,
    ) -> SameScript {
        SameScript {
            article,
            table: VoteTable::for_script(script),
            detector: Detector::for_script(script),
            has_stoplist,
            scarce: prose_density.map_or(0.15, |p| (0.35 * p).min(0.15)),
            letters: None,
            lower: String::new(),
        }
    }

    /// The verdict on one block: its text, features and the vote the feature pass counted
    /// (where it did). `by_model` says the article model removed it; `prose` gives the
    /// letters of the page's prose ([`Letters::of`]) the first time a block needs them.
    pub fn judge(
        &mut self,
        text: &str,
        f: &Features,
        vote: Option<BlockVote>,
        by_model: bool,
        prose: impl FnOnce() -> Letters,
    ) -> Option<Foreign> {
        if !votes_on(f) || 2 * f.capitalized > f.words {
            return None;
        }
        // Free first gate: a block this dense in the article's own stoplist (measured with the
        // features) is in the article's language; no vote needed.
        if self.has_stoplist && f.stopword_density() >= 0.45 {
            return None;
        }
        // Addresses are in no language: the block is judged without them.
        let text = without_addresses(text);
        let addresses = matches!(text, Cow::Owned(_));
        if addresses && text.chars().count() < 40 {
            return None;
        }
        let vote = match vote.filter(|_| !addresses) {
            Some(v) => {
                let words = f.words.max(1) as f32;
                Vote {
                    article: Some(v.own as f32 / words),
                    other: v
                        .other
                        .map(|(l, hits)| (self.table.language(l as usize), hits as f32 / words)),
                    words: f.words,
                }
            }
            None => self.table.vote(&text, self.article, &mut self.lower),
        };
        let theirs = vote.other.map_or(0.0, |(_, d)| d);
        let own = match vote.article {
            Some(d) => d,
            None if self.has_stoplist => f.stopword_density(),
            None => 0.0,
        };
        // Not suspicious: the article's stopwords outnumber the other language's.
        if theirs < own && own >= self.scarce {
            return None;
        }
        let overwhelming = theirs >= own + 0.25 && theirs * vote.words as f32 >= 2.5;
        if by_model && !overwhelming {
            return None;
        }
        // Without the vote for another language (or a tie), whatlang is asked only about a
        // block written with letters the rest of the page's prose does not use (`ş`, `ă`, `ő` on
        // an English page, `ї` on a Russian one): on a short line in the page's own letters
        // it mostly guesses.
        let vote_foreign = theirs > own;
        let tie = theirs == own && own >= 0.2;
        if !vote_foreign
            && !tie
            && !self
                .letters
                .get_or_insert_with(prose)
                .strange(&text, is_prose(f))
        {
            return None;
        }
        // Numbers are in no language: without them, a block of fewer than four words or
        // mostly names (`updated 1:30 PM EST, Wed November 7, 2012`) is not judged.
        let mut numbers = 0u32;
        for_each_word(&text, |w, _| {
            numbers += u32::from(text.as_bytes()[w].iter().all(u8::is_ascii_digit));
        });
        let named = f.words.saturating_sub(numbers);
        if named < 4 || 2 * f.capitalized > named {
            return None;
        }
        // An overwhelming vote (three stopwords of the rival or more, a quarter of the words
        // more than the article's) names the language without whatlang.
        if let Some((rival, _)) = vote.other.filter(|_| overwhelming) {
            return Some(Foreign {
                language: Some(rival),
                confidence: f64::from(1.0 - own / theirs),
            });
        }
        if by_model {
            return None;
        }
        let sample = head(&text, WHATLANG_MAX);
        // Where the vote names a rival, whatlang first only chooses between the two languages;
        // a block it gives to the article's language is not asked about again.
        if let Some((rival, _)) = vote.other.filter(|_| tie)
            && prefers_article(sample, self.article, rival)
        {
            return None;
        }
        let (detected, confidence) = self.detector.detect(sample)?;
        // With the vote's support whatlang need only not be guessing; alone, it must be sure.
        let sure = if vote_foreign {
            confidence >= 0.2 || theirs >= own + 0.1
        } else {
            confidence >= LONE_CONFIDENCE
        };
        (detected != self.article && sure).then_some(Foreign {
            language: Some(detected),
            confidence,
        })
    }
}

/// The shortest block in another script whose language whatlang is asked to name.
const NAMING_MIN_CHARS: u32 = 40;

/// whatlang's confidence needed to call a block foreign without the stopword vote's support.
const LONE_CONFIDENCE: f64 = 0.5;

/// How often each non-ASCII letter occurs in a page's prose, in 256 hash buckets.
pub(crate) struct Letters {
    counts: [u32; 256],
}

impl Letters {
    /// The letters of the page's prose blocks (sentence-ending, 100 characters or more:
    /// [`is_prose`]).
    pub fn of<'a>(prose: impl Iterator<Item = &'a str>) -> Letters {
        let mut counts = [0u32; 256];
        for text in prose {
            for c in non_ascii_letters(text) {
                counts[bucket(c)] += 1;
            }
        }
        Letters { counts }
    }

    /// Whether at least 2% of the block's letters are ones the rest of the page's prose uses
    /// less than twice. `prose` says whether the block is itself counted in the page's prose.
    fn strange(&self, text: &str, prose: bool) -> bool {
        let mut own = [0u8; 256];
        let mut unseen = 0usize;
        for c in non_ascii_letters(text) {
            let b = bucket(c);
            own[b] = own[b].saturating_add(1);
            let mine = if prose { u32::from(own[b]) } else { 0 };
            // Counted once per letter: the first time it is found rare.
            if self.counts[b].saturating_sub(mine) < 2 {
                unseen += 1;
            }
        }
        if unseen == 0 {
            return false;
        }
        let letters = text.chars().filter(|&c| is_letter(c)).count();
        unseen * 50 >= letters
    }
}

/// A block that counts as the page's prose for its letters: sentence-ending, 100 characters
/// or more.
pub(crate) fn is_prose(f: &Features) -> bool {
    f.ends_sentence && f.chars >= 100
}

fn bucket(c: char) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B1) >> 24) as usize
}

/// The text without its web and e-mail addresses (words with `://`, starting with `www.`, or
/// with an `@` and a dot), borrowed when it has none. Addresses are in no language: on their
/// own they must not make a block foreign.
fn without_addresses(text: &str) -> Cow<'_, str> {
    if !may_hold_address(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let is_address = |w: &str| {
        w.contains("://")
            || w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case("www."))
            || w.find('@').is_some_and(|at| w[at..].contains('.'))
    };
    if !text.split_whitespace().any(is_address) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace().filter(|w| !is_address(w)) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// Whether the text holds `://`, `@`, `ww.` or `WW.`. The colons and at signs are few; a
/// full stop ends every sentence, so `ww.` is searched for as a whole (stopping at each full
/// stop cost more than the rest of the foreign check's gates).
fn may_hold_address(bytes: &[u8]) -> bool {
    use memchr::memmem::Finder;
    static WWW: std::sync::LazyLock<[Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| [Finder::new(b"ww."), Finder::new(b"WW.")]);
    memchr::memchr2_iter(b':', b'@', bytes)
        .any(|i| bytes[i] == b'@' || bytes[i + 1..].starts_with(b"//"))
        || WWW.iter().any(|f| f.find(bytes).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(prose: &str) -> Letters {
        let mut counts = [0u32; 256];
        for c in non_ascii_letters(prose) {
            counts[bucket(c)] += 1;
        }
        Letters { counts }
    }

    #[test]
    fn strange_letters_are_the_ones_the_page_lacks() {
        let english = letters("The council met on Tuesday. A café owner spoke twice.");
        let romanian = "Specialiștii spun că aceste date ar putea ajuta autoritățile";
        assert!(english.strange(romanian, false));
        assert!(!english.strange("Officials said the plan would go ahead", false));
        // One borrowed letter in a long line is not enough.
        assert!(!english.strange(
            "The naïve plan of the council was dropped on Monday after a long debate",
            false
        ));
        let german = letters(
            "Die Straße wird für den Verkehr gesperrt, während Bäume gefällt würden. Das könnte schön werden.",
        );
        assert!(!german.strange(
            "Die Bürger können ab Montag wieder über die Brücke fahren",
            false
        ));
        // A prose block's own letters do not make themselves familiar.
        let with_itself = letters(romanian);
        assert!(with_itself.strange(romanian, true));
    }

    #[test]
    fn addresses_are_taken_out() {
        let cases = [
            (
                "Read it at http://www.example.org/a/b.html today",
                "Read it at today",
            ),
            (
                "E-mail contact: Jo Roe jroe@mail.example.com",
                "E-mail contact: Jo Roe",
            ),
            ("see WWW.EXAMPLE.COM or (x@y.org)", "see or"),
            ("(www.example.com) and “www.example.org”", "and"),
            ("Follow @janeroe and mail me", "Follow @janeroe and mail me"),
            (
                "A plain sentence. Nothing to do.",
                "A plain sentence. Nothing to do.",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(without_addresses(text), want, "{text}");
        }
        assert!(matches!(without_addresses("no address"), Cow::Borrowed(_)));
        let by_contains = |t: &str| {
            t.contains("://") || t.contains('@') || t.contains("ww.") || t.contains("WW.")
        };
        for t in [
            "",
            ":",
            "://",
            "a:/b",
            "x@",
            "ww.",
            "Ww.",
            "WW.x",
            "w.w.",
            ".ww",
            "e.g. ok: fine",
            "http://",
            "mail me at a@b.c",
            "wW.",
            "www",
            "a: //b",
        ] {
            assert_eq!(may_hold_address(t.as_bytes()), by_contains(t), "{t:?}");
        }
    }
}
