//! The `clean` example as a user runs it: exit codes, messages, and no panic on bad input or
//! a closed standard output.
//!
//! `cargo test` builds the examples next to the test binaries (`target/<profile>/examples/`),
//! so the binary is taken from there. When it is missing (`cargo test --test example_clean`
//! builds only this test), it is built with `cargo build --example clean` into a target
//! directory of its own, so as not to wait on the lock of the running build.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

fn example() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        // target/<profile>/deps/example_clean-<hash>
        let profile_dir = exe.parent().unwrap().parent().unwrap();
        let name = format!("clean{}", std::env::consts::EXE_SUFFIX);
        let beside = profile_dir.join("examples").join(&name);
        if beside.is_file() {
            return beside;
        }
        let release = profile_dir.file_name().is_some_and(|n| n == "release");
        let target = profile_dir.parent().unwrap().join("example-clean-test");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--quiet", "--example", "clean", "--target-dir"])
            .arg(&target)
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if release {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo runs");
        assert!(status.success(), "cargo build --example clean failed");
        target
            .join(if release { "release" } else { "debug" })
            .join("examples")
            .join(name)
    })
}

/// Runs the example on `input` with `args`.
fn run(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(example())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("example runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    // The example may exit before reading its input (a bad argument): a broken pipe then.
    if let Err(e) = writer.join().unwrap() {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Article paragraphs of prose, each different, `n` of them.
fn article(n: usize) -> String {
    let mut s = String::from("Library reopens after restoration\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "On day {i} of the works the reading room was still closed, and the builders \
             worked on the roof and the tall windows while the librarians moved {i} boxes \
             of maps to the basement.\n\n"
        ));
    }
    s
}

#[test]
fn invalid_utf8_is_an_error_with_the_byte_offset() {
    let out = run(&[], b"Good text\n\xff more");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        err.lines().next(),
        Some("error: input is not valid UTF-8 at byte 10"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty());

    // A sequence cut short at the very end.
    let out = run(&[], "Café au lait\n".as_bytes().split_at(4).0);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().next(),
        Some("error: input is not valid UTF-8 at byte 3")
    );
}

#[test]
fn lossy_replaces_invalid_sequences() {
    let input = b"The reading room reopened on Monday after two years of work on its roof \xff\xfe and windows.\n";
    let out = run(&["--lossy"], input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "The reading room reopened on Monday after two years of work on its roof \u{fffd}\u{fffd} \
         and windows.\n"
    );
}

#[test]
fn empty_input_gives_empty_output() {
    for input in [&b""[..], b"\n\n", b"  \r\n\t\n"] {
        let out = run(&[], input);
        assert_eq!(out.status.code(), Some(0), "{input:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{input:?}");
        assert!(out.stderr.is_empty(), "{input:?}");
    }
}

#[test]
fn all_boilerplate_gives_empty_output() {
    let input = "We use cookies to improve your experience on our site.\n\
                 Privacy Policy\n\
                 Terms of Use\n\
                 © 2024 Example News. All rights reserved.\n\
                 Subscribe to our newsletter\n";
    let out = run(&[], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    // With --explain, every line is accounted for on standard error.
    let out = run(&["--explain"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(stderr(&out).lines().count(), 5, "{}", stderr(&out));
}

#[test]
fn closed_stdout_ends_quietly() {
    // About 1.4 MB of kept text: far more than a pipe holds, so the example is still
    // writing when the reader goes away.
    let input = article(8000);
    let expected = input.clone();
    let mut child = Command::new(example())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    // The page's first kept line, whole: its title or its first paragraph.
    assert!(
        expected
            .lines()
            .any(|l| !l.is_empty() && first == format!("{l}\n")),
        "{first:?}"
    );
    drop(stdout); // `| head -1`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn help_and_bad_arguments() {
    let out = run(&["--help"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--lossy"));
    let out = run(&["--frobnicate"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().next(),
        Some("error: unknown argument \"--frobnicate\"; see --help")
    );
    let out = run(&["--lang", "xx"], b"text");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: unknown language code \"xx\""));
}
