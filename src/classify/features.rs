//! Per-block features, computed in one pass over each block's characters.

use std::hash::Hasher;
use std::ops::Range;

use whatlang::Lang;

use crate::cleaned::Features;
use crate::lang::{
    BlockVote, SCRIPTS, Script, Stoplist, VoteCounts, VoteTable, dominant_script, votes_on,
};
use crate::patterns::{Anchors, BlockHits, Candidate, PhraseSet, Site, WordEntry};
use crate::words::{self, KeyTable, Masks, swar};

/// Features plus what the rules need of the block's scripts (the per-script letter counts
/// themselves live only during the pass: a block's bookkeeping stays small, which matters on
/// inputs of millions of short lines).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BlockFeatures {
    pub f: Features,
    /// Ideographs and kana.
    pub cjk: u32,
    /// The script with the most letters, and its share of all letters (two fields, not a
    /// tuple, so that `edges` fits beside the script in what would be the tuple's padding:
    /// on an input of millions of one-word lines, bytes a block are what the time goes on).
    dominant_script: Script,
    dominant_share: f32,
    /// The stopword vote, when the article's language is one the vote weighs: the article's
    /// hits and the densest other language's (by table index), counted in the same pass.
    pub vote: Option<BlockVote>,
    /// [`line_key`] of the block's text, for telling repeated lines.
    pub line_key: u32,
    /// What the block's first and last characters allow.
    pub edges: Edges,
}

impl BlockFeatures {
    /// Length in characters, an ideograph or kana counting three (about a word's worth).
    pub fn weighted_chars(&self) -> u32 {
        self.f.chars + 2 * self.cjk
    }

    /// The script with the most letters, and its share of all letters.
    pub fn dominant_script(&self) -> (Script, f32) {
        (self.dominant_script, self.dominant_share)
    }
}

/// Words and stopwords in a document's prose: its sentence-ending blocks of 100 characters or
/// more. Their ratio is the document's own stopword density, the yardstick for its blocks.
pub(crate) fn prose_stopwords(feats: &[BlockFeatures]) -> (u32, u32) {
    feats
        .iter()
        .filter(|b| b.f.ends_sentence && b.f.chars >= 100)
        .fold((0, 0), |(w, s), b| (w + b.f.words, s + b.f.stopwords))
}

/// Reusable buffers, so that measuring a block allocates nothing once they have grown.
#[derive(Default)]
pub(crate) struct Scratch<'a> {
    lower: String,
    /// The vote table and the article's index in it, when the vote is counted in the pass.
    vote: Option<(&'static VoteTable, usize)>,
    /// Each language's hits in the block being measured.
    counts: VoteCounts,
    /// The phrase anchors to look each word up in, if any.
    anchors: Option<&'a Anchors>,
    /// With both the vote and anchors: the two tables in one (see [`Anchors::with_vote`]).
    merged: Option<&'a KeyTable<WordEntry>>,
    /// The phrases the block's words anchor, where they could start.
    candidates: Vec<Candidate>,
}

impl<'a> Scratch<'a> {
    /// Counts the stopword vote in the feature pass, with the article's language at `article`
    /// in `table`; stopwords are then the article's entries in that table.
    pub fn with_vote(table: &'static VoteTable, article: usize) -> Scratch<'a> {
        Scratch {
            vote: Some((table, article)),
            counts: VoteCounts::new(table),
            ..Scratch::default()
        }
    }

    /// Also looks every word up in `anchors`, collecting the phrases that could start in the
    /// block (see [`phrase_candidates`](Self::phrase_candidates)).
    pub fn with_anchors(self, anchors: &'a Anchors) -> Scratch<'a> {
        Scratch {
            anchors: Some(anchors),
            merged: self.vote.map(|(table, _)| anchors.with_vote(table)),
            ..self
        }
    }

    /// The vote and the anchors in one table, where both are counted.
    #[inline(always)]
    fn merged_tables(&self) -> Option<Merged<'a>> {
        match (self.merged, self.anchors, self.vote) {
            (Some(merged), Some(anchors), Some((table, article))) => Some(Merged {
                merged,
                anchors,
                table,
                article,
            }),
            _ => None,
        }
    }

    /// Forgets the last block's vote counts and phrase candidates.
    fn start_block(&mut self) {
        self.counts.reset();
        self.candidates.clear();
    }

    /// The phrases that could start in the last block measured, each where its anchor word
    /// puts it and its first bytes agree.
    pub fn phrase_candidates(&mut self) -> &mut [Candidate] {
        &mut self.candidates
    }

    /// Notes the phrases that the word at `word` of `text` anchors (`sites`, from the anchor
    /// table), where the text could hold them.
    #[inline]
    fn anchor(&mut self, sites: &[Site], text: &[u8], word: Range<usize>) {
        for site in sites {
            if let Some(candidate) = site.start_in(text, word.clone()) {
                self.candidates.push(candidate);
            }
        }
    }
}

/// Measures one block. A block whose letters and digits are all ASCII or Latin-1 letters (most
/// blocks, also with typographic quotes or dashes; German, French, Spanish and Portuguese
/// text) is read sixteen bytes at a time into bit masks of its letters and digits, and its
/// words are found from the masks; a block where that reading meets another letter or digit
/// that is not ASCII is read again character by character, runs of ASCII letters and digits
/// stepped over in a tight loop and only non-ASCII characters decoded.
pub(crate) fn measure(text: &str, stop: Option<&Stoplist>, scratch: &mut Scratch) -> BlockFeatures {
    let mut out = BlockFeatures::default();
    measure_into(text, stop, scratch, &mut out);
    out
}

/// The phrase hits of one block in `language`, found on a page in another language: the
/// block is read again for the candidates of that language's scanner.
pub(crate) fn foreign_block_hits(phrases: &PhraseSet, text: &str, language: Lang) -> BlockHits {
    let scanner = phrases.scanner(Some(language));
    let mut scratch = Scratch::default().with_anchors(scanner.anchors());
    measure(text, None, &mut scratch);
    phrases.block_hits(scanner, text, scratch.phrase_candidates())
}

/// [`measure`] into `out` (all default): the feature pass writes each block's features where
/// they are kept, rather than returning them through the stack (a copy whose wide loads of
/// the narrow stores just made stalled).
pub(crate) fn measure_into(
    text: &str,
    stop: Option<&Stoplist>,
    scratch: &mut Scratch,
    out: &mut BlockFeatures,
) {
    scratch.start_block();
    if !measure_by_masks(text, stop, scratch, out) {
        *out = BlockFeatures::default();
        scratch.start_block();
        measure_chars(text, stop, scratch, out);
    }
    out.line_key = line_key(text.as_bytes());
    out.edges = Edges::of(text);
    out.f.list_marker = starts_with_list_marker(text);
    out.f.ends_sentence = ends_sentence(text);
    if let Some((table, article)) = scratch.vote {
        out.vote = scratch.block_vote(table.len(), article, &out.f);
    }
}

/// [`measure`]'s reading of a block whose letters and digits are all ASCII or Latin-1 letters,
/// by [`masked_words`](words::masked_words); false, with `out` and `scratch` partly filled, at
/// the first other letter or digit that is not ASCII. A word with a Latin-1 letter is counted
/// as the character reading counts it ([`other_word`]).
fn measure_by_masks(
    text: &str,
    stop: Option<&Stoplist>,
    scratch: &mut Scratch,
    out: &mut BlockFeatures,
) -> bool {
    // The usual case, the vote and the anchors in one table, gets a reading of its own: its
    // words then test no option.
    match scratch.merged_tables() {
        Some(tables) => read_by_masks(text, stop, scratch, out, |scratch, f, span| {
            tables.word(text.as_bytes(), span, scratch, f)
        }),
        None => read_by_masks(text, stop, scratch, out, |scratch, f, span| {
            ascii_word(text, span, stop, scratch, f)
        }),
    }
}

/// [`measure_by_masks`]'s reading, with `word` counting each word.
#[inline(always)]
fn read_by_masks<'a>(
    text: &str,
    stop: Option<&Stoplist>,
    scratch: &mut Scratch<'a>,
    out: &mut BlockFeatures,
    mut word: impl FnMut(&mut Scratch<'a>, &mut Features, Range<usize>),
) -> bool {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut state = (&mut out.f, scratch, 0u32, 0u32);
    let continuations = words::masked_words::<_, true>(
        text,
        &mut state,
        |(f, _, letters, digits), base, masks| {
            // A Latin-1 letter is two bytes of `alnum`, one letter.
            *letters += (masks.alnum & !masks.digit & !masks.latin).count_ones();
            *digits += masks.digit.count_ones();
            if masks.at != 0 {
                f.handles += handles(bytes, base, masks);
            }
        },
        |(f, scratch, _, _), span, latin| {
            if latin {
                other_word(text, span, stop, scratch, f);
            } else {
                word(scratch, f, span);
            }
        },
    );
    let Some(continuations) = continuations else {
        return false;
    };
    let (f, _, letters, digits) = state;
    (out.dominant_script, out.dominant_share) =
        (Script::Latin, if letters > 0 { 1.0 } else { 0.0 });
    f.letters = letters;
    f.digits = digits;
    f.chars = (n - continuations) as u32;
    true
}

/// `@handle` mentions among the `@` signs of a window (from its [`Masks`]): an `@`
/// after no letter or digit and before an ASCII one (or `_`).
#[cold]
fn handles(bytes: &[u8], base: usize, masks: Masks) -> u32 {
    let mut count = 0;
    let mut at = masks.at;
    // Bit k: whether the byte before the window's byte k is a letter or digit.
    let after_alnum = masks.alnum << 1 | masks.before;
    while at != 0 {
        let bit = at.trailing_zeros();
        let i = base + bit as usize;
        at &= at - 1;
        let after_word = after_alnum >> bit & 1 != 0;
        let before_name = bytes
            .get(i + 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        count += u32::from(!after_word && before_name);
    }
    count
}

/// [`measure`]'s reading of a block with non-ASCII text, a character at a time.
fn measure_chars(
    text: &str,
    stop: Option<&Stoplist>,
    scratch: &mut Scratch,
    out: &mut BlockFeatures,
) {
    let mut scripts = [0u32; SCRIPTS];
    let f = &mut out.f;
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut word = Word::default();
    let mut prev_alnum = false;
    let mut ascii_alnum = 0u32;
    let mut non_ascii_bytes = 0usize;
    let mut non_ascii_chars = 0u32;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let start = i;
            let digits;
            (i, digits) = words::ascii_alnum_run(bytes, i);
            f.digits += digits;
            ascii_alnum += (i - start) as u32 - digits;
            // A word wholly of ASCII that ASCII (or the end) follows, the usual case, is
            // counted at once; one that runs on into other letters waits for its end.
            if word.start.is_none() && bytes.get(i).is_none_or(|&b| b < 0x80) {
                ascii_word(text, start..i, stop, scratch, f);
                // The usual separator, one space before the next ASCII word, is stepped over
                // here rather than by a turn of the loop of its own.
                if bytes.get(i) == Some(&b' ')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                {
                    i += 1;
                    prev_alnum = false;
                    continue;
                }
            } else {
                word.push(start, true);
            }
            prev_alnum = true;
            continue;
        }
        if b < 0x80 {
            word.end(text, i, stop, scratch, f);
            if b == b'@'
                && !prev_alnum
                && bytes
                    .get(i + 1)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                f.handles += 1;
            }
            prev_alnum = false;
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        non_ascii_chars += 1;
        non_ascii_bytes += c.len_utf8();
        // Letters of the common blocks by range; the rest through the standard tables.
        let (alnum, numeric) = match words::letter_by_range(c) {
            Some(letter) => (letter, false),
            None if c.is_numeric() => (true, true),
            None => (c.is_alphabetic(), false),
        };
        if alnum {
            let script = Script::of(c);
            if numeric {
                f.digits += 1;
            } else {
                f.letters += 1;
                scripts[script as usize] += 1;
            }
            if !script.spaced() {
                // An ideograph or kana is a word of its own.
                word.end(text, i, stop, scratch, f);
                f.words += 1;
                let mut buf = [0u8; 4];
                let c_text = c.encode_utf8(&mut buf);
                if let Some(stop) = stop.filter(|s| s.unspaced())
                    && stop.contains(c_text)
                {
                    f.stopwords += 1;
                }
                if let Some(anchors) = scratch.anchors {
                    let sites = anchors.sites(words::folded_key(c_text.as_bytes()));
                    scratch.anchor(sites, bytes, i..i + c.len_utf8());
                }
            } else {
                word.push(i, false);
            }
        } else {
            word.end(text, i, stop, scratch, f);
        }
        prev_alnum = alnum;
        i += c.len_utf8();
    }
    word.end(text, n, stop, scratch, f);
    // Letters of other scripts were counted as they were met: without any, the block's
    // letters are all Latin (or it has none), with no counts to compare.
    if f.letters == 0 {
        (out.dominant_script, out.dominant_share) =
            (Script::Latin, if ascii_alnum > 0 { 1.0 } else { 0.0 });
    } else {
        scripts[Script::Latin as usize] += ascii_alnum;
        out.cjk = scripts[Script::Cjk as usize];
        (out.dominant_script, out.dominant_share) = dominant_script(&scripts);
    }
    f.letters += ascii_alnum;
    f.chars = (n - non_ascii_bytes) as u32 + non_ascii_chars;
}

/// A line's length and its first, middle and last 8 bytes, hashed to 32 bits: equal for
/// equal lines, and rarely for others (lines whose keys tie are compared whole). It costs
/// the same for a paragraph as for a menu item, and is taken while the feature pass has the
/// line in cache.
pub(crate) fn line_key(bytes: &[u8]) -> u32 {
    let sample = |at: usize| swar::load_padded(bytes, at);
    let len = bytes.len();
    let mut h = words::Fx::default();
    h.write_usize(len);
    h.write_u64(sample(0));
    h.write_u64(sample(len / 2));
    h.write_u64(sample(len.saturating_sub(8)));
    let h = h.finish();
    (h ^ h >> 32) as u32
}

/// The word being read: where it starts and whether it is ASCII so far.
#[derive(Default)]
struct Word {
    start: Option<usize>,
    ascii: bool,
}

impl Word {
    #[inline]
    fn push(&mut self, at: usize, ascii: bool) {
        match self.start {
            None => {
                self.start = Some(at);
                self.ascii = ascii;
            }
            Some(_) => self.ascii &= ascii,
        }
    }

    /// Counts the word that ends at `end`, if any.
    #[inline]
    fn end(
        &mut self,
        text: &str,
        end: usize,
        stop: Option<&Stoplist>,
        scratch: &mut Scratch,
        f: &mut Features,
    ) {
        if let Some(start) = self.start.take() {
            end_word(text, start..end, self.ascii, stop, scratch, f);
        }
    }
}

/// Counts one space-delimited word.
#[inline]
fn end_word(
    text: &str,
    span: std::ops::Range<usize>,
    ascii: bool,
    stop: Option<&Stoplist>,
    scratch: &mut Scratch,
    f: &mut Features,
) {
    if ascii {
        ascii_word(text, span, stop, scratch, f);
    } else {
        other_word(text, span, stop, scratch, f);
    }
}

/// Counts a word of ASCII letters and digits: the hot path, one key for every table the
/// word is looked up in.
#[inline(always)]
fn ascii_word(
    text: &str,
    span: std::ops::Range<usize>,
    stop: Option<&Stoplist>,
    scratch: &mut Scratch,
    f: &mut Features,
) {
    let bytes = text.as_bytes();
    if let Some(tables) = scratch.merged_tables() {
        tables.word(bytes, span, scratch, f);
        return;
    }
    count_word(bytes, &span, f);
    let word = words::AsciiWord::at(bytes, span.clone());
    if let Some(anchors) = scratch.anchors {
        scratch.anchor(anchors.sites(word.key), bytes, span.clone());
    }
    if let Some((table, article)) = scratch.vote {
        count_vote(table.lookup_ascii(word).unwrap_or(0), article, scratch, f);
    } else if stop.is_some_and(|s| !s.unspaced() && s.contains_ascii(word)) {
        f.stopwords += 1;
    }
}

/// Counts an ASCII word of letters and digits at `span` of `bytes`: a word, capitalised or
/// not, and a URL where it starts one.
#[inline(always)]
fn count_word(bytes: &[u8], span: &Range<usize>, f: &mut Features) {
    f.words += 1;
    f.capitalized += u32::from(bytes[span.start].is_ascii_uppercase());
    if may_start_url(bytes, span) {
        count_url(bytes, span.clone(), f);
    }
}

/// The vote's table and a scanner's anchors in one ([`Anchors::with_vote`]), with the
/// article's place in the vote.
#[derive(Clone, Copy)]
struct Merged<'a> {
    merged: &'a KeyTable<WordEntry>,
    anchors: &'a Anchors,
    table: &'static VoteTable,
    article: usize,
}

impl Merged<'_> {
    /// Counts an ASCII word: one lookup for both tables. A long word's key is a hash, which
    /// may equal a short word's: its sites are then checked in vain, and its vote is looked up
    /// apart.
    #[inline(always)]
    fn word(&self, bytes: &[u8], span: Range<usize>, scratch: &mut Scratch, f: &mut Features) {
        count_word(bytes, &span, f);
        let word = words::AsciiWord::at(bytes, span.clone());
        let entry = self.merged.get_or_default(word.key);
        scratch.anchor(self.anchors.sites_of(entry), bytes, span.clone());
        let bits = if span.len() <= 8 {
            entry.0
        } else {
            self.table.lookup_long_ascii(word)
        };
        count_vote(bits, self.article, scratch, f);
    }
}

/// Whether the word at `span` could start a URL: three to five letters from `h`, `w` or `p`,
/// then `:` or `.`. The three tests are combined without a branch between them (the letter
/// and the next byte by table): the length and the letter alone hold for about one word in
/// ten, and a branch on them was mispredicted all through the feature pass; all three
/// together are rare.
#[inline(always)]
fn may_start_url(bytes: &[u8], span: &std::ops::Range<usize>) -> bool {
    let len = span.len().wrapping_sub(3) <= 2;
    let letter = URL_BYTES[usize::from(bytes[span.start])] & URL_FIRST;
    let next = URL_BYTES[usize::from(bytes.get(span.end).copied().unwrap_or(0))] & URL_NEXT;
    len & (letter | next == URL_FIRST | URL_NEXT)
}

/// [`may_start_url`]'s table: the bytes a URL's first word starts with, and those after it.
const URL_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 3 {
        let b = [b'h', b'w', b'p'][i];
        t[b as usize] = URL_FIRST;
        t[b.to_ascii_uppercase() as usize] = URL_FIRST;
        i += 1;
    }
    t[b':' as usize] = URL_NEXT;
    t[b'.' as usize] = URL_NEXT;
    t
};
const URL_FIRST: u8 = 1;
const URL_NEXT: u8 = 2;

/// Counts a URL that starts with the word at `span` (`http://`, `https://`, `www.`,
/// `pic.twitter.com`).
#[cold]
fn count_url(bytes: &[u8], span: std::ops::Range<usize>, f: &mut Features) {
    let word = &bytes[span.clone()];
    let rest = &bytes[span.end..];
    if ((word.eq_ignore_ascii_case(b"http") || word.eq_ignore_ascii_case(b"https"))
        && rest.starts_with(b"://"))
        || (word.eq_ignore_ascii_case(b"www") && rest.starts_with(b"."))
        || (word == b"pic" && rest.starts_with(b".twitter.com"))
    {
        f.urls += 1;
    }
}

/// Counts a word with non-ASCII letters, looked up lower-cased.
#[inline(never)]
fn other_word(
    text: &str,
    span: std::ops::Range<usize>,
    stop: Option<&Stoplist>,
    scratch: &mut Scratch,
    f: &mut Features,
) {
    f.words += 1;
    let capitalized = text[span.start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    f.capitalized += u32::from(capitalized);
    let bytes = text.as_bytes();
    if may_start_url(bytes, &span) {
        count_url(bytes, span.clone(), f);
    }
    if scratch.vote.is_none() && scratch.anchors.is_none() && stop.is_none() {
        return;
    }
    let mut lower = std::mem::take(&mut scratch.lower);
    lower.clear();
    words::push_lowercase(&text[span.clone()], &mut lower);
    if let Some(anchors) = scratch.anchors {
        let sites = anchors.sites(words::folded_key(lower.as_bytes()));
        scratch.anchor(sites, bytes, span.clone());
    }
    if let Some((table, article)) = scratch.vote {
        count_vote(
            table.lookup(lower.as_bytes()).unwrap_or(0),
            article,
            scratch,
            f,
        );
    } else if stop.is_some_and(|s| !s.unspaced() && s.contains(&lower)) {
        f.stopwords += 1;
    }
    scratch.lower = lower;
}

/// Counts a word's entry in the vote table (0 for a word it does not hold): a stopword of the
/// article's language, and a hit for each language whose list holds it. Without a branch on
/// the entry: about two words in five have one, and whether the next does cannot be learned.
#[inline(always)]
fn count_vote(bits: u64, article: usize, scratch: &mut Scratch, f: &mut Features) {
    f.stopwords += u32::from(bits & ((1 << article) | (1 << (article + 32))) != 0);
    scratch.counts.add(bits);
}

impl Scratch<'_> {
    /// The vote of the block just measured (of `languages` languages, the article's at
    /// `article`), where the foreign check may weigh it ([`votes_on`]).
    fn block_vote(&mut self, languages: usize, article: usize, f: &Features) -> Option<BlockVote> {
        votes_on(f).then(|| {
            let hits = self.counts.hits();
            // The densest other language, the first of equals: the largest key of its hits
            // above its place from the end, the article's key 0 (found without a branch per
            // language; the counts are unpredictable).
            let key = |(i, &h): (usize, &u32)| {
                u64::from(i != article) * (u64::from(h) << 8 | (255 - i as u64))
            };
            let best = hits[..languages].iter().enumerate().map(key).max();
            BlockVote {
                own: hits[article],
                other: best
                    .filter(|&k| k != 0)
                    .map(|k| ((255 - (k & 0xff)) as u8, (k >> 8) as u32)),
            }
        })
    }
}

/// What a block's first and last characters allow, taken by the feature pass while the block
/// is in cache: the tests below that need a certain first or last byte turn a block away
/// without reading its text again (for most short lines, the rules then never touch it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Edges(u8);

impl Edges {
    /// The text, trimmed, may start a copyright line: `©`, `(c)`, `copyright`.
    const COPYRIGHT: u8 = 1;
    /// It may start a comment count: a digit, a bracket or a number word's first letter.
    const COUNT: u8 = 2;
    /// It may end a comment header: `:`, `.` or `…`.
    const HEADER: u8 = 4;

    pub fn of(text: &str) -> Edges {
        // Blocks come trimmed: the Unicode trims run only where an edge is not ASCII graphic.
        let bytes = text.as_bytes();
        let first = match bytes.first() {
            Some(b) if b.is_ascii_graphic() => *b,
            _ => text.trim_start().as_bytes().first().copied().unwrap_or(0),
        };
        let last = match bytes.last() {
            Some(b) if b.is_ascii_graphic() => *b,
            _ => text.trim_end().as_bytes().last().copied().unwrap_or(0),
        };
        Edges(FIRST[usize::from(first)] | LAST[usize::from(last)])
    }

    /// Whether the text may start a copyright line.
    pub fn may_start_copyright(self) -> bool {
        self.0 & Edges::COPYRIGHT != 0
    }

    /// Whether the text may start a comment count.
    pub fn may_start_count(self) -> bool {
        self.0 & Edges::COUNT != 0
    }

    /// Whether the text may end a comment header.
    pub fn may_end_header(self) -> bool {
        self.0 & Edges::HEADER != 0
    }
}

/// [`Edges`] by a text's first byte.
static FIRST: [u8; 256] = {
    let mut t = [0u8; 256];
    // `©` is C2 A9.
    t[0xC2] = Edges::COPYRIGHT;
    t[b'(' as usize] = Edges::COPYRIGHT | Edges::COUNT;
    t[b'c' as usize] = Edges::COPYRIGHT;
    t[b'C' as usize] = Edges::COPYRIGHT;
    let mut b = b'0';
    while b <= b'9' {
        t[b as usize] = Edges::COUNT;
        b += 1;
    }
    let count = b")[]otfn";
    let mut i = 0;
    while i < count.len() {
        t[count[i] as usize] |= Edges::COUNT;
        t[count[i].to_ascii_uppercase() as usize] |= Edges::COUNT;
        i += 1;
    }
    t
};

/// [`Edges`] by a text's last byte (`…` is E2 80 A6).
static LAST: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b':' as usize] = Edges::HEADER;
    t[b'.' as usize] = Edges::HEADER;
    t[0xA6] = Edges::HEADER;
    t
};

/// Whether the text ends a sentence, looking past closing quotes and brackets.
pub(crate) fn ends_sentence(text: &str) -> bool {
    // Most lines end in a letter, a digit or a full stop, none of which is trimmed.
    match text.as_bytes().last() {
        None => return false,
        Some(b) if b.is_ascii_alphanumeric() => return false,
        Some(b'.' | b'!' | b'?') => return true,
        _ => {}
    }
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '」' | '』'
            )
    });
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// Whether the text starts with a bullet.
pub(crate) fn starts_with_list_marker(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '►' | '▸' | '◦' | '‣') => true,
        Some('-' | '–' | '*') => chars.next().is_some_and(char::is_whitespace),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::stoplist;

    #[test]
    fn counts() {
        let stop = stoplist(whatlang::Lang::Eng);
        let mut s = Scratch::default();
        let b = measure(
            "The cat sat on the mat, said @bob at https://t.co/x.",
            stop,
            &mut s,
        );
        let f = b.f;
        assert_eq!(f.words, 13, "{f:?}");
        assert_eq!(f.stopwords, 5, "the on the at + t: {f:?}");
        assert_eq!((f.urls, f.handles, f.capitalized), (1, 1, 1));
        assert!(f.ends_sentence && !f.list_marker);
        assert_eq!(b.dominant_script().0, Script::Latin);
    }

    /// The reading by bit masks measures what the character-by-character one does, on texts
    /// of every length around the 8- and 64-byte steps, with words of every length, handles,
    /// URLs, words that run across windows and non-ASCII punctuation: features, vote and
    /// anchored starts.
    #[test]
    fn masks_measure_as_the_character_reading_does() {
        let set = crate::patterns::PhraseSet::build(&[]).unwrap();
        let anchors = set.scanner(Some(whatlang::Lang::Eng)).anchors();
        let table = VoteTable::for_script(Script::Latin);
        let article = table
            .index_of(crate::language::Language(whatlang::Lang::Eng))
            .unwrap();
        let stop = crate::lang::stoplist(whatlang::Lang::Eng);
        let pieces = [
            "the",
            "The",
            "of",
            "and",
            "Read",
            "more",
            "cookies",
            "a1",
            "2024",
            "x",
            " ",
            " ",
            ", ",
            ". ",
            "@bob",
            "a@b.c",
            "@_x",
            "@",
            "https://t.co/x",
            "www.a.org",
            "-",
            "extraordinarily",
            "internationalisation",
            "\t",
            "\n",
            "(",
            "share",
            "!",
            "’",
            "“",
            "—",
            "\u{a0}",
            "•",
            "©",
            "…",
            "°",
            "·",
            // Latin-1 letters, read by the masks as letters.
            "für",
            "Müller",
            "ÄRGER",
            "Straße",
            "é",
            "Ü",
            "über@x",
            "@müller",
            "naïve",
            "ÿ",
            "×",
            "÷",
            "²",
        ];
        let mut next = words::xorshift(0x2545_f491_4f6c_dd1d);
        // Both readings of a block that the masks can read give the same features, vote and
        // phrase candidates.
        let agree = |text: &str| {
            let mut a = Scratch::with_vote(table, article).with_anchors(anchors);
            let mut b = Scratch::with_vote(table, article).with_anchors(anchors);
            let mut by_masks = BlockFeatures::default();
            let mut by_chars = BlockFeatures::default();
            assert!(measure_by_masks(text, stop, &mut a, &mut by_masks));
            measure_chars(text, stop, &mut b, &mut by_chars);
            assert_eq!(by_masks.f, by_chars.f, "{text:?}");
            assert_eq!(
                by_masks.dominant_script(),
                by_chars.dominant_script(),
                "{text:?}"
            );
            assert_eq!(a.counts.hits(), b.counts.hits(), "{text:?}");
            assert_eq!(a.candidates, b.candidates, "{text:?}");
        };
        // Latin-1 letters at every place around the first window's end, as words and inside.
        for pad in 50..70 {
            for tail in ["ü", " über", " Ärger@x", "naïve ", "@Ö"] {
                agree(&format!("{}{tail}", "x".repeat(pad)));
            }
        }
        for round in 0..6000 {
            let mut text = String::new();
            while text.len() < round % 200 {
                text.push_str(pieces[next(pieces.len())]);
            }
            // `²` is a digit that is not ASCII: such a block is read a character at a time.
            if text.contains('²') {
                let mut scratch = Scratch::with_vote(table, article).with_anchors(anchors);
                let mut out = BlockFeatures::default();
                assert!(
                    !measure_by_masks(&text, stop, &mut scratch, &mut out),
                    "{text:?}"
                );
            } else {
                agree(&text);
            }
        }
    }

    /// The feature pass finds the phrase candidates that reading each word of the block and
    /// looking it up alone finds ([`Anchors::candidates`]), with and without the vote's merged
    /// table, on blocks made of the packs' phrases in other cases, run together and mixed with
    /// other words, in five languages.
    #[test]
    fn candidates_are_those_of_the_words() {
        let set = PhraseSet::build(&[]).unwrap();
        let mut next = words::xorshift(0x2545_f491_4f6c_dd1d);
        let fillers = [
            "the",
            "and",
            "Ünd",
            "новости",
            "2024",
            "|",
            ":",
            "—",
            "新闻",
            "x",
        ];
        for language in [Lang::Eng, Lang::Deu, Lang::Fra, Lang::Rus, Lang::Cmn] {
            let anchors = set.scanner(Some(language)).anchors();
            let table = VoteTable::for_script(Script::of_language(language));
            let with_vote = table
                .index_of(crate::language::Language(language))
                .map(|article| Scratch::with_vote(table, article).with_anchors(anchors));
            let mut scratches: Vec<Scratch> =
                [Some(Scratch::default().with_anchors(anchors)), with_vote]
                    .into_iter()
                    .flatten()
                    .collect();
            let mut found = 0;
            for _ in 0..2000 {
                let mut text = String::new();
                for _ in 0..1 + next(6) {
                    let piece = if next(3) == 0 {
                        fillers[next(fillers.len())].to_string()
                    } else {
                        let phrase = set.phrase(next(set.len()) as u32).text.to_string();
                        match next(4) {
                            0 => phrase.to_uppercase(),
                            1 => phrase.to_lowercase(),
                            2 => format!("x{phrase}"),
                            _ => phrase,
                        }
                    };
                    text.push_str(&piece);
                    text.push_str([" ", " ", ", ", "", ": "][next(5)]);
                }
                let text = text.trim();
                let mut expected = anchors.candidates(text);
                expected.sort_unstable();
                for scratch in &mut scratches {
                    measure(text, None, scratch);
                    let got = scratch.phrase_candidates();
                    got.sort_unstable();
                    assert_eq!(got, &expected[..], "{language:?} {text:?}");
                }
                found += usize::from(!expected.is_empty());
            }
            // Not vacuous: the pieces are the packs' phrases, most of them in other languages.
            assert!(found > 600, "{language:?}: {found} blocks with candidates");
        }
    }

    /// The vote's per-language hits agree with looking every word up, also in blocks long
    /// enough for the byte lanes to be emptied on the way (255 words with an entry).
    #[test]
    fn vote_hits_agree_with_looking_words_up() {
        let table = VoteTable::for_script(Script::Latin);
        for language in [
            whatlang::Lang::Eng,
            whatlang::Lang::Deu,
            whatlang::Lang::Spa,
        ] {
            let article = table.index_of(crate::language::Language(language)).unwrap();
            for repeat in [1, 40, 300, 700] {
                let text = "the cat and der Hund y el perro de la casa ".repeat(repeat);
                let mut hits = [0u32; 32];
                for word in text.split_whitespace() {
                    let bits = table.lookup(word.as_bytes()).unwrap_or(0);
                    for (k, h) in hits.iter_mut().enumerate() {
                        *h += ((bits >> k) & 1) as u32;
                    }
                }
                let stop = crate::lang::stoplist(language);
                let vote = measure(&text, stop, &mut Scratch::with_vote(table, article))
                    .vote
                    .unwrap();
                // A block too short to be weighed has none.
                let short = measure(
                    "the cat and der",
                    stop,
                    &mut Scratch::with_vote(table, article),
                );
                assert!(short.vote.is_none());
                assert_eq!(vote.own, hits[article], "{language:?} x{repeat}");
                let best = (0..table.len()).filter(|&k| k != article).fold(
                    None,
                    |b: Option<(u8, u32)>, k| match b {
                        Some((_, h)) if h >= hits[k] => b,
                        _ => Some((k as u8, hits[k])),
                    },
                );
                assert_eq!(vote.other, best, "{language:?} x{repeat}");
            }
        }
    }

    #[test]
    fn urls_are_counted_where_they_start() {
        let cases = [
            ("see https://t.co/x and http://a.b", 2),
            ("HTTP://EXAMPLE.COM", 1),
            ("www.example.com, WWW.x.org", 2),
            ("pic.twitter.com/abc", 1),
            ("Pic.twitter.com/abc", 0),
            ("http: https www pic", 0),
            ("httpx://a wwww.b xhttp://c", 0),
            ("ends with https", 0),
            ("über http://ä.de", 1),
        ];
        for (text, urls) in cases {
            let f = measure(text, None, &mut Scratch::default()).f;
            assert_eq!(f.urls, urls, "{text}");
        }
    }

    #[test]
    fn cjk_counts_characters() {
        let stop = stoplist(whatlang::Lang::Cmn);
        let b = measure("我的猫是黑色的。", stop, &mut Scratch::default());
        assert_eq!(b.f.words, 7);
        assert!(b.f.stopwords >= 2, "{:?}", b.f);
        assert!(b.f.ends_sentence);
    }

    #[test]
    fn words_reads_as_measure_does() {
        let texts = [
            "The cat sat on the mat, said @bob at https://t.co/x.",
            "Größere Straßen-Bahn: 12,5 km²",
            "我的猫是黑色的。和 ASCII mixed",
            "ภาษาไทย and Ελληνικά and русский—text",
            "e-mail\u{a0}x\u{200b}y ٣٤ 〇 Ⅻ",
            "",
            "!!!",
        ];
        for text in texts {
            let measured = measure(text, None, &mut Scratch::default()).f.words;
            assert_eq!(
                crate::patterns::words(text).len() as u32,
                measured,
                "{text}"
            );
        }
        let spans = crate::patterns::words("Read more—ÄHNLICHE Artikel 新闻");
        assert_eq!(spans[2], (12..21, false));
        assert_eq!(spans[3], (22..29, true));
        assert_eq!(spans.len(), 6);
    }

    #[test]
    fn sentence_ends() {
        let cases = [
            ("A sentence.", true),
            ("A “quoted” end.”", true),
            ("Question?)", true),
            ("A headline", false),
            ("Read also:", false),
            ("‘Quoted headline’", false),
        ];
        for (text, want) in cases {
            assert_eq!(ends_sentence(text), want, "{text}");
        }
    }

    #[test]
    fn list_markers() {
        let cases = [
            ("- item", true),
            ("• item", true),
            ("-5 degrees", false),
            ("* x", true),
        ];
        for (text, want) in cases {
            assert_eq!(starts_with_list_marker(text), want, "{text}");
        }
    }
}

#[cfg(test)]
mod layout {
    /// A block's bookkeeping stays at 68 bytes: the feature pass writes it for every line,
    /// and on millions of short lines its size is what the time goes on.
    #[test]
    fn block_features_stay_small() {
        assert!(std::mem::size_of::<super::BlockFeatures>() <= 68);
    }
}
