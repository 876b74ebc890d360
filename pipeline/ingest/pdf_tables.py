"""Ruled tables on one PDF page, through pdfplumber, as grids of cell strings.

pdfplumber joins tables that touch into one grid whose columns are the union of all their
rulings: a table whose header row has other column lines than its body (or two tables
drawn edge to edge) comes out with columns that are empty in every row but one. Rows are
therefore split into bands whose column rulings agree, and each band keeps only the
columns it uses.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

# Rulings closer than this (points) are the same line drawn twice.
RULING_TOLERANCE = 2.0

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PageTable:
    """A grid of cell texts found on a page, and where it lies."""

    bbox: BBox
    rows: tuple[tuple[str, ...], ...]


def find_page_tables(page: Any) -> list[PageTable]:
    """The ruled tables of one pdfplumber page, split where their column rulings change."""
    if not (page.lines or page.rects):
        return []
    found: list[PageTable] = []
    for table in page.find_tables():
        texts = table.extract()
        cells = [row.cells for row in table.rows]
        if not any(c for row in cells for c in row):
            continue
        for band in _bands(cells):
            part = _band_table(band, cells, texts)
            if part is not None:
                found.append(part)
    return found


def _cell_text(cell: str | None) -> str:
    """A cell's text on one line: inner line breaks and runs of spaces become single spaces.

    A line of one or two lower-case letters ends a word a narrow cell cut ("Tota" / "l").
    """
    if not cell or "\n" not in cell:  # most cells: one line
        return " ".join((cell or "").split())
    lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
    joined: list[str] = []
    for line in lines:
        if joined and len(line) <= 2 and line.isalpha() and line.islower() and joined[-1][-1:].isalpha():
            joined[-1] += line
        else:
            joined.append(line)
    return " ".join(" ".join(joined).split())


def _inner_edges(row: list[BBox | None], left: float, right: float) -> set[float]:
    """The column rulings of a row inside the table (its outer border left out)."""
    xs = {round(c[0], 1) for c in row if c} | {round(c[2], 1) for c in row if c}
    return {x for x in xs if left + RULING_TOLERANCE < x < right - RULING_TOLERANCE}


def _shared(edges: set[float], others: set[float]) -> int:
    """How many of the rulings have one of the others within the tolerance. The nearest other
    on each side decides: a float difference only grows as the other moves away."""
    if not others:
        return 0
    ordered = sorted(others)
    last = len(ordered) - 1
    count = 0
    for x in edges:
        at = bisect_left(ordered, x)
        above = at <= last and abs(x - ordered[at]) <= RULING_TOLERANCE
        if above or (at > 0 and abs(x - ordered[at - 1]) <= RULING_TOLERANCE):
            count += 1
    return count


def _agree(edges: set[float], known: set[float]) -> bool:
    """Rulings agree when most of the sparser row's column lines are also the other's.

    A spanning or row-spanning cell drops some lines but keeps most; a table of another
    layout shares next to none.
    """
    if edges == known:  # most rows of a table: every line shared, no need to search
        return True
    fewer = min(len(edges), len(known))
    return fewer == 0 or 2 * min(_shared(edges, known), _shared(known, edges)) >= fewer


def _bands(cells: list[list[BBox | None]]) -> list[list[int]]:
    """Runs of row indices whose column rulings agree."""
    boxes = [c for row in cells for c in row if c]
    left, right = min(c[0] for c in boxes), max(c[2] for c in boxes)
    bands: list[list[int]] = []
    known: set[float] = set()
    for i, row in enumerate(cells):
        edges = _inner_edges(row, left, right)
        if bands and _agree(edges, known):
            bands[-1].append(i)
            known |= edges
        else:
            bands.append([i])
            known = edges
    return bands


def _band_table(band: list[int], cells: list[list[BBox | None]], texts: list[list[str | None]]) -> PageTable | None:
    used = [j for j in range(len(cells[band[0]])) if any(cells[i][j] is not None for i in band)]
    rows = tuple(tuple(_cell_text(texts[i][j]) for j in used) for i in band)
    kept = tuple(row for row in rows if any(row))
    if not kept:
        return None
    boxes = [c for i in band for c in cells[i] if c is not None]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return PageTable(bbox=bbox, rows=kept)
