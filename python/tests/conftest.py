"""Shared helpers: the repository's fixtures, the dev corpus when present, the optional extras.

Set ``DEBOILER_TEST_REQUIRE_EXTRAS=1`` (``.ci/run`` does) to make a missing datatrove or
pyspark fail the run instead of skipping its tests.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

PYTHON_DIR = Path(__file__).resolve().parents[1]
# Test the installed package, not the source folder python/deboiler (which has no compiled
# extension): `python -m pytest` run from python/ would put it first on sys.path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != PYTHON_DIR]
REPO = PYTHON_DIR.parent
FIXTURES = REPO / "fixtures"
# The dev corpus beside the repository (not part of it; licences): ../shared/corpus.
CORPUS = Path(os.environ.get("DEBOILER_CORPUS", REPO.parent / "shared" / "corpus"))

REQUIRE_EXTRAS = os.environ.get("DEBOILER_TEST_REQUIRE_EXTRAS") == "1"


def read_text(path: Path) -> str:
    """The file's text as written: UTF-8, line ends kept (CRLF fixtures stay CRLF)."""
    return path.read_bytes().decode("utf-8")


def fixture_cases() -> List[Path]:
    cases = sorted(p for p in FIXTURES.iterdir() if (p / "input.txt").is_file())
    assert cases, f"no fixture found under {FIXTURES}"
    return cases


def corpus_docs() -> List[Tuple[str, str]]:
    """(name, text) of every dev corpus page (not the gold bodies); empty when absent."""
    if not CORPUS.is_dir():
        return []
    docs = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        if path.name.endswith(".gold.txt"):
            continue
        docs.append((f"{path.parent.name}/{path.name}", path.read_bytes().decode("utf-8", "replace")))
    return docs


def require(module: str):
    """Imports an optional dependency, or skips (fails under DEBOILER_TEST_REQUIRE_EXTRAS=1)."""
    if REQUIRE_EXTRAS:
        return importlib.import_module(module)
    return pytest.importorskip(module)


def pytest_collection_modifyitems(config, items):
    # A run that collected nothing would pass as "no tests ran" (exit code 5) at best.
    if not items and not config.getoption("keyword") and not config.getoption("markexpr"):
        raise pytest.UsageError("no test collected under python/tests")
