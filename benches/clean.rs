//! End-to-end throughput of `Cleaner::clean` on the fixtures, on a larger synthetic page,
//! and on the dev corpus documents one by one when `../shared/corpus` is present, with and
//! without the language work (to read its share of the pipeline's time: each page cleaned with
//! the language detection finds for it given, and no foreign check), and with the normaliser
//! on and off; and `clean_batch` against one document at a time (run with
//! `--features parallel` for the parallel batch). Per-stage figures: `benches/stages.rs`.
//!
//! `site/…`: a site's pages cleaned alone (`clean`) against learning the site's memory from
//! them and cleaning each with it (`learn-and-clean`): the five-page fixture site, and the
//! dev corpus grouped by the `site` field of its manifests when it is present.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;

mod common;
use common::fixture;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use deboiler::{Cleaner, SiteMemory};

/// A page of about 1 MB: the seed articles with their cruft, repeated with menu lines between.
fn large_page() -> String {
    let menu = "Home\nNews\nSport\nWeather\nBusiness\nCulture\nContact us\nPrivacy Policy\n";
    let mut page = String::new();
    while page.len() < 1_000_000 {
        page.push_str(menu);
        page.push_str(&fixture("novaya-drones"));
        page.push('\n');
        page.push_str(&fixture("euromaidan-sanctions"));
        page.push('\n');
    }
    page
}

/// The dev corpus pages per dataset (empty when the corpus is absent).
fn corpus_pages() -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for dir in dirs.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let mut docs = Vec::new();
        for f in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = f.file_name().to_string_lossy().to_string();
            if name.ends_with(".txt") && !name.ends_with(".gold.txt") {
                docs.push(std::fs::read_to_string(f.path()).unwrap_or_default());
            }
        }
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        out.push((name, docs));
    }
    out.sort();
    out
}

/// The pages of the fixture site.
fn fixture_site() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/site-riverside");
    (1..=5)
        .map(|k| std::fs::read_to_string(dir.join(format!("page{k}.txt"))).unwrap())
        .collect()
}

/// The dev corpus pages grouped by site (the `site` field of each dataset's manifest; a page
/// without one is a site of its own); empty when the corpus is absent.
fn corpus_sites() -> Vec<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return Vec::new();
    };
    let field = |line: &str, name: &str| -> Option<String> {
        let key = format!("\"{name}\": \"");
        let start = line.find(&key)? + key.len();
        let end = start + line[start..].find('"')?;
        Some(line[start..end].to_string())
    };
    let mut sites: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut dirs: Vec<_> = dirs
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).unwrap_or_default();
        for line in manifest.lines() {
            let Some(id) = field(line, "id") else {
                continue;
            };
            let Ok(page) = std::fs::read_to_string(dir.join(format!("{id}.txt"))) else {
                continue;
            };
            let site = field(line, "site").unwrap_or_else(|| format!("#{id}"));
            let key = format!("{}/{site}", dir.display());
            sites.entry(key).or_default().push(page);
        }
    }
    sites.into_values().collect()
}

/// A site's pages cleaned alone, and with the memory learned from them.
fn bench_sites(c: &mut Criterion, cleaner: &Cleaner) {
    let mut group = c.benchmark_group("site");
    let mut inputs = vec![("fixture", vec![fixture_site()])];
    let corpus = corpus_sites();
    if !corpus.is_empty() {
        inputs.push(("corpus", corpus));
    }
    for (name, sites) in &inputs {
        // Check before timing: the memory removes lines the pages alone keep.
        let repeated: usize = sites
            .iter()
            .map(|pages| {
                let memory = SiteMemory::learn(cleaner, pages.iter().map(String::as_str));
                pages
                    .iter()
                    .flat_map(|p| cleaner.clean_with(&memory, p).removals().to_vec())
                    .filter(|r| r.reason().name() == "repeated_on_site")
                    .count()
            })
            .sum();
        assert!(repeated > 0, "{name}: the memory removes something");
        let bytes: usize = sites.iter().flatten().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{name}/clean"), |b| {
            b.iter(|| {
                for page in sites.iter().flatten() {
                    black_box(cleaner.clean(black_box(page)));
                }
            })
        });
        group.bench_function(format!("{name}/learn"), |b| {
            b.iter(|| {
                for pages in sites {
                    black_box(SiteMemory::learn(cleaner, pages.iter().map(String::as_str)));
                }
            })
        });
        group.bench_function(format!("{name}/learn-and-clean"), |b| {
            b.iter(|| {
                for pages in sites {
                    let memory = SiteMemory::learn(cleaner, pages.iter().map(String::as_str));
                    for page in pages {
                        black_box(cleaner.clean_with(&memory, black_box(page)));
                    }
                }
            })
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    let cleaner = Cleaner::builder().build().unwrap();
    bench_sites(c, &cleaner);
    let mut group = c.benchmark_group("clean");
    let inputs = [
        ("novaya-drones", fixture("novaya-drones")),
        ("euromaidan-sanctions", fixture("euromaidan-sanctions")),
        ("large-1mb", large_page()),
    ];
    for (name, text) in &inputs {
        // Check before timing: every input here has something to remove.
        assert!(!cleaner.clean(text).removals().is_empty(), "{name}");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| b.iter(|| cleaner.clean(black_box(text))));
    }
    group.finish();

    // The normaliser's share: the same pages with every normalising rule off.
    let without_normalize = Cleaner::builder()
        .remove_citations(false)
        .repair_mojibake(false)
        .decode_entities(false)
        .remove_invisible(false)
        .remove_controls(false)
        .tidy_spaces(false)
        .unwrap_lines(false)
        .build()
        .unwrap();
    let mut group = c.benchmark_group("normalize");
    let (name, text) = &inputs[2];
    group.throughput(Throughput::Bytes(text.len() as u64));
    for (variant, c) in [("on", &cleaner), ("off", &without_normalize)] {
        assert!(!c.clean(text).removals().is_empty(), "{name}");
        group.bench_function(format!("{name}/{variant}"), |b| {
            b.iter(|| c.clean(black_box(text)))
        });
    }
    group.finish();

    // Many documents: one after another, and through `clean_batch` (on rayon's pool with
    // `--features parallel`; compare the two to read the speed-up on this machine's cores).
    let mut docs: Vec<String> = corpus_pages().into_iter().flat_map(|(_, d)| d).collect();
    if docs.is_empty() {
        docs = (0..400)
            .map(|i| {
                let name = ["novaya-drones", "euromaidan-sanctions"][i % 2];
                format!("Home\nNews\nSport\n{}\n© 2024 Example {i}\n", fixture(name))
            })
            .collect();
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let one: Vec<_> = docs.iter().map(|d| cleaner.clean(d).text().len()).collect();
    let batch: Vec<_> = cleaner
        .clean_batch(&docs)
        .iter()
        .map(|c| c.text().len())
        .collect();
    assert_eq!(one, batch, "the batch gives what one at a time gives");
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("one-at-a-time", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(cleaner.clean(black_box(d)));
            }
        })
    });
    let name = if cfg!(feature = "parallel") {
        "clean_batch-parallel"
    } else {
        "clean_batch-sequential"
    };
    group.bench_function(name, |b| {
        b.iter(|| black_box(cleaner.clean_batch(black_box(&docs))))
    });
    group.finish();

    // The dev corpus, one document at a time as users clean them; and the same without the
    // language work (each page cleaned by a cleaner given the language detection finds for it,
    // with no foreign check: everything else does the same work) and with the normaliser off,
    // to read their shares.
    let corpus = corpus_pages();
    if corpus.is_empty() {
        return;
    }
    let mut given: HashMap<&'static str, Cleaner> = HashMap::new();
    let no_foreign = Cleaner::builder().remove_foreign(false).build().unwrap();
    let mut group = c.benchmark_group("corpus");
    for (name, docs) in &corpus {
        let bytes: usize = docs.iter().map(String::len).sum();
        let mut removed = 0;
        let mut languages = Vec::with_capacity(docs.len());
        for d in docs {
            let cleaned = cleaner.clean(d);
            removed += cleaned.removals().len();
            let code = cleaned.language().map(|l| l.code());
            if let Some(code) = code {
                given.entry(code).or_insert_with(|| {
                    let c = Cleaner::builder().language(code).remove_foreign(false);
                    c.build().unwrap()
                });
            }
            languages.push(code);
        }
        assert!(removed > docs.len(), "{name}: every page has furniture");
        // The language-given cleaners build their phrase automata before timing.
        let given_for: Vec<&Cleaner> = languages
            .iter()
            .map(|l| l.map_or(&no_foreign, |code| &given[code]))
            .collect();
        for (d, c) in docs.iter().zip(&given_for) {
            black_box(c.clean(d));
        }
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{name}/default"), |b| {
            b.iter(|| {
                for d in docs {
                    black_box(cleaner.clean(black_box(d)));
                }
            })
        });
        group.bench_function(format!("{name}/language-given"), |b| {
            b.iter(|| {
                for (d, c) in docs.iter().zip(&given_for) {
                    black_box(c.clean(black_box(d)));
                }
            })
        });
        group.bench_function(format!("{name}/no-normalize"), |b| {
            b.iter(|| {
                for d in docs {
                    black_box(without_normalize.clean(black_box(d)));
                }
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
