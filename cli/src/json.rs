//! JSON Lines: finding the field to clean in a line without rebuilding it, and writing
//! strings escaped straight into the output buffer.
//!
//! A line is parsed once by serde_json to check it and to find the byte spans of two values:
//! the field to clean and an existing `"deboiler"` member. Every other member is checked and
//! skipped, never copied into a tree, so the output is the input line with those two values
//! replaced: other fields keep their bytes (number spellings, `\u` escapes, spacing) and
//! their order.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

/// What a line holds: where the field's value and an existing `"deboiler"` value are, and
/// the field's text.
pub struct Line<'a> {
    /// The field's value in the line, quotes included.
    pub field: Range<usize>,
    /// The field's text, unescaped (borrowed from the line when it has no escapes).
    pub text: Cow<'a, str>,
    /// An existing `"deboiler"` member's value, replaced in place.
    pub deboiler: Option<Range<usize>>,
    /// The closing brace of the object.
    pub close: usize,
}

/// Parses one line (without its line end) and finds `field` in it. The error is the message
/// for `<file>:<line>: <message>`.
pub fn parse<'a>(line: &'a str, field: &str) -> Result<Line<'a>, String> {
    let mut de = serde_json::Deserializer::from_str(line);
    let members = (LineSeed { field })
        .deserialize(&mut de)
        .and_then(|m| de.end().map(|()| m))
        .map_err(describe)?;
    let span = |raw: &RawValue| {
        // Both are slices of `line`: the offset is the distance between the two pointers.
        let start = raw.get().as_ptr() as usize - line.as_ptr() as usize;
        start..start + raw.get().len()
    };
    let Some(raw) = members.field else {
        return Err(format!("no field {field:?}"));
    };
    let kind = match raw.get().as_bytes()[0] {
        b'"' => None,
        b'{' => Some("an object"),
        b'[' => Some("an array"),
        b't' | b'f' => Some("a boolean"),
        b'n' => Some("null"),
        _ => Some("a number"),
    };
    if let Some(kind) = kind {
        return Err(format!("field {field:?} is {kind}, not a string"));
    }
    let text = serde_json::from_str::<Text<'a>>(raw.get())
        .map_err(describe)?
        .0;
    let close = line.trim_end_matches([' ', '\t', '\r', '\n']).len() - 1;
    debug_assert_eq!(line.as_bytes()[close], b'}');
    Ok(Line {
        field: span(raw),
        text,
        deboiler: members.deboiler.map(span),
        close,
    })
}

/// serde_json's message without its ` at line 1 column N`, with the column.
fn describe(e: serde_json::Error) -> String {
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    match e.classify() {
        serde_json::error::Category::Data => message.to_string(),
        _ => format!("invalid JSON at column {}: {message}", e.column()),
    }
}

/// The two values of a line that are replaced.
struct Members<'a> {
    field: Option<&'a RawValue>,
    deboiler: Option<&'a RawValue>,
}

struct LineSeed<'f> {
    field: &'f str,
}

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = Members<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for LineSeed<'_> {
    type Value = Members<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Members {
            field: None,
            deboiler: None,
        };
        while let Some(key) = map.next_key_seed(KeySeed { field: self.field })? {
            let (slot, name) = match key {
                Key::Field => (&mut members.field, self.field),
                Key::Deboiler => (&mut members.deboiler, "deboiler"),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                return Err(de::Error::custom(format_args!(
                    "field {name:?} appears twice"
                )));
            }
            *slot = Some(map.next_value::<&'de RawValue>()?);
        }
        Ok(members)
    }
}

/// Which member a key names, found without allocating.
enum Key {
    Field,
    Deboiler,
    Other,
}

struct KeySeed<'f> {
    field: &'f str,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.field {
            Key::Field
        } else if key == "deboiler" {
            Key::Deboiler
        } else {
            Key::Other
        })
    }
}

/// A JSON string, borrowed from the line when it holds no escape.
struct Text<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// For each byte, what follows the backslash that escapes it (`u` for `\u00XX`), or 0 when it
/// is written as it is: `"`, `\` and the control characters below 0x20, as serde_json does.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends `s` as the inside of a JSON string (no quotes). UTF-8 beyond ASCII is written as
/// it is.
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len());
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none of them needs an escape (most text).
        if let Some(word) = bytes.get(i..i + 8)
            && !needs_escape(u64::from_le_bytes(word.try_into().expect("8 bytes")))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        let escape = ESCAPE[b as usize];
        if escape != 0 {
            out.extend_from_slice(&bytes[start..i]);
            if escape == b'u' {
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(b >> 4) as usize],
                    HEX[(b & 0xf) as usize],
                ]);
            } else {
                out.extend_from_slice(&[b'\\', escape]);
            }
            start = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Whether one of the eight bytes is below 0x20, `"` or `\`: the "has a zero byte" and "has
/// a byte less than n" bit tricks, exact as a yes or no (a flag can be set wrongly only above
/// a byte that rightly sets one).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = zero_byte(word ^ (ONES * b'"' as u64));
    let backslash = zero_byte(word ^ (ONES * b'\\' as u64));
    (control | quote | backslash) != 0
}

/// Appends `s` as a JSON string, quotes included.
pub fn string_into(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escape_into(out, s);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_serde_json_does() {
        let mut all = String::new();
        for c in (0u32..0x300).chain([0x2028, 0x2029, 0xfeff, 0x1f600]) {
            all.push(char::from_u32(c).unwrap());
        }
        for s in [
            "",
            "plain",
            "a\"b\\c\nd\te\r\u{0}\u{1f}\u{7f}",
            "é“”—",
            all.as_str(),
        ] {
            let mut ours = Vec::new();
            string_into(&mut ours, s);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn finds_the_field_and_the_deboiler_member() {
        let line = r#"{"id": 1e5, "deboiler": {"x": [1]}, "text": "a\u00e9\"b", "z": null} "#;
        let parsed = parse(line, "text").unwrap();
        assert_eq!(&line[parsed.field.clone()], r#""a\u00e9\"b""#);
        assert_eq!(parsed.text, "aé\"b");
        assert!(matches!(parsed.text, Cow::Owned(_)));
        assert_eq!(&line[parsed.deboiler.unwrap()], r#"{"x": [1]}"#);
        assert_eq!(&line[parsed.close..], "} ");

        let plain = parse(r#"{"text":"no escapes"}"#, "text").unwrap();
        assert!(matches!(plain.text, Cow::Borrowed("no escapes")));
        assert!(plain.deboiler.is_none());
        // A key spelled with an escape is the same key.
        let escaped = parse(r#"{"t\u0065xt":"x"}"#, "text").unwrap();
        assert_eq!(escaped.text, "x");
    }

    #[test]
    fn names_what_is_wrong() {
        let cases = [
            (
                "not-json",
                "{",
                "invalid JSON at column 1: EOF while parsing an object",
            ),
            (
                "trailing",
                r#"{"text":"a"} x"#,
                "invalid JSON at column 14: trailing characters",
            ),
            (
                "array",
                r#"["text"]"#,
                "invalid type: sequence, expected a JSON object",
            ),
            ("missing", r#"{"body":"a"}"#, "no field \"text\""),
            (
                "number",
                r#"{"text":12}"#,
                "field \"text\" is a number, not a string",
            ),
            (
                "null",
                r#"{"text":null}"#,
                "field \"text\" is null, not a string",
            ),
            (
                "object",
                r#"{"text":{}}"#,
                "field \"text\" is an object, not a string",
            ),
            (
                "twice",
                r#"{"text":"a","text":"b"}"#,
                "field \"text\" appears twice",
            ),
            (
                "control",
                "{\"text\":\"a\u{1}\"}",
                "invalid JSON at column 10: control character (\\u0000-\\u001F) found while parsing a string",
            ),
        ];
        for (name, line, want) in cases {
            let got = parse(line, "text").err();
            assert_eq!(got.as_deref(), Some(want), "{name}");
        }
    }
}
