"""The hand-written stub matches the built module (mypy's stubtest), and typed code that uses
the package passes mypy --strict."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import require

USAGE = textwrap.dedent(
    """
    import deboiler

    cleaner = deboiler.Cleaner(language="eng", preset="recall", phrases=["Sponsored"])
    cleaned: deboiler.Cleaned = cleaner.clean("It rained.")
    text: str = cleaned.text
    paragraphs: list[str] = cleaned.paragraphs
    language: str | None = cleaned.language
    spans: list[tuple[int, int, str, str]] = [(r.start, r.end, r.reason, r.detail) for r in cleaned.removals]
    bodies: list[str] = [c.text for c in cleaner.clean_batch(["a", "b"], threads=2)]
    short: str = deboiler.clean("It rained.", whole_page=False)
    t: dict[str, float] = deboiler.preset_thresholds("precision")
    """
)


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd)


def test_stub_matches_the_module():
    require("mypy")
    out = run("mypy.stubtest", "deboiler._deboiler")
    assert out.returncode == 0, out.stdout + out.stderr


def test_typed_usage_passes_mypy_strict(tmp_path):
    require("mypy")
    (tmp_path / "usage.py").write_text(USAGE, encoding="utf-8")
    out = run("mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), "usage.py", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    bad = USAGE + "number: int = cleaned.text\n"
    (tmp_path / "usage.py").write_text(bad, encoding="utf-8")
    out = run("mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), "usage.py", cwd=tmp_path)
    assert out.returncode != 0 and "incompatible types" in out.stdout.lower(), out.stdout
