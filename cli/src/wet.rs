//! A reader of WARC records, as Common Crawl's WET files hold them.
//!
//! A record is a version line (`WARC/1.0`), header lines (`Name: value`), a blank line,
//! `Content-Length` bytes of body, then a blank line or two (`\r\n\r\n`). Line ends may be
//! CRLF, as WARC writes them, or LF. The body of a `conversion` record is appended to the
//! caller's buffer; other records (`warcinfo`, `request`, `response`, ...) are skipped
//! without being kept.

use std::io::{self, BufRead, Read};
use std::ops::Range;

/// A `conversion` record read into the buffer.
pub struct Record {
    /// WARC-Record-ID, WARC-Target-URI and WARC-Date, where present, as spans of the buffer.
    pub meta: [Option<Range<usize>>; 3],
    /// The body, as a span of the buffer.
    pub body: Range<usize>,
}

const META: [&str; 3] = ["WARC-Record-ID", "WARC-Target-URI", "WARC-Date"];

/// Reads the next record. `number` counts the records of the file (it is the record's number
/// afterwards, from 1); `line` is scratch. Returns `None` at the end of the input, and
/// `Some(None)` for a record that is skipped. The error names the record (and its
/// WARC-Record-ID where known), for `<file>: <message>`.
pub fn read_record(
    src: &mut impl BufRead,
    number: &mut u64,
    line: &mut Vec<u8>,
    data: &mut Vec<u8>,
) -> Result<Option<Option<Record>>, String> {
    let start = data.len();
    let result = read(src, number, line, data);
    if !matches!(result, Ok(Some(Some(_)))) {
        data.truncate(start);
    }
    result.map_err(|e| e.message)
}

struct Failure {
    message: String,
}

fn read(
    src: &mut impl BufRead,
    number: &mut u64,
    line: &mut Vec<u8>,
    data: &mut Vec<u8>,
) -> Result<Option<Option<Record>>, Failure> {
    // Blank lines before the version line (the end of the previous record) are skipped.
    loop {
        line.clear();
        let n = src
            .read_until(b'\n', line)
            .map_err(|e| fail(*number + 1, None, data, &e.to_string()))?;
        if n == 0 {
            return Ok(None);
        }
        if !trim_line_end(line).is_empty() {
            break;
        }
    }
    *number += 1;
    let number = *number;
    if !line.starts_with(b"WARC/") {
        let found = String::from_utf8_lossy(trim_line_end(line));
        return Err(fail(
            number,
            None,
            data,
            &format!("expected a version line such as WARC/1.0, found {found:?}"),
        ));
    }

    let mut meta: [Option<Range<usize>>; 3] = [None, None, None];
    let mut length = None;
    let mut conversion = false;
    loop {
        line.clear();
        let n = src
            .read_until(b'\n', line)
            .map_err(|e| fail(number, meta[0].clone(), data, &e.to_string()))?;
        if n == 0 || !line.ends_with(b"\n") {
            return Err(fail(
                number,
                meta[0].clone(),
                data,
                "truncated: the input ends inside the record's header",
            ));
        }
        let header = trim_line_end(line);
        if header.is_empty() {
            break;
        }
        if header[0] == b' ' || header[0] == b'\t' {
            continue; // a folded continuation of the previous header: none that we read
        }
        let Some(colon) = header.iter().position(|&b| b == b':') else {
            let found = String::from_utf8_lossy(header).into_owned();
            return Err(fail(
                number,
                meta[0].clone(),
                data,
                &format!("header line without a colon: {found:?}"),
            ));
        };
        let name = header[..colon].trim_ascii();
        let value = header[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"Content-Length") {
            let parsed = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.parse::<u64>().ok());
            let Some(parsed) = parsed else {
                let found = String::from_utf8_lossy(value).into_owned();
                return Err(fail(
                    number,
                    meta[0].clone(),
                    data,
                    &format!("Content-Length is not a number: {found:?}"),
                ));
            };
            length = Some(parsed);
        } else if name.eq_ignore_ascii_case(b"WARC-Type") {
            conversion = value == b"conversion";
        } else if let Some(i) = META
            .iter()
            .position(|m| name.eq_ignore_ascii_case(m.as_bytes()))
        {
            let at = data.len();
            data.extend_from_slice(value);
            meta[i] = Some(at..data.len());
        }
    }
    let Some(length) = length else {
        return Err(fail(
            number,
            meta[0].clone(),
            data,
            "no Content-Length header",
        ));
    };

    let io_failure = |e: io::Error, data: &Vec<u8>, meta: &[Option<Range<usize>>; 3]| {
        fail(number, meta[0].clone(), data, &e.to_string())
    };
    let body_start = data.len();
    let got = if conversion {
        // `take` bounds the read: a huge Content-Length allocates only what is there.
        src.take(length)
            .read_to_end(data)
            .map_err(|e| io_failure(e, data, &meta))? as u64
    } else {
        io::copy(&mut src.take(length), &mut io::sink()).map_err(|e| io_failure(e, data, &meta))?
    };
    if got < length {
        return Err(fail(
            number,
            meta[0].clone(),
            data,
            &format!(
                "truncated: the input ends after {got} of the {length} bytes of the body \
                 (Content-Length)"
            ),
        ));
    }
    let body = body_start..data.len();

    // The body is followed by a blank line (and the next record's version line after another).
    line.clear();
    src.read_until(b'\n', line)
        .map_err(|e| io_failure(e, data, &meta))?;
    if !trim_line_end(line).is_empty() {
        return Err(fail(
            number,
            meta[0].clone(),
            data,
            "no blank line after the body: its Content-Length is wrong or the record is damaged",
        ));
    }
    if !conversion {
        return Ok(Some(None));
    }
    Ok(Some(Some(Record { meta, body })))
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// `record N (<id>): message`.
fn fail(number: u64, id: Option<Range<usize>>, data: &[u8], message: &str) -> Failure {
    let message = match id {
        Some(id) => format!(
            "record {number} ({}): {message}",
            String::from_utf8_lossy(&data[id])
        ),
        None => format!("record {number}: {message}"),
    };
    Failure { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, id: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\n\
             WARC-Target-URI: http://example.com/{id}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n\
             Content-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    /// The same with LF line ends, and no blank lines after the last record.
    fn lf_record(kind: &str, id: &str, body: &str) -> String {
        format!(
            "WARC/1.0\nWARC-Type: {kind}\nWARC-Record-ID: <{id}>\nContent-Length: {}\n\n{body}\n\n",
            body.len()
        )
    }

    /// Reads every record: the bodies and ids of the conversion records, or the error.
    fn read_all(input: &[u8]) -> Result<Vec<(String, String)>, String> {
        let mut src = io::BufReader::with_capacity(7, input);
        let (mut number, mut line, mut data) = (0, Vec::new(), Vec::new());
        let mut got = Vec::new();
        while let Some(record) = read_record(&mut src, &mut number, &mut line, &mut data)? {
            if let Some(r) = record {
                let text = |r: Range<usize>| String::from_utf8(data[r].to_vec()).unwrap();
                got.push((text(r.meta[0].clone().unwrap()), text(r.body)));
            }
        }
        Ok(got)
    }

    #[test]
    fn reads_conversion_records_and_skips_the_rest() {
        let input = [
            record("warcinfo", "info", "software: x\r\n"),
            record("conversion", "a", "First page.\nSecond line: with a colon."),
            record("conversion", "b", "Ünïcode body\r\n\r\nWARC/1.0\r\n"),
            record("conversion", "empty", ""),
        ]
        .concat();
        let want = [
            ("<a>", "First page.\nSecond line: with a colon."),
            ("<b>", "Ünïcode body\r\n\r\nWARC/1.0\r\n"),
            ("<empty>", ""),
        ];
        let got = read_all(input.as_bytes()).unwrap();
        let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(got, want);
        // LF line ends and a missing final blank line are read too.
        let lf = [
            lf_record("warcinfo", "info", "software: x\n"),
            lf_record("conversion", "a", "First page."),
            lf_record("conversion", "b", "Second page."),
        ]
        .concat();
        let lf = lf.trim_end_matches('\n');
        let got = read_all(lf.as_bytes()).unwrap();
        assert_eq!(got[1], ("<b>".to_string(), "Second page.".to_string()));
        assert_eq!(read_all(b"").unwrap(), []);
    }

    #[test]
    fn names_the_damaged_record() {
        let good = record("conversion", "a", "Body.");
        let second = record("conversion", "b", "A longer body.");
        let cut_body = format!("{good}{}", &second[..second.len() - 8]);
        let cases = [
            (
                cut_body.as_str(),
                "record 2 (<b>): truncated: the input ends after",
            ),
            (
                &good[..60],
                "record 1 (<a>): truncated: the input ends inside the record's header",
            ),
            (
                "HTTP/1.1 200 OK\r\n",
                "record 1: expected a version line such as WARC/1.0",
            ),
            (
                "WARC/1.0\r\nWARC-Type: conversion\r\n\r\nx",
                "record 1: no Content-Length",
            ),
            (
                "WARC/1.0\r\nno colon\r\n\r\n",
                "record 1: header line without a colon",
            ),
        ];
        for (input, want) in cases {
            let err = read_all(input.as_bytes()).unwrap_err();
            assert!(err.starts_with(want), "{err:?} should start with {want:?}");
        }
        let wrong_length = good.replace("Content-Length: 5", "Content-Length: 3");
        let err = read_all(wrong_length.as_bytes()).unwrap_err();
        assert!(
            err.starts_with("record 1 (<a>): no blank line after the body"),
            "{err}"
        );
    }
}
