//! deboiler turns the text a scraper pulled off a web page into the clean article body, and
//! says why each piece was removed.
//!
//! It takes plain text (no HTML): a whole page's visible text, or an article with residual
//! cruft. It removes cookie and privacy notices, "Read also" teasers, embedded posts, related
//! link lists, footers, fragments in another language than the article and citation markers,
//! and keeps every paragraph a reader came for.
//!
//! # Overview
//!
//! - [`Cleaner`] is built once with [`Cleaner::builder`] and cleans many documents.
//! - [`Cleaned`] is the result: [`Cleaned::text`], [`Cleaned::paragraphs`],
//!   [`Cleaned::removals`] and [`Cleaned::language`].
//! - [`Removal`] is one removed piece: a byte span into the input and a [`Reason`].
//! - [`Language`], [`Category`] and [`Features`] describe reasons.
//! - [`Preset`] and [`Thresholds`] tune how eagerly text is removed.
//! - [`Error`] is what [`CleanerBuilder::build`] returns for bad options; cleaning never fails.
//!
//! # Example: clean a page and explain the removals
//!
//! ```
//! let cleaner = deboiler::Cleaner::builder().build()?;
//! let page = "\
//! Library reopens after restoration
//!
//! The reading room reopened on Monday after two years of work on its roof and windows.
//!
//! Read also:
//!
//! Council approves budget for new pool
//!
//! Visitors queued from early morning, and the first hundred received a commemorative card.
//!
//! © 2024 Example News. All rights reserved.
//! ";
//! let cleaned = cleaner.clean(page);
//! assert_eq!(
//!     cleaned.text(),
//!     "Library reopens after restoration\n\n\
//!      The reading room reopened on Monday after two years of work on its roof and windows.\n\n\
//!      Visitors queued from early morning, and the first hundred received a commemorative card."
//! );
//! let removed: Vec<&str> = cleaned.removals().iter().map(|r| r.text()).collect();
//! assert_eq!(
//!     removed,
//!     ["Read also:", "Council approves budget for new pool", "© 2024 Example News. All rights reserved."]
//! );
//! assert_eq!(cleaned.language().map(|l| l.code()), Some("eng"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Guarantees and limits
//!
//! - [`Cleaner::clean`] never fails and never panics. Every [`Removal::span`] is a range of
//!   the input on character boundaries; removals come in input order and do not overlap.
//! - Kept text is the input's text, changed only by the normaliser's steps, each of which is a
//!   builder option: mojibake repair (only where the repaired text is clearly more plausible),
//!   HTML character references, invisible and control characters, Unicode spaces, NFC (NFKC
//!   and ASCII punctuation on request), citation markers, and hard-wrapped lines joined into
//!   paragraphs. Paragraphs that need none of this are borrowed from the input.
//! - Normalising is idempotent on realistic text (the property tests check it): a second pass
//!   finds nothing to repair. Cleaning a cleaned text again is not promised to return it
//!   unchanged: on a shorter text, the rules see less context.
//! - Texts of fewer than [`Thresholds::min_page_blocks`] lines (12) are taken as an article
//!   with residual cruft: only the rules apply, never the whole-page article model. When the
//!   model would keep no body paragraph of a page, the best ones stay.
//! - Time and memory are linear in the input: one pass of the phrase automaton, one pass over
//!   each block for its features, and a fixed number of passes over the blocks after that.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod classify;
mod cleaned;
mod cleaner;
mod error;
mod lang;
mod language;
mod normalize;
mod patterns;
mod segment;
mod thresholds;

pub use classify::features::Features;
pub use cleaned::{Cleaned, Reason, Removal};
#[cfg(feature = "stages")]
#[doc(hidden)]
pub use cleaner::stages;
pub use cleaner::{Cleaner, CleanerBuilder};
pub use error::Error;
pub use language::Language;
pub use patterns::Category;
pub use thresholds::{Preset, Thresholds};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
