//! Site memory through the public API: the five-page site in `fixtures/site-riverside/`
//! (each page cleaned with the memory learned from all five, against `pageN.expected.txt`
//! and `pageN.removals.txt`; `DEBOILER_BLESS=1` rewrites them), what the memory must remove
//! and keep there, and the promise that an empty or one-page memory changes nothing, on
//! every fixture and, when `../shared/corpus` is present, on the dev corpus.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use deboiler::{Cleaner, Reason, SiteMemory, SiteThresholds};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The site's pages, in order.
fn site_pages() -> Vec<String> {
    let dir = root().join("site-riverside");
    let pages: Vec<String> = (1..)
        .map(|k| dir.join(format!("page{k}.txt")))
        .take_while(|p| p.is_file())
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(pages.len(), 5, "fixtures/site-riverside holds five pages");
    pages
}

/// What the stdin example prints: the body and one final newline, or nothing.
fn body(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    }
}

const NEWSLETTER: &str = "Every weekday morning our editors pick the five stories";
const FOOTER: [&str; 2] = [
    "The Riverside Gazette is published by Riverside Community Media",
    "We welcome corrections and tips from readers",
];
const QUOTE: &str = "“We will not let the old bridge fall into the river while I am mayor,”";

#[test]
fn the_site_fixture_comes_out_as_expected() {
    let cleaner = Cleaner::builder().build().unwrap();
    let pages = site_pages();
    let memory = SiteMemory::learn(&cleaner, pages.iter().map(String::as_str));
    let dir = root().join("site-riverside");
    let bless = std::env::var_os("DEBOILER_BLESS").is_some_and(|v| v == "1");
    let mut failures = String::new();
    for (k, page) in pages.iter().enumerate() {
        let cleaned = cleaner.clean_with(&memory, page);
        let got_body = body(&cleaned.text());
        let got_removals: String = cleaned
            .removals()
            .iter()
            .map(|r| format!("{r}\n"))
            .collect();
        let (body_path, removals_path) = (
            dir.join(format!("page{}.expected.txt", k + 1)),
            dir.join(format!("page{}.removals.txt", k + 1)),
        );
        if bless {
            fs::write(&body_path, &got_body).unwrap();
            fs::write(&removals_path, &got_removals).unwrap();
            continue;
        }
        let want_body = fs::read_to_string(&body_path).unwrap_or_default();
        let want_removals = fs::read_to_string(&removals_path).unwrap_or_default();
        if got_body != want_body {
            let _ = write!(
                failures,
                "\n=== page{}: body differs\n--- expected\n{want_body}\n--- got\n{got_body}\n",
                k + 1
            );
        }
        if got_removals != want_removals {
            let _ = write!(
                failures,
                "\n=== page{}: removals differ\n--- expected\n{want_removals}--- got\n{got_removals}",
                k + 1
            );
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn the_memory_removes_the_site_furniture_and_keeps_the_quote() {
    let cleaner = Cleaner::builder().build().unwrap();
    let pages = site_pages();
    let memory = SiteMemory::learn(&cleaner, pages.iter().map(String::as_str));
    assert_eq!(memory.pages(), 5);
    for (k, page) in pages.iter().enumerate() {
        let without = cleaner.clean(page);
        let with = cleaner.clean_with(&memory, page);
        let text = with.text();
        for furniture in FOOTER.iter().chain([&NEWSLETTER]) {
            assert!(
                !text.contains(furniture),
                "page{}: {furniture:?} kept",
                k + 1
            );
            let removal = with
                .removals()
                .iter()
                .find(|r| r.text().starts_with(furniture))
                .unwrap_or_else(|| panic!("page{}: no removal of {furniture:?}", k + 1));
            assert_eq!(
                removal.reason(),
                &Reason::RepeatedOnSite { pages: 5, of: 5 },
                "page{}",
                k + 1
            );
        }
        // The page alone keeps the newsletter and the footer: only the site shows them.
        assert!(without.text().contains(NEWSLETTER), "page{}", k + 1);
        assert!(without.text().contains(FOOTER[0]), "page{}", k + 1);
        // The quoted sentence stays on both pages that print it.
        if page.contains(QUOTE) {
            assert!(text.contains(QUOTE), "page{}: the quote was removed", k + 1);
        }
        // Nothing the page alone kept is lost but what the memory removed.
        let kept: Vec<&str> = with.paragraphs().iter().map(|p| p.as_ref()).collect();
        for p in without.paragraphs() {
            assert!(
                kept.contains(&p.as_ref())
                    || with
                        .removals()
                        .iter()
                        .any(|r| r.text() == p.as_ref() && r.reason().name() == "repeated_on_site"),
                "page{}: {p:?}",
                k + 1
            );
        }
    }
    assert_eq!(pages.iter().filter(|p| p.contains(QUOTE)).count(), 2);
}

/// With the quote over the count and share thresholds (two pages of five), the page's own
/// evidence keeps it: it reads as a body paragraph the article model is sure of, and it is
/// not on most of the site's pages.
#[test]
fn the_page_keeps_its_prose_when_the_site_repeats_it_on_few_pages() {
    let cleaner = Cleaner::builder().build().unwrap();
    let pages = site_pages();
    let t = SiteThresholds {
        min_pages: 2,
        min_share: 0.2,
        ..SiteThresholds::default()
    };
    let mut memory = SiteMemory::with_thresholds(t).unwrap();
    for p in &pages {
        memory.observe(&cleaner, p);
    }
    let quote_line = pages[0].lines().find(|l| l.starts_with(QUOTE)).unwrap();
    assert_eq!(memory.pages_with(quote_line), 2);
    for page in pages.iter().filter(|p| p.contains(QUOTE)) {
        assert!(cleaner.clean_with(&memory, page).text().contains(QUOTE));
    }
    // Over most pages, the same line would go: prose_share 0.3 puts two of five over it.
    let strict = SiteThresholds {
        prose_share: 0.3,
        ..t
    };
    let mut memory = SiteMemory::with_thresholds(strict).unwrap();
    for p in &pages {
        memory.observe(&cleaner, p);
    }
    assert!(
        !cleaner
            .clean_with(&memory, &pages[0])
            .text()
            .contains(QUOTE)
    );
}

#[test]
fn learning_is_order_free_and_observing_or_merging_is_learning() {
    let cleaner = Cleaner::builder().build().unwrap();
    let pages = site_pages();
    let forward = SiteMemory::learn(&cleaner, pages.iter().map(String::as_str));
    let backward = SiteMemory::learn(&cleaner, pages.iter().rev().map(String::as_str));
    let mut observed = SiteMemory::new();
    for k in [2, 0, 4, 1, 3] {
        observed.observe(&cleaner, &pages[k]);
    }
    // Learned in two parts, on two threads say, and merged.
    let mut merged = SiteMemory::learn(&cleaner, [pages[3].as_str(), pages[1].as_str()]);
    merged.merge(SiteMemory::learn(
        &cleaner,
        [pages[4].as_str(), pages[0].as_str(), pages[2].as_str()],
    ));
    for m in [&backward, &observed, &merged] {
        assert_eq!(m.pages(), forward.pages());
        assert_eq!(m.distinct_lines(), forward.distinct_lines());
        for page in &pages {
            for line in page.lines() {
                assert_eq!(m.pages_with(line), forward.pages_with(line), "{line:?}");
            }
            let a = cleaner.clean_with(&forward, page);
            let b = cleaner.clean_with(m, page);
            assert_eq!(a.text(), b.text());
            assert_eq!(a.removals(), b.removals());
        }
    }
}

/// Every text cleaned with an empty memory, and with a memory of itself alone, comes out
/// exactly as without a memory: body and removals.
fn unchanged_without_a_site(cleaner: &Cleaner, name: &str, text: &str) {
    let plain = cleaner.clean(text);
    let empty = cleaner.clean_with(&SiteMemory::new(), text);
    let itself = SiteMemory::learn(cleaner, [text]);
    let alone = cleaner.clean_with(&itself, text);
    for other in [&empty, &alone] {
        assert_eq!(other.text(), plain.text(), "{name}");
        assert_eq!(other.removals(), plain.removals(), "{name}");
    }
}

#[test]
fn an_empty_or_one_page_memory_changes_nothing_on_the_fixtures() {
    let cleaner = Cleaner::builder().build().unwrap();
    let mut n = 0;
    for entry in fs::read_dir(root()).unwrap().flatten() {
        let dir = entry.path();
        for file in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = file.path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            // Each fixture's input, and each page of the site.
            let page = name.starts_with("page") && name.split('.').count() == 2;
            if name == "input.txt" || page {
                let text = fs::read_to_string(&path).unwrap();
                unchanged_without_a_site(&cleaner, &path.display().to_string(), &text);
                n += 1;
            }
        }
    }
    assert!(n >= 20, "{n} fixtures");
}

/// The same on the dev corpus when it is present (every page in release builds, every
/// twentieth in debug ones).
#[test]
fn an_empty_or_one_page_memory_changes_nothing_on_the_dev_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(datasets) = fs::read_dir(&corpus) else {
        eprintln!("no dev corpus at {}; skipped", corpus.display());
        return;
    };
    let step = if cfg!(debug_assertions) { 20 } else { 1 };
    let cleaner = Cleaner::builder().build().unwrap();
    for ds in datasets.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let mut files: Vec<PathBuf> = fs::read_dir(&ds)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let n = p.to_string_lossy();
                n.ends_with(".txt") && !n.ends_with(".gold.txt")
            })
            .collect();
        files.sort();
        for path in files.iter().step_by(step) {
            let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
            unchanged_without_a_site(&cleaner, &path.display().to_string(), &text);
        }
    }
}
