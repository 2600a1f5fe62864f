//! Runs every `fixtures/<case>/input.txt` through the public API and compares the body with
//! `expected.txt` and the removals with `removals.txt` (one `Display` line per removal).
//!
//! Every mismatch is reported (given / expected / got) before the test fails. With
//! `DEBOILER_BLESS=1` the runner rewrites `expected.txt` and `removals.txt` from what the
//! cleaner produces, for review with `git diff`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut cases: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.join("input.txt").is_file())
        .collect();
    cases.sort();
    cases
}

/// What the stdin example prints: the body and one final newline, or nothing.
fn body(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn fixtures() {
    let cleaner = deboiler::Cleaner::builder().build().unwrap();
    let bless = std::env::var_os("DEBOILER_BLESS").is_some_and(|v| v == "1");
    let cases = cases();
    assert!(!cases.is_empty(), "no fixture found under fixtures/");
    let mut failures = String::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy();
        let input = fs::read_to_string(case.join("input.txt")).unwrap();
        let cleaned = cleaner.clean(&input);
        let got_body = body(&cleaned.text());
        let got_removals: String = cleaned
            .removals()
            .iter()
            .map(|r| format!("{r}\n"))
            .collect();
        if bless {
            fs::write(case.join("expected.txt"), &got_body).unwrap();
            fs::write(case.join("removals.txt"), &got_removals).unwrap();
            continue;
        }
        let want_body = read(&case.join("expected.txt"));
        if got_body != want_body {
            let _ = write!(
                failures,
                "\n=== {name}: body differs\n--- given\n{input}\n--- expected\n{want_body}\n--- got\n{got_body}\n"
            );
        }
        let want_removals = read(&case.join("removals.txt"));
        if got_removals != want_removals {
            let _ = write!(
                failures,
                "\n=== {name}: removals differ\n--- expected\n{want_removals}--- got\n{got_removals}"
            );
        }
    }
    assert!(failures.is_empty(), "{failures}");
    eprintln!("{} fixtures checked", cases.len());
}
