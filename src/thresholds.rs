//! The classifier's thresholds and their presets.

/// How eagerly deboiler removes text: a preset for [`Thresholds`].
///
/// ```
/// use deboiler::{Cleaner, Preset};
///
/// let cleaner = Cleaner::builder().preset(Preset::Recall).build()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Preset {
    /// Remove more: a cleaner body at the cost of some real text (dev corpus: precision
    /// 0.910, recall 0.901).
    Precision,
    /// The measured default (dev corpus: precision 0.888, recall 0.928).
    #[default]
    Balanced,
    /// Keep more: every doubtful block stays (dev corpus: precision 0.826, recall 0.946).
    Recall,
}

impl Preset {
    /// The thresholds of this preset.
    ///
    /// ```
    /// use deboiler::Preset;
    ///
    /// let strict = Preset::Precision.thresholds();
    /// let loose = Preset::Recall.thresholds();
    /// assert!(strict.article_probability > loose.article_probability);
    /// ```
    pub fn thresholds(self) -> Thresholds {
        match self {
            Preset::Precision => Thresholds {
                article_probability: 0.45,
                min_page_blocks: 12,
                phrase_coverage: 0.5,
            },
            Preset::Balanced => Thresholds {
                article_probability: 0.3,
                min_page_blocks: 12,
                phrase_coverage: 0.6,
            },
            Preset::Recall => Thresholds {
                article_probability: 0.15,
                min_page_blocks: 12,
                phrase_coverage: 0.7,
            },
        }
    }
}

/// The classifier's thresholds. Start from a preset and change what you need:
///
/// ```
/// let mut t = deboiler::Preset::Balanced.thresholds();
/// t.article_probability = 0.2;
/// let cleaner = deboiler::Cleaner::builder().thresholds(t).build()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thresholds {
    /// On a whole page, a block stays when the article model gives it at least this
    /// probability of being article text (the model weighs the block's features and its
    /// neighbourhood). Lower keeps more.
    pub article_probability: f32,
    /// Texts with fewer blocks (non-blank lines) than this are taken as an article, not a
    /// page: the article model, which weighs where a block stands on a page, does not run on
    /// them, and only the rules for residual cruft apply.
    pub min_page_blocks: u32,
    /// Plain phrases remove a block when they cover this share of its letters and digits.
    pub phrase_coverage: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Preset::Balanced.thresholds()
    }
}
