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
    /// Remove more: a cleaner body at the cost of some real text.
    Precision,
    /// The measured default.
    #[default]
    Balanced,
    /// Keep more: every doubtful block stays.
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
    /// assert!(strict.long_block_chars >= loose.long_block_chars);
    /// ```
    pub fn thresholds(self) -> Thresholds {
        let balanced = Thresholds {
            short_block_chars: 70,
            long_block_chars: 150,
            stopword_density_low: 0.22,
            stopword_density_high: 0.30,
            bad_block_penalty: 40,
            secondary_region_chars: 400,
            phrase_coverage: 0.6,
        };
        match self {
            Preset::Balanced => balanced,
            Preset::Precision => Thresholds {
                long_block_chars: 200,
                stopword_density_low: 0.25,
                stopword_density_high: 0.32,
                bad_block_penalty: 80,
                secondary_region_chars: 800,
                phrase_coverage: 0.5,
                ..balanced
            },
            Preset::Recall => Thresholds {
                short_block_chars: 50,
                long_block_chars: 150,
                stopword_density_low: 0.18,
                stopword_density_high: 0.26,
                bad_block_penalty: 20,
                secondary_region_chars: 200,
                phrase_coverage: 0.7,
            },
        }
    }
}

/// The classifier's thresholds. Start from a preset and change what you need:
///
/// ```
/// let mut t = deboiler::Preset::Balanced.thresholds();
/// t.long_block_chars = 150;
/// let cleaner = deboiler::Cleaner::builder().thresholds(t).build()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Lengths count characters, an ideograph or kana counting three. Stopword densities are
/// lowered per document where its own prose is less dense (languages with short stoplists).
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thresholds {
    /// Blocks shorter than this are "short": their neighbours decide.
    pub short_block_chars: u32,
    /// Blocks at least this long, and dense enough in stopwords, are article text.
    pub long_block_chars: u32,
    /// Below this stopword density a block is not prose.
    pub stopword_density_low: f32,
    /// From this stopword density a long block is article text.
    pub stopword_density_high: f32,
    /// What a non-prose block costs the article region, on top of half its length.
    pub bad_block_penalty: u32,
    /// Text outside the main article region is kept when it holds at least this many
    /// characters of article text.
    pub secondary_region_chars: u32,
    /// Plain phrases remove a block when they cover this share of its letters and digits.
    pub phrase_coverage: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Preset::Balanced.thresholds()
    }
}
