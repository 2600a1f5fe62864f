"""A Cleaner pickles as its options, so multiprocessing, Spark and Ray can ship it."""

from __future__ import annotations

import multiprocessing
import pickle
import warnings

import pytest

import deboiler
from conftest import fixture_cases, read_text

OPTIONS = [
    {},
    {"language": "deu", "preset": "recall"},
    {
        "whole_page": False,
        "remove_foreign": False,
        "remove_citations": False,
        "phrases": ["Mehr zum Thema", "Weather"],
        "thresholds": {"article_probability": 0.2, "min_page_blocks": 5},
        "repair_mojibake": False,
        "decode_entities": False,
        "remove_invisible": False,
        "remove_controls": False,
        "tidy_spaces": False,
        "unwrap_lines": False,
        "nfkc": True,
        "ascii_punctuation": True,
    },
    {"dehyphenate": True, "whole_page": True},
]


def texts():
    return [read_text(c / "input.txt") for c in fixture_cases()]


def summary(cleaner: deboiler.Cleaner, text: str):
    cleaned = cleaner.clean(text)
    return cleaned.text, cleaned.language, [(r.start, r.end, r.reason) for r in cleaned.removals]


@pytest.mark.parametrize("options", OPTIONS)
def test_round_trip_keeps_options_and_results(options):
    cleaner = deboiler.Cleaner(**options)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(cleaner, protocol=protocol))
        assert type(copy) is deboiler.Cleaner
        assert repr(copy) == repr(cleaner)
        assert [summary(copy, t) for t in texts()] == [summary(cleaner, t) for t in texts()]


def test_round_trip_with_a_phrase_pack(tmp_path):
    pack = tmp_path / "site.txt"
    pack.write_text("[footer strong]\nVerlagshaus Nord GmbH\n", encoding="utf-8")
    cleaner = deboiler.Cleaner(phrase_packs=[pack])
    copy = pickle.loads(pickle.dumps(cleaner))
    assert repr(copy) == repr(cleaner) == f"Cleaner(phrase_packs=[{str(pack)!r}])"
    text = "The harbour reopened on Monday after a month of repairs to the quay.\nVerlagshaus Nord GmbH\n"
    assert copy.clean(text).text == "The harbour reopened on Monday after a month of repairs to the quay."


def clean_in_worker(args):
    cleaner, text = args
    return summary(cleaner, text)


def batch_in_worker(args):
    cleaner, docs = args
    return [(c.text, c.language) for c in cleaner.clean_batch(docs, threads=2)]


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_multiprocessing_pool_with_a_pickled_cleaner(method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} on this platform")
    cleaner = deboiler.Cleaner(**OPTIONS[2])
    docs = texts()
    want = [summary(cleaner, t) for t in docs]
    # Start the batch pools in this process first: a forked child must not use them.
    want_batch = [(c.text, c.language) for c in cleaner.clean_batch(docs, threads=2)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads, 3.12+
        with multiprocessing.get_context(method).Pool(2) as pool:
            got = pool.map_async(clean_in_worker, [(cleaner, t) for t in docs]).get(timeout=120)
            batches = pool.map_async(batch_in_worker, [(cleaner, docs)] * 2).get(timeout=120)
    assert got == want
    assert batches == [want_batch, want_batch]


def test_results_pickle():
    cleaner = deboiler.Cleaner()
    for text in texts():
        cleaned = cleaner.clean(text)
        copy = pickle.loads(pickle.dumps(cleaned))
        assert type(copy) is deboiler.Cleaned
        assert (copy.text, copy.paragraphs, copy.language, copy.removal_count) == (
            cleaned.text,
            cleaned.paragraphs,
            cleaned.language,
            cleaned.removal_count,
        )
        fields = lambda r: (r.start, r.end, r.byte_start, r.byte_end, r.text, r.reason, r.detail)  # noqa: E731
        assert [fields(r) for r in copy.removals] == [fields(r) for r in cleaned.removals]
        assert repr(copy) == repr(cleaned)
        for r in cleaned.removals:
            assert fields(pickle.loads(pickle.dumps(r))) == fields(r)


def test_pool_map_of_the_bound_method():
    cleaner = deboiler.Cleaner(phrases=["Weather"])
    docs = texts()
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(cleaner.clean, docs)
    assert [(r.text, r.language, [(x.start, x.end, x.reason) for x in r.removals]) for r in results] == [
        summary(cleaner, t) for t in docs
    ]
