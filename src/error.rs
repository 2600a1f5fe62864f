//! The one error type of the crate.

/// An error from [`CleanerBuilder::build`](crate::CleanerBuilder::build).
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
    #[error("phrase {index} in {source_name} is empty; remove it or give it some text")]
    EmptyPhrase {
        /// Where the phrase came from (for example `extra_phrases`).
        source_name: String,
        /// The phrase's position in that source (0-based for a list, 1-based line for a file).
        index: usize,
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
