"""Cleaning through the Python API: the fixtures' expected bodies and removal records, the
offsets of every removal, the Rust example's output, each option's effect, the reprs."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import deboiler
from conftest import FIXTURES, REPO, corpus_docs, fixture_cases, read_text

CASES = fixture_cases()


def check_offsets(text: str, cleaned: deboiler.Cleaned) -> int:
    """Asserts that every removal's offsets slice the input to its text, in code points and
    in UTF-8 bytes; returns how many removals were checked."""
    data = text.encode("utf-8")
    removals = cleaned.removals
    assert len(removals) == cleaned.removal_count
    previous_end = 0
    for r in removals:
        assert 0 <= previous_end <= r.start < r.end <= len(text), r
        assert text[r.start : r.end] == r.text, r
        assert data[r.byte_start : r.byte_end].decode("utf-8") == r.text, r
        previous_end = r.end
    return len(removals)


@pytest.mark.parametrize("name", ["novaya-drones", "euromaidan-sanctions"])
def test_seeds_give_their_expected_bodies(name):
    case = FIXTURES / name
    cleaned = deboiler.Cleaner().clean(read_text(case / "input.txt"))
    assert cleaned.text + "\n" == read_text(case / "expected.txt")
    assert cleaned.language == "eng"
    assert cleaned.removals, "the seeds have cruft to remove"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_bodies_and_removal_records(case):
    """The body is expected.txt and the removals are removals.txt (the library's records:
    reason detail and byte span), so Python gives what the Rust library gives."""
    text = read_text(case / "input.txt")
    cleaned = deboiler.Cleaner().clean(text)
    expected = read_text(case / "expected.txt")
    assert (cleaned.text + "\n" if cleaned.text else "") == expected
    want = [line.split("\t")[:2] for line in read_text(case / "removals.txt").splitlines()]
    got = [[r.detail, f"{r.byte_start}..{r.byte_end}"] for r in cleaned.removals]
    assert got == want
    check_offsets(text, cleaned)


def test_offsets_on_fixtures_include_non_ascii():
    checked = non_ascii = 0
    for case in CASES:
        text = read_text(case / "input.txt")
        cleaned = deboiler.Cleaner().clean(text)
        checked += check_offsets(text, cleaned)
        # Removals after a non-ASCII character are where code points and bytes part ways.
        non_ascii += sum(1 for r in cleaned.removals if r.start != r.byte_start)
    assert checked > 50
    assert non_ascii > 5


def test_offsets_with_astral_characters_and_crlf():
    # Emoji are 4 bytes in UTF-8 and one code point in Python (and two UTF-16 units).
    text = (
        "🎉🎉 Party in the park 🎉\r\n"
        "The festival drew twelve thousand people to the park on Saturday afternoon.\r\n"
        "We use cookies to give you the best experience on our website.\r\n"
        "Organisers said the event raised money for the children's hospital.[4]\r\n"
    )
    cleaned = deboiler.Cleaner().clean(text)
    reasons = [r.reason for r in cleaned.removals]
    assert reasons == ["phrase", "citation_marker"], cleaned.removals
    assert check_offsets(text, cleaned) == 2
    # Three emoji before it: 4 bytes but 1 code point each.
    assert cleaned.removals[0].byte_start - cleaned.removals[0].start == 3 * 3


def test_offsets_on_the_dev_corpus():
    docs = corpus_docs()
    if not docs:
        pytest.skip("the dev corpus (../shared/corpus) is absent")
    cleaner = deboiler.Cleaner()
    results = cleaner.clean_batch([t for _, t in docs])
    checked = non_ascii_docs = 0
    for (name, text), cleaned in zip(docs, results):
        try:
            checked += check_offsets(text, cleaned)
        except AssertionError as e:
            raise AssertionError(f"{name}: {e}") from None
        if not text.isascii() and cleaned.removals:
            non_ascii_docs += 1
    assert checked > 10_000
    assert non_ascii_docs > 100


def example_binary():
    """The library's `clean` example, as `cargo test --release` leaves it, or built now."""
    built = REPO / "target" / "release" / "examples" / "clean"
    cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
    if not os.path.exists(cargo):
        if built.is_file():
            return [str(built)]
        pytest.skip("neither cargo nor a built `clean` example")
    return [cargo, "run", "--quiet", "--release", "--example", "clean", "--"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_as_the_rust_example(case):
    command = example_binary()
    data = (case / "input.txt").read_bytes()
    out = subprocess.run(
        command + ["--explain"], input=data, capture_output=True, cwd=REPO, timeout=900
    )
    assert out.returncode == 0, out.stderr.decode()
    cleaned = deboiler.Cleaner().clean(data.decode("utf-8"))
    assert out.stdout.decode("utf-8") == (cleaned.text + "\n" if cleaned.text else "")
    explained = [line.split("\t")[:2] for line in out.stderr.decode("utf-8").splitlines()]
    assert explained == [[r.detail, f"{r.byte_start}..{r.byte_end}"] for r in cleaned.removals]


def test_paragraphs_text_and_language():
    for case in CASES:
        cleaned = deboiler.Cleaner().clean(read_text(case / "input.txt"))
        paragraphs = cleaned.paragraphs
        assert "\n\n".join(paragraphs) == cleaned.text
        assert all(p and "\n" not in p and p == p.strip() for p in paragraphs), case.name
        assert cleaned.paragraphs is not paragraphs  # a new list each time
    empty = deboiler.Cleaner().clean("")
    assert (empty.text, empty.paragraphs, empty.removals, empty.language) == ("", [], [], None)
    languages = {
        "lang-de": "deu",
        "lang-fr": "fra",
        "lang-es": "spa",
        "lang-it": "ita",
        "lang-pl": "pol",
        "lang-ru": "rus",
        "novaya-drones": "eng",
    }
    for name, code in languages.items():
        assert deboiler.Cleaner().clean(read_text(FIXTURES / name / "input.txt")).language == code


def test_reasons_are_the_stable_names():
    names = set()
    for case in CASES:
        for r in deboiler.Cleaner().clean(read_text(case / "input.txt")).removals:
            names.add(r.reason)
            assert r.detail.startswith(r.reason.replace("_", "-")), r
    assert {"phrase", "teaser", "embedded_post", "inline_story_link", "foreign_language"} <= names
    assert names <= {
        "phrase",
        "teaser",
        "embedded_post",
        "inline_story_link",
        "related_list",
        "foreign_language",
        "comment_section",
        "menu",
        "boilerplate",
        "citation_marker",
    }


# Each option against the Rust builder's doc example for it: the keyword reaches the
# library's option of the same name.
ARTICLE = {"whole_page": False}


@pytest.mark.parametrize(
    "options, text, on, off",
    [
        ({"remove_citations": False}, "It rained.[3]", "It rained.", "It rained.[3]"),
        ({"repair_mojibake": False}, "The cafÃ©â€™s menu", "The café’s menu", "The cafÃ©â€™s menu"),
        ({"decode_entities": False}, "Q&amp;A", "Q&A", "Q&amp;A"),
        (
            {"remove_invisible": False},
            "\ufeffzero\u200bwidth soft\xadware",
            "zerowidth software",
            "\ufeffzero\u200bwidth soft\xadware",
        ),
        ({"remove_controls": False}, "bell\x07\tand tab", "bell and tab", "bell\x07 and tab"),
        ({"tidy_spaces": False}, "10\xa0km  at\u2009noon", "10 km at noon", "10\xa0km  at\u2009noon"),
        ({"nfkc": True}, "cafe\u0301 \ufb01x", "café fix", "café \ufb01x"),
        ({"ascii_punctuation": True}, "“It’s on” — she said", "\"It's on\" - she said", "“It’s on” — she said"),
    ],
)
def test_normaliser_options(options, text, on, off):
    default = deboiler.Cleaner(**ARTICLE).clean(text).text
    changed = deboiler.Cleaner(**ARTICLE, **options).clean(text).text
    # The option names the behaviour that differs from the default.
    flag = next(iter(options.values()))
    assert (changed, default) == ((on, off) if flag else (off, on))


WRAPPED = (
    "Delegates from the member states signed the new trade agreement inter-\n"
    "nationally recognised as the most ambitious in a generation, after talks\n"
    "that lasted a week and ended late on Friday night in the capital city.\n"
)


def test_unwrap_lines_and_dehyphenate():
    joined = deboiler.Cleaner(**ARTICLE).clean(WRAPPED)
    assert len(joined.paragraphs) == 1 and "agreement inter-nationally" in joined.text
    kept = deboiler.Cleaner(**ARTICLE, unwrap_lines=False).clean(WRAPPED)
    assert len(kept.paragraphs) == 3
    dehyphenated = deboiler.Cleaner(**ARTICLE, dehyphenate=True).clean(WRAPPED)
    assert " internationally recognised" in dehyphenated.text


def page() -> str:
    """A whole page: menu, sidebar teasers, an article with cruft, the sidebar again."""
    article = read_text(FIXTURES / "novaya-drones" / "input.txt")
    side = "\n".join(
        f"Opinion: the week in politics, part {i}, and what comes next for the region" for i in range(8)
    )
    return "Home\nNews\nWorld\nSport\nSubscribe\n" + side + "\n" + article + "\n" + side


def test_whole_page_preset_and_thresholds():
    text = page()
    detect = deboiler.Cleaner().clean(text)
    article = deboiler.Cleaner(whole_page=False).clean(text)
    assert "boilerplate" in {r.reason for r in detect.removals}
    assert "boilerplate" not in {r.reason for r in article.removals}
    assert deboiler.Cleaner(whole_page=True).clean(text).text == detect.text
    # A page of fewer blocks than min_page_blocks is taken as an article.
    huge = deboiler.Cleaner(thresholds={"min_page_blocks": 10**6}).clean(text)
    assert huge.text == article.text
    precision = deboiler.Cleaner(preset="precision").clean(text)
    recall = deboiler.Cleaner(preset="Recall").clean(text)
    assert len(precision.text) < len(detect.text) < len(recall.text)
    # A preset's thresholds given as a dict act as the preset.
    as_dict = deboiler.Cleaner(thresholds=deboiler.preset_thresholds("precision")).clean(text)
    assert as_dict.text == precision.text
    assert deboiler.Cleaner(preset="balanced").clean(text).text == detect.text


def test_language_and_foreign_options():
    german = read_text(FIXTURES / "lang-de" / "input.txt")
    assert deboiler.Cleaner(language="eng").clean(german).language == "eng"
    assert deboiler.Cleaner(language="de").clean(german).language == "deu"
    text = read_text(FIXTURES / "foreign-same-script" / "input.txt")
    removed = deboiler.Cleaner().clean(text)
    kept = deboiler.Cleaner(remove_foreign=False).clean(text)
    assert "foreign_language" in {r.reason for r in removed.removals}
    assert "foreign_language" not in {r.reason for r in kept.removals}
    assert len(kept.text) > len(removed.text)


def test_extra_phrases_and_phrase_packs(tmp_path):
    text = (
        "Mehr zum Thema\n"
        "The vote passed by a wide margin after a long debate in the chamber.\n"
        "Mehr aus der Region\n"
    )
    body = "The vote passed by a wide margin after a long debate in the chamber."
    plain = deboiler.Cleaner().clean(text)
    assert plain.text != body
    cleaned = deboiler.Cleaner(phrases=["Mehr zum Thema", "Mehr aus der Region"]).clean(text)
    assert cleaned.text == body
    assert [r.detail for r in cleaned.removals] == [
        'phrase(custom: "Mehr zum Thema")',
        'phrase(custom: "Mehr aus der Region")',
    ]
    pack = tmp_path / "my-site.txt"
    pack.write_text("# my site\n[related]\nMehr zum Thema\nMehr aus der Region\n", encoding="utf-8")
    for packs in (str(pack), pack, [pack], (str(pack),)):
        packed = deboiler.Cleaner(phrase_packs=packs).clean(text)
        assert packed.text == body, packs
        assert packed.removals[0].detail == 'phrase(related: "Mehr zum Thema")'


def test_defaults_are_the_librarys():
    assert deboiler._deboiler._defaults_match_library()


def test_clean_function_shares_cleaners():
    text = read_text(FIXTURES / "mixed" / "input.txt")
    assert deboiler.clean(text) == deboiler.Cleaner().clean(text).text
    before = deboiler._cleaner_for.cache_info()
    for _ in range(3):
        assert deboiler.clean(text, phrases=["Weather"], thresholds={"phrase_coverage": 0.5}) == (
            deboiler.Cleaner(phrases=["Weather"], thresholds={"phrase_coverage": 0.5}).clean(text).text
        )
    after = deboiler._cleaner_for.cache_info()
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 2
    with pytest.raises(ValueError):
        deboiler.clean(text, language="xx")


def test_reprs_and_immutability():
    cleaner = deboiler.Cleaner(language="eng", phrases=["Mehr"], nfkc=True, whole_page=False)
    assert repr(deboiler.Cleaner()) == "Cleaner()"
    assert repr(cleaner) == "Cleaner(language='eng', whole_page=False, phrases=['Mehr'], nfkc=True)"
    cleaned = cleaner.clean("It rained.[3]")
    assert repr(cleaned) == "Cleaned(language='eng', paragraphs=1, removals=1, text='It rained.')"
    assert repr(cleaned.removals[0]) == "Removal(start=10, end=13, reason='citation_marker', text='[3]')"
    for obj, attr in [(cleaned, "text"), (cleaned.removals[0], "start"), (cleaner, "language")]:
        with pytest.raises(AttributeError):
            setattr(obj, attr, None)
    import copy

    assert copy.copy(cleaner) is cleaner and copy.deepcopy(cleaner) is cleaner


def test_lone_surrogate_is_an_encode_error():
    with pytest.raises(UnicodeEncodeError):
        deboiler.Cleaner().clean("broken \ud800 text")


def test_doctests_of_the_package():
    import doctest

    failures, tried = doctest.testmod(deboiler, verbose=False)
    assert tried >= 2 and failures == 0
