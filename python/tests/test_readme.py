"""Every ```python block of python/README.md runs as written (each in a fresh namespace, in a
temporary folder), and so does the main README's Python example. Blocks that use datatrove or
Spark need their extra."""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest

from conftest import PYTHON_DIR, require

README = PYTHON_DIR / "README.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.S | re.M)


MAIN_README = PYTHON_DIR.parent / "README.md"
MAIN_BLOCKS = [
    b
    for b in re.findall(r"^```python\n(.*?)^```", MAIN_README.read_text(encoding="utf-8"), flags=re.S | re.M)
    if b.startswith("import deboiler")
]


def test_main_readme_example_runs():
    assert len(MAIN_BLOCKS) == 1, "the main README's Python section has one example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(MAIN_BLOCKS[0], str(MAIN_README), "exec"), {"__name__": "__main__"})
    assert "phrase We use cookies" in out.getvalue()


def test_readme_has_examples():
    assert len(BLOCKS) >= 6
    assert any("deboiler.datatrove" in b for b in BLOCKS)
    assert any("deboiler.spark" in b for b in BLOCKS)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(block, tmp_path, monkeypatch):
    if "datatrove" in block:
        require("datatrove")
        require("orjson")
    if "pyspark" in block:
        require("pyspark")
        require("pyarrow")
        require("pandas")
        from spark_session import local_spark

        local_spark(2)  # the session the example's getOrCreate() finds, set up for tests
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, str(README), "exec"), {"__name__": "__main__"})
    # The first example's printed output is the README's.
    if "print(cleaned.text)" in block:
        readme = README.read_text(encoding="utf-8")
        shown = readme.split("prints\n\n```text\n", 1)[1].split("```", 1)[0]
        assert out.getvalue() == shown
    assert os.getcwd() == str(tmp_path)
