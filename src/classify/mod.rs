//! Deciding, block by block, what is article and what is furniture.
//!
//! Rules run cheapest and surest first; each removal records its reason, and a block that a
//! rule has decided is never decided again:
//!
//! 1. phrases: a strong phrase in a short block, plain phrases covering most of a block,
//!    several different phrases in a block of modest length, or a navigation or share label
//!    (`Tags:`) opening a list;
//! 2. section markers ("Read also", "More stories") and the headline-shaped teasers after them;
//! 3. embedded posts: a `— Name (@handle) Date` closer and the short lines above it;
//! 4. inline story links: a headline ending in ` – Source` between body paragraphs;
//! 5. the page's edges: a trailing list of headlines, and short blocks with furniture phrases
//!    before the first or after the last body paragraph;
//!    A comment section (a comment marker after the article's body) goes whole;
//! 6. foreign-language fragments (see [`crate::lang`]): another script right after the
//!    phrases, the same script (whatlang) only among the blocks still kept;
//! 7. the article model (see [`article`]) over what is left, for whole pages.

// The rules walk several parallel per-block arrays (verdicts, features, phrase hits) and
// look at neighbours by index; an index loop reads better than zipped iterators here.
#![allow(clippy::needless_range_loop)]

mod article;
pub(crate) mod features;
mod model_trees;
mod shapes;

use std::borrow::Cow;
use std::ops::Range;

use crate::cleaned::Reason;
use crate::lang::{self, Script};
use crate::language::Language;
use crate::patterns::{BlockHits, Category, PhraseSet};
use crate::segment::Block;
use crate::thresholds::Thresholds;
use features::BlockFeatures;

/// The decision on one block.
#[derive(Clone, Debug)]
pub(crate) enum Verdict {
    Keep,
    Remove(Reason),
}

impl Verdict {
    pub(crate) fn is_keep(&self) -> bool {
        matches!(self, Verdict::Keep)
    }
}

/// Tunable thresholds (set from presets and builder options).
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// A strong phrase removes a block shorter than this many characters.
    pub strong_max_chars: u32,
    /// This many hits of multi-word phrases remove a block shorter than `dense_max_chars`, however little of
    /// it they cover (a consent banner made of many weak phrases).
    pub dense_hits: u32,
    /// See `dense_hits`.
    pub dense_max_chars: u32,
    /// Whether foreign-language fragments are removed.
    pub foreign: bool,
    /// Whether the article region is looked for (whole-page input).
    pub region: bool,
    /// The classifier's thresholds.
    pub t: Thresholds,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            strong_max_chars: 400,
            dense_hits: 3,
            dense_max_chars: 700,
            foreign: true,
            region: true,
            t: Thresholds::default(),
        }
    }
}

/// Phrase coverage that makes a short block at the page's edges furniture, and a block with
/// that much furniture wording not a body paragraph.
const EDGE_COVERAGE: f32 = 0.3;

/// Everything the rules need about a document.
pub(crate) struct Doc<'a> {
    pub blocks: &'a [Block],
    /// Each block's text, sliced once: the rules ask for it a dozen times a block, and each
    /// slicing checks both ends for a character boundary.
    pub texts: &'a [&'a str],
    pub feats: &'a [BlockFeatures],
    pub hits: &'a [BlockHits],
    pub phrases: &'a PhraseSet,
    pub language: Option<Language>,
    pub script: Script,
    /// Whether `feats` counted stopwords (the article language has a stoplist).
    pub has_stoplist: bool,
}

impl<'a> Doc<'a> {
    pub(crate) fn text(&self, i: usize) -> &'a str {
        self.texts[i]
    }

    pub(crate) fn span(&self, i: usize) -> Range<usize> {
        self.blocks[i].start..self.blocks[i].end
    }

    /// The first block still kept that is a body paragraph.
    fn first_body(&self, v: &[Verdict]) -> Option<usize> {
        (0..v.len()).find(|&i| v[i].is_keep() && self.is_body(i))
    }

    /// The last block still kept that is a body paragraph.
    fn last_body(&self, v: &[Verdict]) -> Option<usize> {
        (0..v.len())
            .rev()
            .find(|&i| v[i].is_keep() && self.is_body(i))
    }

    /// Stopwords per word in the document's long sentence-ending blocks, `None` without any.
    pub(crate) fn prose_density(&self) -> Option<f32> {
        let (words, stops) = features::prose_stopwords(self.feats);
        (words > 0).then(|| stops as f32 / words as f32)
    }

    /// A body paragraph: a sentence-ending block of some length, in the article's language
    /// (some of its stopwords, where it has a stoplist), not made of furniture phrases.
    fn is_body(&self, i: usize) -> bool {
        let f = &self.feats[i].f;
        f.ends_sentence
            && f.words >= 8
            && f.chars >= 60
            && f.urls == 0
            && (!self.has_stoplist || f.stopword_density() >= 0.1)
            && self.coverage(i) < EDGE_COVERAGE
    }

    fn phrase_reason(&self, idx: u32) -> Reason {
        let p = self.phrases.phrase(idx);
        Reason::Phrase {
            category: p.category,
            phrase: p.text.clone(),
        }
    }

    /// A block that is mostly a phrase of `category` (a section marker).
    fn is_marker(&self, i: usize, category: Category, opts: &Options) -> bool {
        let h = &self.hits[i];
        let Some(main) = h.main else { return false };
        self.phrases.phrase(main).category == category
            && self.coverage(i) >= opts.t.phrase_coverage
            && self.feats[i].f.words <= 8
    }

    /// Share of a block's letters and digits covered by phrase hits.
    pub(crate) fn coverage(&self, i: usize) -> f32 {
        let f = &self.feats[i].f;
        let alnum = f.letters + f.digits;
        if alnum == 0 {
            0.0
        } else {
            self.hits[i].covered as f32 / alnum as f32
        }
    }
}

/// Runs every rule; returns one verdict per block.
pub(crate) fn run(doc: &Doc<'_>, opts: &Options) -> Vec<Verdict> {
    let n = doc.blocks.len();
    // Filled by writing the variant, not by cloning one verdict n times (a clone matches on
    // the reason's variant, element after element).
    let mut v = Vec::with_capacity(n);
    v.resize_with(n, || Verdict::Keep);
    phrases(doc, opts, &mut v);
    if opts.foreign {
        foreign_script(doc, &mut v);
    }
    markers_and_teasers(doc, opts, &mut v);
    embedded_posts(doc, &mut v);
    inline_story_links(doc, &mut v);
    edges(doc, &mut v);
    comment_section(doc, &mut v);
    let runs = short_runs(doc.feats);
    menus(&runs, &mut v);
    if opts.region {
        article::article(doc, &runs, &opts.t, &mut v);
    }
    if opts.foreign {
        foreign_same_script(doc, &mut v);
        name_foreign_phrases(doc, opts, &mut v);
    }
    v
}

/// Rule 1: phrase hits, and copyright lines.
fn phrases(doc: &Doc<'_>, opts: &Options, v: &mut [Verdict]) {
    for i in 0..v.len() {
        if shapes::is_copyright(doc.text(i), &doc.feats[i].f, doc.feats[i].edges) {
            v[i] = Verdict::Remove(Reason::Phrase {
                category: Category::Footer,
                phrase: std::sync::Arc::from("©"),
            });
            continue;
        }
        // Most blocks have no hit: both rules below need one.
        let h = &doc.hits[i];
        if h.categories == 0 && h.leading.is_none() {
            continue;
        }
        if let Some(reason) = phrase_rule(doc, i, h, opts) {
            v[i] = Verdict::Remove(reason);
        } else if let Some(label) = labelled_list(doc, i) {
            v[i] = Verdict::Remove(doc.phrase_reason(label));
        }
    }
}

/// A labelled list: a block that opens with a navigation or share label (a pack phrase
/// ending in a colon: `Tags:`, `Kategorie:`, `Etiquetas:`, `You are here:`, `Share this:`)
/// and goes on with a list of up to 30 words, no sentence. The label alone covers
/// too little of such a line for the phrase rule.
fn labelled_list(doc: &Doc<'_>, i: usize) -> Option<u32> {
    let label = doc.hits[i].leading?;
    let phrase = doc.phrases.phrase(label);
    let f = &doc.feats[i].f;
    (matches!(phrase.category, Category::Navigation | Category::Share)
        && phrase.text.ends_with(':')
        && !f.ends_sentence
        && f.words <= 30)
        .then_some(label)
}

/// The phrase rule on one block's hits: a strong phrase in a block of some length, phrases
/// covering most of it, or many multi-word phrases in a block not too long.
fn phrase_rule(doc: &Doc<'_>, i: usize, h: &BlockHits, opts: &Options) -> Option<Reason> {
    if h.categories == 0 {
        return None;
    }
    let f = &doc.feats[i].f;
    let alnum = f.letters + f.digits;
    let coverage = if alnum == 0 {
        0.0
    } else {
        h.covered as f32 / alnum as f32
    };
    if let Some(strong) = h.strong.filter(|_| f.chars < opts.strong_max_chars) {
        Some(doc.phrase_reason(strong))
    } else if coverage >= opts.t.phrase_coverage
        || (h.multiword >= opts.dense_hits && f.chars < opts.dense_max_chars)
    {
        h.main.map(|main| doc.phrase_reason(main))
    } else {
        None
    }
}

/// A page is scanned for the phrases of its own language (and English) only. A block found
/// to be in another language is scanned again with that language's phrases, and where they
/// make it furniture (a German cookie banner on an English page), the removal says so.
fn name_foreign_phrases(doc: &Doc<'_>, opts: &Options, v: &mut [Verdict]) {
    for i in 0..v.len() {
        let Verdict::Remove(Reason::ForeignLanguage {
            language: Some(language),
            ..
        }) = v[i]
        else {
            continue;
        };
        let hits = doc.phrases.scan_foreign_block(doc.text(i), language.0);
        if let Some(reason) = phrase_rule(doc, i, &hits, opts) {
            v[i] = Verdict::Remove(reason);
        }
    }
}

/// Rule 2: a marker that introduces links to other stories, and the teasers after it. Before
/// the first body paragraph, a run stops a few lines short of it: those lines may be the
/// page's own title and byline, and the region stage judges them.
fn markers_and_teasers(doc: &Doc<'_>, opts: &Options, v: &mut [Verdict]) {
    let n = v.len();
    let first_body = doc.first_body(v).unwrap_or(n);
    let title_zone = (0..first_body)
        .rev()
        .filter(|&k| v[k].is_keep())
        .nth(2)
        .unwrap_or(0);
    let mut i = 0;
    while i < n {
        if !doc.is_marker(i, Category::Related, opts) {
            i += 1;
            continue;
        }
        let marker = doc.span(i);
        let mut j = i + 1;
        while j < n {
            let f = &doc.feats[j].f;
            let text = doc.text(j);
            if !v[j].is_keep() {
                j += 1;
                continue;
            }
            if !shapes::is_headline(f)
                || shapes::has_link(text, f)
                || shapes::is_embed_closer(text, f)
                || (i < first_body && j >= title_zone && j < first_body)
            {
                break;
            }
            v[j] = Verdict::Remove(Reason::Teaser {
                marker: marker.clone(),
            });
            j += 1;
        }
        i = j;
    }
}

/// Rule 3: embedded posts.
fn embedded_posts(doc: &Doc<'_>, v: &mut [Verdict]) {
    for i in 0..v.len() {
        let f = &doc.feats[i].f;
        if !shapes::is_embed_closer(doc.text(i), f) {
            continue;
        }
        let closer = doc.span(i);
        if v[i].is_keep() {
            v[i] = Verdict::Remove(Reason::EmbeddedPost {
                closer: closer.clone(),
            });
        }
        // The post's text: the line right above, and short lines above it that carry a link
        // or do not end a sentence, back to the previous embed or body paragraph.
        let mut j = i;
        let mut first = true;
        while j > 0 {
            j -= 1;
            let fj = &doc.feats[j].f;
            let tj = doc.text(j);
            if !v[j].is_keep() || shapes::is_embed_closer(tj, fj) || fj.chars > 320 {
                break;
            }
            // Past the first line, only lines with a link, or short lines that do not end a
            // sentence, belong to the post.
            let linked = shapes::has_link(tj, fj);
            if !first && !linked && (fj.ends_sentence || doc.is_body(j)) {
                break;
            }
            v[j] = Verdict::Remove(Reason::EmbeddedPost {
                closer: closer.clone(),
            });
            first = false;
        }
    }
}

/// Rule 4: a headline-shaped link to another story, with a source attribution, sitting
/// between body paragraphs.
fn inline_story_links(doc: &Doc<'_>, v: &mut [Verdict]) {
    for i in 1..v.len().saturating_sub(1) {
        if !v[i].is_keep() || !shapes::is_headline(&doc.feats[i].f) {
            continue;
        }
        let prev = (0..i).rev().find(|&k| v[k].is_keep());
        let next = (i + 1..v.len()).find(|&k| v[k].is_keep());
        let (Some(p), Some(nx)) = (prev, next) else {
            continue;
        };
        if !doc.is_body(p) || !doc.is_body(nx) {
            continue;
        }
        let text = doc.text(i);
        if let Some(at) = shapes::source_attribution(text) {
            let source = text[at..]
                .trim_start_matches([' ', '–', '—', '-', '|'])
                .to_string();
            v[i] = Verdict::Remove(Reason::InlineStoryLink { source });
        }
    }
}

/// Rule 5: the page's edges. After the last body paragraph: a list of headlines, and short
/// blocks carrying any furniture phrase. Before the first body paragraph (and after the title):
/// short blocks carrying a furniture phrase.
fn edges(doc: &Doc<'_>, v: &mut [Verdict]) {
    let n = v.len();
    let Some(last_body) = doc.last_body(v) else {
        return;
    };
    let first_body = doc.first_body(v).unwrap_or(0);
    // A trailing run of list items shaped like headlines, not introduced by a colon.
    let items: Vec<usize> = ((last_body + 1)..n)
        .filter(|&i| {
            let f = &doc.feats[i].f;
            v[i].is_keep() && f.list_marker && !f.ends_sentence && f.words <= 30
        })
        .collect();
    let introduced = doc.text(last_body).trim_end().ends_with(':');
    if items.len() >= 2 && !introduced {
        for i in items {
            v[i] = Verdict::Remove(Reason::RelatedList);
        }
    }
    let edge_phrase = |i: usize, v: &mut [Verdict]| {
        let short = doc.feats[i].f.chars <= 200;
        if v[i].is_keep()
            && short
            && doc.coverage(i) >= EDGE_COVERAGE
            && let Some(main) = doc.hits[i].main
        {
            v[i] = Verdict::Remove(doc.phrase_reason(main));
        }
    };
    for i in (last_body + 1)..n {
        edge_phrase(i, v);
    }
    for i in 1..first_body {
        edge_phrase(i, v);
    }
}

/// Rule 5c: a run of at least `MIN_RUN` consecutive short lines (three words or fewer, no
/// sentence end) is a menu, a tag cloud or a share bar; a title, byline and date make a run of
/// two or three at most.
fn menus(runs: &[[u32; 2]], v: &mut [Verdict]) {
    const MIN_RUN: u32 = 5;
    for (verdict, &[run, _]) in v.iter_mut().zip(runs) {
        if run >= MIN_RUN && verdict.is_keep() {
            *verdict = Verdict::Remove(Reason::Menu { run: run as usize });
        }
    }
}

/// The most words a short line has for [`menus`] (index 0 of [`short_runs`]) and for the
/// article model (index 1).
pub(crate) const SHORT_WORDS: [u32; 2] = [3, 4];

/// For every block, the length of the run of consecutive short lines (at most
/// [`SHORT_WORDS`] words, no sentence end) it belongs to, for both lengths; 0 for a block
/// that is not short. Without a branch on the blocks, whose lengths cannot be predicted: each
/// block's distance to its run's end from the back, then each run's length carried from its
/// first block.
pub(crate) fn short_runs(feats: &[BlockFeatures]) -> Vec<[u32; 2]> {
    let mut runs = vec![[0u32; 2]; feats.len()];
    let mut to_end = [0u32; 2];
    for (run, bf) in runs.iter_mut().zip(feats).rev() {
        for k in 0..2 {
            let short = bf.f.words <= SHORT_WORDS[k] && !bf.f.ends_sentence;
            to_end[k] = (to_end[k] + 1) * u32::from(short);
        }
        *run = to_end;
    }
    let mut length = [0u32; 2];
    let mut before = [0u32; 2];
    for run in &mut runs {
        for k in 0..2 {
            let here = run[k];
            // A run starts where the block before is not short; its first block knows its length.
            length[k] = if before[k] == 0 { here } else { length[k] };
            length[k] = if here == 0 { 0 } else { length[k] };
            before[k] = here;
            run[k] = length[k];
        }
    }
    runs
}

/// Rule 5b: a comment section ends the article. From the first comment marker that has at
/// least `MIN_ARTICLE` characters of body paragraphs before it, every block still kept goes.
fn comment_section(doc: &Doc<'_>, v: &mut [Verdict]) {
    const MIN_ARTICLE: u32 = 400;
    let mut before = 0u32;
    let Some(c) = (0..v.len()).find(|&i| {
        let found = before >= MIN_ARTICLE && is_comment_marker(doc, i);
        if v[i].is_keep() && doc.is_body(i) {
            before += doc.feats[i].weighted_chars();
        }
        found
    }) else {
        return;
    };
    let marker = doc.span(c);
    for verdict in &mut v[c..] {
        if verdict.is_keep() {
            *verdict = Verdict::Remove(Reason::CommentSection {
                marker: marker.clone(),
            });
        }
    }
}

/// A comment marker: mostly a comments phrase, a strong one (the reply form), a comment count,
/// or a comment header followed closely by another.
fn is_comment_marker(doc: &Doc<'_>, i: usize) -> bool {
    let f = &doc.feats[i].f;
    let hits = &doc.hits[i];
    let phrase = hits.main.is_some_and(|m| {
        doc.phrases.phrase(m).category == Category::Comments && doc.coverage(i) >= 0.6
    }) || hits
        .strong
        .is_some_and(|m| doc.phrases.phrase(m).category == Category::Comments);
    // Counts and headers are short: a long block without a comments phrase is no marker.
    if !phrase && f.words > 20 {
        return false;
    }
    let text = doc.text(i);
    let marker = phrase
        || shapes::is_comment_count(text, f, doc.feats[i].edges)
        || (shapes::is_comment_header(text, f, doc.feats[i].edges)
            && (i + 1..(i + 8).min(doc.blocks.len())).any(|k| {
                shapes::is_comment_header(doc.text(k), &doc.feats[k].f, doc.feats[k].edges)
            }));
    // A row of links (`Permalink | Comments (3)`) is a post's footer, not a section heading
    // (looked for last: few blocks get this far).
    marker && !text.contains(['|', '·', '•'])
}

/// Rule 6a: fragments in another script than the article (no model needed to tell).
fn foreign_script(doc: &Doc<'_>, v: &mut [Verdict]) {
    let mut lower = String::new();
    for i in 0..v.len() {
        let bf = &doc.feats[i];
        let (script, share) = bf.dominant_script();
        let unknown_page = doc.script == Script::Other;
        if !v[i].is_keep()
            || bf.f.letters < 8
            || share < 0.6
            || script == doc.script
            || unknown_page
        {
            continue;
        }
        // Addresses are in no language (a URL is Latin letters on any page): what is left
        // without them must still be in the other script.
        let text = shapes::without_addresses(doc.text(i));
        if let Cow::Owned(rest) = &text {
            let (mut letters, mut in_script) = (0u32, 0u32);
            for c in rest.chars().filter(|&c| lang::is_letter(c)) {
                letters += 1;
                in_script += u32::from(Script::of(c) == script);
            }
            if letters < 8 || (in_script as f32) < 0.6 * letters as f32 {
                continue;
            }
        }
        // Naming the language: the stopword vote of the block's script where it is clear,
        // whatlang otherwise, on a block long enough for it to be more than a guess (on a
        // brand name such as `Yahoo! JAPAN` it names Tagalog with confidence 0.04): a shorter
        // one is foreign by its script alone, its language unnamed.
        let text = text.as_ref();
        let detected = lang::VoteTable::for_script(script)
            .clear_winner(text, &mut lower)
            .or_else(|| {
                (bf.f.chars >= NAMING_MIN_CHARS)
                    .then(|| lang::detect(lang::head(text, lang::WHATLANG_MAX)))
                    .flatten()
            });
        v[i] = Verdict::Remove(Reason::ForeignLanguage {
            language: detected.map(|(l, _)| l),
            confidence: detected.map_or(1.0, |(_, c)| c),
        });
    }
}

/// Rule 6b: a fragment in the article's script but another language, among the blocks still
/// kept (after the article model, so that only blocks whose fate it can change are judged).
///
/// A block of at least 40 characters and four words that is not mostly names (capitalised words)
/// gets a stopword vote: its density in the stoplist of each other language of the page's
/// script, one lookup per word in a merged table. whatlang (restricted to the languages of the
/// page's script) is asked only where it can change the answer:
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
/// A block the article model removed goes anyway; it is reported as foreign (the more
/// telling reason, and the one that lets its phrases be named) only on an overwhelming vote,
/// without asking whatlang.
fn foreign_same_script(doc: &Doc<'_>, v: &mut [Verdict]) {
    let Some(article) = doc.language else { return };
    let table = lang::VoteTable::for_script(doc.script);
    let detector = lang::Detector::for_script(doc.script);
    let scarce = doc.prose_density().map_or(0.15, |p| (0.35 * p).min(0.15));
    // The page's letters are counted the first time a block needs them.
    let mut letters: Option<Letters> = None;
    let mut lower = String::new();
    for i in 0..v.len() {
        let f = &doc.feats[i].f;
        let by_model = matches!(v[i], Verdict::Remove(Reason::Boilerplate { .. }));
        if !(v[i].is_keep() || by_model) || !features::votes_on(f) || 2 * f.capitalized > f.words {
            continue;
        }
        // Free first gate: a block this dense in the article's own stoplist (measured with the
        // features) is in the article's language; no vote needed.
        if doc.has_stoplist && f.stopword_density() >= 0.45 {
            continue;
        }
        // Addresses are in no language: the block is judged without them.
        let text = shapes::without_addresses(doc.text(i));
        let addresses = matches!(text, Cow::Owned(_));
        if addresses && text.chars().count() < 40 {
            continue;
        }
        let vote = match doc.feats[i].vote.filter(|_| !addresses) {
            Some(v) => {
                let words = f.words.max(1) as f32;
                lang::Vote {
                    article: Some(v.own as f32 / words),
                    other: v
                        .other
                        .map(|(l, hits)| (table.language(l as usize), hits as f32 / words)),
                    words: f.words,
                }
            }
            None => table.vote(&text, article, &mut lower),
        };
        let theirs = vote.other.map_or(0.0, |(_, d)| d);
        let own = match vote.article {
            Some(d) => d,
            None if doc.has_stoplist => f.stopword_density(),
            None => 0.0,
        };
        // Not suspicious: the article's stopwords outnumber the other language's.
        if theirs < own && own >= scarce {
            continue;
        }
        let overwhelming = theirs >= own + 0.25 && theirs * vote.words as f32 >= 2.5;
        if by_model && !overwhelming {
            continue;
        }
        // Without the vote for another language (or a tie), whatlang is asked only about a
        // block written with letters the rest of the page's prose does not use (`ş`, `ă`, `ő` on
        // an English page, `ї` on a Russian one): on a short line in the page's own letters
        // it mostly guesses.
        let vote_foreign = theirs > own;
        let tie = theirs == own && own >= 0.2;
        if !vote_foreign
            && !tie
            && !letters
                .get_or_insert_with(|| Letters::of_prose(doc))
                .strange(&text, is_prose(f))
        {
            continue;
        }
        // Numbers are in no language: without them, a block of fewer than four words or
        // mostly names (`updated 1:30 PM EST, Wed November 7, 2012`) is not judged.
        let mut numbers = 0u32;
        lang::for_each_word(&text, |w, _| {
            numbers += u32::from(text.as_bytes()[w].iter().all(u8::is_ascii_digit));
        });
        let named = f.words.saturating_sub(numbers);
        if named < 4 || 2 * f.capitalized > named {
            continue;
        }
        // An overwhelming vote (three stopwords of the rival or more, a quarter of the words
        // more than the article's) names the language without whatlang.
        if let Some((rival, _)) = vote.other.filter(|_| overwhelming) {
            v[i] = Verdict::Remove(Reason::ForeignLanguage {
                language: Some(rival),
                confidence: f64::from(1.0 - own / theirs),
            });
            continue;
        }
        if by_model {
            continue;
        }
        let sample = lang::head(&text, lang::WHATLANG_MAX);
        // Where the vote names a rival, whatlang first only chooses between the two languages;
        // a block it gives to the article's language is not asked about again.
        if let Some((rival, _)) = vote.other.filter(|_| tie)
            && lang::prefers_article(sample, article, rival)
        {
            continue;
        }
        let Some((detected, confidence)) = detector.detect(sample) else {
            continue;
        };
        // With the vote's support whatlang need only not be guessing; alone, it must be sure.
        let sure = if vote_foreign {
            confidence >= 0.2 || theirs >= own + 0.1
        } else {
            confidence >= LONE_CONFIDENCE
        };
        if detected != article && sure {
            v[i] = Verdict::Remove(Reason::ForeignLanguage {
                language: Some(detected),
                confidence,
            });
        }
    }
}

/// The shortest block in another script whose language whatlang is asked to name.
const NAMING_MIN_CHARS: u32 = 40;

/// whatlang's confidence needed to call a block foreign without the stopword vote's support.
const LONE_CONFIDENCE: f64 = 0.5;

/// How often each non-ASCII letter occurs in a page's prose, in 256 hash buckets.
struct Letters {
    counts: [u32; 256],
}

impl Letters {
    /// The letters of the page's prose blocks (sentence-ending, 100 characters or more).
    fn of_prose(doc: &Doc<'_>) -> Letters {
        let mut counts = [0u32; 256];
        for i in 0..doc.blocks.len() {
            if is_prose(&doc.feats[i].f) {
                for c in lang::non_ascii_letters(doc.text(i)) {
                    counts[bucket(c)] += 1;
                }
            }
        }
        Letters { counts }
    }

    /// Whether at least 2% of the block's letters are ones the rest of the page's prose uses
    /// less than twice. `prose` says whether the block is itself counted in the page's prose.
    fn strange(&self, text: &str, prose: bool) -> bool {
        let mut own = [0u8; 256];
        let mut unseen = 0usize;
        for c in lang::non_ascii_letters(text) {
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
        let letters = text.chars().filter(|&c| lang::is_letter(c)).count();
        unseen * 50 >= letters
    }
}

/// A block that counts as the page's prose for its letters: sentence-ending, 100 characters
/// or more.
fn is_prose(f: &crate::Features) -> bool {
    f.ends_sentence && f.chars >= 100
}

fn bucket(c: char) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B1) >> 24) as usize
}

/// Writes every block's features and rule verdict for the dev corpus, for fitting the
/// region model offline: `DEBOILER_DUMP=/tmp/blocks.tsv cargo test --release dump -- --ignored`.
#[cfg(test)]
mod dump {
    use std::collections::HashSet;
    use std::fmt::Write as _;

    #[test]
    #[ignore = "writes a data file; run by hand when refitting the model"]
    fn dump() {
        let Ok(out_path) = std::env::var("DEBOILER_DUMP") else {
            return;
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let cleaner = crate::Cleaner::builder()
            .find_article(false)
            .build()
            .unwrap();
        let mut out = String::new();
        let mut dirs: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        dirs.sort();
        for dir in dirs.iter().filter(|p| p.is_dir()) {
            let ds = dir.file_name().unwrap().to_string_lossy().to_string();
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            for gold_path in files
                .iter()
                .filter(|p| p.to_string_lossy().ends_with(".gold.txt"))
            {
                let id = gold_path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .trim_end_matches(".gold.txt")
                    .to_string();
                let gold = String::from_utf8_lossy(&std::fs::read(gold_path).unwrap()).into_owned();
                let page =
                    String::from_utf8_lossy(&std::fs::read(dir.join(format!("{id}.txt"))).unwrap())
                        .into_owned();
                let gold_lines: HashSet<&str> = gold.lines().map(str::trim).collect();
                // The whole page, and the page cut to three lines around its gold body (the
                // evaluate example's "cut" input).
                let lines: Vec<&str> = page.lines().collect();
                let hits: Vec<usize> = (0..lines.len())
                    .filter(|&i| {
                        gold_lines.contains(lines[i].trim()) && !lines[i].trim().is_empty()
                    })
                    .collect();
                let cut = match (hits.first(), hits.last()) {
                    (Some(&a), Some(&b)) => {
                        Some(lines[a.saturating_sub(3)..(b + 4).min(lines.len())].join("\n"))
                    }
                    _ => None,
                };
                for (suffix, text) in [("", Some(page.clone())), ("#cut", cut)] {
                    let Some(text) = text else { continue };
                    let doc_rows = cleaner.debug_blocks(&text);
                    for (i, row) in doc_rows.iter().enumerate() {
                        let label = gold_lines.contains(row.text) as u8;
                        let line = row.text.replace(['\t', '\n'], " ");
                        let _ = writeln!(
                            out,
                            "{ds}\t{id}{suffix}\t{i}\t{label}\t{}\t{}",
                            row.fields, line
                        );
                    }
                }
            }
        }
        std::fs::write(out_path, out).unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The branch-free runs are the runs a block-by-block scan finds, on every sequence of
    /// ten blocks of 2 to 5 words, with and without a sentence end.
    #[test]
    fn short_runs_agree_with_a_scan() {
        for seed in 0u32..20_000 {
            let feats: Vec<BlockFeatures> = (0..10)
                .map(|k| {
                    let digit = (seed >> (2 * k % 30)) & 3;
                    let mut bf = BlockFeatures::default();
                    bf.f.words = 2 + digit;
                    bf.f.ends_sentence = (seed >> (k + 12)) & 1 == 1 && k % 3 == 0;
                    bf
                })
                .collect();
            let runs = short_runs(&feats);
            for (k, &max) in SHORT_WORDS.iter().enumerate() {
                let short = |i: usize| feats[i].f.words <= max && !feats[i].f.ends_sentence;
                for i in 0..feats.len() {
                    let expected = if short(i) {
                        let start = (0..=i).rev().take_while(|&j| short(j)).last().unwrap();
                        let end = (i..feats.len()).take_while(|&j| short(j)).last().unwrap();
                        end + 1 - start
                    } else {
                        0
                    };
                    assert_eq!(runs[i][k] as usize, expected, "{seed} {i} {max}");
                }
            }
        }
    }

    fn letters(prose: &str) -> Letters {
        let mut counts = [0u32; 256];
        for c in lang::non_ascii_letters(prose) {
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
}
