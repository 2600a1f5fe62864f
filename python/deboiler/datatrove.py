"""deboiler as a `datatrove <https://github.com/huggingface/datatrove>`_ pipeline step.

:class:`Deboiler` cleans each document's text in place, between a reader and a writer, as
datatrove's own formatters and extractors do::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from deboiler.datatrove import Deboiler

    LocalPipelineExecutor(
        pipeline=[JsonlReader("pages/"), Deboiler(language="eng"), JsonlWriter("clean/")],
        tasks=4,
    ).run()

Needs ``pip install deboiler[datatrove]``; importing this module without datatrove raises an
``ImportError`` that says so. ``import deboiler`` alone never imports datatrove.
"""

from __future__ import annotations

from typing import Any

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "deboiler.datatrove needs datatrove: pip install 'deboiler[datatrove]'"
    ) from e

from . import Cleaner

__all__ = ["Deboiler"]

#: The metadata keys the step writes on every document it forwards.
LANGUAGE_KEY = "deboiler_language"
REMOVED_KEY = "deboiler_removed"


class Deboiler(PipelineStep):
    """Cleans each document's text with deboiler: the article body replaces ``doc.text``.

    Keyword arguments are :class:`deboiler.Cleaner`'s (``language=``, ``preset=``,
    ``phrases=`` ...); the Cleaner is built once, here, so bad options fail when the pipeline
    is defined, not in its tasks. The step pickles with its Cleaner for datatrove's executors.

    Each forwarded document gets two metadata keys:

    - ``deboiler_language``: the article's language (ISO 639-3 such as ``"eng"``) or ``None``;
    - ``deboiler_removed``: how many pieces were removed.

    Documents left empty are dropped, as datatrove's extractors drop them. Stats:
    ``total``, ``forwarded``, ``dropped`` (left empty), ``removals`` (pieces removed, per
    document), the time per document, and datatrove's usual ``doc_len`` of the documents
    forwarded.

    Args:
        language_key: the metadata key for the language (``None``: do not store it).
        removed_key: the metadata key for the number of removals (``None``: do not store it).
        **options: :class:`deboiler.Cleaner`'s keyword arguments.
    """

    name = "🧹 deboiler"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        language_key: str | None = LANGUAGE_KEY,
        removed_key: str | None = REMOVED_KEY,
        **options: Any,
    ) -> None:
        super().__init__()
        self.cleaner = Cleaner(**options)
        self.language_key = language_key
        self.removed_key = removed_key

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        """Cleans every document of ``data`` and yields those with text left."""
        if data is None:
            return
        cleaner = self.cleaner
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                cleaned = cleaner.clean(doc.text)
                text = cleaned.text
                removed = cleaned.removal_count
            self.stat_update("removals", value=removed)
            if not text:
                self.stat_update(StatHints.dropped)
                continue
            doc.text = text
            if self.language_key is not None:
                doc.metadata[self.language_key] = cleaned.language
            if self.removed_key is not None:
                doc.metadata[self.removed_key] = removed
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
