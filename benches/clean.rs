//! End-to-end throughput of `Cleaner::clean` on the fixtures, on a larger synthetic page,
//! and on the dev corpus documents one by one when `../shared/corpus` is present, with and
//! without the language work (to read its share of the pipeline's time), and with the
//! normaliser on and off; and `clean_batch` against one document at a time (run with
//! `--features parallel` for the parallel batch). Per-stage figures: `benches/stages.rs`.

use std::hint::black_box;
use std::path::Path;

mod common;
use common::fixture;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use deboiler::Cleaner;

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

fn bench(c: &mut Criterion) {
    let cleaner = Cleaner::builder().build().unwrap();
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

    // The dev corpus, one document at a time as users clean them; and the same with the
    // language work off (article language fixed, no foreign check) and with the normaliser
    // off, to read their shares.
    let corpus = corpus_pages();
    if corpus.is_empty() {
        return;
    }
    let without_language = Cleaner::builder()
        .language("eng")
        .remove_foreign(false)
        .build()
        .unwrap();
    let mut group = c.benchmark_group("corpus");
    for (name, docs) in &corpus {
        let bytes: usize = docs.iter().map(String::len).sum();
        let removed: usize = docs.iter().map(|d| cleaner.clean(d).removals().len()).sum();
        assert!(removed > docs.len(), "{name}: every page has furniture");
        group.throughput(Throughput::Bytes(bytes as u64));
        for (variant, c) in [
            ("default", &cleaner),
            ("no-language", &without_language),
            ("no-normalize", &without_normalize),
        ] {
            group.bench_function(format!("{name}/{variant}"), |b| {
                b.iter(|| {
                    for d in docs {
                        black_box(c.clean(black_box(d)));
                    }
                })
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
