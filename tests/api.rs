//! The public API's promises.

use deboiler::{Category, Cleaner, Error, Language, Reason};

fn cleaner() -> Cleaner {
    Cleaner::builder().build().unwrap()
}

#[test]
fn cleaner_is_send_sync_clone() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<Cleaner>();
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
}

#[test]
fn empty_and_blank_input() {
    let c = cleaner();
    for input in ["", "\n", "\n\n\n", "   \t  \r\n", "\u{feff}"] {
        let cleaned = c.clean(input);
        assert!(
            cleaned.text().trim_start_matches('\u{feff}').is_empty(),
            "{input:?}"
        );
    }
}

#[test]
fn spans_are_sorted_disjoint_and_on_char_boundaries() {
    let input = fs_seed("euromaidan-sanctions");
    let cleaned = cleaner().clean(&input);
    let mut spans: Vec<_> = cleaned.removals().iter().map(|r| r.span()).collect();
    spans.sort_by_key(|s| s.start);
    for pair in spans.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{pair:?}");
    }
    for r in cleaned.removals() {
        let s = r.span();
        assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
        assert_eq!(&input[s], r.text());
    }
}

#[test]
fn unknown_language_is_an_error_naming_the_code() {
    let err = Cleaner::builder().language("klingon").build().unwrap_err();
    assert!(matches!(err, Error::UnknownLanguage { ref code } if code == "klingon"));
    assert!(err.to_string().contains("\"klingon\""), "{err}");
}

#[test]
fn empty_extra_phrase_is_an_error() {
    let err = Cleaner::builder()
        .extra_phrases(["ok", "  "])
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::EmptyPhrase { index: 1, .. }),
        "{err:?}"
    );
}

#[test]
fn extra_phrases_are_custom_category() {
    let c = Cleaner::builder()
        .extra_phrases(["Weiterlesen nach der Werbung"])
        .build()
        .unwrap();
    let cleaned = c.clean(
        "The committee met for six hours before agreeing on the final text of the report.\n\
         Weiterlesen nach der Werbung\n",
    );
    let r = &cleaned.removals()[0];
    assert!(matches!(
        r.reason(),
        Reason::Phrase {
            category: Category::Custom,
            ..
        }
    ));
}

#[test]
fn a_single_paragraph_is_kept() {
    let text = "The committee met for six hours before agreeing on the final text of the report.";
    assert_eq!(cleaner().clean(text).text(), text);
}

#[test]
fn short_lines_only_are_not_foreign() {
    // Regression: with no line of 40+ characters the page's script came out unknown, and
    // every line was then removed as foreign.
    for text in ["Short note", "Short note\nAnother line\n", "ok"] {
        let cleaned = cleaner().clean(text);
        assert!(
            !cleaned
                .removals()
                .iter()
                .any(|r| matches!(r.reason(), Reason::ForeignLanguage { .. })),
            "{text:?}: {:?}",
            cleaned.removals()
        );
    }
}

#[test]
fn fixed_language_is_reported() {
    let c = Cleaner::builder().language("deu").build().unwrap();
    assert_eq!(c.clean("x").language(), Language::from_code("de"));
}

#[test]
fn detected_language() {
    let input = fs_seed("novaya-drones");
    let cleaned = cleaner().clean(&input);
    assert_eq!(cleaned.language().map(|l| l.code()), Some("eng"));
}

#[test]
fn options_turn_rules_off() {
    let input = "The museum reopened its east wing on Saturday after a long restoration of the roof.\n\
                 Москва является столицей России и крупнейшим по численности населения городом страны.\n\
                 Visitors will find the collection rearranged, with the oldest maps now on the ground floor.\n";
    let russian = "Москва является";
    assert!(!cleaner().clean(input).text().contains(russian));
    let c = Cleaner::builder()
        .remove_foreign(false)
        .find_article(false)
        .build()
        .unwrap();
    assert!(c.clean(input).text().contains(russian));
    let input = fs_seed("euromaidan-sanctions");
    let c = Cleaner::builder().remove_citations(false).build().unwrap();
    assert!(c.clean(&input).text().contains("[11]"));
}

fn fs_seed(name: &str) -> String {
    let path = format!("{}/fixtures/{name}/input.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn phrase_pack_file_errors_name_file_and_line() {
    let dir = std::env::temp_dir().join(format!("deboiler-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, "# mine\n[related]\nMehr aus der Region\n").unwrap();
    let cleaner = Cleaner::builder().phrase_pack_file(&good).build().unwrap();
    let text = "The storm closed the coast road for most of the day, the county said on Sunday.\n\
                Mehr aus der Region\n";
    assert!(
        cleaner
            .clean(text)
            .removals()
            .iter()
            .any(|r| r.text() == "Mehr aus der Region")
    );

    let bad = dir.join("bad.txt");
    std::fs::write(&bad, "[cookie]\nok\nstray ]\n[footer weak]\n").unwrap();
    let err = Cleaner::builder()
        .phrase_pack_file(&bad)
        .build()
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::PhrasePack { line: 4, .. }), "{msg}");
    assert!(msg.contains("bad.txt") && msg.contains("line 4"), "{msg}");

    let missing = dir.join("missing.txt");
    let err = Cleaner::builder()
        .phrase_pack_file(&missing)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
    assert!(err.to_string().contains("missing.txt"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The batch and iterator APIs give what cleaning each document alone gives, in order (with the
/// `parallel` feature too: `cargo test --features parallel`).
#[test]
fn batch_and_iterator_match_one_at_a_time() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut docs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path().join("input.txt"))
        .filter(|p| p.exists())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(docs.len() >= 10, "fixtures found: {}", docs.len());
    docs.push(String::new());
    let cleaner = Cleaner::builder().build().unwrap();
    let one: Vec<String> = docs
        .iter()
        .map(|d| cleaner.clean(d).text().into_owned())
        .collect();
    let batch: Vec<String> = cleaner
        .clean_batch(&docs)
        .iter()
        .map(|c| c.text().into_owned())
        .collect();
    let iter: Vec<String> = cleaner
        .clean_iter(docs.iter().map(String::as_str))
        .map(|c| c.text().into_owned())
        .collect();
    assert_eq!(batch, one);
    assert_eq!(iter, one);
    assert!(cleaner.clean_batch::<&str>(&[]).is_empty());
}

/// The article's paragraphs of the tests below: English prose, one sentence a line.
const ENGLISH: &str = "The museum reopened its east wing on Saturday after a long restoration of the roof.\n\
    Visitors will find the collection rearranged, with the oldest maps now on the ground floor.\n\
    The curators said that the work had taken three years and most of the original budget.\n\
    Tickets for the first month were sold out within a day of the announcement last week.\n";

fn foreign_removals(cleaned: &deboiler::Cleaned<'_>) -> Vec<(Option<String>, String)> {
    cleaned
        .removals()
        .iter()
        .filter_map(|r| match r.reason() {
            Reason::ForeignLanguage { language, .. } => {
                Some((language.map(|l| l.code().to_string()), r.text().to_string()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_block_full_of_another_languages_stopwords_is_named_by_the_vote() {
    let input = format!(
        "{ENGLISH}Les nouvelles règles de la ville sont entrées en vigueur pour tous les habitants.\n"
    );
    let found = foreign_removals(&cleaner().clean(&input));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0.as_deref(), Some("fra"));
}

#[test]
fn a_short_line_in_another_script_is_foreign_but_not_named() {
    // A brand name is too short for whatlang to name its language (it guesses); the script
    // alone makes the line foreign. A long line in that script is named.
    let input = "Москва является столицей России и крупнейшим по численности населения городом.\n\
                 Правительство утвердило новый план развития транспорта на ближайшие десять лет.\n\
                 Yahoo! JAPAN\n\
                 Жители города смогут пользоваться новыми маршрутами уже с начала следующего года.\n\
                 The committee met for six hours before agreeing on the final text of the report.\n";
    let found = foreign_removals(&cleaner().clean(input));
    assert!(
        found.contains(&(None, "Yahoo! JAPAN".to_string())),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(l, t)| l.as_deref() == Some("eng") && t.starts_with("The committee")),
        "{found:?}"
    );
}

#[test]
fn code_in_the_longest_lines_does_not_decide_the_language() {
    // The longest lines of some pages are a script tag repeated for every ad slot; read as
    // text, they named the page another language and the article came out "foreign".
    let script = |slot: usize| {
        format!(
            "<SCRIPT LANGUAGE='JavaScript1.1'>if (document.layers) {{document.write('<SCR' + \
             'IPT language=JavaScript1.1 SRC=/Global/ad.asp?type=single&cls1=News&sr=ncaa&pos={slot}'); \
             document.write('</SCR' + 'IPT>');}}</SCRIPT>\n"
        )
    };
    let scripts = |slots: std::ops::Range<usize>| slots.map(script).collect::<String>();
    let input = format!("{}{ENGLISH}{}", scripts(0..8), scripts(8..14));
    let cleaned = cleaner().clean(&input);
    assert_eq!(cleaned.language().map(|l| l.code()), Some("eng"));
    assert!(
        foreign_removals(&cleaned).is_empty(),
        "{:?}",
        cleaned.removals()
    );
    assert!(cleaned.text().contains("The museum reopened its east wing"));
}

#[test]
fn addresses_are_never_foreign() {
    // A URL or an e-mail address is in no language, whatever whatlang makes of its letters.
    let english = format!(
        "{ENGLISH}http://www.salvationarmyusa.org/usn/www_usn_2.nsf\n\
         E-mail contact: Claudia Roe croe@iname.example.com\n{ENGLISH}"
    );
    let russian = "Москва является столицей России и крупнейшим по численности населения городом.\n\
                   Правительство утвердило новый план развития транспорта на ближайшие десять лет.\n\
                   Подробности: https://www.example.com/transport/plan-2030/details.html\n\
                   Жители города смогут пользоваться новыми маршрутами уже с начала следующего года.\n";
    assert_nothing_foreign(&english);
    assert_nothing_foreign(russian);
}

fn assert_nothing_foreign(input: &str) {
    let cleaned = cleaner().clean(input);
    let found = foreign_removals(&cleaned);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn numbers_and_names_are_never_foreign() {
    // Without its numbers, a date line is a handful of names; a list of addresses abroad is
    // names and numbers. Neither is in another language.
    let input = format!(
        "{ENGLISH}updated 1:30 PM EST, Wed November 7, 2012\n\
         VI. Andrássy út 3, Metro: M1 Bajcsy-Zsilinszky út, Bus 4, 105, Open: 10am-6pm\n{ENGLISH}"
    );
    assert_nothing_foreign(&input);
}

#[test]
fn labelled_lists_go() {
    // A label from the packs (navigation or share, ending in a colon) opening a list: the
    // label covers too little of the line for the phrase rule, the shape tells.
    let input = format!(
        "{ENGLISH}Tags: Football, Premier League, Newcastle, transfers\n\
         You are here: Home > Sport > Football > Premier League\n"
    );
    let cleaned = cleaner().clean(&input);
    let text = cleaned.text();
    assert!(!text.contains("Tags:"), "{text}");
    assert!(!text.contains("You are here"), "{text}");
    assert!(text.contains("The museum reopened"));
    // A sentence that happens to start with a label is prose.
    let sentence = format!(
        "{ENGLISH}Tags: these are the labels the editors attach to every story they publish.\n"
    );
    assert!(
        cleaner()
            .clean(&sentence)
            .text()
            .contains("these are the labels")
    );
}

/// Where the model would keep under a fifth of the text the rules left, its threshold drops to
/// a third: at a demanding 0.9, a page keeps what 0.3 keeps, not next to nothing.
#[test]
fn a_page_the_model_hardly_recognises_keeps_its_doubtful_blocks() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/novaya-drones/input.txt"
    ))
    .unwrap();
    let at = |p: f32| {
        let mut t = deboiler::Preset::Balanced.thresholds();
        t.article_probability = p;
        let cleaner = Cleaner::builder().thresholds(t).build().unwrap();
        cleaner.clean(&page).text().len()
    };
    let (demanding, third) = (at(0.9), at(0.3));
    assert!(third > page.len() / 2, "{third} of {}", page.len());
    assert_eq!(demanding, third);
}

#[test]
fn reason_names_are_the_display_forms_rule_in_snake_case() {
    let mut seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).unwrap() {
        let path = entry.unwrap().path().join("input.txt");
        let Ok(input) = std::fs::read_to_string(&path) else {
            continue;
        };
        for r in cleaner().clean(&input).removals() {
            let display = r.reason().to_string();
            let rule = display.split('(').next().unwrap().replace('-', "_");
            assert_eq!(r.reason().name(), rule, "{}: {display}", path.display());
            seen.insert(r.reason().name());
        }
    }
    // The site fixture, cleaned with its memory, for the site rule's reason.
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/site-riverside");
    let pages: Vec<String> = (1..=5)
        .map(|k| std::fs::read_to_string(format!("{site}/page{k}.txt")).unwrap())
        .collect();
    let c = cleaner();
    let memory = deboiler::SiteMemory::learn(&c, pages.iter().map(String::as_str));
    for page in &pages {
        for r in c.clean_with(&memory, page).removals() {
            let display = r.reason().to_string();
            let rule = display.split('(').next().unwrap().replace('-', "_");
            assert_eq!(r.reason().name(), rule, "{display}");
            seen.insert(r.reason().name());
        }
    }
    assert!(seen.contains("repeated_on_site"), "{seen:?}");
    // The fixtures exercise most rules; the check above is not vacuous.
    assert!(seen.len() >= 7, "{seen:?}");
}
