//! whatlang, as the language stage asks it: restricted to the languages of one script, or to
//! two, and never over more text than it needs.

use std::sync::OnceLock;

use whatlang::Lang;

use super::script::{Script, per_script};
use crate::language::Language;

/// The most of a block whatlang reads: its answer on 16 KB is as good as on all of a huge line,
/// and its time grows with the text.
pub(crate) const WHATLANG_MAX: usize = 16 * 1024;

/// Detects the language of a text with whatlang; `None` when whatlang cannot tell.
pub(crate) fn detect(text: &str) -> Option<(Language, f64)> {
    whatlang::detect(text).map(|info| (Language(info.lang()), info.confidence()))
}

/// whatlang restricted to the languages written in one script.
pub(crate) struct Detector(whatlang::Detector);

impl Detector {
    /// The detector for a script, built on first use and shared.
    pub fn for_script(script: Script) -> &'static Detector {
        static DETECTORS: OnceLock<Vec<OnceLock<Detector>>> = OnceLock::new();
        per_script(&DETECTORS, script, || {
            let allow: Vec<Lang> = Lang::all()
                .iter()
                .copied()
                .filter(|&l| Script::of_language(l) == script)
                .collect();
            Detector(whatlang::Detector::with_allowlist(allow))
        })
    }

    /// The text's language among the allowed ones, with whatlang's confidence.
    pub fn detect(&self, text: &str) -> Option<(Language, f64)> {
        self.0
            .detect(text)
            .map(|info| (Language(info.lang()), info.confidence()))
    }
}

/// Whether whatlang, asked only to choose between the article's language and the vote's rival,
/// chooses the article's. Choosing between two languages costs a fifth of choosing among all
/// of a script's (its time grows with the languages it scores), and most blocks the vote
/// suspects are in the article's language.
pub(crate) fn prefers_article(text: &str, article: Language, rival: Language) -> bool {
    let pair = whatlang::Detector::with_allowlist(vec![article.0, rival.0]);
    pair.detect_lang(text) == Some(article.0)
}
