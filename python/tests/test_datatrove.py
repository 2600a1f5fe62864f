"""deboiler.datatrove.Deboiler in a real datatrove pipeline: JsonlReader -> Deboiler ->
JsonlWriter under LocalPipelineExecutor, in one process and in two worker processes."""

from __future__ import annotations

import gzip
import json
import pickle

import pytest

import deboiler
from conftest import fixture_cases, read_text, require

require("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from deboiler.datatrove import Deboiler  # noqa: E402

# Texts that clean to nothing: the step drops them.
EMPTY_AFTER = [
    "We use cookies to give you the best experience on our website.\n© 2024 Example News. All rights reserved.\n",
    "Home\nNews\nSport\nWeather\nContact us\nPrivacy Policy\n",
]


def write_input(folder, texts):
    folder.mkdir()
    with open(folder / "pages.jsonl", "w", encoding="utf-8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": f"doc-{i}", "text": text, "metadata": {"source": "test"}}) + "\n")


def read_output(folder):
    docs = []
    for path in sorted(folder.glob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            docs += [json.loads(line) for line in f]
    return {d["id"]: d for d in docs}


@pytest.mark.parametrize("tasks, workers", [(1, 1), (2, 2)])
def test_pipeline_cleans_and_drops_empty_documents(tmp_path, tasks, workers):
    pages = [read_text(c / "input.txt") for c in fixture_cases() if (c / "input.txt").stat().st_size]
    texts = pages + EMPTY_AFTER
    write_input(tmp_path / "in", texts)
    options = {"language": "eng", "phrases": ["Weather"]}
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            Deboiler(**options),
            JsonlWriter(str(tmp_path / "out"), output_filename="${rank}.jsonl", compression=None),
        ],
        tasks=tasks,
        workers=workers,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    out = read_output(tmp_path / "out")
    cleaner = deboiler.Cleaner(**options)
    want = {}
    for i, text in enumerate(texts):
        cleaned = cleaner.clean(text)
        if cleaned.text:
            want[f"doc-{i}"] = (cleaned.text, cleaned.language, cleaned.removal_count)
    assert len(want) == len(pages) - sum(not cleaner.clean(t).text for t in pages)
    got = {
        i: (d["text"], d["metadata"]["deboiler_language"], d["metadata"]["deboiler_removed"])
        for i, d in out.items()
    }
    assert got == want
    assert all(d["metadata"]["source"] == "test" for d in out.values())

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step = next(s for s in stats if "deboiler" in s["name"])
    counts = {k: (v["total"] if isinstance(v, dict) else v) for k, v in step["stats"].items()}
    assert counts["total"] == len(texts)
    assert counts["dropped"] == len(texts) - len(want) >= len(EMPTY_AFTER)
    assert counts["forwarded"] == len(want)


def test_step_conventions_and_pickling():
    step = Deboiler(language="eng", language_key="lang", removed_key=None)
    assert step.name and step.type
    assert "deboiler" in repr(step)
    copy = pickle.loads(pickle.dumps(step))
    assert repr(copy.cleaner) == repr(step.cleaner) == "Cleaner(language='eng')"
    from datatrove.data import Document

    docs = [
        Document(text="It rained all week.[3]", id="a"),
        Document(text=EMPTY_AFTER[0], id="b"),
    ]
    out = list(copy.run(iter(docs)))
    assert [(d.id, d.text, d.metadata) for d in out] == [("a", "It rained all week.", {"lang": "eng"})]
    with pytest.raises(ValueError, match="unknown language code"):
        Deboiler(language="xx")
