//! The `deboiler` binary as a user runs it: inputs written into a temporary folder, the
//! output compared with what the library itself gives for the same documents.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use deboiler::{Cleaned, Cleaner};
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Running the binary

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn out(&self) -> &str {
        std::str::from_utf8(&self.stdout).expect("the output is UTF-8")
    }

    fn lines(&self) -> Vec<&str> {
        self.out().lines().collect()
    }

    fn json(&self) -> Vec<Value> {
        self.lines()
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    #[track_caller]
    fn ok(self) -> Run {
        assert_eq!(self.code, 0, "exit status; stderr:\n{}", self.stderr);
        self
    }
}

/// Runs `deboiler ARGS` in `dir` with `stdin`.
fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_deboiler"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let out = child.wait_with_output().unwrap();
    // The binary may exit before reading standard input (a bad argument): a broken pipe then.
    if let Err(e) = writer.join().unwrap() {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).expect("messages are UTF-8"),
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_in(dir, args, b"")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

// ---------------------------------------------------------------------------------------
// Documents and what the library makes of them

fn cleaner() -> Cleaner {
    Cleaner::builder().build().unwrap()
}

/// A page with body paragraphs and, depending on `i`, cruft for several rules: a cookie
/// notice, a "Read also" teaser, a footer. Every 40th page is long (tens of kilobytes), so
/// that chunks differ in size and in the time they take.
fn page(i: usize) -> String {
    let mut s = format!("Library reopens after restoration, part {i}\n\n");
    let paragraphs = if i % 40 == 7 { 300 } else { i % 6 + 1 };
    for p in 0..paragraphs {
        let _ = write!(
            s,
            "On day {p} of the works the reading room was still closed, and the builders \
             worked on the roof and the tall windows while the librarians moved {i} boxes of \
             maps to the basement.\n\n"
        );
    }
    if i.is_multiple_of(3) {
        s.push_str("We use cookies to improve your experience on our website.\n\n");
    }
    if i.is_multiple_of(5) {
        s.push_str("Read also:\n\nCouncil approves budget for new pool\n\n");
        s.push_str(
            "Visitors queued from early morning, and the first hundred received a card.\n\n",
        );
    }
    s.push_str("© 2024 Example News. All rights reserved.\n");
    s
}

/// A German article, for the language counts.
const GERMAN: &str = "Die Bibliothek öffnet nach der Renovierung wieder\n\n\
    Der Lesesaal wurde am Montag nach zwei Jahren Arbeit an Dach und Fenstern wieder geöffnet, \
    und die ersten Besucher standen schon am frühen Morgen vor der Tür.\n\n\
    Die Stadt hat für die Arbeiten mehr Geld ausgegeben, als im Haushalt vorgesehen war, und \
    der Rat will nun prüfen, wie es dazu kam.\n";

/// What the `clean` example prints for a text: the body and one newline, or nothing.
fn body(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    }
}

/// The `deboiler` object the tool should add for a cleaned document.
fn meta(cleaned: &Cleaned<'_>, explain: bool) -> String {
    let language = match cleaned.language() {
        Some(l) => format!("\"{}\"", l.code()),
        None => "null".to_string(),
    };
    let mut s = format!(
        "{{\"language\":{language},\"removed\":{}",
        cleaned.removals().len()
    );
    if explain {
        let removals: Vec<String> = cleaned
            .removals()
            .iter()
            .map(|r| {
                format!(
                    "{{\"start\":{},\"end\":{},\"reason\":\"{}\",\"detail\":{}}}",
                    r.span().start,
                    r.span().end,
                    r.reason().name(),
                    serde_json::to_string(&r.reason().to_string()).unwrap()
                )
            })
            .collect();
        let _ = write!(s, ",\"removals\":[{}]", removals.join(","));
    }
    s.push('}');
    s
}

/// `{"id": i, "text": page}` lines.
fn jsonl(pages: &[String]) -> String {
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}\n", serde_json::json!({"id": i, "text": p})))
        .collect()
}

fn gzip(members: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for member in members {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(member).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let mut cases: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("input.txt").is_file())
        .collect();
    cases.sort();
    assert!(
        cases.len() > 10,
        "the fixtures are found under {}",
        root.display()
    );
    cases
}

// ---------------------------------------------------------------------------------------
// Text mode

#[test]
fn text_mode_prints_the_fixtures_expected_bodies() {
    let dir = tempdir();
    let cleaner = cleaner();
    for case in fixtures() {
        let input = case.join("input.txt");
        let input = input.to_str().unwrap();
        let got = run(dir.path(), &["--quiet", input]).ok();
        let expected = fs::read_to_string(case.join("expected.txt")).unwrap();
        assert_eq!(got.out(), expected, "{}", case.display());
        let text = fs::read_to_string(input).unwrap();
        assert_eq!(got.out(), body(&cleaner.clean(&text).text()), "{input}");
    }
}

#[test]
fn text_mode_equals_the_library_and_explains_as_the_example_does() {
    let dir = tempdir();
    let cleaner = cleaner();
    let mut names = Vec::new();
    let mut all_bodies = String::new();
    let mut all_explained = String::new();
    for i in [0, 3, 5, 7, 10] {
        let name = format!("page{i:02}.txt");
        let text = page(i);
        fs::write(dir.path().join(&name), &text).unwrap();
        let cleaned = cleaner.clean(&text);
        assert!(!cleaned.removals().is_empty(), "page {i} has cruft");
        let explained: String = cleaned
            .removals()
            .iter()
            .map(|r| format!("{r}\n"))
            .collect();

        let got = run(dir.path(), &["--quiet", "--explain", &name]).ok();
        assert_eq!(got.out(), body(&cleaned.text()), "{name}");
        assert_eq!(got.stderr, explained, "{name}");
        // Standard input, without a name and with -.
        let stdin = run_in(dir.path(), &["--quiet"], text.as_bytes()).ok();
        assert_eq!(stdin.stdout, got.stdout, "{name} on stdin");
        let dash = run_in(dir.path(), &["--quiet", "-"], text.as_bytes()).ok();
        assert_eq!(dash.stdout, got.stdout, "{name} as -");

        all_bodies.push_str(&body(&cleaned.text()));
        for r in cleaned.removals() {
            let _ = writeln!(all_explained, "{name}: {r}");
        }
        names.push(name);
    }
    // Several files: the bodies one after the other, each explanation line after its file's name.
    let mut args = vec!["--quiet", "--explain", "--threads", "2"];
    args.extend(names.iter().map(String::as_str));
    let got = run(dir.path(), &args).ok();
    assert_eq!(got.out(), all_bodies);
    assert_eq!(got.stderr, all_explained);
    // The summary line comes last unless --quiet.
    let loud = run(
        dir.path(),
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .ok();
    assert!(
        loud.stderr.starts_with("deboiler: 5 documents, "),
        "{}",
        loud.stderr
    );
    assert!(loud.stderr.trim_end().ends_with(" s"), "{}", loud.stderr);
}

#[test]
fn cleaning_options_reach_the_library() {
    let dir = tempdir();
    let pack = "[footer strong]\nVerlagshaus Nord GmbH\n";
    fs::write(dir.path().join("pack.txt"), pack).unwrap();
    let mut text = page(5);
    text.push_str("Verlagshaus Nord GmbH\nIt rained on the opening day.[3]\n");
    text.push_str("Ce site utilise des cookies pour améliorer votre expérience de navigation.\n");
    fs::write(dir.path().join("page.txt"), &text).unwrap();
    let pack = dir.path().join("pack.txt");
    type Options<'a> = Box<dyn Fn(deboiler::CleanerBuilder) -> deboiler::CleanerBuilder + 'a>;
    let cases: [(&[&str], Options); 9] = [
        (&[], Box::new(|b| b)),
        (
            &["--phrases", "pack.txt"],
            Box::new(|b| b.phrase_pack_file(&pack)),
        ),
        (&["--no-citations"], Box::new(|b| b.remove_citations(false))),
        (&["--no-foreign"], Box::new(|b| b.remove_foreign(false))),
        (&["--article"], Box::new(|b| b.find_article(false))),
        (&["--whole-page"], Box::new(|b| b.find_article(true))),
        (
            &["--preset", "recall"],
            Box::new(|b| b.preset(deboiler::Preset::Recall)),
        ),
        (
            &["--preset", "precision"],
            Box::new(|b| b.preset(deboiler::Preset::Precision)),
        ),
        (&["--lang", "deu"], Box::new(|b| b.language("deu"))),
    ];
    let mut outputs = std::collections::HashSet::new();
    for (args, options) in cases {
        let cleaner = options(Cleaner::builder()).build().unwrap();
        let want = body(&cleaner.clean(&text).text());
        let mut all = vec!["--quiet", "page.txt"];
        all.extend(args);
        let got = run(dir.path(), &all).ok();
        assert_eq!(got.out(), want, "{args:?}");
        outputs.insert(want);
    }
    assert!(outputs.len() >= 5, "the options change the output");
    // The language reaches JSON Lines too.
    let line = format!("{}\n", serde_json::json!({ "text": text }));
    let got = run_in(dir.path(), &["--jsonl", "--lang", "deu"], line.as_bytes()).ok();
    assert_eq!(got.json()[0]["deboiler"]["language"], "deu");
}

#[test]
fn invalid_utf8_in_text_mode() {
    let dir = tempdir();
    fs::write(dir.path().join("a.txt"), page(1)).unwrap();
    fs::write(
        dir.path().join("bad.txt"),
        b"Twelve bytes\n\xff\xfe and more text.\n",
    )
    .unwrap();
    fs::write(dir.path().join("c.txt"), page(2)).unwrap();
    let cleaner = cleaner();

    let got = run(dir.path(), &["a.txt", "bad.txt", "c.txt"]);
    assert_eq!(got.code, 1);
    assert!(
        got.stderr
            .starts_with("error: bad.txt: invalid UTF-8 at byte 13\nhint: use --lossy"),
        "{}",
        got.stderr
    );
    assert_eq!(
        got.out(),
        body(&cleaner.clean(&page(1)).text()),
        "a.txt is written"
    );

    let lossy = run(dir.path(), &["--lossy", "--quiet", "bad.txt"]).ok();
    assert_eq!(
        lossy.out(),
        "Twelve bytes\n\n\u{fffd}\u{fffd} and more text.\n"
    );

    let skipped = run(dir.path(), &["--skip-invalid", "a.txt", "bad.txt", "c.txt"]).ok();
    let both = body(&cleaner.clean(&page(1)).text()) + &body(&cleaner.clean(&page(2)).text());
    assert_eq!(skipped.out(), both);
    assert!(
        skipped
            .stderr
            .starts_with("warning: bad.txt: invalid UTF-8 at byte 13")
    );
    assert!(
        skipped.stderr.contains("2 documents (1 invalid skipped)"),
        "{}",
        skipped.stderr
    );
}

#[test]
fn folders_are_walked_in_sorted_order() {
    let dir = tempdir();
    let root = dir.path().join("pages");
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    let files = [
        (
            "b.txt",
            "Bravo is the second file, with a sentence of its own.",
        ),
        (
            "a.txt",
            "Alpha is the first file, with a sentence of its own.",
        ),
        (
            "sub/c.txt",
            "Charlie sits in a folder of its own, read after b.txt.",
        ),
        (
            "d.txt",
            "Delta sorts before the folder sub, so it is read before sub/c.txt.",
        ),
        (".hidden.txt", "A hidden file is skipped."),
        (".git/e.txt", "A hidden folder is skipped."),
    ];
    for (name, text) in files {
        fs::write(root.join(name), text).unwrap();
    }
    fs::write(
        root.join("z.txt.gz"),
        gzip(&[b"Zulu is compressed, ", b"in two members."]),
    )
    .unwrap();
    let got = run(dir.path(), &["--quiet", "pages"]).ok();
    let firsts: Vec<&str> = got.lines().iter().map(|l| &l[..4]).collect();
    assert_eq!(firsts, ["Alph", "Brav", "Delt", "Char", "Zulu"]);
    assert!(got.out().contains("Zulu is compressed, in two members."));
}

// ---------------------------------------------------------------------------------------
// JSON Lines

#[test]
fn jsonl_keeps_every_other_field_byte_for_byte() {
    let dir = tempdir();
    let cleaner = cleaner();
    let text = page(15);
    let escaped_text = serde_json::to_string(&text)
        .unwrap()
        .replace('é', "\\u00e9")
        .replace('©', "\\u00a9");
    let lines = [
        // Numbers as written, unicode escapes (a surrogate pair), nested values, spaces.
        format!(
            "{{\"id\": 1.50e3, \"big\":12345678901234567890123, \"title\":\"caf\\u00e9 \\ud83d\\ude00\", \
             \"text\" : {escaped_text}, \"nested\":{{\"a\":[1,{{\"b\":\"\\u00e9\"}},null]}},\"z\":true }}"
        ),
        // The field first, nothing after it, CRLF line end.
        format!(
            "{{\"text\":{}}}\r",
            serde_json::to_string(&page(3)).unwrap()
        ),
        // An existing "deboiler" member is replaced in place.
        format!(
            "{{\"deboiler\":{{\"old\":1}},\"text\":{},\"after\":[]}}",
            serde_json::to_string(&page(4)).unwrap()
        ),
    ];
    let input = lines.join("\n") + "\n";
    fs::write(dir.path().join("in.jsonl"), &input).unwrap();
    for explain in [false, true] {
        let mut args = vec!["--jsonl", "--quiet", "in.jsonl"];
        if explain {
            args.push("--explain");
        }
        let got = run(dir.path(), &args).ok();
        let out = got.lines();
        assert_eq!(out.len(), 3);

        let cleaned = cleaner.clean(&text);
        let new_text = serde_json::to_string(&cleaned.text()).unwrap();
        let want0 = lines[0].replace(&escaped_text, &new_text).replace(
            ",\"z\":true }",
            &format!(",\"z\":true ,\"deboiler\":{}}}", meta(&cleaned, explain)),
        );
        assert_eq!(out[0], want0);

        let p3 = page(3);
        let cleaned = cleaner.clean(&p3);
        let want1 = format!(
            "{{\"text\":{},\"deboiler\":{}}}",
            serde_json::to_string(&cleaned.text()).unwrap(),
            meta(&cleaned, explain)
        );
        assert_eq!(out[1], want1);

        let p4 = page(4);
        let cleaned = cleaner.clean(&p4);
        let want2 = format!(
            "{{\"deboiler\":{},\"text\":{},\"after\":[]}}",
            meta(&cleaned, explain),
            serde_json::to_string(&cleaned.text()).unwrap()
        );
        assert_eq!(out[2], want2);
    }
}

#[test]
fn jsonl_explain_spans_point_into_the_input_field() {
    let dir = tempdir();
    let pages: Vec<String> = (0..12).map(page).chain([GERMAN.to_string()]).collect();
    fs::write(dir.path().join("in.jsonl"), jsonl(&pages)).unwrap();
    let got = run(dir.path(), &["--jsonl", "--explain", "in.jsonl"]).ok();
    let docs = got.json();
    assert_eq!(docs.len(), pages.len());
    let cleaner = cleaner();
    let mut seen = 0;
    for (doc, text) in docs.iter().zip(&pages) {
        let cleaned = cleaner.clean(text);
        let removals = doc["deboiler"]["removals"].as_array().unwrap();
        assert_eq!(removals.len(), cleaned.removals().len());
        assert_eq!(doc["deboiler"]["removed"], cleaned.removals().len());
        for (got, want) in removals.iter().zip(cleaned.removals()) {
            let (start, end) = (got["start"].as_u64().unwrap(), got["end"].as_u64().unwrap());
            assert_eq!(&text[start as usize..end as usize], want.text());
            assert_eq!(got["reason"], want.reason().name());
            assert_eq!(got["detail"], want.reason().to_string());
            seen += 1;
        }
    }
    assert!(seen > 10, "removals were compared");
    assert_eq!(docs.last().unwrap()["deboiler"]["language"], "deu");
}

#[test]
fn jsonl_another_field_a_byte_order_mark_and_standard_input() {
    let dir = tempdir();
    let cleaner = cleaner();
    // A byte order mark first (Windows tools write one), blank lines between.
    let input = format!(
        "\u{feff}{}\n\n  \n{}\n",
        serde_json::json!({"text": "not this one", "content": page(3)}),
        serde_json::json!({"content": page(6), "text": 7}),
    );
    let got = run_in(
        dir.path(),
        &["--jsonl", "--field", "content", "--quiet"],
        input.as_bytes(),
    )
    .ok();
    let docs = got.json();
    assert_eq!(docs.len(), 2, "blank lines are skipped");
    assert!(
        got.out().starts_with("{\"content\":"),
        "no byte order mark in the output"
    );
    assert_eq!(docs[0]["text"], "not this one");
    assert_eq!(docs[0]["content"], cleaner.clean(&page(3)).text().as_ref());
    assert_eq!(docs[1]["content"], cleaner.clean(&page(6)).text().as_ref());
    assert_eq!(docs[1]["text"], 7);
}

#[test]
fn output_order_is_input_order_on_two_threads() {
    let dir = tempdir();
    // About 8 MB in documents of very different sizes: several chunks, finished out of order.
    let pages: Vec<String> = (0..3000).map(page).collect();
    let input = jsonl(&pages);
    assert!(input.len() > 6_000_000, "{}", input.len());
    fs::write(dir.path().join("in.jsonl"), &input).unwrap();
    let two = run(dir.path(), &["--jsonl", "--threads", "2", "in.jsonl"]).ok();
    let one = run(dir.path(), &["--jsonl", "--threads", "1", "in.jsonl"]).ok();
    let four = run(dir.path(), &["--jsonl", "-j", "4", "in.jsonl"]).ok();
    let ids: Vec<u64> = two
        .json()
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..3000).collect::<Vec<u64>>());
    assert!(
        two.stdout == one.stdout,
        "--threads 2 writes what --threads 1 writes"
    );
    assert!(
        four.stdout == one.stdout,
        "--threads 4 writes what --threads 1 writes"
    );
    // And what the library gives.
    let cleaner = cleaner();
    for (doc, text) in two.json().iter().zip(&pages).step_by(7) {
        assert_eq!(doc["text"], cleaner.clean(text).text().as_ref());
    }
}

#[test]
fn a_long_single_line_is_one_document() {
    let dir = tempdir();
    // 24 MB on one line, in one paragraph of sentences.
    let sentence = "The river rose two metres overnight, and the council closed the lower bridge. ";
    let text = sentence.repeat(24_000_000 / sentence.len());
    let line = format!("{}\n", serde_json::json!({"id": "long", "text": text}));
    fs::write(dir.path().join("long.jsonl"), &line).unwrap();
    let got = run(dir.path(), &["--jsonl", "--quiet", "long.jsonl"]).ok();
    let docs = got.json();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["text"], cleaner().clean(&text).text().as_ref());
}

#[test]
fn drop_empty_leaves_out_documents_cleaned_to_nothing() {
    let dir = tempdir();
    let cruft = "We use cookies to improve your experience on our website.";
    assert!(
        cleaner().clean(cruft).is_empty(),
        "this document cleans to nothing"
    );
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": 0, "text": page(1)}),
        serde_json::json!({"id": 1, "text": cruft}),
        serde_json::json!({"id": 2, "text": page(2)}),
    );
    fs::write(dir.path().join("in.jsonl"), &input).unwrap();
    let kept = run(dir.path(), &["--jsonl", "in.jsonl"]).ok();
    let ids: Vec<u64> = kept
        .json()
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [0, 1, 2]);
    assert_eq!(kept.json()[1]["text"], "");
    let dropped = run(dir.path(), &["--jsonl", "--drop-empty", "in.jsonl"]).ok();
    let ids: Vec<u64> = dropped
        .json()
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [0, 2]);
    assert!(
        dropped.stderr.contains("3 documents (1 empty, 1 dropped)"),
        "{}",
        dropped.stderr
    );
}

// ---------------------------------------------------------------------------------------
// Compression

#[test]
fn gzip_and_zstd_in_and_out() {
    let dir = tempdir();
    let pages: Vec<String> = (0..300).map(page).collect();
    let input = jsonl(&pages);
    // Cut in the middle of a line: a member's end is not a line's end.
    let (first, second) = input.split_at(input.len() / 2 + 7);
    fs::write(dir.path().join("in.jsonl"), &input).unwrap();
    // Two gzip members, as Common Crawl writes them, and two zstd frames.
    fs::write(
        dir.path().join("in.jsonl.gz"),
        gzip(&[first.as_bytes(), second.as_bytes()]),
    )
    .unwrap();
    let zst = [
        zstd::encode_all(first.as_bytes(), 3).unwrap(),
        zstd::encode_all(second.as_bytes(), 3).unwrap(),
    ]
    .concat();
    fs::write(dir.path().join("in.jsonl.zst"), zst).unwrap();

    let plain = run(dir.path(), &["--jsonl", "in.jsonl"]).ok();
    assert_eq!(plain.lines().len(), 300);
    for input in ["in.jsonl.gz", "in.jsonl.zst"] {
        let got = run(dir.path(), &["--jsonl", input]).ok();
        assert!(got.stdout == plain.stdout, "{input}");
    }
    for threads in ["1", "2"] {
        run(
            dir.path(),
            &[
                "--jsonl",
                "-j",
                threads,
                "in.jsonl.zst",
                "-o",
                "out.jsonl.gz",
            ],
        )
        .ok();
        let gz = fs::read(dir.path().join("out.jsonl.gz")).unwrap();
        assert!(
            gunzip(&gz) == plain.stdout,
            "gzip output, {threads} threads"
        );
        run(
            dir.path(),
            &[
                "--jsonl",
                "-j",
                threads,
                "in.jsonl.gz",
                "-o",
                "out.jsonl.zst",
            ],
        )
        .ok();
        let zst = fs::read(dir.path().join("out.jsonl.zst")).unwrap();
        assert!(
            zstd::decode_all(zst.as_slice()).unwrap() == plain.stdout,
            "zstd output"
        );
        run(
            dir.path(),
            &["--jsonl", "-j", threads, "in.jsonl.gz", "-o", "out.jsonl"],
        )
        .ok();
        assert!(
            fs::read(dir.path().join("out.jsonl")).unwrap() == plain.stdout,
            "-o plain"
        );
    }
    // An output with no document at all is still a valid (empty) compressed file.
    run_in(dir.path(), &["--jsonl", "-o", "empty.jsonl.gz"], b"").ok();
    assert_eq!(
        gunzip(&fs::read(dir.path().join("empty.jsonl.gz")).unwrap()),
        b""
    );
    run_in(dir.path(), &["--jsonl", "-o", "empty.jsonl.zst"], b"").ok();
    let empty = fs::read(dir.path().join("empty.jsonl.zst")).unwrap();
    assert_eq!(zstd::decode_all(empty.as_slice()).unwrap(), b"");
}

// ---------------------------------------------------------------------------------------
// WET

/// A WET record, as Common Crawl writes it (CRLF line ends in the header).
fn wet_record(kind: &str, id: &str, url: &str, date: &str, body: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: {id}\r\nWARC-Refers-To: <urn:uuid:0000>\r\n\
         WARC-Block-Digest: sha1:AAAA\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n\
         {body}\r\n\r\n",
        body.len()
    )
}

struct WetDoc {
    id: &'static str,
    url: &'static str,
    date: &'static str,
    text: String,
}

fn wet_file() -> (Vec<String>, Vec<WetDoc>) {
    let fields = "isPartOf: CC-MAIN-2024-10\r\noperator: x\r\n";
    let info = format!(
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-02-20T10:00:00Z\r\n\
         WARC-Filename: CC-MAIN-x.warc.wet.gz\r\nWARC-Record-ID: <urn:uuid:info>\r\n\
         Content-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n{fields}\r\n\r\n",
        fields.len()
    );
    // WET bodies have LF lines; one has a line that looks like a WARC version line.
    let docs = vec![
        WetDoc {
            id: "<urn:uuid:aaaa-1>",
            url: "https://example.com/a?x=\"q\"",
            date: "2024-02-21T10:00:00Z",
            text: page(5).replace("\n\n", "\n"),
        },
        WetDoc {
            id: "<urn:uuid:bbbb-22>",
            url: "https://example.org/b",
            date: "2024-02-22T11:30:00Z",
            text: format!("{}WARC/1.0\nStill the body.\n", page(9)),
        },
    ];
    let mut records = vec![info];
    for d in &docs {
        records.push(wet_record("conversion", d.id, d.url, d.date, &d.text));
    }
    (records, docs)
}

#[test]
fn wet_conversion_records_become_json_lines() {
    let dir = tempdir();
    let (records, expected) = wet_file();
    fs::write(dir.path().join("x.warc.wet"), records.concat()).unwrap();
    // One gzip member per record, as Common Crawl writes them.
    let members: Vec<&[u8]> = records.iter().map(|r| r.as_bytes()).collect();
    fs::write(dir.path().join("x.warc.wet.gz"), gzip(&members)).unwrap();
    let cleaner = cleaner();
    let plain = run(dir.path(), &["--wet", "--quiet", "x.warc.wet"]).ok();
    let lines = plain.lines();
    assert_eq!(lines.len(), 2, "the warcinfo record is skipped");
    for (line, doc) in lines.iter().zip(&expected) {
        let cleaned = cleaner.clean(&doc.text);
        assert!(!cleaned.removals().is_empty());
        let want = format!(
            "{{\"id\":{},\"url\":{},\"date\":{},\"text\":{},\"deboiler\":{}}}",
            serde_json::to_string(doc.id).unwrap(),
            serde_json::to_string(doc.url).unwrap(),
            serde_json::to_string(doc.date).unwrap(),
            serde_json::to_string(&cleaned.text()).unwrap(),
            meta(&cleaned, false)
        );
        assert_eq!(*line, want);
    }
    let gz = run(
        dir.path(),
        &["--wet", "--quiet", "-j", "2", "x.warc.wet.gz"],
    )
    .ok();
    assert!(gz.stdout == plain.stdout, "the gzip file gives the same");
    // --explain and --drop-empty as in JSON Lines.
    let explained = run(dir.path(), &["--wet", "--explain", "x.warc.wet.gz"]).ok();
    let first = &explained.json()[0]["deboiler"];
    assert_eq!(
        first["removals"].as_array().unwrap().len(),
        cleaner.clean(&expected[0].text).removals().len()
    );
}

// ---------------------------------------------------------------------------------------
// Bad input

/// A bad-input case: files to write, the arguments, and what must come out.
struct Bad {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<&'static str>,
    /// The start of the error message.
    error: String,
    /// How many documents are written before it.
    written: usize,
    /// The first document's text, as written.
    first: String,
}

fn good_lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("{}\n", serde_json::json!({"id": i, "text": page(i)})))
        .collect()
}

fn bad_cases() -> Vec<Bad> {
    let jsonl_case = |name, bad_line: &str, error: &str| Bad {
        name,
        files: vec![(
            "in.jsonl",
            format!("{}{bad_line}\n{}", good_lines(2), good_lines(1)).into_bytes(),
        )],
        args: vec!["--jsonl", "in.jsonl"],
        error: format!("error: in.jsonl:3: {error}"),
        written: 2,
        first: page(0),
    };
    // Many lines, so that the cut falls well inside the compressed stream.
    let many = good_lines(400);
    let gz = gzip(&[many.as_bytes()]);
    let cut_gz = gz[..gz.len() / 2].to_vec();
    let (records, _) = wet_file();
    let third = wet_record(
        "conversion",
        "<urn:uuid:cccc-333>",
        "https://example.net/c",
        "2024-02-23T00:00:00Z",
        &page(12),
    );
    // One gzip member per record; the last one cut in the middle of its body.
    let mut members: Vec<Vec<u8>> = records.iter().map(|r| gzip(&[r.as_bytes()])).collect();
    let last = members.last_mut().unwrap();
    last.truncate(last.len() / 2);
    let cut_wet_gz = members.concat();
    let mut cut_wet = records.concat();
    cut_wet.push_str(&third[..third.len() - 100]);
    vec![
        jsonl_case(
            "invalid JSON",
            "{\"id\": 2, \"text\": ",
            "invalid JSON at column 18: EOF while parsing a value",
        ),
        jsonl_case(
            "not an object",
            "[1, 2]",
            "invalid type: sequence, expected a JSON object",
        ),
        jsonl_case(
            "no field",
            "{\"id\": 2, \"body\": \"x\"}",
            "no field \"text\"",
        ),
        jsonl_case(
            "field not a string",
            "{\"id\": 2, \"text\": [\"x\"]}",
            "field \"text\" is an array, not a string",
        ),
        jsonl_case(
            "control character",
            "{\"id\": 2, \"text\": \"caf\u{1}\"}",
            "invalid JSON at column 22: control character",
        ),
        Bad {
            name: "invalid UTF-8 bytes in a line",
            files: vec![(
                "in.jsonl",
                [good_lines(2).as_bytes(), b"{\"text\": \"caf\xe9\"}\n"].concat(),
            )],
            args: vec!["--jsonl", "in.jsonl"],
            error: "error: in.jsonl:3: invalid UTF-8 at byte 13 of the line".to_string(),
            written: 2,
            first: page(0),
        },
        Bad {
            name: "truncated gzip",
            files: vec![("cut.jsonl.gz", cut_gz)],
            args: vec!["--jsonl", "cut.jsonl.gz"],
            error: "error: cut.jsonl.gz:".to_string(),
            written: usize::MAX, // checked against the line in the message
            first: page(0),
        },
        Bad {
            name: "truncated WET record",
            files: vec![("cut.warc.wet", cut_wet.into_bytes())],
            args: vec!["--wet", "cut.warc.wet"],
            error: "error: cut.warc.wet: record 4 (<urn:uuid:cccc-333>): truncated: the input \
                    ends after"
                .to_string(),
            written: 2,
            first: wet_file().1[0].text.clone(),
        },
        Bad {
            name: "truncated gzip member of a WET file",
            files: vec![("cut.warc.wet.gz", cut_wet_gz)],
            args: vec!["--wet", "cut.warc.wet.gz"],
            error: "error: cut.warc.wet.gz: record 3 (<urn:uuid:bbbb-22>): gzip: ".to_string(),
            written: 1,
            first: wet_file().1[0].text.clone(),
        },
        Bad {
            name: "missing file",
            files: vec![("in.jsonl", good_lines(2).into_bytes())],
            args: vec!["--jsonl", "in.jsonl", "missing.jsonl"],
            error: "error: missing.jsonl: No such file or directory".to_string(),
            written: 0, // inputs are checked before anything is read
            first: String::new(),
        },
    ]
}

#[test]
fn bad_input_ends_with_an_error_after_everything_before_it() {
    for threads in ["1", "2"] {
        for case in bad_cases() {
            let dir = tempdir();
            for (name, bytes) in &case.files {
                fs::write(dir.path().join(name), bytes).unwrap();
            }
            let label = format!("{} ({threads} threads)", case.name);
            let mut args = case.args.clone();
            args.extend(["--threads", threads]);
            let got = run(dir.path(), &args);
            assert_eq!(got.code, 1, "{label}: {}", got.stderr);
            assert!(
                got.stderr.starts_with(&case.error),
                "{label}: {:?}",
                got.stderr
            );
            assert_eq!(got.stderr.matches("error:").count(), 1, "{label}");
            let written = if case.written == usize::MAX {
                // `cut.jsonl.gz:N: gzip: ...`: the N-1 lines before are written.
                let rest = &got.stderr[case.error.len()..];
                assert!(
                    rest.contains(": gzip: ") && rest.contains("(truncated or damaged)"),
                    "{rest}"
                );
                let line: usize = rest.split(':').next().unwrap().parse().unwrap();
                assert!(line > 10, "{label}: the cut is inside the stream");
                line - 1
            } else {
                case.written
            };
            let docs = got.json();
            assert_eq!(docs.len(), written, "{label}");
            if written > 0 {
                assert_eq!(
                    docs[0]["text"],
                    cleaner().clean(&case.first).text().as_ref(),
                    "{label}"
                );
            }

            // Written to a compressed file, the documents before the error can be read too.
            let mut args = args.clone();
            args.extend(["-o", "out.jsonl.gz"]);
            let got = run(dir.path(), &args);
            assert_eq!(got.code, 1, "{label}");
            if case.written != 0 {
                let out = gunzip(&fs::read(dir.path().join("out.jsonl.gz")).unwrap());
                assert_eq!(
                    out.iter().filter(|&&b| b == b'\n').count(),
                    written,
                    "{label}"
                );
            }
        }
    }
}

#[test]
fn skip_invalid_reports_counts_and_goes_on() {
    let dir = tempdir();
    let input = format!(
        "{}{{\"id\": \"bad\"\n{}{{\"text\": 5}}\n{}",
        good_lines(2),
        good_lines(1),
        good_lines(3)
    );
    fs::write(dir.path().join("in.jsonl"), input).unwrap();
    let got = run(
        dir.path(),
        &["--jsonl", "--skip-invalid", "--stats", "s.json", "in.jsonl"],
    )
    .ok();
    assert_eq!(got.json().len(), 6);
    let warnings: Vec<&str> = got
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: in.jsonl:3: invalid JSON at column 12: EOF while parsing an object",
            "warning: in.jsonl:5: field \"text\" is a number, not a string"
        ]
    );
    assert!(
        got.stderr.contains("6 documents (2 invalid skipped)"),
        "{}",
        got.stderr
    );
    let stats: Value =
        serde_json::from_slice(&fs::read(dir.path().join("s.json")).unwrap()).unwrap();
    assert_eq!(stats["invalid_skipped"], 2);
    assert_eq!(stats["documents"], 6);
}

#[test]
fn stats_file_counts_rules_and_languages() {
    let dir = tempdir();
    let mut pages: Vec<String> = (0..30).map(page).collect();
    pages.push(GERMAN.to_string());
    pages.push("We use cookies to improve your experience on our website.".to_string());
    for case in fixtures() {
        pages.push(fs::read_to_string(case.join("input.txt")).unwrap());
    }
    fs::write(dir.path().join("in.jsonl"), jsonl(&pages)).unwrap();
    let got = run(
        dir.path(),
        &[
            "--jsonl",
            "--quiet",
            "--drop-empty",
            "--stats",
            "s.json",
            "in.jsonl",
        ],
    )
    .ok();
    assert!(got.stderr.is_empty(), "--quiet: {}", got.stderr);
    let stats: Value =
        serde_json::from_slice(&fs::read(dir.path().join("s.json")).unwrap()).unwrap();

    let cleaner = cleaner();
    let (mut bytes_in, mut bytes_out, mut empty) = (0, 0, 0);
    let mut reasons = std::collections::BTreeMap::<&str, (u64, u64)>::new();
    let mut languages = std::collections::BTreeMap::<&str, u64>::new();
    for text in &pages {
        let cleaned = cleaner.clean(text);
        bytes_in += text.len();
        bytes_out += cleaned.text().len();
        empty += usize::from(cleaned.is_empty());
        for r in cleaned.removals() {
            let e = reasons.entry(r.reason().name()).or_default();
            e.0 += 1;
            e.1 += r.span().len() as u64;
        }
        *languages
            .entry(cleaned.language().map_or("und", |l| l.code()))
            .or_default() += 1;
    }
    assert_eq!(stats["documents"], pages.len());
    assert_eq!(stats["documents_empty"], empty);
    assert_eq!(stats["documents_dropped"], empty);
    assert_eq!(stats["invalid_skipped"], 0);
    assert_eq!(stats["bytes_in"], bytes_in);
    assert_eq!(stats["bytes_out"], bytes_out);
    let share = stats["removed_share"].as_f64().unwrap();
    assert!(
        (share - (1.0 - bytes_out as f64 / bytes_in as f64)).abs() < 1e-9,
        "{share}"
    );
    assert!(stats["seconds"].as_f64().unwrap() > 0.0);
    assert!(stats["input_bytes_read"].as_u64().unwrap() > bytes_in as u64);
    let by_reason = stats["removals_by_reason"].as_object().unwrap();
    assert_eq!(by_reason.len(), reasons.len());
    assert!(reasons.len() >= 6, "{reasons:?}");
    for (name, (count, bytes)) in reasons {
        assert_eq!(by_reason[name]["count"], count, "{name}");
        assert_eq!(by_reason[name]["bytes"], bytes, "{name}");
    }
    let by_language = stats["documents_by_language"].as_object().unwrap();
    assert_eq!(by_language.len(), languages.len());
    for (code, n) in languages {
        assert_eq!(by_language[code], n, "{code}");
    }
    assert!(by_language.len() >= 5, "{by_language:?}");
}

#[test]
fn a_slow_producer_on_a_pipe_gets_each_answer_at_once() {
    // A program that writes a line and waits for its answer before writing the next one
    // (a coprocess) must not wait for a full chunk.
    for threads in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_deboiler"))
            .args(["--jsonl", "--quiet", "--threads", threads])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    return;
                }
            }
        });
        for i in 0..3 {
            let line = format!("{}\n", serde_json::json!({"id": i, "text": page(i)}));
            stdin.write_all(line.as_bytes()).unwrap();
            stdin.flush().unwrap();
            let answer = rx.recv_timeout(std::time::Duration::from_secs(20));
            let Ok(answer) = answer else {
                child.kill().unwrap();
                panic!("no answer to line {i} within 20 s ({threads} threads)");
            };
            assert!(answer.starts_with(&format!("{{\"id\":{i},")), "{answer}");
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

#[test]
fn a_closed_standard_output_ends_quietly() {
    let dir = tempdir();
    let pages: Vec<String> = (0..2000).map(page).collect();
    fs::write(dir.path().join("in.jsonl"), jsonl(&pages)).unwrap();
    for threads in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_deboiler"))
            .args(["--jsonl", "--threads", threads, "in.jsonl"])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one line (as `| head -1` does), then close the pipe.
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(first.starts_with("{\"id\":0,"), "{first}");
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{threads} threads");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "no message, {threads} threads"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Arguments

#[test]
fn bad_arguments_are_usage_errors() {
    let dir = tempdir();
    fs::write(dir.path().join("bad.pack"), "[cookies]\nx\n").unwrap();
    let cases: [(&[&str], &str); 10] = [
        (
            &["--no-such-option"],
            "error: unexpected argument '--no-such-option'",
        ),
        (
            &["--whole-page", "--article"],
            "error: the argument '--whole-page' cannot be used with '--article'",
        ),
        (
            &["--jsonl", "--wet"],
            "error: the argument '--jsonl' cannot be used with '--wet'",
        ),
        (&["--lang", "xx"], "error: unknown language code \"xx\""),
        (
            &["--phrases", "missing.pack"],
            "error: cannot read phrase pack \"missing.pack\"",
        ),
        (
            &["--phrases", "bad.pack"],
            "error: bad.pack line 1: unknown category \"cookies\"",
        ),
        (
            &["--threads", "0"],
            "error: invalid value '0' for '--threads <N>'",
        ),
        (
            &["--field", "body"],
            "error: the following required arguments were not provided:\n  --jsonl",
        ),
        (
            &["--drop-empty"],
            "error: the following required arguments were not provided:\n  <--jsonl|--wet>",
        ),
        (
            &["--preset", "strict"],
            "error: invalid value 'strict' for '--preset <PRESET>'",
        ),
    ];
    for (args, error) in cases {
        let got = run(dir.path(), args);
        assert_eq!(got.code, 2, "{args:?}: {}", got.stderr);
        assert!(got.stderr.starts_with(error), "{args:?}: {}", got.stderr);
        // clap prints the usage line for a missing or conflicting argument, and points to
        // --help for a bad value.
        assert!(
            got.stderr.contains("\nUsage: deboiler") || got.stderr.contains("try '--help'"),
            "{args:?}: {}",
            got.stderr
        );
        assert!(got.stdout.is_empty());
    }
}

#[test]
fn help_reads_like_a_man_page() {
    let dir = tempdir();
    let long = run(dir.path(), &["--help"]).ok();
    for part in [
        "Usage: deboiler [OPTIONS] [FILE]...",
        "--jsonl",
        "--wet",
        "--threads",
        "EXIT STATUS:",
        "EXAMPLES:",
        "rdd.pipe(",
    ] {
        assert!(long.out().contains(part), "--help lacks {part:?}");
    }
    let short = run(dir.path(), &["-h"]).ok();
    assert!(short.out().len() < long.out().len() / 2);
    assert!(short.out().contains("Examples (more with --help):"));
}

// ---------------------------------------------------------------------------------------
// Site memory

/// The five pages of the library's fixture site.
fn site_pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/site-riverside");
    (1..=5)
        .map(|k| fs::read_to_string(dir.join(format!("page{k}.txt"))).unwrap())
        .collect()
}

#[test]
fn site_groups_documents_learns_each_sites_memory_and_keeps_input_order() {
    let cleaner = cleaner();
    let site = site_pages();
    let others: Vec<String> = (0..4).map(page).collect();
    // Interleaved: the site's pages (two spellings of its host), pages of another site, and
    // pages without a site field.
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    let memory = deboiler::SiteMemory::learn(&cleaner, site.iter().map(String::as_str));
    let other_memory =
        deboiler::SiteMemory::learn(&cleaner, others[..2].iter().map(String::as_str));
    for k in 0..5 {
        let host = if k % 2 == 0 {
            "www.Gazette.example"
        } else {
            "gazette.example"
        };
        lines.push(serde_json::json!({
            "id": format!("s{k}"),
            "url": format!("https://{host}/story/{k}"),
            "site": "gazette",
            "text": site[k],
        }));
        expected.push(cleaner.clean_with(&memory, &site[k]).text().into_owned());
        if k < 2 {
            lines.push(serde_json::json!({
                "id": format!("o{k}"), "url": "http://other.example/x", "site": "other",
                "text": others[k],
            }));
            expected.push(
                cleaner
                    .clean_with(&other_memory, &others[k])
                    .text()
                    .into_owned(),
            );
        } else if k < 4 {
            lines.push(serde_json::json!({"id": format!("n{k}"), "text": others[k]}));
            expected.push(cleaner.clean(&others[k]).text().into_owned());
        }
    }
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let dir = tempdir();
    fs::write(dir.path().join("in.jsonl"), &input).unwrap();
    let footer = "The Riverside Gazette is published by";
    for args in [
        &["--jsonl", "--site", "site", "in.jsonl"][..],
        &["--jsonl", "--site", "site", "--threads", "2", "in.jsonl"],
        &["--jsonl", "--site-url", "url", "in.jsonl"],
        &["--jsonl", "--site", "site"],
    ] {
        let stdin = if args.len() == 3 {
            input.as_bytes()
        } else {
            b""
        };
        let out = run_in(dir.path(), args, stdin).ok();
        let got: Vec<String> = out
            .json()
            .iter()
            .map(|v| v["text"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(got, expected, "{args:?}");
        let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
        let json = out.json();
        let got_ids: Vec<&str> = json.iter().map(|v| v["id"].as_str().unwrap()).collect();
        assert_eq!(got_ids, ids, "{args:?}");
        assert!(got.iter().all(|t| !t.contains(footer)), "{args:?}");
    }
    // Without --site the footer stays: only the site shows it to be furniture.
    let plain = run(dir.path(), &["--jsonl", "in.jsonl"]).ok();
    assert!(plain.json()[0]["text"].as_str().unwrap().contains(footer));
    // --explain names the rule.
    let explained = run(
        dir.path(),
        &["--jsonl", "--site", "site", "--explain", "in.jsonl"],
    )
    .ok();
    let removals = explained.json()[0]["deboiler"]["removals"].clone();
    assert!(
        removals
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["reason"] == "repeated_on_site"
                && r["detail"] == "repeated-on-site(5 of 5 pages)"),
        "{removals}"
    );
    // --site needs --jsonl.
    assert_eq!(run(dir.path(), &["--site", "site", "in.jsonl"]).code, 2);
}
