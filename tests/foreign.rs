//! The foreign-fragment benchmark: article paragraphs in one language with fragments of
//! another inserted between them, at lengths from 20 to 400 characters, for many language
//! pairs. Fragments cut from the article's own language are inserted too, at the same
//! lengths, so that precision counts short article-language lines, not only paragraphs.
//!
//! The texts are `tests/data/languages/<code>.txt`, written for this suite (see the README
//! there). The test prints precision and recall of `Reason::ForeignLanguage` by fragment
//! length and checks the targets: for fragments of 40 characters and more, precision ≥ 0.98
//! and recall ≥ 0.95, and no article paragraph of 80 characters or more flagged.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use deboiler::{Cleaner, Reason};

const LENGTHS: [usize; 6] = [20, 40, 80, 120, 200, 400];

fn pool() -> BTreeMap<String, Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/languages");
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(&dir).expect("tests/data/languages").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let code = path.file_stem().unwrap().to_string_lossy().to_string();
            let text = fs::read_to_string(&path).unwrap();
            out.insert(code, text.lines().map(str::to_string).collect());
        }
    }
    out
}

/// A deterministic generator, so the benchmark is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// At least `len` characters of `para` (a word start to a word end), or the rest of the
/// paragraph when it is shorter: the length buckets are minimum lengths.
fn cut(para: &str, len: usize, rng: &mut Lcg) -> String {
    let words: Vec<&str> = para.split_whitespace().collect();
    let start = rng.next(words.len().saturating_sub(4).max(1));
    let mut out = String::new();
    for w in &words[start..] {
        if out.chars().count() >= len {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[derive(Default)]
struct Tally {
    flagged_foreign: usize,
    foreign: usize,
    flagged_own: usize,
}

#[test]
fn foreign_fragments() {
    let pool = pool();
    let langs: Vec<&String> = pool.keys().collect();
    assert!(
        langs.len() >= 5,
        "need the language pool in tests/data/languages"
    );
    let cleaner = Cleaner::builder().build().unwrap();
    let mut rng = Lcg(42);
    let mut by_len: BTreeMap<usize, Tally> = BTreeMap::new();
    let mut pairs = 0;
    let mut long_paragraphs_flagged = Vec::new();
    for article in &langs {
        for other in &langs {
            if article == other {
                continue;
            }
            pairs += 1;
            let paras = &pool[*article];
            let foreign = &pool[*other];
            for &len in &LENGTHS {
                // One document per pair and length: four article paragraphs, a foreign
                // fragment and an own-language fragment of the same length between them.
                let mut lines: Vec<(String, Option<bool>)> = Vec::new();
                let first = rng.next(paras.len());
                for k in 0..4 {
                    lines.push((paras[(first + k) % paras.len()].clone(), None));
                    if k == 1 {
                        let f = cut(&foreign[rng.next(foreign.len())], len, &mut rng);
                        lines.push((f, Some(true)));
                    }
                    if k == 2 {
                        let own = cut(&paras[(first + 5 + k) % paras.len()], len, &mut rng);
                        lines.push((own, Some(false)));
                    }
                }
                let text: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
                let cleaned = cleaner.clean(&text);
                let flagged: Vec<&str> = cleaned
                    .removals()
                    .iter()
                    .filter(|r| matches!(r.reason(), Reason::ForeignLanguage { .. }))
                    .map(|r| r.text())
                    .collect();
                for (line, kind) in &lines {
                    let is_flagged = flagged.contains(&line.as_str());
                    // Counted by actual length: a fragment cut near a paragraph's end may be
                    // shorter than asked for.
                    let actual = line.chars().count();
                    let bucket = LENGTHS
                        .iter()
                        .rev()
                        .find(|&&l| actual >= l)
                        .copied()
                        .unwrap_or(0);
                    let tally = by_len.entry(bucket).or_default();
                    match kind {
                        Some(true) => {
                            if !is_flagged && std::env::var_os("DEBOILER_SHOW_MISSES").is_some() {
                                eprintln!("missed {other} on {article} page ({len}): {line}");
                            }
                            tally.foreign += 1;
                            tally.flagged_foreign += usize::from(is_flagged);
                        }
                        Some(false) => {
                            if is_flagged && std::env::var_os("DEBOILER_SHOW_MISSES").is_some() {
                                eprintln!("wrongly flagged on {article} page ({len}): {line}");
                            }
                            tally.flagged_own += usize::from(is_flagged)
                        }
                        None if is_flagged && line.chars().count() >= 80 => {
                            long_paragraphs_flagged.push(format!("{article} page: {line}"));
                        }
                        None => {}
                    }
                }
            }
        }
    }
    eprintln!("{pairs} language pairs; foreign flag by fragment length:");
    eprintln!(
        "{:>6} {:>9} {:>7} {:>7}",
        "chars", "fragments", "prec", "recall"
    );
    let mut failures = Vec::new();
    for (len, t) in &by_len {
        let flagged = t.flagged_foreign + t.flagged_own;
        let precision = if flagged == 0 {
            1.0
        } else {
            t.flagged_foreign as f64 / flagged as f64
        };
        let recall = t.flagged_foreign as f64 / t.foreign.max(1) as f64;
        eprintln!("{len:>6} {:>9} {precision:>7.3} {recall:>7.3}", t.foreign);
        if *len >= 40 && t.foreign >= 20 && (precision < 0.98 || recall < 0.95) {
            failures.push(format!(
                "{len} chars: precision {precision:.3}, recall {recall:.3}"
            ));
        }
    }
    assert!(pairs >= 10, "{pairs} language pairs");
    assert!(
        long_paragraphs_flagged.is_empty(),
        "article paragraphs flagged: {long_paragraphs_flagged:#?}"
    );
    assert!(failures.is_empty(), "below target: {failures:#?}");
}
