//! The result of cleaning and its explanations: kept paragraphs, removals with their reasons
//! (the phrase categories and measured features those carry), the article language.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::language::Language;

/// Why a piece of the input was removed.
///
/// Every removal names the rule that fired and what it fired on, so a scraper can audit
/// each decision and map it back to its source with [`Removal::span`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Reason {
    /// A phrase pack matched: a strong phrase in a short block, plain phrases making up most
    /// of a block, or a furniture phrase in a short block before the first or after the last
    /// body paragraph.
    Phrase {
        /// The phrase's category.
        category: Category,
        /// The phrase as written in its pack.
        phrase: Arc<str>,
    },
    /// A headline-shaped line right after a section marker such as "Read also:".
    Teaser {
        /// Byte span of the marker in the input.
        marker: Range<usize>,
    },
    /// Part of an embedded social-media post, closed by a `— Name (@handle) Date` line.
    EmbeddedPost {
        /// Byte span of the closing line in the input.
        closer: Range<usize>,
    },
    /// A headline-shaped link to another story between body paragraphs, ending in a
    /// ` – Source` attribution.
    InlineStoryLink {
        /// The attributed source.
        source: String,
    },
    /// A list of headlines after the article's last paragraph.
    RelatedList,
    /// A fragment in another language than the article.
    ForeignLanguage {
        /// The fragment's language, where it could be named.
        language: Option<Language>,
        /// How sure the language identifier was, from 0 to 1.
        confidence: f64,
    },
    /// Part of a comment section: everything after a marker that opens one (a "Leave a
    /// reply" form, `16 Responses to …`, a run of `Name says:` headers) once the article's
    /// text is behind it.
    CommentSection {
        /// Byte span of the marker in the input.
        marker: Range<usize>,
    },
    /// One of a run of short lines: a menu, a tag cloud, a share bar.
    Menu {
        /// How many short lines the run holds.
        run: usize,
    },
    /// The article model judged the block not to be article text.
    Boilerplate {
        /// The model's probability that the block is article text, below the threshold.
        probability: f32,
        /// The block's own measured features (the model also weighs its neighbours').
        features: Features,
    },
    /// A citation or edit marker such as `[11]` or `[citation needed]` inside a kept paragraph.
    CitationMarker,
    /// The line occurs on many of the site's pages (with a
    /// [`SiteMemory`](crate::SiteMemory), in [`Cleaner::clean_with`](crate::Cleaner::clean_with)):
    /// the site's template, not this page's article.
    RepeatedOnSite {
        /// On how many of the site's pages the line occurs.
        pages: usize,
        /// How many pages the site memory saw.
        of: usize,
    },
}

impl Reason {
    /// A stable short name of the rule, in snake case: `"phrase"`, `"teaser"`,
    /// `"embedded_post"`, `"inline_story_link"`, `"related_list"`, `"foreign_language"`,
    /// `"comment_section"`, `"menu"`, `"boilerplate"`, `"citation_marker"` or
    /// `"repeated_on_site"`. For tools that
    /// group or filter removals by rule (the `Display` form carries the details).
    ///
    /// ```
    /// let cleaner = deboiler::Cleaner::builder().build()?;
    /// let cleaned = cleaner.clean("We use cookies to improve your experience.\nA body paragraph.");
    /// assert_eq!(cleaned.removals()[0].reason().name(), "phrase");
    /// # Ok::<(), deboiler::Error>(())
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Reason::Phrase { .. } => "phrase",
            Reason::Teaser { .. } => "teaser",
            Reason::EmbeddedPost { .. } => "embedded_post",
            Reason::InlineStoryLink { .. } => "inline_story_link",
            Reason::RelatedList => "related_list",
            Reason::ForeignLanguage { .. } => "foreign_language",
            Reason::CommentSection { .. } => "comment_section",
            Reason::Menu { .. } => "menu",
            Reason::Boilerplate { .. } => "boilerplate",
            Reason::CitationMarker => "citation_marker",
            Reason::RepeatedOnSite { .. } => "repeated_on_site",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Phrase { category, phrase } => write!(f, "phrase({category}: {phrase:?})"),
            Reason::Teaser { marker } => {
                write!(f, "teaser(after marker {}..{})", marker.start, marker.end)
            }
            Reason::EmbeddedPost { closer } => {
                write!(f, "embedded-post(closer {}..{})", closer.start, closer.end)
            }
            Reason::InlineStoryLink { source } => write!(f, "inline-story-link(source {source:?})"),
            Reason::RelatedList => f.write_str("related-list"),
            Reason::ForeignLanguage {
                language,
                confidence,
            } => match language {
                Some(l) => write!(f, "foreign-language({l}, confidence {confidence:.2})"),
                None => write!(f, "foreign-language(unknown, confidence {confidence:.2})"),
            },
            Reason::CommentSection { marker } => {
                write!(
                    f,
                    "comment-section(after marker {}..{})",
                    marker.start, marker.end
                )
            }
            Reason::Menu { run } => write!(f, "menu(run of {run} short lines)"),
            Reason::Boilerplate {
                probability,
                features,
            } => write!(
                f,
                "boilerplate(p {probability:.2}: {} chars, {} words, stopwords {:.2})",
                features.chars,
                features.words,
                features.stopword_density()
            ),
            Reason::CitationMarker => f.write_str("citation-marker"),
            Reason::RepeatedOnSite { pages, of } => {
                write!(f, "repeated-on-site({pages} of {of} pages)")
            }
        }
    }
}

/// One removed piece of the input.
#[derive(Clone, Debug, PartialEq)]
pub struct Removal<'h> {
    pub(crate) span: Range<usize>,
    pub(crate) text: &'h str,
    pub(crate) reason: Reason,
}

impl<'h> Removal<'h> {
    /// Byte span of the removed text in the input.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The removed text, borrowed from the input.
    pub fn text(&self) -> &'h str {
        self.text
    }

    /// Why it was removed.
    pub fn reason(&self) -> &Reason {
        &self.reason
    }
}

/// `reason<TAB>start..end<TAB>"text"`, the text shortened to 72 characters.
impl fmt::Display for Removal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX: usize = 72;
        let short: String = self.text.chars().take(MAX).collect();
        let ellipsis = if self.text.chars().nth(MAX).is_some() {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "{}\t{}..{}\t{:?}",
            self.reason,
            self.span.start,
            self.span.end,
            format!("{short}{ellipsis}")
        )
    }
}

/// The article body deboiler kept, and what it removed.
///
/// ```
/// let cleaner = deboiler::Cleaner::builder().build()?;
/// let cleaned = cleaner.clean("A body paragraph that a reader came for, long enough to count.\nWe use cookies to improve your experience.\n");
/// assert_eq!(cleaned.paragraphs().len(), 1);
/// assert_eq!(cleaned.removals()[0].text(), "We use cookies to improve your experience.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Cleaned<'h> {
    pub(crate) paragraphs: Vec<Cow<'h, str>>,
    pub(crate) removals: Vec<Removal<'h>>,
    pub(crate) language: Option<Language>,
}

impl<'h> Cleaned<'h> {
    /// The kept paragraphs joined by one blank line, with no final newline. Borrowed from the
    /// input when that is possible (a single paragraph that needed no change).
    pub fn text(&self) -> Cow<'h, str> {
        match self.paragraphs.as_slice() {
            [] => Cow::Borrowed(""),
            [Cow::Borrowed(one)] => Cow::Borrowed(one),
            many => Cow::Owned(many.join("\n\n")),
        }
    }

    /// The kept paragraphs, in input order.
    pub fn paragraphs(&self) -> &[Cow<'h, str>] {
        &self.paragraphs
    }

    /// Everything removed, in input order, each with its span and reason.
    pub fn removals(&self) -> &[Removal<'h>] {
        &self.removals
    }

    /// The article's language: the one given to the builder, or the one detected.
    pub fn language(&self) -> Option<Language> {
        self.language
    }

    /// Whether nothing was kept.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// What kind of page furniture a phrase belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// Cookie and consent banners.
    Cookie,
    /// Privacy policy, terms of use and other legal links.
    Privacy,
    /// Newsletter, subscription and sign-up boxes.
    Newsletter,
    /// Share and follow bars.
    Share,
    /// Markers that introduce links to other stories: "Read also", "More stories", "Related".
    Related,
    /// Outdated-browser and enable-JavaScript notices.
    Browser,
    /// Copyright lines and other site footer text.
    Footer,
    /// Advertising labels.
    Advertising,
    /// Markers that open a comment section.
    Comments,
    /// Navigation aids: "Skip to content", "Back to top".
    Navigation,
    /// Phrases the user added with
    /// [`CleanerBuilder::extra_phrases`](crate::CleanerBuilder::extra_phrases).
    Custom,
}

impl Category {
    pub(crate) const ALL: [(Category, &'static str); 11] = [
        (Category::Cookie, "cookie"),
        (Category::Privacy, "privacy"),
        (Category::Newsletter, "newsletter"),
        (Category::Share, "share"),
        (Category::Related, "related"),
        (Category::Browser, "browser"),
        (Category::Footer, "footer"),
        (Category::Advertising, "advertising"),
        (Category::Comments, "comments"),
        (Category::Navigation, "navigation"),
        (Category::Custom, "custom"),
    ];

    /// The category's name as used in phrase packs, such as `"cookie"`.
    ///
    /// ```
    /// assert_eq!(deboiler::Category::Related.name(), "related");
    /// ```
    pub fn name(self) -> &'static str {
        Category::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("custom", |(_, n)| n)
    }

    pub(crate) fn from_name(name: &str) -> Option<Category> {
        Category::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| *c)
    }

    /// A bit for sets of categories.
    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What deboiler measured on one block: the values behind a
/// [`Reason::Boilerplate`] verdict.
///
/// ```
/// use deboiler::{Cleaner, Reason};
///
/// let menu = "Home\nNews\nSport\nWeather\nTravel\nCulture\nOpinion\nVideo\n";
/// let body = "The council voted on Tuesday to keep the library open for another year, after \
///             hundreds of residents wrote to ask for it and a petition gathered signatures.\n\
///             The library will now look for volunteers to staff its reading room on Saturday \
///             mornings, when the building has been closed since the spring budget cuts.\n\
///             Its head librarian said the decision was a relief and thanked everyone who had \
///             written in, adding that the new opening hours would start next month.\n";
/// let page = format!("{menu}{body}{menu}");
/// let cleaned = Cleaner::builder().language("eng").build()?.clean(&page);
/// assert_eq!(cleaned.paragraphs().len(), 3, "the three body paragraphs");
/// for removal in cleaned.removals() {
///     match removal.reason() {
///         Reason::Menu { run } => assert_eq!(*run, 8),
///         Reason::Boilerplate { features, .. } => assert!(!features.ends_sentence),
///         _ => {}
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Features {
    /// Characters (Unicode scalar values).
    pub chars: u32,
    /// Words: runs of letters and digits; in Chinese and Japanese text, each ideograph or kana.
    pub words: u32,
    /// Words found in the article language's stoplist.
    pub stopwords: u32,
    /// Letters.
    pub letters: u32,
    /// Digits.
    pub digits: u32,
    /// Words that start with an upper-case letter.
    pub capitalized: u32,
    /// URLs (`http://`, `https://`, `www.`, `pic.twitter.com`).
    pub urls: u32,
    /// `@handle` mentions.
    pub handles: u32,
    /// The block ends a sentence: `.`, `!`, `?` or `…` (also `。！？`), before closing quotes
    /// and brackets.
    pub ends_sentence: bool,
    /// The block starts with a list marker (`-`, `•`, `*`, `·`, `▪`, `►`).
    pub list_marker: bool,
}

impl Features {
    /// Stopwords per word, 0 when there are no words.
    ///
    /// ```
    /// let f = deboiler::Features::default();
    /// assert_eq!(f.stopword_density(), 0.0);
    /// ```
    pub fn stopword_density(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f32 / self.words as f32
        }
    }
}
