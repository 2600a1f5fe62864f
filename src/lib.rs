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
//! - [`SiteMemory`] learns a site's template from its pages, for [`Cleaner::clean_with`];
//!   [`SiteThresholds`] tune it.
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
//! # Example: learn a site's template from its pages
//!
//! One page can hide its furniture; across the pages of its site it cannot. A
//! [`SiteMemory`] counts on how many of a site's pages each line occurs (hashes, not text),
//! and [`Cleaner::clean_with`] removes the lines the site repeats, unless the page reads
//! them as its article's prose and they are not on most of the site's pages.
//!
//! ```
//! use deboiler::{Cleaner, SiteMemory};
//!
//! let cleaner = Cleaner::builder().build()?;
//! let bodies = [
//!     "The council voted to repair the old stone bridge before the spring floods.",
//!     "The library opened a garden on its roof, tended by the town's school classes.",
//!     "The winter market drew more visitors than in any year since it began.",
//!     "The ferry service resumed after the harbour wall was rebuilt in record time.",
//! ];
//! let box_ = "Every weekday morning our editors pick the five stories the valley is talking about.";
//! let pages: Vec<String> = bodies.iter().map(|b| format!("{b}\n{box_}\n")).collect();
//! let memory = SiteMemory::learn(&cleaner, pages.iter().map(String::as_str));
//! let cleaned = cleaner.clean_with(&memory, &pages[0]);
//! assert_eq!(cleaned.text(), bodies[0]);
//! assert_eq!(cleaned.removals()[0].reason().to_string(), "repeated-on-site(4 of 4 pages)");
//! // The page alone cannot tell; a memory of one page changes nothing.
//! assert!(cleaner.clean(&pages[0]).text().contains(box_));
//! let alone = SiteMemory::learn(&cleaner, [pages[0].as_str()]);
//! assert_eq!(cleaner.clean_with(&alone, &pages[0]).text(), cleaner.clean(&pages[0]).text());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Guarantees and limits
//!
//! ## Always
//!
//! - [`Cleaner::clean`] never fails and never panics, on any `&str`. Every [`Removal::span`]
//!   is a non-empty range of the input on character boundaries, and [`Removal::text`] is that
//!   range; removals come in input order and do not overlap.
//! - [`CleanerBuilder::build`] checks every option up front, so cleaning never depends on
//!   them being valid: an unknown language code, an empty phrase or one holding a line
//!   break, a malformed or unreadable phrase pack (named, with the line), a threshold outside
//!   0 to 1 or NaN, and conflicting options (a [`Preset`] together with [`Thresholds`];
//!   `dehyphenate(true)` with `unwrap_lines(false)`) are each an [`Error`] that says what is
//!   wrong and how to fix it.
//! - [`Cleaned::text`] is NFC (NFKC with [`CleanerBuilder::nfkc`]): the kept paragraphs,
//!   each on one line (no `\n` or `\r`), trimmed and never empty, joined by one blank line.
//!
//! ## What is never removed
//!
//! - Nothing goes silently. The input is cut into blocks: its non-blank lines (`\n`, `\r\n`
//!   and a lone `\r` end a line), or with [`CleanerBuilder::unwrap_lines`] the lines of one
//!   hard-wrapped paragraph together. Each block is either kept whole, as one paragraph, or
//!   removed whole as one [`Removal`] with its [`Reason`]. Inside a kept paragraph only the
//!   normaliser's steps below change anything, and the only text they cut out are citation
//!   markers, each reported as a [`Reason::CitationMarker`] removal. The one exception: a
//!   line made only of invisible or control characters normalises to nothing and is dropped
//!   without a removal.
//! - No letter or digit of a kept paragraph is dropped but inside a citation marker; mojibake
//!   repair and character references only replace characters by the ones the page meant.
//! - Web and e-mail addresses, numbers and short names are never what makes a block foreign:
//!   the foreign check reads a block without its addresses, judges a block in the page's
//!   script only from 40 characters and four words (not mostly capitalised), and calls a
//!   block in another script foreign only with 8 letters of that script.
//! - Texts of fewer than [`Thresholds::min_page_blocks`] blocks (12) are taken as an article
//!   with residual cruft: only the rules apply, never the whole-page article model. When the
//!   model would keep no body paragraph of a page, the best ones stay.
//!
//! ## What the normaliser may change
//!
//! Kept text is the input's text, changed only by the normaliser's steps, each of which is a
//! builder option: mojibake repair (only where the repaired text is clearly more plausible),
//! HTML character references, invisible characters (zero-width space, BOM, soft hyphen, word
//! joiner, zero-width joiners outside emoji), control characters (a tab becomes a space),
//! Unicode spaces and runs of spaces, NFC (always; NFKC and ASCII quotes and dashes on
//! request), citation markers, and the lines of a hard-wrapped paragraph joined with a space
//! (none after a hyphen between letters; the hyphen itself goes only with
//! [`CleanerBuilder::dehyphenate`]). Paragraphs that need none of this are borrowed from the
//! input.
//!
//! Normalising is idempotent on realistic text (the property tests check it on generated
//! pages under 23 option sets): a kept paragraph cleaned again finds nothing to repair. Text
//! broken more deeply than any page is (references nested more than four deep, as in
//! `&amp;amp;amp;amp;amp;`, or mojibake encoded more than three times over) is repaired that
//! many rounds, and a second pass repairs more. Cleaning a cleaned text again is not promised
//! to return it unchanged: on a shorter text, the rules see less context.
//!
//! ## Limits
//!
//! - Only text: HTML is not parsed (its character references are decoded in kept text), and
//!   the input must be UTF-8 (`&str`); the `clean` example reports the byte offset of invalid
//!   UTF-8 or, with `--lossy`, replaces it.
//! - A run of five or more lines of at most three words each, none ending a sentence, is a
//!   menu, however long its words: lines of one long token (a hash, a base64 blob) go too.
//!
//! ## Complexity
//!
//! Time and memory are linear in the input: one pass over each block for its features (which
//! also finds the phrases: each phrase an anchor word points to is compared in place, over
//! at most its own length), and a fixed number of passes over the blocks after that; memory
//! holds the blocks, their features and the normalised paragraphs (borrowed where
//! unchanged). Language identification reads at most 16 KB of any block. Time per MB is
//! flat from 1 to 64 MB on text whose blocks are long (one huge line, long words, text all
//! in other languages, blank lines); where every line is a block of a word or two, the
//! per-block bookkeeping (about 270 bytes a block) outgrows the caches and time per MB grows
//! with the input, up to two-thirds more at 64 MB. `benches/pathological.rs` times seven
//! such shapes; the README gives today's figures.
//!
//! ## Evidence
//!
//! Besides the fixture and API tests, the property tests (`tests/properties.rs`,
//! `tests/normalize_props.rs`) check the promises above on generated pages under many option
//! sets, and the fuzz target in `fuzz/` checks them on arbitrary input and options. Every
//! input that once broke a promise is a named case in `tests/regressions.rs`.
#![deny(missing_docs)]
#![deny(unsafe_code)]

mod classify;
mod cleaned;
mod cleaner;
mod error;
mod lang;
mod language;
mod normalize;
mod patterns;
mod segment;
mod site;
mod thresholds;
mod words;

pub use cleaned::{Category, Cleaned, Features, Reason, Removal};
#[cfg(feature = "stages")]
#[doc(hidden)]
pub use cleaner::stages;
pub use cleaner::{Cleaner, CleanerBuilder};
pub use error::Error;
pub use language::Language;
pub use site::{SiteMemory, SiteThresholds};
pub use thresholds::{Preset, Thresholds};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
