"""Speed of the Python package against the Rust library it wraps. A benchmark, not a test.

    python python/bench/bench.py            # batch, per-call cost, GIL threshold
    python python/bench/bench.py --spark    # and the Spark job (mapInArrow against a pandas UDF)

- batch: ``Cleaner.clean_batch`` over the dev corpus (``../shared/corpus/*/*.txt`` without the
  gold files; a synthetic set when it is absent) against the library's own ``clean_batch`` on
  the same documents, timed inside the same extension build (``_bench_rust_batch``: Rust
  strings in, Rust results out, no Python object), on every core and on one thread.
- per call: ``Cleaner.clean`` on a 1 KB text (ASCII and not) against the library's ``clean``
  called from Rust on the same text, in microseconds per call.
- GIL threshold: ``clean`` with the GIL held and released, on one thread and on two Python
  threads, around ``DETACH_MIN_BYTES``.
- Spark: ``clean_column`` (``mapInArrow``) against a pandas UDF and against an identity job
  (Spark's own cost) on a ``local[2]`` job over the corpus twice, and its throughput per core.

The machine may be shared and noisy: every figure is the best of several rounds, and each
comparison is made of rounds interleaved in the same run; read the ratios.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import deboiler
from deboiler import _deboiler as native

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = REPO / "fixtures"
CORPUS = Path(os.environ.get("DEBOILER_CORPUS", REPO.parent / "shared" / "corpus"))


def corpus() -> tuple[list[str], str]:
    if CORPUS.is_dir():
        docs = [
            p.read_bytes().decode("utf-8", "replace")
            for p in sorted(CORPUS.glob("*/*.txt"))
            if not p.name.endswith(".gold.txt")
        ]
        if docs:
            return docs, f"dev corpus ({CORPUS})"
    seeds = [(FIXTURES / n / "input.txt").read_bytes().decode() for n in ("novaya-drones", "euromaidan-sanctions")]
    docs = [f"Home\nNews\nSport\n{seeds[i % 2]}\n© 2024 Example {i}\n" for i in range(1600)]
    return docs, "synthetic (the corpus is absent): the two seeds with a menu, 1,600 times"


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_batch(rounds: int) -> None:
    docs, source = corpus()
    mb = sum(len(d.encode()) for d in docs) / 1e6
    cleaner = deboiler.Cleaner()
    print(f"\n## clean_batch: {len(docs)} documents, {mb:.1f} MB, {source}")
    print("  seconds, best of the rounds; the Rust figures are the library in this build:")
    print("  library = its clean_batch; +text = and each body as a String; +owned = and the")
    print("  results Python gets (offsets, reasons) before they become objects; main = the")
    print("  CPU time of Python's own thread in clean_batch (str <-> UTF-8, the objects)")
    cleaner.clean_batch(docs)  # warm up: pools, per-language scanners
    for threads, label in [(None, "all cores"), (1, "one thread")]:
        t = {"library": [], "text": [], "owned": [], "python": [], "main": []}
        for _ in range(rounds):  # interleaved, so every side sees the same machine
            for mode in ("library", "text", "owned"):
                t[mode].append(native._bench_rust_batch(cleaner, docs, threads, mode))
            cpu, start = time.thread_time(), time.perf_counter()
            cleaner.clean_batch(docs, threads=threads)
            t["python"].append(time.perf_counter() - start)
            t["main"].append(time.thread_time() - cpu)
        b = {k: min(v) for k, v in t.items()}
        print(
            f"{label:>10}: library {b['library']:.3f}  +text {b['text']:.3f}  +owned {b['owned']:.3f}"
            f"  Python {b['python']:.3f} ({mb / b['python']:.0f} MB/s, main {b['main']:.3f})"
            f"  Python/library {b['python'] / b['library']:.3f}  Python/+text {b['python'] / b['text']:.3f}"
        )


def texts_of_1kb() -> dict[str, str]:
    """The seed article's start, cut at a space to just under 1 KB: as it is (curly quotes
    and dashes) and made ASCII."""
    seed = (FIXTURES / "novaya-drones" / "input.txt").read_bytes().decode()
    ascii_seed = seed.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"', 0x2014: "-", 0x2013: "-"})
    ascii_seed = ascii_seed.encode("ascii", "ignore").decode()
    out = {}
    for label, text in (("1 KB ASCII", ascii_seed), ("1 KB non-ASCII", seed)):
        while len(text.encode()) > 1024:
            text = text[: text.rfind(" ")]
        out[label] = text
    return out


def bench_per_call(rounds: int) -> None:
    cleaner = deboiler.Cleaner()
    print("\n## per call: clean() on one text, microseconds per call")
    for label, text in texts_of_1kb().items():
        n = 20_000
        cleaner.clean(text)
        rust = min(native._bench_rust_clean(cleaner, text, n) for _ in range(rounds)) / n
        py = best(lambda: [cleaner.clean(text) for _ in range(n)], rounds) / n
        fn = best(lambda: [deboiler.clean(text) for _ in range(n)], rounds) / n
        print(
            f"{label:>15} ({len(text.encode())} bytes): Rust {rust * 1e6:6.2f}  Cleaner.clean {py * 1e6:6.2f}"
            f" (+{(py - rust) * 1e6:.2f})  deboiler.clean {fn * 1e6:6.2f} (+{(fn - rust) * 1e6:.2f})"
        )
    text = texts_of_1kb()["1 KB non-ASCII"]
    n = 100_000
    enc = best(lambda: [text.encode() for _ in range(n)], rounds) / n
    body = cleaner.clean(text).text.encode()
    dec = best(lambda: [body.decode() for _ in range(n)], rounds) / n
    print(f"  of which str -> UTF-8 {enc * 1e6:.2f} and UTF-8 -> str {dec * 1e6:.2f} (CPython's own codecs)")


def bench_threshold(rounds: int) -> None:
    cleaner = deboiler.Cleaner()
    seed = (FIXTURES / "novaya-drones" / "input.txt").read_bytes().decode() * 8
    print(f"\n## GIL threshold (DETACH_MIN_BYTES = {native.DETACH_MIN_BYTES}): microseconds per call")
    print("   size   1 thread held  released   2 threads held  released")
    for size in (512, 1024, 2048, 4096, 8192, 32768):
        text = seed[:size]
        text = text[: text.rfind(" ")]
        n = max(50, 400_000 // size)
        row = []
        for threads in (1, 2):
            for threshold in (10**12, 0):
                previous = native._set_detach_min_bytes(threshold)
                try:
                    row.append(best(lambda: run_threads(cleaner, text, n, threads), rounds) / (n * threads))
                finally:
                    native._set_detach_min_bytes(previous)
        print(f"{len(text.encode()):7d}   " + "  ".join(f"{t * 1e6:12.2f}" for t in row))


def run_threads(cleaner, text, n, threads) -> None:
    def work():
        for _ in range(n):
            cleaner.clean(text)

    if threads == 1:
        work()
        return
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


def bench_spark(rounds: int) -> None:
    sys.path.insert(0, str(REPO / "python" / "tests"))
    from pyspark.sql.types import StringType, StructField, StructType
    from spark_session import local_spark

    from deboiler.spark import _freeze, _pandas_udf, clean_column

    docs, source = corpus()
    docs = docs * 2
    mb = sum(len(d.encode()) for d in docs) / 1e6
    spark = local_spark(2)
    print(f"\n## Spark local[2]: {len(docs)} documents, {mb:.1f} MB, {source} twice")
    df = spark.createDataFrame([(i, d) for i, d in enumerate(docs)], "id long, text string").repartition(8)
    df = df.cache()
    df.count()
    schema = StructType(
        df.schema.fields + [StructField("clean_text", StringType()), StructField("language", StringType())]
    )

    def identity(batches):
        # Spark's own cost: the same columns through Python, nothing cleaned.
        import pyarrow as pa

        for b in batches:
            text = b.column("text")
            yield pa.RecordBatch.from_arrays(
                [b.column("id"), text, text, pa.nulls(len(text), pa.string())],
                names=["id", "text", "clean_text", "language"],
            )

    jobs = {
        "mapInArrow (clean_column)": lambda: clean_column(df),
        "pandas UDF": lambda: _pandas_udf(_freeze({}), "text", "clean_text", "language")(df),
        "mapInArrow, identity": lambda: df.mapInArrow(identity, schema),
    }

    def run(make):
        # Every row's result reaches the JVM; nothing is shipped back to the driver.
        make().selectExpr("sum(length(clean_text))", "count(language)").collect()

    for make in jobs.values():
        run(make)  # warm up the workers
    times = {name: [] for name in jobs}
    for _ in range(rounds):
        for name, make in jobs.items():
            start = time.perf_counter()
            run(make)
            times[name].append(time.perf_counter() - start)
    cleaner = deboiler.Cleaner()
    rust = min(native._bench_rust_batch(cleaner, docs, 1) for _ in range(rounds))
    for name, t in times.items():
        s = min(t)
        print(f"{name:>26}: {s:6.2f} s  {mb / s:6.1f} MB/s  {mb / s / 2:6.1f} MB/s per core")
    print(f"{'library, one thread':>26}: {rust:6.2f} s  {mb / rust:6.1f} MB/s")
    spark.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--spark", action="store_true", help="also time the Spark job")
    parser.add_argument("--only-spark", action="store_true", help="time only the Spark job")
    args = parser.parse_args()
    print(f"deboiler {deboiler.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if not args.only_spark:
        bench_batch(args.rounds)
        bench_per_call(args.rounds)
        bench_threshold(args.rounds)
    if args.spark or args.only_spark:
        bench_spark(max(3, args.rounds // 2))


if __name__ == "__main__":
    main()
