//! Language: the script of every block, stoplists, the stopword vote, the document's
//! language, and the foreign-fragment verdict.
//!
//! Cheap checks come first. A block in another script than the page (Cyrillic on a Latin
//! page) needs no model. whatlang runs once per document to find its language (unless the
//! user fixed it), and on a same-script block only where it can change the answer: a kept
//! block long enough to judge whose stopword density says it is not clearly in the
//! article's language.
//!
//! - [`script`]: writing systems, of a letter, of a language, of a block's letters;
//! - [`stoplist`](mod@stoplist): each language's stopwords, built on first use;
//! - [`vote`]: the stopword vote over the languages of one script, one lookup per word;
//! - [`identify`]: whatlang, restricted to a script's languages and bounded in what it reads;
//! - [`document`]: the document's language and main script, from its longest blocks;
//! - [`foreign`]: whether a block is in another language than the article.

pub(crate) mod document;
pub(crate) mod foreign;
pub(crate) mod identify;
pub(crate) mod script;
pub(crate) mod stoplist;
pub(crate) mod vote;

pub(crate) use document::document_language;
pub(crate) use foreign::{Foreign, Letters, SameScript, is_prose, other_script};
pub(crate) use script::{SCRIPTS, Script, dominant_script};
pub(crate) use stoplist::{Stoplist, stoplist};
pub(crate) use vote::{BlockVote, VoteCounts, VoteTable, votes_on};
