//! The command line: every option, with the help text `deboiler --help` prints.

use std::path::PathBuf;

use clap::{ArgAction, ArgGroup, Parser, ValueEnum};

const ABOUT: &str = "Turn scraped page text into the clean article body, and explain each removal.";

const LONG_ABOUT: &str = "\
Turn scraped page text into the clean article body, and explain each removal.

deboiler reads the visible text a scraper pulled off web pages (plain text, not HTML) and \
writes the article body: cookie and privacy notices, \"Read also\" teasers, embedded posts, \
related-link lists, menus, footers, fragments in another language and citation markers are \
removed, and every paragraph a reader came for is kept.

It reads three kinds of input:

  * plain text (the default): each FILE is one document, and its body goes to standard \
output, as the library's `clean` example prints it: the kept paragraphs separated by one \
blank line and one final newline, nothing at all for an empty body;

  * JSON Lines (--jsonl): one JSON object per line; the field named by --field is cleaned in \
place, every other field is passed through byte for byte and in order, and each object gains \
a \"deboiler\" object with the article language and the number of removals;

  * WARC/WET (--wet): the `conversion` records of Common Crawl's WET files, each a document, \
written as JSON Lines with the record's id, url, date and cleaned text.

With no FILE, or where FILE is -, standard input is read. A folder is walked recursively, \
its files in sorted order (names starting with a dot are skipped). Files ending in .gz \
(gzip, also of many members as Common Crawl writes it) or .zst (Zstandard) are \
decompressed; -o FILE compresses the same way by its extension.

Documents are cleaned on all cores, and written in input order. Memory stays bounded \
whatever the input's size: documents are read, cleaned and written in chunks of about a \
megabyte (a single larger document is one chunk of its own).

A progress bar is drawn on standard error when it is a terminal, and a one-line summary is \
printed there at the end; --quiet silences both.";

const AFTER_HELP: &str = "\
Examples (more with --help):
  deboiler page.txt
  deboiler --jsonl pages.jsonl.gz -o clean.jsonl.zst
  deboiler --wet CC-MAIN-*.warc.wet.gz -o clean.jsonl.gz";

const AFTER_LONG_HELP: &str = "\
EXIT STATUS:
  0  Every document was cleaned and written (also when standard output was closed early,
     as by `| head`).
  1  Bad input: a line that is not a JSON object with a string field, invalid UTF-8, a
     truncated gzip member or WET record, a file that cannot be read. Everything before it
     was written, and the message names the file and the line or record.
  2  Bad arguments, including an unknown --lang code and a --phrases file that cannot be
     read or parsed.

EXAMPLES:
  Clean one page and see what was removed and why:
    deboiler --explain page.txt

  Clean a folder of text files, one body after the other:
    deboiler pages/ > bodies.txt

  Clean the \"text\" field of a JSON Lines corpus on all cores, compressed both ways, with
  counts by rule and language:
    deboiler --jsonl corpus.jsonl.gz -o clean.jsonl.zst --stats stats.json

  Clean another field, keep each removal's span and reason, leave out empty results:
    deboiler --jsonl --field content --explain --drop-empty crawl.jsonl

  Learn each site's template from its pages (grouped by the host of their \"url\" field),
  then clean every page with it:
    deboiler --jsonl --site-url url crawl.jsonl -o clean.jsonl

  Clean Common Crawl WET files into JSON Lines (id, url, date, text):
    deboiler --wet CC-MAIN-20240101-00000.warc.wet.gz -o clean.jsonl.gz

  As a filter inside Spark or GNU parallel, which run one process per core (one thread each):
    rdd.pipe(\"deboiler --jsonl --quiet --threads 1\")
    parallel --pipe -k --block 16M deboiler --jsonl --quiet --threads 1 < big.jsonl > clean.jsonl";

/// What kind of input the documents are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Each file is one document of plain text.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// WARC/WET records.
    Wet,
}

/// The removal presets of the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PresetArg {
    /// Remove more: a cleaner body at the cost of some real text.
    Precision,
    /// The measured default.
    Balanced,
    /// Keep more: every doubtful block stays.
    Recall,
}

#[derive(Debug, Parser)]
#[command(
    name = "deboiler",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = AFTER_HELP,
    after_long_help = AFTER_LONG_HELP,
    max_term_width = 100,
    group(ArgGroup::new("structured").args(["jsonl", "wet"]))
)]
pub struct Args {
    /// Files or folders to read; standard input when none is given, or for -.
    ///
    /// In the default text mode each file is one document. A folder is walked recursively in
    /// sorted order, skipping names that start with a dot. Names ending in .gz or .zst are
    /// decompressed.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Read JSON Lines: one JSON object per line, its --field cleaned in place.
    ///
    /// Every other field passes through untouched and in order, byte for byte. Each object
    /// gains `"deboiler": {"language": "eng", "removed": 3}`: the article's language (null when
    /// it could not be named) and the number of removals; an existing "deboiler" field is
    /// replaced in place. Blank lines are skipped. A line that is
    /// not a JSON object, lacks the field, or whose field is not a string is an error (see
    /// --skip-invalid).
    #[arg(long, help_heading = "Input", conflicts_with = "wet")]
    pub jsonl: bool,

    /// Read WARC/WET files: each `conversion` record is a document.
    ///
    /// Other records (warcinfo, request, response...) are skipped. The output is JSON Lines
    /// with "id" (WARC-Record-ID), "url" (WARC-Target-URI), "date" (WARC-Date), "text" (the
    /// cleaned body) and the "deboiler" object of --jsonl.
    #[arg(long, help_heading = "Input")]
    pub wet: bool,

    /// The JSON field to clean (with --jsonl).
    #[arg(
        long,
        value_name = "NAME",
        default_value = "text",
        help_heading = "Input",
        requires = "jsonl"
    )]
    pub field: String,

    /// Learn each site's template from its documents, grouping them by this field's value.
    ///
    /// With --jsonl: the input is read twice. The first pass learns, for every value of the
    /// field (every site), which lines repeat over its documents (hashes only: about 17 to
    /// 34 bytes per distinct line of a site, never the text); the second cleans each document
    /// with its site's memory, so that furniture the site repeats on many of its pages (a
    /// footer, a newsletter box, a "Most read" heading) is removed as `repeated_on_site`,
    /// while a paragraph that reads as the page's article stays unless it is on most of the
    /// site's pages. Output stays in input order. A document without the field (or with a
    /// value that is not a string) is cleaned without memory, and so, in effect, is the only
    /// document of its site. Standard input is first copied to a temporary file, removed at
    /// the end.
    #[arg(
        long,
        value_name = "FIELD",
        help_heading = "Input",
        requires = "jsonl",
        conflicts_with = "site_url"
    )]
    pub site: Option<String>,

    /// As --site, the site being the host of the URL in this field (`www.` and the port left
    /// out, lower-cased).
    #[arg(long, value_name = "FIELD", help_heading = "Input", requires = "jsonl")]
    pub site_url: Option<String>,

    /// Replace invalid UTF-8 with U+FFFD instead of failing (text and WET).
    ///
    /// Without it, invalid UTF-8 is an error naming the file and byte offset. In JSON Lines a
    /// line must be valid UTF-8: one that is not is an invalid line.
    #[arg(long, help_heading = "Input", conflicts_with = "jsonl")]
    pub lossy: bool,

    /// Report invalid documents as warnings and go on.
    ///
    /// An invalid JSON line, a line without the field or with a non-string field, or a text
    /// file or WET record that is not UTF-8 is then reported on standard error as
    /// `warning: <file>:<line>: ...`, counted in the summary and --stats, and left out. A
    /// truncated gzip member or WET record still ends the run.
    #[arg(long, help_heading = "Input")]
    pub skip_invalid: bool,

    /// Write to FILE instead of standard output; .gz and .zst compress.
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Explain each removal.
    ///
    /// In text mode one line per removal goes to standard error, before the document's body:
    /// the reason, the byte span and the removed text, shortened (with more than one input
    /// file, each line starts with the file's name and a colon). In JSON Lines and WET the
    /// "deboiler" object gains "removals": [{"start", "end", "reason", "detail"}], byte
    /// offsets into the input field, the rule's short name and its details.
    #[arg(long, help_heading = "Output")]
    pub explain: bool,

    /// Leave out documents cleaned to nothing (JSON Lines and WET).
    #[arg(long, help_heading = "Output", requires = "structured")]
    pub drop_empty: bool,

    /// Write the run's statistics to FILE as JSON.
    ///
    /// The summary's figures, plus removals (count and bytes) by rule and documents by
    /// language ("und" for undetermined).
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub stats: Option<PathBuf>,

    /// No progress bar and no summary on standard error.
    #[arg(short, long, help_heading = "Output")]
    pub quiet: bool,

    /// Fix the article language (ISO 639-3 such as eng, deu; ISO 639-1 also works).
    ///
    /// By default the language is detected per document.
    #[arg(long, value_name = "CODE", help_heading = "Cleaning")]
    pub lang: Option<String>,

    /// How eagerly text is removed.
    #[arg(long, value_enum, value_name = "PRESET", help_heading = "Cleaning")]
    pub preset: Option<PresetArg>,

    /// Add a phrase pack file (repeatable).
    ///
    /// The format of the built-in packs: `[category]` or `[category strong]` headers, one
    /// phrase per line, `#` comments. Categories: cookie, privacy, newsletter, share, related,
    /// browser, footer, advertising, comments, navigation, custom.
    #[arg(long, value_name = "FILE", action = ArgAction::Append, help_heading = "Cleaning")]
    pub phrases: Vec<PathBuf>,

    /// Keep fragments in another language than the article.
    #[arg(long, help_heading = "Cleaning")]
    pub no_foreign: bool,

    /// Keep citation and edit markers such as `[11]` and `[citation needed]`.
    #[arg(long, help_heading = "Cleaning")]
    pub no_citations: bool,

    /// Look for the article region in each document, as in a whole page.
    ///
    /// Without --whole-page or --article the library's default applies (today it looks for
    /// the region, on texts long enough to be a page).
    #[arg(long, help_heading = "Cleaning", conflicts_with = "article")]
    pub whole_page: bool,

    /// Take each document as roughly the article: only the rules for residual cruft run.
    ///
    /// Phrases, markers and teasers, embedded posts, inline story links, the page's edges and
    /// foreign fragments are still removed; the article region is not looked for.
    #[arg(long, help_heading = "Cleaning")]
    pub article: bool,

    /// Clean on N threads (default: all cores).
    ///
    /// The output is in input order whatever N is. With 1, everything happens on one thread.
    #[arg(
        short = 'j',
        long,
        value_name = "N",
        help_heading = "Performance",
        value_parser = clap::value_parser!(u16).range(1..)
    )]
    pub threads: Option<u16>,
}

impl Args {
    /// The kind of input asked for.
    pub fn format(&self) -> Format {
        if self.jsonl {
            Format::Jsonl
        } else if self.wet {
            Format::Wet
        } else {
            Format::Text
        }
    }
}
