"""clean_batch equals clean; several Python threads clean at once with the same results; the
GIL is released while the library works."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import deboiler
from conftest import corpus_docs, fixture_cases, read_text


def texts():
    docs = [read_text(c / "input.txt") for c in fixture_cases()]
    corpus = [t for _, t in corpus_docs()[:300]]
    return docs + corpus + ["", "x", "é" * 3000]


def summary(cleaned: deboiler.Cleaned):
    return (
        cleaned.text,
        cleaned.language,
        [(r.start, r.end, r.byte_start, r.byte_end, r.text, r.reason, r.detail) for r in cleaned.removals],
    )


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_clean_batch_equals_clean(threads):
    cleaner = deboiler.Cleaner()
    docs = texts()
    one = [summary(cleaner.clean(t)) for t in docs]
    batch = cleaner.clean_batch(docs, threads=threads)
    assert len(batch) == len(docs)
    assert [summary(c) for c in batch] == one
    # Again on the cached pool, from an iterator.
    assert [summary(c) for c in cleaner.clean_batch(iter(docs), threads=threads)] == one


def test_clean_batch_of_nothing():
    assert deboiler.Cleaner().clean_batch([]) == []
    assert deboiler.Cleaner().clean_batch((), threads=2) == []


def test_python_threads_clean_at_once():
    cleaner = deboiler.Cleaner()
    docs = texts() * 3
    want = [summary(cleaner.clean(t)) for t in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: summary(cleaner.clean(t)), docs))
        batches = list(pool.map(lambda chunk: [summary(c) for c in cleaner.clean_batch(chunk, threads=2)],
                                [docs[i : i + 7] for i in range(0, len(docs), 7)]))
    assert got == want
    assert [s for chunk in batches for s in chunk] == want


def stall_during(call) -> float:
    """The longest time another Python thread went without running while `call()` ran, as a
    share of the call's time: near 1 if the call holds the GIL throughout, small if it
    releases it. (Counting the other thread's steps instead misleads on Python 3.9, where a
    thread that loops releasing the GIL keeps it from the one that waited, after the call.)"""
    stamps = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0)  # hands the GIL back at once

    thread = threading.Thread(target=spin)
    thread.start()
    time.sleep(0.05)
    try:
        start = time.perf_counter()
        call()
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    inside = [start] + [t for t in stamps if start < t < end] + [end]
    return max(b - a for a, b in zip(inside, inside[1:])) / (end - start)


def big_text() -> str:
    return read_text(fixture_cases()[0].parent / "novaya-drones" / "input.txt") * 3000  # 6 MB: some 50 ms of work


def test_gil_released_by_clean_batch_and_large_clean():
    cleaner = deboiler.Cleaner()
    big = big_text()
    assert stall_during(lambda: cleaner.clean_batch([big] * 2, threads=1)) < 0.5
    assert stall_during(lambda: cleaner.clean(big)) < 0.5


def test_gil_held_below_the_threshold():
    # The control for the test above: with the threshold out of reach, the other thread
    # waits for the whole call.
    cleaner = deboiler.Cleaner()
    big = big_text()
    previous = deboiler._deboiler._set_detach_min_bytes(10**12)
    try:
        assert stall_during(lambda: cleaner.clean(big)) > 0.8
    finally:
        deboiler._deboiler._set_detach_min_bytes(previous)
    assert deboiler._deboiler._set_detach_min_bytes(previous) == deboiler._deboiler.DETACH_MIN_BYTES
