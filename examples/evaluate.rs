//! Scores deboiler against a corpus of pages with gold article bodies.
//!
//! ```text
//! cargo run --release --example evaluate -- [CORPUS] [--out DIR] [--worst N] [--dataset NAME]
//!     [--preset precision|balanced|recall] [--set THRESHOLD=VALUE]... [--snippets DIR --out DIR]
//! ```
//!
//! CORPUS (default `../shared/corpus`) holds one folder per dataset with `<id>.txt` (the page
//! text) and `<id>.gold.txt` (the article body). The score is the ScrapingHub
//! article-extraction-benchmark's, as `shared/bench/score.py` computes it: `\w+` tokens,
//! 4-token shingles as multisets, per-document TP/FP/FN normalised by their sum, precision and
//! recall averaged over documents, F1 from the two means, macro = mean over datasets.
//!
//! Two kinds of input are scored:
//! - `page`: the whole page text, as a crawler has it;
//! - `cut`: the page cut to the lines around its gold body (three lines of context either
//!   side), as a scraper that already found roughly the article delivers it. Here removing
//!   nothing (`identity`) is a strong baseline, printed beside deboiler's figure.
//!
//! `--out DIR` writes the page predictions as `DIR/<dataset>/<id>.txt` for `score.py`.
//! `--worst N` lists the N worst page documents with what was lost and what was kept wrongly.
//! `--snippets DIR --out OUT` cleans `DIR/<id>.txt` into `OUT/<id>.txt` for
//! `shared/bench/snippets.py`. Without the corpus the example says so and exits cleanly.
//!
//! `--site-memory` scores cleaning with a [`SiteMemory`](deboiler::SiteMemory) too: the pages
//! of each dataset are grouped by the `site` field of its `manifest.jsonl` (a page without
//! one is a group of its own), and every page and cut page is cleaned three ways: without
//! memory, with the memory of all its site's pages (itself included: the batch form), and
//! leave-one-out (the memory of the site's *other* pages only). Cut pages learn from the
//! site's cut pages. `--set site_min_pages=N`, `--set site_min_share=X` and
//! `--set site_prose_share=X` change the memory's thresholds; `--site-lost N` prints up to N
//! gold lines the memory removed (leave-one-out, whole pages).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use deboiler::Cleaner;

/// `println!` that ends the program quietly when standard output is closed (`| head`).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

struct Args {
    corpus: PathBuf,
    out: Option<PathBuf>,
    worst: usize,
    worst_cut: bool,
    dataset: Option<String>,
    snippets: Option<PathBuf>,
    preset: deboiler::Preset,
    set: Vec<(String, f64)>,
    site_memory: bool,
    site_lost: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        corpus: PathBuf::from("../shared/corpus"),
        out: None,
        worst: 0,
        worst_cut: false,
        dataset: None,
        snippets: None,
        preset: deboiler::Preset::Balanced,
        set: Vec::new(),
        site_memory: false,
        site_lost: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--out" => args.out = Some(PathBuf::from(value("--out")?)),
            "--worst" => {
                args.worst = value("--worst")?
                    .parse()
                    .map_err(|e| format!("--worst: {e}"))?
            }
            "--worst-cut" => {
                args.worst_cut = true;
                args.worst = value("--worst-cut")?
                    .parse()
                    .map_err(|e| format!("--worst-cut: {e}"))?
            }
            "--preset" => {
                args.preset = match value("--preset")?.as_str() {
                    "precision" => deboiler::Preset::Precision,
                    "balanced" => deboiler::Preset::Balanced,
                    "recall" => deboiler::Preset::Recall,
                    other => return Err(format!("unknown preset {other:?}")),
                }
            }
            "--set" => {
                let kv = value("--set")?;
                let (k, v) = kv.split_once('=').ok_or("--set takes NAME=VALUE")?;
                let v = v.parse().map_err(|e| format!("--set {k}: {e}"))?;
                args.set.push((k.to_string(), v));
            }
            "--dataset" => args.dataset = Some(value("--dataset")?),
            "--site-memory" => args.site_memory = true,
            "--site-lost" => {
                args.site_lost = value("--site-lost")?
                    .parse()
                    .map_err(|e| format!("--site-lost: {e}"))?
            }
            "--snippets" => args.snippets = Some(PathBuf::from(value("--snippets")?)),
            "-h" | "--help" => {
                return Err(
                    "usage: evaluate [CORPUS] [--out DIR] [--worst N] [--dataset NAME] \
                            [--snippets DIR --out DIR] [--site-memory [--site-lost N]]"
                        .into(),
                );
            }
            other if !other.starts_with('-') => args.corpus = PathBuf::from(other),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut t = args.preset.thresholds();
    let mut site = deboiler::SiteThresholds::default();
    for (k, v) in &args.set {
        match k.as_str() {
            "site_min_pages" => site.min_pages = *v as u32,
            "site_min_share" => site.min_share = *v as f32,
            "site_prose_share" => site.prose_share = *v as f32,
            "article_probability" => t.article_probability = *v as f32,
            "min_page_blocks" => t.min_page_blocks = *v as u32,
            "phrase_coverage" => t.phrase_coverage = *v as f32,
            other => {
                eprintln!("unknown threshold {other:?}");
                std::process::exit(2);
            }
        }
    }
    let cleaner = Cleaner::builder()
        .thresholds(t)
        .build()
        .expect("options build");
    if let Some(dir) = &args.snippets {
        snippets(&cleaner, dir, args.out.as_deref());
        return;
    }
    if !args.corpus.is_dir() {
        outln!(
            "no corpus at {} (it lives in ../shared/corpus beside the project); nothing to evaluate",
            args.corpus.display()
        );
        return;
    }
    if args.site_memory {
        let site = match deboiler::SiteMemory::with_thresholds(site) {
            Ok(m) => m.thresholds(),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        evaluate_sites(&cleaner, &args, site);
        return;
    }
    evaluate(&cleaner, &args);
}

/// One document's counts, normalised as score.py does.
#[derive(Clone, Copy, Default)]
struct Counts {
    tp: f64,
    fp: f64,
    fn_: f64,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }
    fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// Python's `re.findall(r"\w+")`: runs of letters, digits and `_` (not combining marks).
fn tokens(text: &str) -> Vec<&str> {
    let is_word = |c: char| {
        c == '_' || (c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c))
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles(text: &str) -> HashMap<u64, i64> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    let n = 4.min(toks.len());
    for w in toks.windows(n) {
        let mut h = DefaultHasher::new();
        w.hash(&mut h);
        *out.entry(h.finish()).or_insert(0) += 1;
    }
    out
}

fn score(gold: &str, pred: &str) -> Counts {
    let g = shingles(gold);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += gc.min(pc);
        fn_ += (gc - pc).max(0);
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        fp += (pc - gc).max(0);
    }
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        return Counts::default();
    }
    Counts {
        tp: tp as f64 / s,
        fp: fp as f64 / s,
        fn_: fn_ as f64 / s,
    }
}

/// Precision, recall and F1 over documents, as score.py aggregates them.
fn aggregate(rows: &[Counts]) -> (f64, f64, f64) {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let p = mean(
        rows.iter()
            .filter(|c| c.tp + c.fp > 0.0)
            .map(Counts::precision)
            .collect(),
    );
    let r = mean(
        rows.iter()
            .filter(|c| c.tp + c.fn_ > 0.0)
            .map(Counts::recall)
            .collect(),
    );
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The page cut to the lines around its gold body: from three lines before the first line
/// that is also a gold line to three lines after the last one.
fn cut_to_gold(page: &str, gold: &str) -> Option<String> {
    let gold_lines: HashSet<&str> = gold
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lines: Vec<&str> = page.lines().collect();
    let hits: Vec<usize> = (0..lines.len())
        .filter(|&i| gold_lines.contains(lines[i].trim()))
        .collect();
    let (&first, &last) = (hits.first()?, hits.last()?);
    let from = first.saturating_sub(3);
    let to = (last + 4).min(lines.len());
    Some(lines[from..to].join("\n"))
}

struct Doc {
    dataset: String,
    id: String,
    /// The page's language from the dataset's `manifest.jsonl` (`?` when unknown).
    lang: String,
    page: Counts,
    /// The score `--worst` sorts by: page or cut mode.
    shown: Counts,
    cut: Option<(Counts, Counts)>,
    lost: Vec<String>,
    wrong: Vec<String>,
}

/// The corpus's dataset folders (only `--dataset`'s, if given), sorted.
fn datasets(args: &Args) -> Vec<PathBuf> {
    let mut datasets: Vec<PathBuf> = fs::read_dir(&args.corpus)
        .expect("corpus readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter(|p| {
            args.dataset
                .as_deref()
                .is_none_or(|d| p.file_name().is_some_and(|n| n == d))
        })
        .collect();
    datasets.sort();
    datasets
}

/// The ids of a dataset's pages that have a gold body (`<id>.gold.txt`), sorted.
fn gold_ids(dataset: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(dataset)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let f = e.file_name().to_string_lossy().to_string();
            f.strip_suffix(".gold.txt").map(str::to_string)
        })
        .collect();
    ids.sort();
    ids
}

fn evaluate(cleaner: &Cleaner, args: &Args) {
    let datasets = datasets(args);
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    let mut secs = 0f64;
    for ds in &datasets {
        let name = ds.file_name().unwrap().to_string_lossy().to_string();
        let ids = gold_ids(ds);
        let langs = manifest_languages(&ds.join("manifest.jsonl"));
        for id in ids {
            let page = read(&ds.join(format!("{id}.txt")));
            let gold = read(&ds.join(format!("{id}.gold.txt")));
            let start = Instant::now();
            let cleaned = cleaner.clean(&page);
            let pred = cleaned.text().into_owned();
            secs += start.elapsed().as_secs_f64();
            bytes += page.len();
            if let Some(out) = &args.out {
                let dir = out.join(&name);
                fs::create_dir_all(&dir).expect("output folder");
                fs::write(dir.join(format!("{id}.txt")), &pred).expect("prediction written");
            }
            let mut cut_pred = None;
            let cut = cut_to_gold(&page, &gold).map(|cut| {
                let ours = cleaner.clean(&cut).text().into_owned();
                let scores = (score(&gold, &cut), score(&gold, &ours));
                cut_pred = Some(ours);
                scores
            });
            let shown = if args.worst_cut {
                cut_pred.unwrap_or_default()
            } else {
                pred.clone()
            };
            let (lost, wrong) = if args.worst > 0 {
                diff_lines(&gold, &shown)
            } else {
                (Vec::new(), Vec::new())
            };
            let page_score = score(&gold, &pred);
            docs.push(Doc {
                dataset: name.clone(),
                lang: langs.get(&id).cloned().unwrap_or_else(|| "?".to_string()),
                id,
                shown: if args.worst_cut {
                    cut.map_or(page_score, |c| c.1)
                } else {
                    page_score
                },
                page: page_score,
                cut,
                lost,
                wrong,
            });
        }
    }
    report(&docs);
    report_languages(&docs);
    outln!(
        "\n{} documents, {:.1} MB cleaned in {:.2} s: {:.1} MB/s (page mode, one thread)",
        docs.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    if args.worst > 0 {
        worst(&docs, args.worst);
    }
}

/// `id` -> `lang` from a `manifest.jsonl`.
fn manifest_languages(path: &Path) -> HashMap<String, String> {
    manifest_field(path, "lang")
}

/// `id` -> `field` from a `manifest.jsonl`, read with plain string search (one JSON object a
/// line; the fields are simple strings; a line without the field, or with `null`, is left
/// out).
fn manifest_field(path: &Path, name: &str) -> HashMap<String, String> {
    let field = |line: &str, name: &str| -> Option<String> {
        let key = format!("\"{name}\": \"");
        let start = line.find(&key)? + key.len();
        let end = start + line[start..].find('"')?;
        Some(line[start..end].to_string())
    };
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Some((field(l, "id")?, field(l, name)?)))
        .collect()
}

/// Page-mode F1 per language, over all datasets (micro over documents).
fn report_languages(docs: &[Doc]) {
    let mut langs: Vec<&str> = docs.iter().map(|d| d.lang.as_str()).collect();
    langs.sort_unstable();
    langs.dedup();
    outln!(
        "\n{:<8} {:>5} | {:>6} {:>6} {:>6}",
        "lang",
        "n",
        "P",
        "R",
        "F1"
    );
    for lang in langs {
        let rows: Vec<Counts> = docs
            .iter()
            .filter(|d| d.lang == lang)
            .map(|d| d.page)
            .collect();
        let (p, r, f) = aggregate(&rows);
        outln!("{lang:<8} {:>5} | {p:>6.3} {r:>6.3} {f:>6.3}", rows.len());
    }
}

fn report(docs: &[Doc]) {
    outln!(
        "{:<16} {:>5} | {:>6} {:>6} {:>6} | {:>8} {:>8} {:>6}",
        "dataset",
        "n",
        "P",
        "R",
        "F1",
        "cut:id",
        "cut:ours",
        "delta"
    );
    let names: Vec<String> = {
        let mut v: Vec<String> = docs.iter().map(|d| d.dataset.clone()).collect();
        v.dedup();
        v
    };
    let mut macro_page = [0.0; 3];
    let mut macro_cut = [0.0; 2];
    for name in &names {
        let ds: Vec<&Doc> = docs.iter().filter(|d| &d.dataset == name).collect();
        let page: Vec<Counts> = ds.iter().map(|d| d.page).collect();
        let (p, r, f) = aggregate(&page);
        let cut_id: Vec<Counts> = ds.iter().filter_map(|d| d.cut.map(|c| c.0)).collect();
        let cut_ours: Vec<Counts> = ds.iter().filter_map(|d| d.cut.map(|c| c.1)).collect();
        let (ci, co) = (aggregate(&cut_id).2, aggregate(&cut_ours).2);
        outln!(
            "{:<16} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>8.3} {:>8.3} {:>+6.3}",
            name,
            ds.len(),
            p,
            r,
            f,
            ci,
            co,
            co - ci
        );
        for (m, v) in macro_page.iter_mut().zip([p, r, f]) {
            *m += v / names.len() as f64;
        }
        macro_cut[0] += ci / names.len() as f64;
        macro_cut[1] += co / names.len() as f64;
    }
    outln!(
        "{:<16} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>8.3} {:>8.3} {:>+6.3}",
        "MACRO",
        docs.len(),
        macro_page[0],
        macro_page[1],
        macro_page[2],
        macro_cut[0],
        macro_cut[1],
        macro_cut[1] - macro_cut[0]
    );
}

/// Gold lines missing from the prediction, and predicted lines not in the gold.
fn diff_lines(gold: &str, pred: &str) -> (Vec<String>, Vec<String>) {
    let g: HashSet<&str> = gold
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let p: HashSet<&str> = pred
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lost = gold
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !p.contains(l))
        .map(str::to_string)
        .collect();
    let wrong = pred
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !g.contains(l))
        .map(str::to_string)
        .collect();
    (lost, wrong)
}

fn worst(docs: &[Doc], n: usize) {
    let mut order: Vec<&Doc> = docs.iter().collect();
    order.sort_by(|a, b| a.shown.f1().total_cmp(&b.shown.f1()));
    for d in order.into_iter().take(n) {
        outln!(
            "\n## {}/{}  P {:.2} R {:.2} F1 {:.2}",
            d.dataset,
            d.id,
            d.shown.precision(),
            d.shown.recall(),
            d.shown.f1()
        );
        for (label, lines) in [("lost", &d.lost), ("kept wrongly", &d.wrong)] {
            if lines.is_empty() {
                continue;
            }
            outln!("  {label} ({} lines):", lines.len());
            for l in lines.iter().take(6) {
                let short: String = l.chars().take(110).collect();
                outln!("    | {short}");
            }
        }
    }
}

fn snippets(cleaner: &Cleaner, dir: &Path, out: Option<&Path>) {
    let Some(out) = out else {
        eprintln!("--snippets needs --out DIR for the predictions");
        std::process::exit(2);
    };
    if !dir.is_dir() {
        outln!("no snippets at {}; nothing to clean", dir.display());
        return;
    }
    fs::create_dir_all(out).expect("output folder");
    let mut n = 0;
    for entry in fs::read_dir(dir).expect("snippets readable").flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".txt") {
            continue;
        }
        let page = read(&path);
        fs::write(out.join(&name), cleaner.clean(&page).text().as_bytes()).expect("written");
        n += 1;
    }
    outln!(
        "{n} pages cleaned into {}; score with python3 ../shared/bench/snippets.py {} {}",
        out.display(),
        out.display(),
        dir.display()
    );
}

/// Page and cut scores of one dataset cleaned three ways: without memory, with the memory of
/// the whole site, leave-one-out.
#[derive(Default)]
struct SiteScores {
    page: [Vec<Counts>; 3],
    cut: [Vec<Counts>; 3],
    /// Pages alone on their site whose output changed with the memory (must stay 0).
    single_changed: usize,
    singles: usize,
}

fn evaluate_sites(cleaner: &Cleaner, args: &Args, thresholds: deboiler::SiteThresholds) {
    use deboiler::SiteMemory;
    let datasets = datasets(args);
    let learn = |pages: &mut dyn Iterator<Item = &str>| {
        let mut m = SiteMemory::with_thresholds(thresholds).expect("checked");
        for p in pages {
            m.observe(cleaner, p);
        }
        m
    };
    let mut rows = Vec::new();
    let mut lost = Vec::new();
    let (mut clean_secs, mut site_secs, mut bytes) = (0f64, 0f64, 0usize);
    for ds in &datasets {
        let name = ds.file_name().unwrap().to_string_lossy().to_string();
        let ids = gold_ids(ds);
        let sites = manifest_field(&ds.join("manifest.jsonl"), "site");
        let pages: Vec<String> = ids
            .iter()
            .map(|id| read(&ds.join(format!("{id}.txt"))))
            .collect();
        let golds: Vec<String> = ids
            .iter()
            .map(|id| read(&ds.join(format!("{id}.gold.txt"))))
            .collect();
        let cuts: Vec<Option<String>> = pages
            .iter()
            .zip(&golds)
            .map(|(p, g)| cut_to_gold(p, g))
            .collect();
        // Groups in first-seen order; a page without a site is a group of its own.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        for (k, id) in ids.iter().enumerate() {
            let key = sites
                .get(id)
                .cloned()
                .unwrap_or_else(|| format!("\u{0}{id}"));
            let g = *group_of.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(k);
        }
        let mut s = SiteScores::default();
        for group in &groups {
            // Whole pages.
            let start = Instant::now();
            let full = learn(&mut group.iter().map(|&k| pages[k].as_str()));
            let mut with_memory = Vec::new();
            for &k in group {
                with_memory.push(cleaner.clean_with(&full, &pages[k]).text().into_owned());
            }
            site_secs += start.elapsed().as_secs_f64();
            for (&k, with) in group.iter().zip(&with_memory) {
                let start = Instant::now();
                let none = cleaner.clean(&pages[k]).text().into_owned();
                clean_secs += start.elapsed().as_secs_f64();
                bytes += pages[k].len();
                let others = learn(
                    &mut group
                        .iter()
                        .filter(|&&j| j != k)
                        .map(|&j| pages[j].as_str()),
                );
                let loo = cleaner.clean_with(&others, &pages[k]);
                if lost.len() < args.site_lost {
                    let gold: HashSet<&str> = golds[k].lines().map(str::trim).collect();
                    for r in loo.removals() {
                        if r.reason().name() == "repeated_on_site" && gold.contains(r.text()) {
                            lost.push(format!("{name}/{} {}: {}", ids[k], r.reason(), r.text()));
                        }
                    }
                }
                let loo = loo.text().into_owned();
                if group.len() == 1 {
                    s.singles += 1;
                    s.single_changed += usize::from(*with != none);
                }
                for (m, pred) in [&none, with, &loo].into_iter().enumerate() {
                    s.page[m].push(score(&golds[k], pred));
                }
            }
            // Cut pages: the memory learns from the site's cut pages.
            let cut_group: Vec<usize> = group
                .iter()
                .copied()
                .filter(|&k| cuts[k].is_some())
                .collect();
            let cut = |k: usize| cuts[k].as_deref().expect("filtered");
            let full = learn(&mut cut_group.iter().map(|&k| cut(k)));
            for &k in &cut_group {
                let others = learn(&mut cut_group.iter().filter(|&&j| j != k).map(|&j| cut(j)));
                let preds = [
                    cleaner.clean(cut(k)).text().into_owned(),
                    cleaner.clean_with(&full, cut(k)).text().into_owned(),
                    cleaner.clean_with(&others, cut(k)).text().into_owned(),
                ];
                for (m, pred) in preds.iter().enumerate() {
                    s.cut[m].push(score(&golds[k], pred));
                }
            }
        }
        rows.push((name, ids.len(), groups.len(), s));
    }
    outln!(
        "site memory: min_pages {}, min_share {}, prose_share {}",
        thresholds.min_pages,
        thresholds.min_share,
        thresholds.prose_share
    );
    outln!(
        "{:<16} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {}",
        "dataset",
        "n",
        "sites",
        "page:-",
        "site",
        "loo",
        "cut:-",
        "site",
        "loo",
        "one-page sites changed"
    );
    let mut macro_ = [0.0f64; 6];
    for (name, n, sites, s) in &rows {
        let f: Vec<f64> = s
            .page
            .iter()
            .chain(&s.cut)
            .map(|c| aggregate(c).2)
            .collect();
        for (m, v) in macro_.iter_mut().zip(&f) {
            *m += v / rows.len() as f64;
        }
        outln!(
            "{:<16} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {} of {}",
            name,
            n,
            sites,
            f[0],
            f[1],
            f[2],
            f[3],
            f[4],
            f[5],
            s.single_changed,
            s.singles
        );
    }
    outln!(
        "{:<16} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} |",
        "MACRO",
        rows.iter().map(|r| r.1).sum::<usize>(),
        rows.iter().map(|r| r.2).sum::<usize>(),
        macro_[0],
        macro_[1],
        macro_[2],
        macro_[3],
        macro_[4],
        macro_[5]
    );
    outln!(
        "\nwhole pages, one thread: clean {:.1} MB/s; learn the site's memory and clean with it {:.1} MB/s",
        bytes as f64 / 1e6 / clean_secs.max(1e-9),
        bytes as f64 / 1e6 / site_secs.max(1e-9)
    );
    for l in &lost {
        let short: String = l.chars().take(160).collect();
        outln!("lost: {short}");
    }
}

fn read(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}
