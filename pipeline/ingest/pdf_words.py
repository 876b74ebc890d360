"""Words and ruled-table cells from a page's characters, as pdfplumber makes them.

The PDFium reader (pipeline/ingest/pdfium_text.py) gives characters and edges in
pdfplumber's conventions; this module groups them as pdfplumber's WordExtractor and
Table.extract do, so a page reads the same on either path.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from pdfplumber.table import Table

from pipeline.ingest.pdfium_text import BOTTOM, FONT, SIZE, TEXT, TOP, X0, X1, Char, PageEdges
from pipeline.ingest.table_grid import table_cells


def words(
    chars: Sequence[Char], x_tolerance: float = 1.5, y_tolerance: float = 3, split_on_font: bool = True
) -> list[dict[str, Any]]:
    """Group characters into words as pdfplumber's WordExtractor does (upright, left to right).

    Runs of characters with the same font and size (in content order) are clustered into
    lines by their top, sorted by x, and split at blanks and at gaps wider than x_tolerance.
    """
    out: list[dict[str, Any]] = []
    runs = groupby(chars, key=_STYLE) if split_on_font else [(None, chars)]
    for _, run in runs:
        for line in _cluster(list(run), y_tolerance):
            line.sort(key=_X0)
            start = 0
            prev = None
            for end, ch in enumerate(line):
                if ch[TEXT].isspace():
                    if start < end:
                        out.append(_word(line, start, end))
                    start, prev = end + 1, None
                    continue
                if prev is not None and (
                    ch[X0] < prev[X0] or ch[X0] > prev[X1] + x_tolerance or abs(ch[TOP] - prev[TOP]) > y_tolerance
                ):
                    out.append(_word(line, start, end))
                    start = end
                prev = ch
            if start < len(line):
                out.append(_word(line, start, len(line)))
    return out


_STYLE = itemgetter(5, 6)
_X0 = itemgetter(1)


def _word(line: list[Char], start: int, end: int) -> dict[str, Any]:
    first = line[start]
    if end - start == 1:
        return {"text": first[TEXT], "x0": first[X0], "x1": first[X1], "top": first[TOP], "bottom": first[BOTTOM],
                "size": first[SIZE], "fontname": first[FONT]}
    chars = line[start:end]
    return {
        "text": "".join([c[TEXT] for c in chars]),
        "x0": first[X0],  # characters come sorted by x0
        "x1": max([c[X1] for c in chars]),
        "top": min([c[TOP] for c in chars]),
        "bottom": max([c[BOTTOM] for c in chars]),
        "size": first[SIZE],
        "fontname": first[FONT],
    }


def _cluster(items: list[Any], tolerance: float, key: Any = itemgetter(3)) -> list[list[Any]]:
    """pdfplumber's cluster_objects: groups of items whose key values chain within tolerance."""
    if len(items) < 2:
        return [items] if items else []
    values = sorted(set(map(key, items)))
    if len(values) == 1 or values[-1] - values[0] <= tolerance:
        return [items]
    group_of: dict[float, int] = {}
    group = 0
    last = values[0]
    for value in values:
        if value > last + tolerance:
            group += 1
        group_of[value] = group
        last = value
    groups: list[list[Any]] = [[] for _ in range(group + 1)]
    for item in items:
        groups[group_of[key(item)]].append(item)
    return groups


class TablePage:
    """What pipeline.ingest.pdf_tables reads of a pdfplumber page, over PDFium's edges and characters.

    Tables are found by pdfplumber's table algorithm (edges to cells to tables, computed on
    arrays in pipeline.ingest.table_grid); only the cell texts are read here, from the
    characters, as pdfplumber's Table.extract reads them.
    """

    def __init__(self, edges: PageEdges, chars: Sequence[Char], bbox: tuple[float, float, float, float]) -> None:
        self.edges = edges
        self.bbox = bbox
        self.chars = chars
        # pdf_tables looks for tables only where pdfplumber has lines or rectangles; here only
        # where they are enough to make one.
        self.lines = [edges] if edges.may_hold_table() else []
        self.rects: list[dict[str, Any]] = []

    def find_tables(self) -> list[_Table]:
        """The page's ruled tables (pdfplumber's default 'lines' strategy)."""
        tables = [Table(self, cells) for cells in table_cells(self.edges)]  # type: ignore[arg-type]
        if not tables:
            return []
        # Characters by vertical centre, so a row looks only at the characters in its band.
        chars = self.chars
        by_middle = sorted(range(len(chars)), key=lambda i: chars[i][TOP] + chars[i][BOTTOM])
        middles = [(chars[i][TOP] + chars[i][BOTTOM]) / 2 for i in by_middle]
        return [_Table(table, chars, by_middle, middles) for table in tables]


class _Table:
    """A pdfplumber table whose extract() reads PDFium's characters."""

    def __init__(self, table: Any, chars: Sequence[Char], by_middle: list[int], middles: list[float]) -> None:
        self.bbox = table.bbox
        self.rows = table.rows
        self._chars = chars
        self._by_middle = by_middle
        self._middles = middles

    def extract(self) -> list[list[str | None]]:
        """Rows of cell text, as pdfplumber's Table.extract gives them."""
        chars, by_middle, middles = self._chars, self._by_middle, self._middles
        grid = []
        for row in self.rows:
            x0, top, x1, bottom = row.bbox
            band = sorted(by_middle[bisect_left(middles, top) : bisect_left(middles, bottom)])
            row_chars = [chars[i] for i in band if x0 <= (chars[i][X0] + chars[i][X1]) / 2 < x1]
            grid.append([None if cell is None else _cell_text(cell, row_chars) for cell in row.cells])
        return grid


def _cell_text(cell: tuple[float, float, float, float], chars: Sequence[Char]) -> str:
    """pdfplumber's Table.extract for one cell: words of the characters centred inside it."""
    x0, top, x1, bottom = cell
    inside = [c for c in chars if x0 <= (c[X0] + c[X1]) / 2 < x1 and top <= (c[TOP] + c[BOTTOM]) / 2 < bottom]
    if not inside:
        return ""
    found = words(inside, x_tolerance=3, y_tolerance=3, split_on_font=False)
    lines = _cluster(found, 3, key=itemgetter("top"))
    return "\n".join(" ".join(w["text"] for w in line) for line in lines)


def outside(chars: list[Char], boxes: list[tuple[float, float, float, float]]) -> list[Char]:
    """The characters whose centre lies in none of the boxes (pdfplumber's page.filter test)."""
    if not boxes:
        return chars
    kept = []
    for c in chars:
        cx = (c[X0] + c[X1]) / 2
        cy = (c[TOP] + c[BOTTOM]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            kept.append(c)
    return kept
