"""Bad options raise ValueError with the library's message (OSError for an unreadable phrase
pack); values of the wrong type raise TypeError."""

from __future__ import annotations

import re

import pytest

import deboiler


@pytest.mark.parametrize(
    "options, message",
    [
        (
            {"language": "xx"},
            'unknown language code "xx"; expected an ISO 639-3 code such as "eng" or "deu" '
            '(ISO 639-1 such as "en" also works)',
        ),
        ({"preset": "fast"}, 'unknown preset "fast"; expected "precision", "balanced" or "recall"'),
        (
            {"phrases": ["ok", "  "]},
            "phrase 1 (counting from 0) of extra_phrases is empty or only whitespace; "
            "remove it or give it some text",
        ),
        (
            {"phrases": ["two\nlines"]},
            'phrase 0 (counting from 0) of extra_phrases, "two\\nlines", holds a line break',
        ),
        (
            {"thresholds": {"phrase_coverage": 80}},
            "threshold phrase_coverage is 80, but it must be a number from 0 to 1",
        ),
        (
            {"thresholds": {"article_probability": float("nan")}},
            "threshold article_probability is NaN, but it must be a number from 0 to 1",
        ),
        ({"thresholds": {"coverage": 0.5}}, 'unknown threshold "coverage"; expected'),
        ({"preset": "recall", "thresholds": {}}, "conflicting options preset(Recall) and thresholds(..)"),
        (
            {"dehyphenate": True, "unwrap_lines": False},
            "conflicting options dehyphenate(true) and unwrap_lines(false)",
        ),
    ],
)
def test_bad_options_raise_value_error_with_the_librarys_message(options, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        deboiler.Cleaner(**options)


def test_phrase_packs_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("[cookie]\nok\n[cookies]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f'{bad} line 3: unknown category "cookies"')):
        deboiler.Cleaner(phrase_packs=[bad])
    missing = tmp_path / "missing.txt"
    with pytest.raises(OSError, match=re.escape(f'cannot read phrase pack "{missing}"')):
        deboiler.Cleaner(phrase_packs=[missing])


@pytest.mark.parametrize("value", [None, 42, b"bytes", ["a list"]])
def test_clean_takes_only_str(value):
    with pytest.raises(TypeError, match="^text must be str, not "):
        deboiler.Cleaner().clean(value)
    with pytest.raises(TypeError):
        deboiler.clean(value)


def test_clean_batch_argument_errors():
    cleaner = deboiler.Cleaner()
    with pytest.raises(TypeError, match=r"^texts\[1\] must be str, not int"):
        cleaner.clean_batch(["fine", 1])
    with pytest.raises(TypeError, match="not a str; use clean"):
        cleaner.clean_batch("one text")
    with pytest.raises(TypeError):
        cleaner.clean_batch(42)
    with pytest.raises(ValueError, match="threads must be at least 1"):
        cleaner.clean_batch(["text"], threads=0)
    with pytest.raises((TypeError, OverflowError)):
        cleaner.clean_batch(["text"], threads=-1)


@pytest.mark.parametrize(
    "options",
    [
        {"phrases": "Mehr zum Thema"},
        {"phrases": [1]},
        {"phrases": 5},
        {"thresholds": [("phrase_coverage", 0.5)]},
        {"thresholds": {"phrase_coverage": "high"}},
        {"thresholds": {"min_page_blocks": 1.5}},
        {"phrase_packs": [3]},
        {"language": 3},
        {"whole_page": "yes"},
        {"unknown_option": True},
    ],
)
def test_options_of_the_wrong_type_raise_type_error(options):
    with pytest.raises(TypeError):
        deboiler.Cleaner(**options)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        deboiler.Cleaner("eng")  # type: ignore[misc]
