"""Typed interface of the extension module ``deboiler._deboiler`` (written by hand)."""

import os
from collections.abc import Iterable, Mapping
from typing import Literal, Optional, Union, final

__all__ = [
    "Cleaner",
    "Cleaned",
    "Removal",
    "preset_thresholds",
    "_rebuild_cleaner",
    "_rebuild_cleaned",
    "_rebuild_removal",
    "_defaults_match_library",
    "_bench_rust_batch",
    "_bench_rust_clean",
    "_set_detach_min_bytes",
    "__version__",
    "DETACH_MIN_BYTES",
]
__version__: str
#: Texts of at least this many UTF-8 bytes are cleaned with the GIL released.
DETACH_MIN_BYTES: int

_PresetName = Literal["precision", "balanced", "recall"]
_ReasonName = Literal[
    "phrase",
    "teaser",
    "embedded_post",
    "inline_story_link",
    "related_list",
    "foreign_language",
    "comment_section",
    "menu",
    "boilerplate",
    "citation_marker",
]

@final
class Cleaner:
    """Cleans text scraped from web pages into the article body, and explains each removal.

    Build one and reuse it: building checks the options and compiles the phrase scanners;
    cleaning never fails. Immutable, thread-safe and picklable (rebuilt from its options).
    Every keyword maps to one option of the Rust library's ``CleanerBuilder``. Bad options
    raise ``ValueError`` with the library's message; values of the wrong type, ``TypeError``.

    Args:
        language: fix the article language (ISO 639-3 such as ``"eng"``, or ISO 639-1 such
            as ``"en"``) instead of detecting it per text.
        preset: how eagerly to remove text: ``"precision"``, ``"balanced"`` or ``"recall"``.
            ``None`` means the library's default, ``"balanced"``. Not together with
            ``thresholds``.
        whole_page: ``None`` detects whether a text is a whole page (and looks for its
            article region) or already an article; ``True``/``False`` force it
            (``find_article``).
        remove_foreign: remove fragments in another language than the article.
        remove_citations: remove citation and edit markers such as ``[11]`` and ``[edit]``.
        phrases: extra phrases that mark a line as furniture (whole words, ASCII
            case-insensitive), reported with the category ``custom``.
        phrase_packs: paths of phrase pack files in the format of the library's built-in
            ones (``[category]`` headers, one phrase per line); read when the Cleaner is
            built, so also where it is unpickled.
        thresholds: the classifier's thresholds, a dict with any of ``article_probability``
            (0 to 1), ``phrase_coverage`` (0 to 1) and ``min_page_blocks`` (int); keys left
            out keep the balanced preset's values (see :func:`preset_thresholds`).
        repair_mojibake: repair UTF-8 decoded as Windows-1252 or Latin-1 (``cafÃ©``).
        decode_entities: decode HTML character references such as ``&amp;``.
        remove_invisible: remove zero-width spaces, BOMs, soft hyphens, word joiners.
        remove_controls: remove control characters (a tab becomes a space).
        tidy_spaces: Unicode spaces become plain spaces, runs collapse to one.
        unwrap_lines: join the lines of hard-wrapped paragraphs.
        nfkc: NFKC instead of NFC.
        ascii_punctuation: curly quotes and dashes become ASCII.
        dehyphenate: undo end-of-line hyphenation where lines are joined (needs
            ``unwrap_lines``).
    """

    def __new__(
        cls,
        *,
        language: Optional[str] = None,
        preset: Optional[_PresetName] = None,
        whole_page: Optional[bool] = None,
        remove_foreign: bool = True,
        remove_citations: bool = True,
        phrases: Optional[Iterable[str]] = None,
        phrase_packs: Optional[Union[str, os.PathLike[str], Iterable[Union[str, os.PathLike[str]]]]] = None,
        thresholds: Optional[Mapping[str, float]] = None,
        repair_mojibake: bool = True,
        decode_entities: bool = True,
        remove_invisible: bool = True,
        remove_controls: bool = True,
        tidy_spaces: bool = True,
        unwrap_lines: bool = True,
        nfkc: bool = False,
        ascii_punctuation: bool = False,
        dehyphenate: bool = False,
    ) -> Cleaner: ...
    def clean(self, text: str) -> Cleaned:
        """Cleans one text. ``TypeError`` when ``text`` is not a ``str``; texts of 1 KB
        and more are cleaned with the GIL released."""
    def clean_batch(self, texts: Iterable[str], threads: Optional[int] = None) -> list[Cleaned]:
        """Cleans many texts on a thread pool with the GIL released, in input order; each
        result equals ``clean``'s. ``threads=None``: one thread per core (or
        ``RAYON_NUM_THREADS``); ``threads=N``: a pool of N threads, kept for later calls."""
    def __repr__(self) -> str: ...
    def __reduce__(self) -> tuple[object, tuple[dict[str, object]]]: ...
    def __copy__(self) -> Cleaner:
        """A Cleaner is immutable: its copy is itself."""
    def __deepcopy__(self, memo: object, /) -> Cleaner:
        """A Cleaner is immutable: its deep copy is itself."""

@final
class Cleaned:
    """The result of cleaning one text (immutable, picklable)."""

    @property
    def text(self) -> str:
        """The article body: the kept paragraphs joined by one blank line (``""`` if none)."""
    @property
    def paragraphs(self) -> list[str]:
        """The kept paragraphs, each one line, trimmed and never empty (a new list each time)."""
    @property
    def language(self) -> Optional[str]:
        """The article's language (ISO 639-3 such as ``"eng"``), or ``None`` if unknown."""
    @property
    def removals(self) -> list[Removal]:
        """Every removed piece, in input order (a new list each time)."""
    @property
    def removal_count(self) -> int:
        """How many pieces were removed: ``len(removals)`` without making the objects."""
    def __reduce__(self) -> tuple[object, tuple[object, ...]]: ...

@final
class Removal:
    """One removed piece of the input: ``text == input[start:end]`` (immutable, picklable)."""

    @property
    def start(self) -> int:
        """Start in the input ``str`` (a code-point index)."""
    @property
    def end(self) -> int:
        """End in the input ``str`` (exclusive)."""
    @property
    def byte_start(self) -> int:
        """Start in the input's UTF-8 bytes, as the Rust library reports it."""
    @property
    def byte_end(self) -> int:
        """End in the input's UTF-8 bytes (exclusive)."""
    @property
    def text(self) -> str:
        """The removed text, ``input[start:end]``."""
    @property
    def reason(self) -> _ReasonName:
        """Why it was removed: a stable short name such as ``"phrase"`` or ``"menu"``."""
    @property
    def detail(self) -> str:
        """The reason with its particulars, for people (wording may change between releases)."""
    def __reduce__(self) -> tuple[object, tuple[object, ...]]: ...

def preset_thresholds(preset: _PresetName) -> dict[str, float]:
    """The thresholds of a preset, to start ``Cleaner(thresholds=...)`` from."""

# Internal: pickling, and the tests' and the benchmark's hooks.
def _rebuild_cleaner(options: dict[str, object]) -> Cleaner: ...
def _rebuild_cleaned(
    input: str, text: str, language: Optional[str], removals: list[tuple[int, int, int, int, str, str]]
) -> Cleaned: ...
def _rebuild_removal(removal: tuple[int, int, int, int, str, str], text: str) -> Removal: ...
def _defaults_match_library() -> bool: ...
def _set_detach_min_bytes(bytes: int) -> int: ...
def _bench_rust_batch(
    cleaner: Cleaner, texts: Iterable[str], threads: Optional[int] = None, mode: str = "library"
) -> float: ...
def _bench_rust_clean(cleaner: Cleaner, text: str, n: int) -> float: ...
