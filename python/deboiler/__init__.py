"""deboiler: turn the text a scraper pulled off a web page into the clean article body, and
say why each piece was removed.

The work is done by the Rust library of the same name; this package is a thin layer over it.

- :class:`Cleaner` is built once with its options and cleans many texts: :meth:`Cleaner.clean`
  and :meth:`Cleaner.clean_batch` (on all cores, without the GIL).
- :class:`Cleaned` is the result: ``text``, ``paragraphs``, ``language`` and ``removals``.
- :class:`Removal` is one removed piece: ``start``/``end`` offsets into the input ``str``,
  ``text``, ``reason`` (a stable short name) and ``detail``.
- :func:`clean` cleans one text with a shared Cleaner and returns the body.
- :mod:`deboiler.datatrove` and :mod:`deboiler.spark` plug deboiler into datatrove pipelines and
  Spark DataFrames (optional extras).

>>> import deboiler
>>> page = "We use cookies to improve your experience.\\nThe council approved the new budget on Monday after a long debate."
>>> deboiler.clean(page)
'The council approved the new budget on Monday after a long debate.'
"""

from __future__ import annotations

import functools
from typing import Any

from ._deboiler import Cleaned, Cleaner, Removal, __version__, preset_thresholds

__all__ = [
    "Cleaner",
    "Cleaned",
    "Removal",
    "clean",
    "preset_thresholds",
    "__version__",
]


def clean(text: str, **options: Any) -> str:
    """Cleans one text and returns the article body (``Cleaner(**options).clean(text).text``).

    The Cleaner for a set of options is built on first use and shared by later calls (the
    last 32 sets of options are kept), so calling this in a loop costs no rebuild. Options
    are :class:`Cleaner`'s keywords; bad ones raise ``ValueError`` or ``TypeError``.

    >>> clean("Rivers rise after a week of rain\\n\\n"
    ...       "The river rose two metres overnight, and the council closed the lower bridge.\\n\\n"
    ...       "We use cookies to give you the best experience on our website.\\n")
    'Rivers rise after a week of rain\\n\\nThe river rose two metres overnight, and the council closed the lower bridge.'
    """
    if not options:
        return _default_cleaner().clean(text).text
    key = _freeze(options)
    try:
        hash(key)
    except TypeError:  # an option value that cannot be a cache key: build for this call
        return Cleaner(**options).clean(text).text
    return _cleaner_for(key).clean(text).text


@functools.lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    """The Cleaner of ``clean`` without options, built on first use."""
    return Cleaner()


def _freeze(value: Any) -> Any:
    """A hashable key for an option value (lists and dicts as tuples, sorted for dicts)."""
    if isinstance(value, dict):
        return ("__dict__",) + tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("__list__",) + tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    """The option value a key of :func:`_freeze` stands for."""
    if isinstance(value, tuple) and value and value[0] == "__dict__":
        return {k: _thaw(v) for k, v in value[1:]}
    if isinstance(value, tuple) and value and value[0] == "__list__":
        return [_thaw(v) for v in value[1:]]
    return value


@functools.lru_cache(maxsize=32)
def _cleaner_for(frozen: Any) -> Cleaner:
    """The shared Cleaner of a set of options (frozen by :func:`_freeze`)."""
    return Cleaner(**_thaw(frozen))
