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
//! 6. foreign-language fragments (the verdicts are [`crate::lang::foreign`]'s): another script
//!    right after the phrases, the same script (whatlang) only among the blocks still kept;
//! 7. the article model (see [`article`]) over what is left, for whole pages;
//! 8. with a site memory, lines the site repeats on many of its pages (see [`site`]).

// The rules walk several parallel per-block arrays (verdicts, features, phrase hits) and
// look at neighbours by index; an index loop reads better than zipped iterators here.
#![allow(clippy::needless_range_loop)]

mod article;
mod doc;
pub(crate) mod features;
mod model_trees;
mod shapes;
mod site;
mod tree;

use doc::EDGE_COVERAGE;
pub(crate) use doc::{Doc, Verdict};
pub(crate) use site::SiteEvidence;

use crate::cleaned::{Category, Reason};
use crate::lang;
use crate::patterns::BlockHits;
use crate::thresholds::Thresholds;
use features::BlockFeatures;

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

/// Runs every rule; returns one verdict per block.
pub(crate) fn run(doc: &Doc<'_>, opts: &Options) -> Vec<Verdict> {
    run_with(doc, opts, None)
}

/// Runs every rule, and with `site` the site memory's rule last; returns one verdict per
/// block.
pub(crate) fn run_with(
    doc: &Doc<'_>,
    opts: &Options,
    site: Option<&SiteEvidence<'_>>,
) -> Vec<Verdict> {
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
    let logits = if opts.region {
        article::article(doc, &runs, &opts.t, &mut v)
    } else {
        Vec::new()
    };
    if opts.foreign {
        foreign_same_script(doc, &mut v);
        name_foreign_phrases(doc, opts, &mut v);
    }
    if let Some(site) = site {
        site::repeated_on_site(doc, site, &logits, &mut v);
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
        let hits = features::foreign_block_hits(doc.phrases, doc.text(i), language.0);
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
        if !is_marker(doc, i, Category::Related, opts) {
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

/// A block that is mostly a phrase of `category` (a section marker).
fn is_marker(doc: &Doc<'_>, i: usize, category: Category, opts: &Options) -> bool {
    let h = &doc.hits[i];
    let Some(main) = h.main else { return false };
    doc.phrases.phrase(main).category == category
        && doc.coverage(i) >= opts.t.phrase_coverage
        && doc.feats[i].f.words <= 8
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

/// Rule 6a: fragments in another script than the article (no model needed to tell; see
/// [`lang::other_script`]).
fn foreign_script(doc: &Doc<'_>, v: &mut [Verdict]) {
    let mut lower = String::new();
    for i in 0..v.len() {
        if !v[i].is_keep() {
            continue;
        }
        let bf = &doc.feats[i];
        let dominant = bf.dominant_script();
        if let Some(foreign) =
            lang::other_script(doc.text(i), &bf.f, dominant, doc.script, &mut lower)
        {
            v[i] = foreign_verdict(foreign);
        }
    }
}

/// Rule 6b: a fragment in the article's script but another language (see
/// [`lang::SameScript`]), among the blocks still kept: after the article model, so that only
/// blocks whose fate it can change are judged. A block the article model removed goes
/// anyway; it is reported as foreign (the more telling reason, and the one that lets its
/// phrases be named) only on an overwhelming vote.
fn foreign_same_script(doc: &Doc<'_>, v: &mut [Verdict]) {
    let Some(article) = doc.language else { return };
    let mut check =
        lang::SameScript::new(article, doc.script, doc.has_stoplist, doc.prose_density());
    // The page's prose, for the letters it uses.
    let prose = || {
        let prose = doc.texts.iter().zip(doc.feats);
        lang::Letters::of(
            prose
                .filter(|(_, bf)| lang::is_prose(&bf.f))
                .map(|(t, _)| *t),
        )
    };
    for i in 0..v.len() {
        let by_model = matches!(v[i], Verdict::Remove(Reason::Boilerplate { .. }));
        if !(v[i].is_keep() || by_model) {
            continue;
        }
        let bf = &doc.feats[i];
        if let Some(foreign) = check.judge(doc.text(i), &bf.f, bf.vote, by_model, prose) {
            v[i] = foreign_verdict(foreign);
        }
    }
}

/// The removal of a fragment found to be in another language.
fn foreign_verdict(foreign: lang::Foreign) -> Verdict {
    Verdict::Remove(Reason::ForeignLanguage {
        language: foreign.language,
        confidence: foreign.confidence,
    })
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
}
