//! Throughput of each stage of the pipeline on its own (`cargo bench --features stages --bench
//! stages`): segmenting, the document language, the feature pass (which also finds the
//! phrases, from their anchor words), the rules (with and without the foreign-language check) and assembling the output (the
//! normaliser). Each stage is timed on the outputs of the stages before it, computed
//! outside the timed loop. Inputs: the dev corpus documents one at a time when
//! `../shared/corpus` is present, and a 10 MB synthetic text built here.

use std::hint::black_box;
use std::path::Path;

mod common;
use common::fixture;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use deboiler::{Cleaner, stages};

/// About 10 MB of pages, each a seed article with a menu, a cookie line and a footer, as
/// separate documents of 3-5 KB.
fn synthetic_docs() -> Vec<String> {
    let articles = [fixture("novaya-drones"), fixture("euromaidan-sanctions")];
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < 10_000_000 {
        let doc = format!(
            "Home\nNews\nSport\nWeather\nBusiness\nCulture\nOpinion\n{}\nWe use cookies to improve \
             your experience.\nPrivacy Policy · Terms of use\n© 2024 Example Media {i}\n",
            articles[i % 2]
        );
        total += doc.len();
        docs.push(doc);
        i += 1;
    }
    docs
}

fn corpus_docs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return Vec::new();
    };
    let mut docs = Vec::new();
    for dir in dirs.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        for f in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = f.file_name().to_string_lossy().to_string();
            if name.ends_with(".txt") && !name.ends_with(".gold.txt") {
                docs.push(std::fs::read_to_string(f.path()).unwrap_or_default());
            }
        }
    }
    docs
}

fn bench_set(c: &mut Criterion, set: &str, docs: &[String]) {
    let cleaner = Cleaner::builder().build().unwrap();
    let no_foreign = Cleaner::builder().remove_foreign(false).build().unwrap();
    let bytes: usize = docs.iter().map(String::len).sum();
    let blocks: Vec<_> = docs.iter().map(|d| stages::segment(&cleaner, d)).collect();
    let langs: Vec<_> = docs
        .iter()
        .zip(&blocks)
        .map(|(d, b)| stages::language(&cleaner, d, b))
        .collect();
    let analysed: Vec<_> = docs.iter().map(|d| stages::analyse(&cleaner, d)).collect();
    let verdicts: Vec<_> = docs
        .iter()
        .zip(&analysed)
        .map(|(d, a)| stages::classify(&cleaner, d, a))
        .collect();
    // Checked before timing: the stages reproduce `clean`, and find what they should.
    for (i, d) in docs.iter().enumerate() {
        let whole = cleaner.clean(d);
        let staged = stages::assemble(&cleaner, d, &analysed[i], &verdicts[i]);
        assert_eq!(staged.text(), whole.text(), "{set} document {i}");
    }
    let with_hits: usize = (0..docs.len())
        .map(|i| stages::features(&cleaner, &docs[i], &blocks[i], langs[i]).1)
        .sum();
    assert!(
        with_hits >= docs.len(),
        "{set}: every page has a furniture phrase"
    );

    let mut group = c.benchmark_group(format!("stages/{set}"));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("1-segment", |b| {
        b.iter(|| {
            for d in docs {
                black_box(stages::segment(&cleaner, black_box(d)));
            }
        })
    });
    group.bench_function("2-language", |b| {
        b.iter(|| {
            for (d, bl) in docs.iter().zip(&blocks) {
                black_box(stages::language(&cleaner, black_box(d), bl));
            }
        })
    });
    group.bench_function("3-features-and-phrases", |b| {
        b.iter(|| {
            for i in 0..docs.len() {
                black_box(stages::features(&cleaner, &docs[i], &blocks[i], langs[i]));
            }
        })
    });
    for (name, c) in [
        ("4-classify", &cleaner),
        ("4-classify-no-foreign", &no_foreign),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for (d, a) in docs.iter().zip(&analysed) {
                    black_box(stages::classify(c, d, a));
                }
            })
        });
    }
    group.bench_function("5-assemble-normalize", |b| {
        b.iter(|| {
            for i in 0..docs.len() {
                black_box(stages::assemble(
                    &cleaner,
                    &docs[i],
                    &analysed[i],
                    &verdicts[i],
                ));
            }
        })
    });
    group.bench_function("all", |b| {
        b.iter(|| {
            for d in docs {
                black_box(cleaner.clean(black_box(d)));
            }
        })
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    bench_set(c, "synthetic-10mb", &synthetic_docs());
    let corpus = corpus_docs();
    if !corpus.is_empty() {
        bench_set(c, "corpus", &corpus);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
