"""The normalised document every stage reads: one text, a page map, and what ingestion saw."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from schemas import Problem, SourceInfo, Span


@dataclass(frozen=True, slots=True)
class Page:
    """A page's range in the document text."""

    number: int
    start: int
    end: int
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class RawTable:
    """A grid of cell strings as a backend found it, before typing.

    `start`/`end` locate the rows where ingestion wrote them into the document text
    (one line per row, cells joined by tabs).
    """

    page: int
    rows: tuple[tuple[str, ...], ...]
    start: int
    end: int
    bbox: tuple[float, float, float, float] | None = None
    source: str = "text"


@dataclass(slots=True)
class Document:
    """A council paper after ingestion: normalised text plus where every offset came from."""

    text: str
    pages: list[Page]
    source: SourceInfo
    tables: list[RawTable] = field(default_factory=list)
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fields: tuple[tuple[str, str], ...] = ()
    _page_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._page_starts = [p.start for p in self.pages]

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that holds a character offset."""
        if not self.pages:
            return None
        i = bisect.bisect_right(self._page_starts, offset) - 1
        return self.pages[max(i, 0)].number

    def span(self, start: int, end: int) -> Span:
        """A Span for a text range, with its page."""
        return Span(page=self.page_at(start), start=start, end=end)

    def is_emphasised(self, start: int, end: int) -> bool:
        """True when the range lies inside a bold or emphasised run."""
        i = bisect.bisect_right(self.emphasis, (start, 10**12)) - 1
        return i >= 0 and self.emphasis[i][0] <= start and end <= self.emphasis[i][1]
