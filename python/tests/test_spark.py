"""deboiler.spark.clean_column on a local[2] Spark job: the same text and language as clean."""

from __future__ import annotations

import pytest

import deboiler
from conftest import fixture_cases, read_text, require

require("pyspark")
require("pyarrow")
require("pandas")

from deboiler.spark import _pandas_udf, clean_column  # noqa: E402
from spark_session import local_spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    session = local_spark(2)
    yield session
    session.stop()


def rows():
    texts = [read_text(c / "input.txt") for c in fixture_cases()]
    return [(i, t) for i, t in enumerate(texts * 3)] + [(len(texts) * 3, None)]


def test_clean_column_gives_what_clean_gives(spark):
    data = rows()
    df = spark.createDataFrame(data, "id long, text string").repartition(4)
    options = {"phrases": ["Weather"], "preset": "recall"}
    out = clean_column(df, **options)
    assert out.columns == ["id", "text", "clean_text", "language"]
    got = {r["id"]: (r["text"], r["clean_text"], r["language"]) for r in out.collect()}
    cleaner = deboiler.Cleaner(**options)
    want = {}
    for i, text in data:
        if text is None:
            want[i] = (None, None, None)
        else:
            cleaned = cleaner.clean(text)
            want[i] = (text, cleaned.text, cleaned.language)
    assert got == want


def test_column_names_and_replacing_the_input(spark):
    text = "The council approved the new budget on Monday after a long debate.[3]"
    df = spark.createDataFrame([(text,)], "body string")
    out = clean_column(df, input_col="body", output_col="body", language_col="lang", whole_page=False)
    assert out.columns == ["body", "lang"]
    assert [tuple(r) for r in out.collect()] == [(text[: -len("[3]")], "eng")]


def test_bad_options_fail_on_the_driver(spark):
    df = spark.createDataFrame([("text",)], "text string")
    with pytest.raises(ValueError, match="unknown language code"):
        clean_column(df, language="xx")
    with pytest.raises(ValueError, match="no column 'body'"):
        clean_column(df, input_col="body")


def test_other_columns_pass_through(spark):
    df = spark.createDataFrame(
        [(1, 2.5, ["a", "b"], "It rained all week long over the whole of the county.[2]")],
        "id int, score double, tags array<string>, text string",
    )
    (row,) = clean_column(df, whole_page=False).collect()
    assert tuple(row) == (
        1,
        2.5,
        ["a", "b"],
        "It rained all week long over the whole of the county.[2]",
        "It rained all week long over the whole of the county.",
        "eng",
    )


def test_pandas_udf_alternative_agrees(spark):
    # The benchmark's other implementation gives the same rows.
    data = rows()
    df = spark.createDataFrame(data, "id long, text string")
    key = deboiler._freeze({"preset": "precision"})
    by_udf = _pandas_udf(key, "text", "clean_text", "language")(df)
    assert by_udf.columns == ["id", "text", "clean_text", "language"]
    assert sorted(map(tuple, by_udf.collect())) == sorted(
        map(tuple, clean_column(df, preset="precision").collect()), key=lambda r: r[0]
    )
