//! What a run did: the counts behind the summary line and `--stats`.

use std::collections::BTreeMap;
use std::time::Duration;

use deboiler::Cleaned;

/// Counts of a chunk, added up over the run.
#[derive(Debug, Default)]
pub struct Stats {
    /// Documents cleaned.
    pub documents: u64,
    /// Documents cleaned to nothing.
    pub empty: u64,
    /// Empty documents left out (--drop-empty).
    pub dropped: u64,
    /// Invalid documents skipped (--skip-invalid).
    pub invalid: u64,
    /// Bytes of text given to the cleaner.
    pub bytes_in: u64,
    /// Bytes of text it kept.
    pub bytes_out: u64,
    /// By rule (`Reason::name`): removals and their bytes.
    pub reasons: Vec<(&'static str, u64, u64)>,
    /// By language code (`None`: undetermined): documents.
    pub languages: Vec<(Option<&'static str>, u64)>,
}

impl Stats {
    /// Counts one cleaned document.
    pub fn add(&mut self, input: &str, cleaned: &Cleaned<'_>) {
        let paragraphs = cleaned.paragraphs();
        let kept: usize = paragraphs.iter().map(|p| p.len()).sum::<usize>()
            + 2 * paragraphs.len().saturating_sub(1);
        self.documents += 1;
        self.empty += u64::from(paragraphs.is_empty());
        self.bytes_in += input.len() as u64;
        self.bytes_out += kept as u64;
        for removal in cleaned.removals() {
            let name = removal.reason().name();
            let bytes = removal.span().len() as u64;
            match self.reasons.iter_mut().find(|r| r.0 == name) {
                Some(r) => {
                    r.1 += 1;
                    r.2 += bytes;
                }
                None => self.reasons.push((name, 1, bytes)),
            }
        }
        self.count_language(cleaned.language().map(|l| l.code()), 1);
    }

    fn count_language(&mut self, code: Option<&'static str>, n: u64) {
        match self.languages.iter_mut().find(|l| l.0 == code) {
            Some(l) => l.1 += n,
            None => self.languages.push((code, n)),
        }
    }

    /// Adds another chunk's counts.
    pub fn merge(&mut self, other: &Stats) {
        self.documents += other.documents;
        self.empty += other.empty;
        self.dropped += other.dropped;
        self.invalid += other.invalid;
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        for &(name, count, bytes) in &other.reasons {
            match self.reasons.iter_mut().find(|r| r.0 == name) {
                Some(r) => {
                    r.1 += count;
                    r.2 += bytes;
                }
                None => self.reasons.push((name, count, bytes)),
            }
        }
        for &(code, n) in &other.languages {
            self.count_language(code, n);
        }
    }

    pub fn clear(&mut self) {
        let (mut reasons, mut languages) = (
            std::mem::take(&mut self.reasons),
            std::mem::take(&mut self.languages),
        );
        reasons.clear();
        languages.clear();
        *self = Stats {
            reasons,
            languages,
            ..Stats::default()
        };
    }

    /// The share of the input's bytes that was removed.
    fn removed_share(&self) -> f64 {
        if self.bytes_in == 0 {
            0.0
        } else {
            1.0 - self.bytes_out as f64 / self.bytes_in as f64
        }
    }

    /// The summary line: `deboiler: N documents, X MB in, Y MB out, Z% removed, S s`.
    pub fn summary(&self, elapsed: Duration) -> String {
        let mut notes = Vec::new();
        if self.empty > 0 {
            notes.push(format!("{} empty", self.empty));
        }
        if self.dropped > 0 {
            notes.push(format!("{} dropped", self.dropped));
        }
        if self.invalid > 0 {
            notes.push(format!("{} invalid skipped", self.invalid));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        };
        format!(
            "deboiler: {} document{}{notes}, {:.1} MB in, {:.1} MB out, {:.1}% removed, {:.2} s",
            self.documents,
            if self.documents == 1 { "" } else { "s" },
            self.bytes_in as f64 / 1e6,
            self.bytes_out as f64 / 1e6,
            100.0 * self.removed_share(),
            elapsed.as_secs_f64()
        )
    }

    /// The same figures as JSON, with removals by rule and documents by language.
    pub fn to_json(&self, elapsed: Duration, read: u64) -> serde_json::Value {
        let reasons: BTreeMap<&str, serde_json::Value> = self
            .reasons
            .iter()
            .map(|&(name, count, bytes)| {
                (name, serde_json::json!({"count": count, "bytes": bytes}))
            })
            .collect();
        let languages: BTreeMap<&str, u64> = self
            .languages
            .iter()
            .map(|&(code, n)| (code.unwrap_or("und"), n))
            .collect();
        serde_json::json!({
            "documents": self.documents,
            "documents_empty": self.empty,
            "documents_dropped": self.dropped,
            "invalid_skipped": self.invalid,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "removed_share": self.removed_share(),
            "input_bytes_read": read,
            "seconds": elapsed.as_secs_f64(),
            "removals_by_reason": reasons,
            "documents_by_language": languages,
        })
    }
}
