//! The article as a region: jusText-style block classes revised by their neighbours, then
//! the densest run of good blocks as the article, with its title.
//!
//! 1. Each block still kept gets a class from its length and stopword density: `Good` (long,
//!    dense in the article language's stopwords), `NearGood`, `Short`, or `Bad` (long but not
//!    prose: menus, link lists, tag clouds, data).
//! 2. Short and near-good blocks take their class from the nearest non-short neighbours
//!    (jusText's context revision): text between good blocks is good, between bad is bad.
//! 3. The article is the run of blocks with the greatest weight, good blocks weighing their
//!    length and bad ones a penalty. Other runs are kept when they carry enough good text on
//!    their own (pages with several real text sections).
//! 4. A headline just before the region is its title.
//!
//! Before all this, a comment section is cut off: everything from the first comment marker
//! that follows the bulk of the article-like text.

use super::{Doc, Verdict, shapes};
use crate::cleaned::Reason;
use crate::patterns::Category;
use crate::thresholds::Thresholds as Options;

/// A block's class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Good,
    NearGood,
    Short,
    Bad,
}

/// Density thresholds for this document: the configured ones, lowered where the document's
/// own prose (its long sentence-ending blocks) is less dense in stopwords, as it is in
/// languages whose stoplist is short.
fn thresholds(doc: &Doc<'_>, o: &Options) -> (f32, f32) {
    let (mut words, mut stops) = (0u32, 0u32);
    for bf in doc
        .feats
        .iter()
        .filter(|b| b.f.ends_sentence && b.f.chars >= 100)
    {
        words += bf.f.words;
        stops += bf.f.stopwords;
    }
    if words < 50 {
        return (o.stopword_density_low, o.stopword_density_high);
    }
    let prose = stops as f32 / words as f32;
    (
        o.stopword_density_low.min(0.5 * prose),
        o.stopword_density_high.min(0.7 * prose),
    )
}

/// The initial class of a block from its own features.
fn initial(doc: &Doc<'_>, i: usize, o: &Options, (low, high): (f32, f32)) -> Class {
    let f = &doc.feats[i].f;
    let chars = doc.feats[i].weighted_chars();
    // Without a stoplist, a sentence end stands in for prose.
    let density = if doc.has_stoplist {
        f.stopword_density()
    } else if f.ends_sentence {
        high
    } else {
        0.0
    };
    if f.urls > 0 && f.words < 15 {
        return Class::Bad;
    }
    if chars < o.short_block_chars {
        return Class::Short;
    }
    if density >= high && chars >= o.long_block_chars {
        Class::Good
    } else if density >= low {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// The nearest class before (`step` = -1) or after (+1) `i` among kept blocks, skipping short
/// blocks and, when `skip_near`, near-good ones; the page's edges count as bad.
fn neighbour(classes: &[Option<Class>], i: usize, forward: bool, skip_near: bool) -> Class {
    let mut j = i;
    loop {
        if forward {
            j += 1;
            if j >= classes.len() {
                return Class::Bad;
            }
        } else {
            if j == 0 {
                return Class::Bad;
            }
            j -= 1;
        }
        match classes[j] {
            None | Some(Class::Short) => continue,
            Some(Class::NearGood) if skip_near => continue,
            Some(c) => return c,
        }
    }
}

/// Where a comment section opens: the first comment marker with at least `MIN_ARTICLE`
/// characters of article-like text before it.
fn comment_section(doc: &Doc<'_>, initial: &[Option<Class>]) -> Option<usize> {
    const MIN_ARTICLE: u32 = 400;
    let mut before = 0u32;
    for i in 0..initial.len() {
        if before >= MIN_ARTICLE && is_comment_marker(doc, i) {
            return Some(i);
        }
        if matches!(initial[i], Some(Class::Good | Class::NearGood)) {
            before += doc.feats[i].weighted_chars();
        }
    }
    None
}

/// A comment marker: mostly a comments phrase, a strong one (the reply form), a comment count,
/// or a comment header followed closely by another.
fn is_comment_marker(doc: &Doc<'_>, i: usize) -> bool {
    let f = &doc.feats[i].f;
    let text = doc.text(i);
    // A row of links (`Permalink | Comments (3)`) is a post's footer, not a section heading.
    if text.contains(['|', '·', '•']) {
        return false;
    }
    let hits = &doc.hits[i];
    let phrase = hits.main.is_some_and(|m| {
        doc.phrases.phrase(m).category == Category::Comments && doc.coverage(i) >= 0.6
    }) || hits
        .strong
        .is_some_and(|m| doc.phrases.phrase(m).category == Category::Comments);
    if phrase || shapes::is_comment_count(text, f) {
        return true;
    }
    shapes::is_comment_header(text, f)
        && (i + 1..(i + 8).min(doc.blocks.len()))
            .any(|k| shapes::is_comment_header(doc.text(k), &doc.feats[k].f))
}

/// Runs the region stage over the blocks the earlier rules kept.
pub(crate) fn article(doc: &Doc<'_>, o: &Options, v: &mut [Verdict]) {
    let n = v.len();
    let t = thresholds(doc, o);
    let mut initial: Vec<Option<Class>> = (0..n)
        .map(|i| v[i].is_keep().then(|| initial(doc, i, o, t)))
        .collect();
    if let Some(c) = comment_section(doc, &initial) {
        let marker = doc.span(c);
        for i in c..n {
            if v[i].is_keep() {
                v[i] = Verdict::Remove(Reason::CommentSection {
                    marker: marker.clone(),
                });
            }
            initial[i] = None;
        }
    }
    // Context revision.
    let mut class = initial.clone();
    for i in 0..n {
        if initial[i] != Some(Class::Short) {
            continue;
        }
        let prev = neighbour(&initial, i, false, true);
        let next = neighbour(&initial, i, true, true);
        class[i] = Some(match (prev, next) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            _ => {
                let prev_near = neighbour(&initial, i, false, false) == Class::NearGood;
                let next_near = neighbour(&initial, i, true, false) == Class::NearGood;
                if (prev == Class::Bad && prev_near) || (next == Class::Bad && next_near) {
                    Class::Good
                } else {
                    Class::Bad
                }
            }
        });
    }
    for i in 0..n {
        if initial[i] != Some(Class::NearGood) {
            continue;
        }
        let prev = neighbour(&class, i, false, true);
        let next = neighbour(&class, i, true, true);
        class[i] = Some(if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else {
            Class::Good
        });
    }
    // A short text may have no block long enough to be good: then its near-good blocks, or
    // failing those its sentence-ending prose, stand in for the article rather than nothing.
    if !class.contains(&Some(Class::Good)) {
        for i in 0..n {
            let f = &doc.feats[i].f;
            let prose = f.ends_sentence && f.words >= 8;
            if initial[i] == Some(Class::NearGood) || (initial[i].is_some() && prose) {
                class[i] = Some(Class::Good);
            }
        }
    }
    // Region: the run with the greatest weight.
    let weight = |i: usize| -> i64 {
        let chars = i64::from(doc.feats[i].weighted_chars());
        match class[i] {
            None => 0,
            Some(Class::Good) => chars.min(1500),
            Some(_) => -(i64::from(o.bad_block_penalty) + chars / 2),
        }
    };
    let weights: Vec<i64> = (0..n).map(weight).collect();
    let mut keep = vec![false; n];
    let Some((start, end)) = max_run(&weights) else {
        for i in 0..n {
            if v[i].is_keep() {
                v[i] = boilerplate(doc, i, "no-article");
            }
        }
        return;
    };
    for i in start..=end {
        keep[i] = class[i] == Some(Class::Good);
    }
    // Secondary runs: positive-weight runs elsewhere with enough good text.
    let mut i = 0;
    while i < n {
        if (start..=end).contains(&i) {
            i = end + 1;
            continue;
        }
        let mut sum = 0i64;
        let mut best = (0i64, i, i);
        let run_start = i;
        while i < n && !(start..=end).contains(&i) {
            sum += weights[i];
            if sum > best.0 {
                best = (sum, run_start, i);
            }
            if sum < 0 {
                break;
            }
            i += 1;
        }
        if best.0 >= i64::from(o.secondary_region_chars) {
            for k in best.1..=best.2 {
                keep[k] = class[k] == Some(Class::Good);
            }
        }
        i += 1;
    }
    // Title: a headline within a few kept blocks before the region.
    let mut seen = 0;
    let mut k = start;
    while k > 0 && seen < 4 {
        k -= 1;
        if !v[k].is_keep() {
            continue;
        }
        seen += 1;
        let f = &doc.feats[k].f;
        if shapes::is_headline(f) && f.words >= 3 && f.capitalized >= 1 {
            keep[k] = true;
            break;
        }
    }
    for i in 0..n {
        if v[i].is_keep() && !keep[i] {
            let rule = if (start..=end).contains(&i) {
                "not-prose"
            } else {
                "outside-article"
            };
            v[i] = boilerplate(doc, i, rule);
        }
    }
}

fn boilerplate(doc: &Doc<'_>, i: usize, rule: &'static str) -> Verdict {
    Verdict::Remove(Reason::Boilerplate {
        rule,
        features: doc.feats[i].f,
    })
}

/// The maximum-sum contiguous run (Kadane), if any run has a positive sum.
fn max_run(weights: &[i64]) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut start = 0;
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += w;
        if sum > 0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_runs() {
        type Case<'a> = (&'a [i64], Option<(usize, usize)>);
        let cases: &[Case<'_>] = &[
            (&[], None),
            (&[-1, -2], None),
            (&[5], Some((0, 0))),
            (&[-5, 10, -3, 10, -50, 12], Some((1, 3))),
            (&[3, -10, 4], Some((2, 2))),
        ];
        for (w, want) in cases {
            assert_eq!(max_run(w), *want, "{w:?}");
        }
    }
}
