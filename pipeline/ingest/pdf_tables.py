"""Ruled tables on one PDF page, through pdfplumber, as grids of cell strings.

pdfplumber joins tables that touch into one grid whose columns are the union of all their
rulings: a table whose header row has other column lines than its body (or two tables
drawn edge to edge) comes out with columns that are empty in every row but one. Rows are
therefore split into bands whose column rulings agree, and each band keeps only the
columns it uses.
"""

from __future__ import annotations

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
        for band in _bands(cells):
            found.extend(_band_table(band, cells, texts))
    return found


def cell_text(cell: str | None) -> str:
    """A cell's text on one line, its inner line breaks and runs of spaces made single spaces."""
    return " ".join((cell or "").split())


def _edges(row: list[BBox | None]) -> list[float]:
    xs = sorted({round(c[0], 1) for c in row if c} | {round(c[2], 1) for c in row if c})
    return xs


def _within(edges: list[float], others: list[float]) -> bool:
    return all(any(abs(x - o) <= RULING_TOLERANCE for o in others) for x in edges)


def _bands(cells: list[list[BBox | None]]) -> list[list[int]]:
    """Runs of row indices whose column rulings agree (one row's are a subset of the other's)."""
    bands: list[list[int]] = []
    known: list[float] = []
    for i, row in enumerate(cells):
        edges = _edges(row)
        if bands and (_within(edges, known) or _within(known, edges)):
            bands[-1].append(i)
            known = sorted(set(known) | set(edges))
        else:
            bands.append([i])
            known = edges
    return bands


def _band_table(band: list[int], cells: list[list[BBox | None]], texts: list[list[str | None]]) -> list[PageTable]:
    used = [j for j in range(len(cells[band[0]])) if any(cells[i][j] is not None for i in band)]
    rows = tuple(tuple(cell_text(texts[i][j]) for j in used) for i in band)
    kept = tuple(row for row in rows if any(row))
    if not kept:
        return []
    boxes = [c for i in band for c in cells[i] if c is not None]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return [PageTable(bbox=bbox, rows=kept)]
