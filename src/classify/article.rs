//! The article on a whole page: a small model scores every block still kept by the rules,
//! from its own features and its neighbourhood, and blocks below the threshold go.
//!
//! The model is 25 gradient-boosted trees of depth 5 over 40 features (see [`Feature`]): the
//! block's length, stopword density (absolute and relative to the document's own prose),
//! sentence end, list marker, capitalisation, digits, URLs and handles, furniture-phrase
//! coverage, script; the same for its neighbours; and where it stands relative to the page's
//! prose (how much of the page's long prose lies before and after it, how far the nearest long
//! prose block is, how long a run of short lines it belongs to). It was fitted on the dev
//! corpus with `tools/fit_model.py`; cross-validated by site, it scores a macro F1 of 0.90
//! there (a logistic regression over the same features: 0.89). Its trees are in
//! `model_trees.rs`, each made perfect so that a block walks every tree in the same five
//! steps without a branch.
//!
//! Features are computed over every block, removed or not, so that a rule's removal does not
//! change how its neighbours are judged.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::doc::{Doc, Verdict};
use super::model_trees::{BASE, TREES};
use super::tree::{DEPTH, SPLITS};
use crate::cleaned::Reason;
use crate::thresholds::Thresholds;
use crate::words::Fx;

/// The model's features, in the order of its weights.
#[derive(Clone, Copy)]
#[repr(usize)]
enum Feature {
    LogChars,
    LogWords,
    Density,
    DensityRel,
    EndsSentence,
    ListMarker,
    CapsRatio,
    DigitRatio,
    HasUrl,
    HasHandle,
    PhraseCoverage,
    HasPhrase,
    SameScript,
    GapBefore,
    Tiny,
    LongProse,
    PrevLogChars,
    PrevDensity,
    PrevEndsSentence,
    PrevLongProse,
    NextLogChars,
    NextDensity,
    NextEndsSentence,
    NextLongProse,
    Prev2LongProse,
    Next2LongProse,
    LongProseWindow3,
    LongProseWindow10,
    Position,
    PositionFromEnd,
    LogBlocks,
    Repeated,
    HasStoplist,
    ProseBefore,
    ProseAfter,
    InsideProse,
    LogProseDistance,
    AtProse,
    NearProse,
    LogShortRun,
}

const N_FEATURES: usize = Feature::LogShortRun as usize + 1;

/// One split of a tree as the walk reads it: threshold and feature side by side.
#[derive(Clone, Copy)]
struct Node {
    threshold: f32,
    feature: u8,
}

/// Splits of a tree padded to a power of two, so that an index masked to its bits needs no
/// bounds check (the mask changes no index the walk makes).
const NODES: usize = SPLITS + 1;

/// The feature vector padded to every index a node's `u8` feature can hold, so that reading
/// it needs neither a bounds check nor a mask.
const VECTOR: usize = 256;
const _: () = assert!(N_FEATURES <= VECTOR);

/// [`TREES`] laid out for [`model_logit`] at compile time.
static NODES_OF: [[Node; NODES]; TREES.len()] = {
    let mut nodes = [[Node {
        threshold: f32::INFINITY,
        feature: 0,
    }; NODES]; TREES.len()];
    let mut t = 0;
    while t < TREES.len() {
        let mut k = 0;
        while k < SPLITS {
            nodes[t][k] = Node {
                threshold: TREES[t].thresholds[k],
                feature: TREES[t].features[k],
            };
            k += 1;
        }
        t += 1;
    }
    nodes
};

/// The model's logit for one feature vector: the base plus one leaf of every tree.
fn model_logit(x: &[f32; VECTOR]) -> f32 {
    // A level of every tree at a time: the trees' steps are independent, so the processor
    // overlaps them, where walking one tree to its leaf waits on each step's loads. The
    // walk is bound by the number of instructions a step takes, so the trees are unrolled
    // (no loop counter, a constant offset per tree), node indices masked and feature indices
    // bytes into a vector of 256 (no bounds checks).
    let mut k = [0usize; TREES.len()];
    macro_rules! level {
        ($($t:literal)*) => {
            $(
                let node = NODES_OF[$t][k[$t] & (NODES - 1)];
                let feature = x[usize::from(node.feature)];
                k[$t] = 2 * k[$t] + 1 + usize::from(feature > node.threshold);
            )*
        };
    }
    const _: () = assert!(TREES.len() == 25, "model_logit unrolls 25 trees");
    for _ in 0..DEPTH {
        level!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24);
    }
    k.iter().zip(&TREES).fold(BASE, |logit, (&k, tree)| {
        logit + tree.leaves[(k - SPLITS) & (NODES - 1)]
    })
}

/// The features of one block that its neighbours use, and where it stands relative to the
/// page's long prose.
#[derive(Clone, Copy, Default)]
struct Own {
    log_chars: f32,
    density: f32,
    ends_sentence: f32,
    long_prose: f32,
    /// Characters of long prose up to and including this block.
    prose_to_here: f32,
    /// Long prose blocks before this one.
    long_before: u32,
    /// Blocks to the nearest long prose block, at most 50.
    prose_distance: u32,
}

/// `ln(1 + n)`, from a table for the small counts most blocks have (the same values
/// `f32::ln_1p` gives: the table is filled with it).
fn ln_1p(n: u32) -> f32 {
    const TABLE_LEN: usize = 1024;
    static TABLE: std::sync::LazyLock<[f32; TABLE_LEN]> =
        std::sync::LazyLock::new(|| std::array::from_fn(|i| (i as f32).ln_1p()));
    match TABLE.get(n as usize) {
        Some(&v) => v,
        None => (n as f32).ln_1p(),
    }
}

/// Which blocks occur more than once on the page.
///
/// Lines are told apart first by their keys ([`line_key`](super::features::line_key), taken
/// by the feature pass while the line was in cache), which rarely tie for different lines;
/// only lines whose keys tie are compared whole, and a line that ties with a different one
/// goes to a second map keyed by its whole text.
fn repeated_lines<'a>(
    n: usize,
    key: impl Fn(usize) -> u32,
    line: impl Fn(usize) -> &'a str,
) -> Vec<bool> {
    let mut first: HashMap<u32, usize, BuildHasherDefault<Fx>> =
        HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default());
    let mut spill: HashMap<&str, usize, BuildHasherDefault<Fx>> = HashMap::default();
    let mut repeated = vec![false; n];
    for i in 0..n {
        let text = line(i);
        let at = *first.entry(key(i)).or_insert(i);
        let at = if at == i || line(at) == text {
            at
        } else {
            *spill.entry(text).or_insert(i)
        };
        if at != i {
            repeated[at] = true;
            repeated[i] = true;
        }
    }
    repeated
}

/// The model's logit for every block the rules kept (`-inf` for the others: the trees are
/// walked only where their answer is used).
fn logits(doc: &Doc<'_>, runs: &[[u32; 2]], v: &[Verdict]) -> Vec<f32> {
    let n = doc.blocks.len();
    if n == 0 {
        return Vec::new();
    }
    let prose = doc.prose_density().unwrap_or(-1.0);
    let repeated = repeated_lines(n, |i| doc.feats[i].line_key, |i| doc.text(i));
    // Each block's own features, and in the same pass how much of the page's long prose lies
    // up to it, how many long prose blocks come before it and how far back the last one is.
    let mut own: Vec<Own> = Vec::with_capacity(n);
    let mut acc = 0.0f32;
    let mut long_before = 0u32;
    let mut last: Option<usize> = None;
    for i in 0..n {
        let f = &doc.feats[i].f;
        let wchars = doc.feats[i].weighted_chars();
        let long_prose = wchars as f32 >= 150.0 && f.ends_sentence;
        if long_prose {
            acc += wchars as f32;
            last = Some(i);
        }
        own.push(Own {
            log_chars: ln_1p(wchars),
            density: if doc.has_stoplist {
                f.stopwords as f32 / f.words.max(1) as f32
            } else {
                0.0
            },
            ends_sentence: f32::from(u8::from(f.ends_sentence)),
            long_prose: f32::from(u8::from(long_prose)),
            prose_to_here: acc,
            long_before,
            prose_distance: last.map_or(50, |l| (i - l).min(50) as u32),
        });
        long_before += u32::from(long_prose);
    }
    // How far ahead the next long prose block is.
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if own[i].long_prose > 0.0 {
            next = Some(i);
        }
        if let Some(l) = next {
            own[i].prose_distance = own[i].prose_distance.min((l - i) as u32);
        }
    }
    let total = acc.max(1.0);
    let cum = |i: usize| own[i].prose_to_here / total;
    // Long prose blocks in a window of `r` blocks either side.
    let before = |k: usize| own.get(k).map_or(long_before, |o| o.long_before);
    let window = |i: usize, r: usize| (before(i + r + 1) - before(i.saturating_sub(r))) as f32;
    let zero = Own::default();
    let nf = n as f32;
    let log_blocks = nf.ln_1p();
    let mut x = [0.0f32; VECTOR];
    (0..n)
        .map(|i| {
            if !v[i].is_keep() {
                return f32::NEG_INFINITY;
            }
            let f = &doc.feats[i].f;
            let o = own[i];
            let p = if i > 0 { own[i - 1] } else { zero };
            let q = own.get(i + 1).copied().unwrap_or(zero);
            let p2 = if i > 1 { own[i - 2] } else { zero };
            let q2 = own.get(i + 2).copied().unwrap_or(zero);
            let words = f.words.max(1) as f32;
            let alnum = (f.letters + f.digits).max(1) as f32;
            let flag = |b: bool| f32::from(u8::from(b));
            use Feature as F;
            x[F::LogChars as usize] = o.log_chars;
            x[F::LogWords as usize] = ln_1p(f.words);
            x[F::Density as usize] = o.density;
            x[F::DensityRel as usize] = if doc.has_stoplist && prose > 0.0 {
                o.density / prose
            } else {
                0.0
            };
            x[F::EndsSentence as usize] = o.ends_sentence;
            x[F::ListMarker as usize] = flag(f.list_marker);
            x[F::CapsRatio as usize] = f.capitalized as f32 / words;
            x[F::DigitRatio as usize] = f.digits as f32 / alnum;
            x[F::HasUrl as usize] = flag(f.urls > 0);
            x[F::HasHandle as usize] = flag(f.handles > 0);
            x[F::PhraseCoverage as usize] = doc.coverage(i);
            x[F::HasPhrase as usize] = flag(doc.hits[i].categories != 0);
            x[F::SameScript as usize] = flag(doc.feats[i].dominant_script().0 == doc.script);
            x[F::GapBefore as usize] = flag(doc.blocks[i].gap_before);
            x[F::Tiny as usize] = flag(doc.feats[i].weighted_chars() < 30);
            x[F::LongProse as usize] = o.long_prose;
            x[F::PrevLogChars as usize] = p.log_chars;
            x[F::PrevDensity as usize] = p.density;
            x[F::PrevEndsSentence as usize] = p.ends_sentence;
            x[F::PrevLongProse as usize] = p.long_prose;
            x[F::NextLogChars as usize] = q.log_chars;
            x[F::NextDensity as usize] = q.density;
            x[F::NextEndsSentence as usize] = q.ends_sentence;
            x[F::NextLongProse as usize] = q.long_prose;
            x[F::Prev2LongProse as usize] = p2.long_prose;
            x[F::Next2LongProse as usize] = q2.long_prose;
            x[F::LongProseWindow3 as usize] = window(i, 3) / 7.0;
            x[F::LongProseWindow10 as usize] = window(i, 10) / 21.0;
            x[F::Position as usize] = i as f32 / nf;
            x[F::PositionFromEnd as usize] = (n - i) as f32 / nf;
            x[F::LogBlocks as usize] = log_blocks;
            x[F::Repeated as usize] = flag(repeated[i]);
            x[F::HasStoplist as usize] = flag(doc.has_stoplist);
            let cum = cum(i);
            x[F::ProseBefore as usize] = cum;
            x[F::ProseAfter as usize] = 1.0 - cum;
            x[F::InsideProse as usize] = flag(cum > 0.0 && cum < 1.0);
            x[F::LogProseDistance as usize] = ln_1p(o.prose_distance);
            x[F::AtProse as usize] = flag(o.prose_distance == 0);
            x[F::NearProse as usize] = flag(o.prose_distance <= 2);
            // Runs of short lines (four words or fewer, no sentence end): menus, tag clouds,
            // share bars.
            x[F::LogShortRun as usize] = ln_1p(runs[i][1]);
            model_logit(&x)
        })
        .collect()
}

/// Removes the kept blocks the model does not judge to be article text.
///
/// A text of fewer than `t.min_page_blocks` blocks is not a page but an article: the model,
/// which weighs a block's place on a page, has too little context there, and only the rules
/// apply. A page keeps at least its best body paragraphs: when the model keeps none, the body
/// paragraphs within `BEST_MARGIN` of the best logit stay; when it keeps nothing at all, every
/// body paragraph stays. An empty article loses more than a little furniture would.
///
/// Where the model keeps less than `SCARCE` of the text the rules left, the page's article is
/// one it hardly recognises (a glossary, a list of links, a résumé: what the page holds is
/// mostly lines it takes for furniture), and the threshold drops to a third: blocks it doubts
/// stay. Under site-held-out cross-validation this lifts the dev macro F1 from 0.899 to 0.906
/// on whole pages and from 0.928 to 0.933 on pages cut to their article, no dataset lower.
///
/// Returns the model's logits (`-inf` for blocks the rules had removed), or nothing for a text
/// too short for the model.
pub(crate) fn article(
    doc: &Doc<'_>,
    runs: &[[u32; 2]],
    t: &Thresholds,
    v: &mut [Verdict],
) -> Vec<f32> {
    const BEST_MARGIN: f32 = 0.5;
    const SCARCE: f32 = 0.2;
    if doc.blocks.len() < t.min_page_blocks as usize {
        return Vec::new();
    }
    let logit_of = |p: f32| {
        let p = p.clamp(1e-6, 1.0 - 1e-6);
        (p / (1.0 - p)).ln()
    };
    let logits = logits(doc, runs, v);
    let n = logits.len();
    let mut min_logit = logit_of(t.article_probability);
    let chars = |i: usize| doc.feats[i].f.chars as f32;
    let left: f32 = (0..n).filter(|&i| v[i].is_keep()).map(chars).sum();
    let kept: f32 = (0..n)
        .filter(|&i| v[i].is_keep() && logits[i] >= min_logit)
        .map(chars)
        .sum();
    if kept < SCARCE * left {
        min_logit = logit_of(t.article_probability / 3.0);
    }
    let any_kept = (0..n).any(|i| v[i].is_keep() && logits[i] >= min_logit);
    let body: Vec<bool> = (0..n).map(|i| v[i].is_keep() && doc.is_body(i)).collect();
    let body_kept = (0..n).any(|i| body[i] && logits[i] >= min_logit);
    let best_body = (0..n)
        .filter(|&i| body[i])
        .map(|i| logits[i])
        .fold(f32::NEG_INFINITY, f32::max);
    for (i, &logit) in logits.iter().enumerate() {
        let rescued = body[i] && (!any_kept || (!body_kept && logit >= best_body - BEST_MARGIN));
        if v[i].is_keep() && logit < min_logit && !rescued {
            v[i] = Verdict::Remove(Reason::Boilerplate {
                probability: 1.0 / (1.0 + (-logit).exp()),
                features: doc.feats[i].f,
            });
        }
    }
    logits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_lines_are_told_apart_when_their_keys_tie() {
        // Same length and the same start, middle and end: keys tie, texts differ.
        let a = "Read all 12 comments on this story, or add yours below";
        let b = "Read all 13 comments on this story, or add yours below";
        let key = |text: &str| super::super::features::line_key(text.as_bytes());
        assert_eq!(key(a), key(b));
        let lines = [a, "Home", b, "News", b, "Home", "", ""];
        let repeated = repeated_lines(lines.len(), |i| key(lines[i]), |i| lines[i]);
        assert_eq!(
            repeated,
            [false, true, true, false, true, true, true, true],
            "{lines:?}"
        );
    }

    /// The generated trees fit the feature vector: every split names a feature the vector
    /// has, and no threshold or leaf is NaN (a NaN threshold would send every walk left).
    #[test]
    fn trees_fit_the_features() {
        for tree in &TREES {
            assert!(tree.features.iter().all(|&f| usize::from(f) < N_FEATURES));
            assert!(tree.thresholds.iter().all(|t| !t.is_nan()));
            assert!(tree.leaves.iter().all(|v| v.is_finite()));
        }
        assert!(BASE.is_finite());
    }

    /// A walk follows the splits: a vector of zeros goes left wherever a threshold is at least
    /// zero (infinite ones included) and right elsewhere.
    #[test]
    fn walks_follow_the_splits() {
        let x = [0.0f32; VECTOR];
        let expected: f32 = BASE
            + TREES
                .iter()
                .map(|tree| {
                    let mut k = 0;
                    for _ in 0..DEPTH {
                        k = if tree.thresholds[k] >= 0.0 {
                            2 * k + 1
                        } else {
                            2 * k + 2
                        };
                    }
                    tree.leaves[k - SPLITS]
                })
                .sum::<f32>();
        assert!((model_logit(&x) - expected).abs() < 1e-4);
    }
}
