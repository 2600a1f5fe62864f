//! Rule 8: lines the site repeats. With a site memory, each block knows on how many of the
//! site's pages its line occurs; a line found on enough of them is furniture, unless the page
//! itself says it is the article's prose.
//!
//! The site's evidence is weighed with the page's own: it runs last, over the blocks every
//! other rule and the article model kept, and a block that reads as a body paragraph (see
//! [`Doc::is_body`]) which the article model keeps with confidence (or, on a text too short
//! for the model, any body paragraph) goes only when the line is on more than
//! `prose_share` of the site's pages. A wire-service sentence or a quote that two articles
//! share stays; a newsletter box printed under every article does not. A block the model
//! already removed, whose line the site repeats as well, is reported as repeated on the site
//! (the more telling reason); its fate does not change.

use super::doc::{Doc, Verdict};
use crate::cleaned::Reason;

/// The model's logit from which a body paragraph counts as the article's prose: a
/// probability of one half, above the presets' thresholds for keeping a block. Measured on
/// the dev corpus against 0.8: there, the synthetic test pages of the readability set,
/// which share their lorem ipsum paragraphs, lose paragraphs the model keeps at 0.6; at
/// one half no dataset scores lower than without memory.
const SURE_LOGIT: f32 = 0.0;

/// What the site memory says about each block of a page.
pub(crate) struct SiteEvidence<'a> {
    /// On how many of the site's pages a block's line occurs: asked only for the blocks whose
    /// verdict it can change or explain (hashing a line costs a pass over its bytes).
    pub count: &'a dyn Fn(usize) -> u32,
    /// How many pages the memory saw.
    pub pages: u32,
    /// A line must be on at least this many pages ...
    pub min_pages: u32,
    /// ... and on at least this share of them.
    pub min_share: f32,
    /// A body paragraph the model is sure of goes only above this share.
    pub prose_share: f32,
}

/// Applies the site's evidence to the verdicts. `logits` are the article model's (empty where
/// it did not run).
pub(crate) fn repeated_on_site(
    doc: &Doc<'_>,
    site: &SiteEvidence<'_>,
    logits: &[f32],
    v: &mut [Verdict],
) {
    let of = site.pages as f32;
    for (i, verdict) in v.iter_mut().enumerate() {
        if !matches!(
            verdict,
            Verdict::Keep | Verdict::Remove(Reason::Boilerplate { .. })
        ) {
            continue;
        }
        let pages = (site.count)(i);
        if pages < site.min_pages || (pages as f32) < site.min_share * of {
            continue;
        }
        let reason = Reason::RepeatedOnSite {
            pages: pages as usize,
            of: site.pages as usize,
        };
        match verdict {
            Verdict::Remove(Reason::Boilerplate { .. }) => *verdict = Verdict::Remove(reason),
            Verdict::Remove(_) => {}
            Verdict::Keep => {
                let sure = logits.get(i).is_none_or(|&l| l >= SURE_LOGIT);
                let prose = sure && doc.is_body(i);
                if !prose || pages as f32 > site.prose_share * of {
                    *verdict = Verdict::Remove(reason);
                }
            }
        }
    }
}
