//! Site memory: which lines repeat over the pages of one site.
//!
//! A [`SiteMemory`] counts, for each distinct normalised line, on how many of the pages it
//! saw the line occurs (once per page however often the page repeats it). It keeps a 64-bit
//! hash of each line and a count, never the line itself. The cleaner reads the counts back
//! for the blocks of the page it cleans (`Cleaner::clean_with`) and the classifier weighs
//! them with the page's own evidence (`classify::site`).
//!
//! Learning and observing take the [`Cleaner`](crate::Cleaner) (for the way it cuts a text
//! into blocks) and live beside it in `cleaner.rs`; this file holds the counts and the line
//! hash, and imports only the bottom layer.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::error::Error;
use crate::words::Fx;

/// When a line's repetition over a site's pages counts as evidence of furniture: the
/// tunable part of a [`SiteMemory`]. The defaults were measured on the dev corpus (see the
/// README and `examples/evaluate.rs --site-memory`).
///
/// ```
/// use deboiler::{SiteMemory, SiteThresholds};
///
/// let t = SiteThresholds { min_pages: 4, ..SiteThresholds::default() };
/// let memory = SiteMemory::with_thresholds(t)?;
/// assert_eq!(memory.thresholds().min_pages, 4);
/// let bad = SiteThresholds { min_share: 1.5, ..SiteThresholds::default() };
/// assert!(SiteMemory::with_thresholds(bad).is_err());
/// # Ok::<(), deboiler::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SiteThresholds {
    /// A line must occur on at least this many of the site's pages (at least 2: a
    /// memory of one page never changes a result).
    pub min_pages: u32,
    /// ... and on at least this share of them, from 0 to 1.
    pub min_share: f32,
    /// A line that reads as the page's article prose (a body paragraph the article model
    /// keeps with confidence) is removed only when it occurs on more than this share of the
    /// site's pages, from 0 to 1.
    pub prose_share: f32,
}

impl Default for SiteThresholds {
    fn default() -> Self {
        SiteThresholds {
            min_pages: 4,
            min_share: 0.3,
            prose_share: 0.5,
        }
    }
}

/// What one site's pages have in common: for every distinct line, on how many of the pages
/// seen it occurs. Learned from several pages of one site, it lets
/// [`Cleaner::clean_with`](crate::Cleaner::clean_with) remove the site's furniture (menus,
/// footers, newsletter boxes, "Most read" headings) that one page alone cannot show to be
/// furniture. Each such removal is a [`Reason::RepeatedOnSite`](crate::Reason::RepeatedOnSite).
///
/// - **Bounded memory**: a line is kept as a 64-bit hash of its normalised text (ASCII case
///   folded, ASCII digits all read as `0`, tabs and line breaks as spaces), its count and
///   the number of the last page that counted it: 16 bytes per distinct line of the site
///   and one byte of the table's control, plus the hash table's slack (at most as much
///   again): at most about 34 bytes a distinct line, whatever the lines' length. Two different lines share a hash with odds of
///   about one in 2⁶⁴ per pair.
/// - **Counted once per page**: a line a page repeats counts once for that page.
/// - **Order-free**: the same pages give the same memory in whatever order they come.
/// - **Empty and one-page memories change nothing**: a page cleaned with a memory of fewer
///   than two pages comes out exactly as [`Cleaner::clean`](crate::Cleaner::clean) gives it.
///
/// Learn in one go with [`SiteMemory::learn`] (the batch form: every page then sees a memory
/// of all the site's pages, itself included), or page by page with [`SiteMemory::observe`]
/// (for streams; see there for the warm-up).
///
/// ```
/// use deboiler::{Cleaner, SiteMemory};
///
/// let cleaner = Cleaner::builder().build()?;
/// let footer = "Our journalism is funded by readers like you, and every gift keeps it free for all.";
/// let pages: Vec<String> = [
///     "The council voted on Tuesday to close the old bridge to traffic for repairs.",
///     "A new library opened in the east of the city, with a garden on its roof.",
///     "The river rose two metres overnight after a week of heavy rain upstream.",
///     "The mayor opened the winter market in the old square on Saturday morning.",
/// ]
/// .iter()
/// .map(|body| format!("{body}\n{footer}\n"))
/// .collect();
/// let memory = SiteMemory::learn(&cleaner, pages.iter().map(String::as_str));
/// assert_eq!(memory.pages(), 4);
/// let cleaned = cleaner.clean_with(&memory, &pages[0]);
/// assert_eq!(cleaned.text(), "The council voted on Tuesday to close the old bridge to traffic for repairs.");
/// assert_eq!(cleaned.removals()[0].reason().to_string(), "repeated-on-site(4 of 4 pages)");
/// # Ok::<(), deboiler::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct SiteMemory {
    /// Per line hash: on how many pages it was seen, and the last page (its number among
    /// the pages seen) that counted it, so that a page counts a line once.
    pub(crate) lines: HashMap<u64, Seen, BuildHasherDefault<Fx>>,
    /// Pages seen.
    pub(crate) pages: u32,
    pub(crate) thresholds: SiteThresholds,
}

/// What a memory knows of one line: 8 bytes beside its 8-byte hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Seen {
    pages: u32,
    last: u32,
}

impl SiteMemory {
    /// An empty memory with the default [`SiteThresholds`].
    ///
    /// ```
    /// let memory = deboiler::SiteMemory::new();
    /// assert_eq!((memory.pages(), memory.distinct_lines()), (0, 0));
    /// ```
    pub fn new() -> SiteMemory {
        SiteMemory::default()
    }

    /// An empty memory with the given thresholds. A `min_pages` under 2, or a share that is
    /// not a number from 0 to 1, is an [`Error::InvalidSiteThreshold`].
    ///
    /// ```
    /// use deboiler::{SiteMemory, SiteThresholds};
    ///
    /// let err = SiteMemory::with_thresholds(SiteThresholds { min_pages: 1, ..Default::default() })
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("site threshold min_pages is 1"));
    /// ```
    pub fn with_thresholds(thresholds: SiteThresholds) -> Result<SiteMemory, Error> {
        let default = SiteThresholds::default();
        if thresholds.min_pages < 2 {
            return Err(Error::InvalidSiteThreshold {
                name: "min_pages",
                value: thresholds.min_pages as f32,
                default: default.min_pages as f32,
            });
        }
        for (name, value, default) in [
            ("min_share", thresholds.min_share, default.min_share),
            ("prose_share", thresholds.prose_share, default.prose_share),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(Error::InvalidSiteThreshold {
                    name,
                    value,
                    default,
                });
            }
        }
        Ok(SiteMemory {
            thresholds,
            ..SiteMemory::default()
        })
    }

    /// The thresholds this memory judges lines by.
    pub fn thresholds(&self) -> SiteThresholds {
        self.thresholds
    }

    /// How many pages the memory has seen.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// How many distinct lines it counts (each costs 17 to 34 bytes).
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().build()?;
    /// let memory = deboiler::SiteMemory::learn(&cleaner, ["Home\nNews\nHome", "Home\nSport"]);
    /// assert_eq!(memory.distinct_lines(), 3);
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn distinct_lines(&self) -> usize {
        self.lines.len()
    }

    /// On how many of the pages seen the line occurs (after the normalisation above: case,
    /// digits and spaces aside).
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().build()?;
    /// let memory = deboiler::SiteMemory::learn(&cleaner, ["Home\n© 2023 Example", "home\n© 2024 Example"]);
    /// assert_eq!(memory.pages_with("HOME"), 2);
    /// assert_eq!(memory.pages_with("© 2025 Example"), 2);
    /// assert_eq!(memory.pages_with("Sport"), 0);
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn pages_with(&self, line: &str) -> u32 {
        self.count(line_hash(line.trim()))
    }

    /// Adds what another memory learned from other pages (the same site's, seen elsewhere: on
    /// another thread, in another process): the result is the memory of all the pages both
    /// saw, as if one had observed them all. The thresholds stay this memory's.
    ///
    /// ```
    /// use deboiler::{Cleaner, SiteMemory};
    ///
    /// let cleaner = Cleaner::builder().build()?;
    /// let pages = ["Home\nOne.", "Home\nTwo.", "Home\nThree."];
    /// let mut a = SiteMemory::learn(&cleaner, pages[..1].iter().copied());
    /// a.merge(SiteMemory::learn(&cleaner, pages[1..].iter().copied()));
    /// let all = SiteMemory::learn(&cleaner, pages);
    /// assert_eq!((a.pages(), a.pages_with("Home"), a.distinct_lines()), (3, 3, all.distinct_lines()));
    /// // Observing goes on after a merge, each page counting a line once.
    /// a.observe(&cleaner, "Home\nHome\nFour.");
    /// assert_eq!(a.pages_with("Home"), 4);
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn merge(&mut self, other: SiteMemory) {
        self.lines.reserve(other.lines.len());
        for (hash, seen) in other.lines {
            // Page numbers to come are above every page seen so far: a merged line's stamp
            // of 0 never stops a later page from counting it.
            let mine = self.lines.entry(hash).or_insert(Seen { pages: 0, last: 0 });
            mine.pages += seen.pages;
        }
        self.pages += other.pages;
    }

    /// The count for one line hash.
    pub(crate) fn count(&self, hash: u64) -> u32 {
        self.lines.get(&hash).map_or(0, |s| s.pages)
    }

    /// Counts one page given as its blocks' texts: each distinct line once. (The count of a
    /// line does not depend on the order of the pages; the page number kept beside it only
    /// tells whether this page counted it already.)
    pub(crate) fn observe_lines<'a>(&mut self, lines: impl Iterator<Item = &'a str>) {
        self.pages += 1;
        let page = self.pages;
        for line in lines {
            let seen = self
                .lines
                .entry(line_hash(line))
                .or_insert(Seen { pages: 0, last: 0 });
            if seen.last != page {
                seen.pages += 1;
                seen.last = page;
            }
        }
    }
}

/// A line's 64-bit hash after normalising it: ASCII letters lower-cased, ASCII digits all
/// `0`, tabs and line breaks (a hard-wrapped block's) read as spaces. Each byte maps to one
/// byte, so sixteen bytes are normalised at a time and go into the hash as two words.
pub(crate) fn line_hash(text: &str) -> u64 {
    use std::hash::Hasher as _;
    let bytes = text.as_bytes();
    let half = |b: &[u8; 16], at: usize| u64::from_le_bytes(std::array::from_fn(|k| b[at + k]));
    // Two lanes of the sixteen bytes' halves: each lane's multiply waits only on its own.
    let (mut a, mut b) = (Fx::default(), Fx::default());
    a.write_usize(bytes.len());
    let mut blocks = bytes.chunks_exact(16);
    for c in &mut blocks {
        let folded = fold(c.try_into().expect("sixteen bytes"));
        a.write_u64(half(&folded, 0));
        b.write_u64(half(&folded, 8));
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 16];
        last[..rest.len()].copy_from_slice(rest);
        let folded = fold(&last);
        a.write_u64(half(&folded, 0));
        b.write_u64(half(&folded, 8));
    }
    a.write_u64(b.finish());
    // Fx leaves its low bits weak; the table keys on the whole hash, mixed once more.
    let x = a.finish();
    (x ^ x >> 29).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ x >> 32
}

/// Sixteen bytes normalised at once: `A`–`Z` lower-cased, `0`–`9` made `0`, tab, line feed,
/// vertical tab, form feed and carriage return (`0x09`–`0x0d`) made spaces; every other
/// byte (those of non-ASCII characters included) left alone. Branch-free on each byte, so
/// that the compiler does all sixteen in a few vector instructions.
#[inline]
fn fold(bytes: &[u8; 16]) -> [u8; 16] {
    std::array::from_fn(|k| {
        let b = bytes[k];
        let upper = u8::from(b.wrapping_sub(b'A') < 26);
        let digit = b.wrapping_sub(b'0') < 10;
        let control = b.wrapping_sub(0x09) < 5;
        let b = b + (upper << 5);
        let b = if digit { b'0' } else { b };
        if control { b' ' } else { b }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_hash_normalises() {
        let cases: &[(&str, &str, &str, bool)] = &[
            ("case", "Most Read", "most read", true),
            ("digits", "© 2023 Example", "© 1999 Example", true),
            ("tabs", "Sign up\tnow", "Sign up now", true),
            ("wrapped", "one two\r\nthree", "one two  three", true),
            ("runs of spaces", "Sign  up", "Sign up", false),
            ("more digits", "Page 1", "Page 10", false),
            ("words", "Most read", "Most viewed", false),
            ("long", "abcdefgh", "abcdefghabcdefgh", false),
            ("non-ascii", "Café", "CafÉ", false),
        ];
        for &(name, a, b, same) in cases {
            assert_eq!(line_hash(a) == line_hash(b), same, "{name}: {a:?} {b:?}");
        }
    }

    /// The sixteen-byte fold agrees with a byte-at-a-time reading, for every byte in every
    /// position.
    #[test]
    fn fold_agrees_with_a_byte_at_a_time_fold() {
        let one = |b: u8| match b {
            b'A'..=b'Z' => b + 32,
            b'0'..=b'9' => b'0',
            0x09..=0x0d => b' ',
            _ => b,
        };
        for b in 0..=255u8 {
            for at in 0..16 {
                for fill in [0u8, b'a', b'Z', 0xff, 0x80, b'9'] {
                    let mut bytes = [fill; 16];
                    bytes[at] = b;
                    let expected: Vec<u8> = bytes.iter().map(|&x| one(x)).collect();
                    let got = fold(&bytes);
                    assert_eq!(
                        got.as_slice(),
                        expected.as_slice(),
                        "{b:#x} at {at} in {fill:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_page_counts_a_line_once_and_order_does_not_matter() {
        let pages = [
            vec!["Home", "News", "Home"],
            vec!["Home", "Sport"],
            vec!["News", "Weather"],
        ];
        let learn = |order: &[usize]| {
            let mut m = SiteMemory::new();
            for &k in order {
                m.observe_lines(pages[k].iter().copied());
            }
            let mut counts: Vec<(u64, u32)> = m.lines.iter().map(|(&h, s)| (h, s.pages)).collect();
            counts.sort_unstable();
            (m.pages, counts)
        };
        let a = learn(&[0, 1, 2]);
        assert_eq!(a, learn(&[2, 0, 1]));
        assert_eq!(a, learn(&[1, 2, 0]));
        let mut m = SiteMemory::new();
        for p in &pages {
            m.observe_lines(p.iter().copied());
        }
        assert_eq!(m.pages_with("Home"), 2);
        assert_eq!(m.pages_with("News"), 2);
        assert_eq!(m.pages_with("Weather"), 1);
        assert_eq!(m.pages_with("Sport"), 1);
    }
}
