//! Pathological shapes of input at 1, 4, 16 and 64 MB: time per MB should stay flat (the
//! crate docs promise time linear in the input).
//!
//! Shapes: one line with no line break, blank lines only, one-word lines, boilerplate only,
//! text all in other languages than the article's, one paragraph repeated, and very long
//! words with no spaces. Inputs are generated here, deterministically; each output is checked
//! once before timing.
//!
//! `cargo bench --bench pathological` takes about ten minutes. Under `cargo bench -- --test`
//! (CI) only the 1 MB inputs run, once each. `DEBOILER_BENCH_MB=1,4` picks other sizes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use deboiler::{Cleaned, Cleaner, Reason};

const MB: usize = 1_000_000;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
}

const PROSE: &[&str] = &[
    "the",
    "council",
    "met",
    "on",
    "Tuesday",
    "and",
    "agreed",
    "to",
    "fund",
    "a",
    "new",
    "bridge",
    "over",
    "river",
    "which",
    "residents",
    "have",
    "asked",
    "for",
    "many",
    "years",
    "it",
    "was",
    "in",
    "with",
    "their",
    "after",
    "long",
    "debate",
    "about",
    "cost",
    "of",
    "works",
    "engineers",
    "said",
    "would",
    "start",
    "next",
    "spring",
    "town",
];

const BOILERPLATE: &[&str] = &[
    "We use cookies to improve your experience on our site.",
    "Privacy Policy",
    "Terms of Use",
    "Cookie settings",
    "Subscribe to our newsletter",
    "Share on Facebook",
    "Follow us on Twitter",
    "Read also:",
    "More stories",
    "Home",
    "News",
    "Sport",
    "Contact us",
    "Advertisement",
    "Skip to content",
    "Back to top",
    "© 2024 Example News. All rights reserved.",
    "Sign up for our daily briefing",
    "Please enable JavaScript to view this page.",
    "Leave a reply",
];

/// Words of languages other than English, by script and language.
const FOREIGN: &[&[&str]] = &[
    &[
        "город",
        "совет",
        "решил",
        "построить",
        "новый",
        "мост",
        "через",
        "реку",
        "после",
        "долгих",
        "споров",
        "жители",
        "просили",
        "об",
        "этом",
        "много",
        "лет",
        "и",
        "в",
        "на",
    ],
    &[
        "die",
        "Stadt",
        "hat",
        "beschlossen",
        "eine",
        "neue",
        "Brücke",
        "über",
        "den",
        "Fluss",
        "zu",
        "bauen",
        "nachdem",
        "die",
        "Bewohner",
        "seit",
        "Jahren",
        "darum",
        "gebeten",
        "und",
    ],
    &[
        "la",
        "ville",
        "a",
        "décidé",
        "de",
        "construire",
        "un",
        "nouveau",
        "pont",
        "sur",
        "le",
        "fleuve",
        "après",
        "des",
        "années",
        "de",
        "débats",
        "et",
        "les",
        "habitants",
    ],
    &[
        "市", "议会", "决定", "在", "河", "上", "修建", "一座", "新", "桥", "居民", "多年", "来",
        "一直", "要求", "的", "经过", "长期", "讨论", "后",
    ],
];

fn fill(size: usize, mut push: impl FnMut(&mut String)) -> String {
    let mut s = String::with_capacity(size + 1024);
    while s.len() < size {
        push(&mut s);
    }
    s
}

fn sentence(rng: &mut Rng, words: &[&str], s: &mut String) {
    let n = 8 + rng.next() % 20;
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(words));
    }
    s.push('.');
}

/// One line of prose, no line break at all.
fn one_line(size: usize) -> String {
    let mut rng = Rng(1);
    fill(size, |s| {
        sentence(&mut rng, PROSE, s);
        s.push(' ');
    })
}

fn blank_lines(size: usize) -> String {
    "\n".repeat(size)
}

fn one_word_lines(size: usize) -> String {
    let mut rng = Rng(2);
    fill(size, |s| {
        s.push_str(rng.pick(PROSE));
        s.push('\n');
    })
}

fn all_boilerplate(size: usize) -> String {
    let mut rng = Rng(3);
    fill(size, |s| {
        s.push_str(rng.pick(BOILERPLATE));
        s.push('\n');
    })
}

/// Paragraphs in Russian, German, French and Chinese; the cleaner's article language is
/// English.
fn all_foreign(size: usize) -> String {
    let mut rng = Rng(4);
    fill(size, |s| {
        let lang = FOREIGN[(rng.next() % FOREIGN.len() as u64) as usize];
        for _ in 0..3 {
            sentence(&mut rng, lang, s);
            s.push(' ');
        }
        s.push_str("\n\n");
    })
}

fn repetitive(size: usize) -> String {
    const PARAGRAPH: &str = "The council met on Tuesday and agreed to fund a new bridge over \
        the river, which residents have asked for over many years, after a long debate about \
        the cost of the works.\n\n";
    PARAGRAPH.repeat(size / PARAGRAPH.len() + 1)
}

/// Lines of one 20,000-letter word each.
fn long_words(size: usize) -> String {
    let mut rng = Rng(5);
    fill(size, |s| {
        for _ in 0..20_000 {
            s.push((b'a' + (rng.next() % 26) as u8) as char);
        }
        s.push('\n');
    })
}

type Check = fn(&str, &Cleaned<'_>) -> Result<(), String>;
/// A shape: its name, how to make an input of about `size` bytes, and what its output must be.
type Shape = (&'static str, fn(usize) -> String, Check);

fn kept_share(input: &str, cleaned: &Cleaned<'_>) -> f64 {
    let kept: usize = cleaned.paragraphs().iter().map(|p| p.len()).sum();
    kept as f64 / input.len() as f64
}

fn expect(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what()) }
}

const SHAPES: &[Shape] = &[
    ("one-line", one_line, |input, c| {
        expect(c.text().len() + 1 >= input.len(), || {
            format!("kept {} of {} bytes", c.text().len(), input.len())
        })
    }),
    ("blank-lines", blank_lines, |_, c| {
        expect(c.is_empty() && c.removals().is_empty(), || {
            format!("{} paragraphs", c.paragraphs().len())
        })
    }),
    ("one-word-lines", one_word_lines, |input, c| {
        // Runs of short lines are menus.
        expect(kept_share(input, c) < 0.01, || {
            format!("kept {:.3}", kept_share(input, c))
        })
    }),
    ("all-boilerplate", all_boilerplate, |input, c| {
        expect(kept_share(input, c) < 0.01, || {
            format!("kept {:.3}", kept_share(input, c))
        })
    }),
    ("all-foreign", all_foreign, |input, c| {
        let foreign = c
            .removals()
            .iter()
            .filter(|r| matches!(r.reason(), Reason::ForeignLanguage { .. }))
            .map(|r| r.text().len())
            .sum::<usize>() as f64
            / input.len() as f64;
        // The rest goes too, most of it as boilerplate.
        expect(foreign > 0.8 && kept_share(input, c) < 0.01, || {
            format!(
                "{foreign:.3} removed as foreign, {:.3} kept",
                kept_share(input, c)
            )
        })
    }),
    ("repetitive", repetitive, |input, c| {
        expect(kept_share(input, c) > 0.9, || {
            format!("kept {:.3}", kept_share(input, c))
        })
    }),
    ("long-words", long_words, |input, c| {
        // Each line goes whole or stays whole. Five or more lines of at most three words
        // make a menu however long the words are, so here every line goes as one.
        let removed: usize = c.removals().iter().map(|r| r.text().len()).sum();
        let lines = input.lines().count();
        let kept: usize = c.paragraphs().iter().map(|p| p.len()).sum();
        let accounted = removed + kept + lines == input.len();
        let menu = c
            .removals()
            .iter()
            .all(|r| matches!(r.reason(), Reason::Menu { .. }));
        expect(accounted && menu, || {
            format!(
                "removed {removed} and kept {} of {} bytes",
                c.text().len(),
                input.len()
            )
        })
    }),
];

fn bench(c: &mut Criterion) {
    // `DEBOILER_BENCH_MB=1,4` picks the sizes (in MB).
    let sizes: Vec<usize> = match std::env::var("DEBOILER_BENCH_MB") {
        Ok(list) => list
            .split(',')
            .map(|n| {
                n.trim()
                    .parse::<usize>()
                    .expect("DEBOILER_BENCH_MB: sizes in MB")
                    * MB
            })
            .collect(),
        Err(_) if std::env::args().any(|a| a == "--test") => vec![MB],
        Err(_) => vec![MB, 4 * MB, 16 * MB, 64 * MB],
    };
    let cleaner = Cleaner::builder().build().unwrap();
    let english = Cleaner::builder().language("eng").build().unwrap();
    // With a criterion filter such as `all-foreign`, other shapes are not even generated.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    for &(shape, make, check) in SHAPES {
        let wanted =
            |f: &String| format!("pathological/{shape}/").contains(f.as_str()) || f.contains(shape);
        if !filter.as_ref().is_none_or(wanted) {
            continue;
        }
        let cleaner = if shape == "all-foreign" {
            &english
        } else {
            &cleaner
        };
        let mut group = c.benchmark_group(format!("pathological/{shape}"));
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(4));
        for &size in &sizes {
            let input = make(size);
            let start = std::time::Instant::now();
            let cleaned = cleaner.clean(&input);
            let took = start.elapsed();
            if let Err(e) = check(&input, &cleaned) {
                panic!("{shape} at {} MB: {e}", size / MB);
            }
            drop(cleaned);
            eprintln!(
                "checked {shape} at {} MB: cleaned once in {:.0} ms per MB",
                size / MB,
                took.as_secs_f64() * 1e3 / (input.len() as f64 / MB as f64)
            );
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{}MB", size / MB)),
                &input,
                |b, input| b.iter(|| cleaner.clean(black_box(input))),
            );
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
