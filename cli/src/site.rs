//! `--site FIELD` and `--site-url FIELD`: the documents of a JSON Lines input grouped by
//! site, each group's [`SiteMemory`] learned in a first pass over the inputs, for the second
//! pass to clean each document with its site's memory.
//!
//! The first pass reads every input once, on the run's threads, before anything is cleaned:
//! each line's field is cut into lines and hashed into its site's memory (each thread learns
//! memories of its own, merged at the end) (the library keeps 16
//! bytes and a little per distinct line of a site, never the text), so memory grows with the
//! number of distinct lines and sites, not with the input. Lines the second pass will
//! report as invalid are skipped here. Standard input cannot be read twice: it is first
//! copied to a temporary file (removed at the end of the run), which is then read twice
//! like any file.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use deboiler::{Cleaner, SiteMemory};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use crate::args::Format;
use crate::input::Input;
use crate::json;
use crate::read::{Chunk, Reader};

/// How a line's site is found.
#[derive(Clone, Debug)]
pub enum SiteKey {
    /// The value of a string field, as it is.
    Field(String),
    /// The host of the URL in a string field.
    UrlHost(String),
}

/// Every site's memory, by site.
pub struct Sites {
    key: SiteKey,
    memories: HashMap<String, SiteMemory>,
}

impl Sites {
    /// The first pass: every input's lines, their field `field` observed into the memory of
    /// their site. A line without a site (no such field, not a string, no host) is a site of
    /// its own: it is cleaned without memory.
    pub fn learn(
        cleaner: &Cleaner,
        inputs: Arc<[Input]>,
        field: &str,
        key: SiteKey,
        threads: usize,
    ) -> Sites {
        let reader = Mutex::new(Reader::new(inputs, Format::Jsonl));
        // A reading error stops the first pass where the second will report it.
        let done = AtomicBool::new(false);
        // Each thread reads a chunk at a time and learns into memories of its own; they are
        // merged at the end (a memory's counts do not depend on the order of its pages).
        let learn_chunks = || {
            let mut memories: HashMap<String, SiteMemory> = HashMap::new();
            let mut chunk = Chunk::default();
            while !done.load(Ordering::Relaxed) {
                let more = reader.lock().expect("no reader panics").fill(&mut chunk);
                if !more || chunk.fatal.is_some() {
                    done.store(true, Ordering::Relaxed);
                }
                for doc in &chunk.docs {
                    let Ok(line) = std::str::from_utf8(&chunk.data[doc.body.clone()]) else {
                        continue;
                    };
                    let Ok(parsed) = json::parse(line, field) else {
                        continue;
                    };
                    if let Some(site) = site_of(line, &key) {
                        memories
                            .entry(site)
                            .or_default()
                            .observe(cleaner, &parsed.text);
                    }
                }
                chunk.clear();
            }
            memories
        };
        let mut parts: Vec<HashMap<String, SiteMemory>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads.max(1))
                .map(|_| scope.spawn(learn_chunks))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("no learner panics"))
                .collect()
        });
        let mut memories = parts.pop().unwrap_or_default();
        for part in parts {
            for (site, memory) in part {
                match memories.get_mut(&site) {
                    Some(mine) => mine.merge(memory),
                    None => {
                        memories.insert(site, memory);
                    }
                }
            }
        }
        Sites { key, memories }
    }

    /// The memory of the line's site, if it has one.
    pub fn memory_for(&self, line: &str) -> Option<&SiteMemory> {
        self.memories.get(&site_of(line, &self.key)?)
    }
}

/// The line's site: the field's string value, or the host of the URL in it.
pub fn site_of(line: &str, key: &SiteKey) -> Option<String> {
    match key {
        SiteKey::Field(name) => string_field(line, name),
        SiteKey::UrlHost(name) => host(&string_field(line, name)?),
    }
}

/// The host of a URL, lower-cased, without a leading `www.`, a port or user information:
/// `https://user@www.Example.com:8080/a?b` gives `example.com`. `None` when there is none.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // An IPv6 literal keeps its colons.
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next()?
    } else {
        authority.split(':').next()?
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The string value of a top-level field, parsed by serde_json with every other member
/// skipped; `None` when the line is not an object, lacks the field, or it is not a string.
fn string_field(line: &str, name: &str) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(line);
    (FieldSeed { name }).deserialize(&mut de).ok()?
}

struct FieldSeed<'n> {
    name: &'n str,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if found.is_none() && key == self.name {
                // A string, or anything else (then no site).
                let value: serde_json::Value = map.next_value()?;
                found = Some(value.as_str().map(str::to_string));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found.flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let cases = [
            ("https://www.Example.com/a/b?c#d", Some("example.com")),
            (
                "http://user:pw@news.example.org:8080/x",
                Some("news.example.org"),
            ),
            ("example.net/path", Some("example.net")),
            ("https://[::1]:80/", Some("[::1]")),
            ("https:///nothing", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(host(url).as_deref(), want, "{url:?}");
        }
    }

    #[test]
    fn sites_of_lines() {
        let field = SiteKey::Field("site".to_string());
        let url = SiteKey::UrlHost("url".to_string());
        let cases = [
            (r#"{"text":"a","site":"x.com"}"#, Some("x.com"), None),
            (r#"{"site":"x\u002ecom","text":"a"}"#, Some("x.com"), None),
            (r#"{"text":"a","site":null}"#, None, None),
            (
                r#"{"text":"a","site":3,"url":"https://y.org/p"}"#,
                None,
                Some("y.org"),
            ),
            (r#"{"text":"a","meta":{"site":"z"}}"#, None, None),
            ("not json", None, None),
        ];
        for (line, by_field, by_url) in cases {
            assert_eq!(site_of(line, &field).as_deref(), by_field, "{line}");
            assert_eq!(site_of(line, &url).as_deref(), by_url, "{line}");
        }
    }
}
