//! What the rules know of a document, and their decision on each block.

use std::ops::Range;

use super::features::{self, BlockFeatures};
use crate::cleaned::Reason;
use crate::lang::Script;
use crate::language::Language;
use crate::patterns::{BlockHits, PhraseSet};
use crate::segment::Block;

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

/// Phrase coverage that makes a short block at the page's edges furniture, and a block with
/// that much furniture wording not a body paragraph.
pub(crate) const EDGE_COVERAGE: f32 = 0.3;

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
    pub(crate) fn first_body(&self, v: &[Verdict]) -> Option<usize> {
        (0..v.len()).find(|&i| v[i].is_keep() && self.is_body(i))
    }

    /// The last block still kept that is a body paragraph.
    pub(crate) fn last_body(&self, v: &[Verdict]) -> Option<usize> {
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
    pub(crate) fn is_body(&self, i: usize) -> bool {
        let f = &self.feats[i].f;
        f.ends_sentence
            && f.words >= 8
            && f.chars >= 60
            && f.urls == 0
            && (!self.has_stoplist || f.stopword_density() >= 0.1)
            && self.coverage(i) < EDGE_COVERAGE
    }

    pub(crate) fn phrase_reason(&self, idx: u32) -> Reason {
        let p = self.phrases.phrase(idx);
        Reason::Phrase {
            category: p.category,
            phrase: p.text.clone(),
        }
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
