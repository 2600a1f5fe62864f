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


def progress_during(call) -> int:
    """How often another Python thread got to run while `call()` ran: a few times at most
    if the call holds the GIL, thousands of times if it releases it (measured: 1 against
    3,000 to 6,000 while cleaning 4 MB)."""
    count = 0
    stop = threading.Event()

    def spin():
        nonlocal count
        while not stop.is_set():
            count += 1
            time.sleep(0)  # hands the GIL back at once

    thread = threading.Thread(target=spin)
    thread.start()
    time.sleep(0.05)
    try:
        before = count
        call()
        return count - before
    finally:
        stop.set()
        thread.join()


def big_text() -> str:
    return read_text(fixture_cases()[0].parent / "novaya-drones" / "input.txt") * 2000  # 4 MB: some 30 ms of work


def test_gil_released_by_clean_batch_and_large_clean():
    cleaner = deboiler.Cleaner()
    big = big_text()
    assert progress_during(lambda: cleaner.clean_batch([big] * 2, threads=1)) > 200
    assert progress_during(lambda: cleaner.clean(big)) > 200


def test_gil_held_below_the_threshold():
    # The control for the test above: cleaning many small texts one call at a time with the
    # threshold out of reach never lets the other thread in during a call.
    cleaner = deboiler.Cleaner()
    big = big_text()
    previous = deboiler._deboiler._set_detach_min_bytes(10**12)
    try:
        assert progress_during(lambda: cleaner.clean(big)) < 50
    finally:
        deboiler._deboiler._set_detach_min_bytes(previous)
    assert deboiler._deboiler._set_detach_min_bytes(previous) == deboiler._deboiler.DETACH_MIN_BYTES
