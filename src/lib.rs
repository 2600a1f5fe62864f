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
pub use cleaner::{Cleaner, CleanerBuilder};
pub use error::Error;
pub use language::Language;
pub use patterns::Category;
pub use thresholds::{Preset, Thresholds};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
