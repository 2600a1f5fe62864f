//! The one error type of the crate.

/// An error from [`CleanerBuilder::build`](crate::CleanerBuilder::build) (or
/// [`SiteMemory::with_thresholds`](crate::SiteMemory::with_thresholds)).
///
/// Cleaning itself never fails: every check happens when the [`Cleaner`](crate::Cleaner)
/// is built, so errors never depend on the text being cleaned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The article language given to the builder is not a language code deboiler knows.
    #[error(
        "unknown language code {code:?}; expected an ISO 639-3 code such as \"eng\" or \"deu\" \
         (ISO 639-1 such as \"en\" also works)"
    )]
    UnknownLanguage {
        /// The code as it was given.
        code: String,
    },
    /// A user phrase is empty or only whitespace, so it would match everywhere.
    #[error(
        "phrase {index} (counting from 0) of {source_name} is empty or only whitespace; \
         remove it or give it some text"
    )]
    EmptyPhrase {
        /// Where the phrase came from (for example `extra_phrases`).
        source_name: String,
        /// The phrase's position in that source (0-based for a list, 1-based line for a file).
        index: usize,
    },
    /// A user phrase can never match, such as one holding a line break (phrases match
    /// within one line).
    #[error("phrase {index} (counting from 0) of {source_name}, {phrase:?}, {message}")]
    InvalidPhrase {
        /// Where the phrase came from (for example `extra_phrases`).
        source_name: String,
        /// The phrase's 0-based position in that source.
        index: usize,
        /// The phrase as it was given.
        phrase: String,
        /// What is wrong, and how to write it instead.
        message: String,
    },
    /// A threshold given to [`thresholds`](crate::CleanerBuilder::thresholds) is not a
    /// number from 0 to 1.
    #[error(
        "threshold {name} is {value}, but it must be a number from 0 to 1; \
         start from a preset's thresholds (the Balanced preset has {name} = {default}) \
         and change the value within that range"
    )]
    InvalidThreshold {
        /// The field of [`Thresholds`](crate::Thresholds), such as `article_probability`.
        name: &'static str,
        /// The value as it was given.
        value: f32,
        /// The Balanced preset's value, as a guide.
        default: f32,
    },
    /// A threshold given to [`SiteMemory::with_thresholds`](crate::SiteMemory::with_thresholds)
    /// is out of its range.
    #[error(
        "site threshold {name} is {value}, but min_pages must be at least 2 and the shares \
         numbers from 0 to 1; the default is {name} = {default}"
    )]
    InvalidSiteThreshold {
        /// The field of [`SiteThresholds`](crate::SiteThresholds), such as `min_share`.
        name: &'static str,
        /// The value as it was given.
        value: f32,
        /// The default value, as a guide.
        default: f32,
    },
    /// Two options were given that cannot both take effect: one would be silently ignored.
    #[error("conflicting options {first} and {second}: {message}")]
    ConflictingOptions {
        /// The first option, as called (for example `preset(Recall)`).
        first: String,
        /// The second option, as called.
        second: String,
        /// Why they conflict, and how to fix it.
        message: String,
    },
    /// A phrase pack (from [`phrase_pack`](crate::CleanerBuilder::phrase_pack) or
    /// [`phrase_pack_file`](crate::CleanerBuilder::phrase_pack_file)) is malformed.
    #[error("{source_name} line {line}: {message}")]
    PhrasePack {
        /// The pack's name or file path.
        source_name: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong, and how to write it instead.
        message: String,
    },
    /// A phrase pack file could not be read.
    #[error("cannot read phrase pack {path:?}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The phrase automaton could not be built (for example, too many phrases).
    #[error("the phrase automaton could not be built: {message}")]
    Automaton {
        /// What the automaton builder reported.
        message: String,
    },
}
