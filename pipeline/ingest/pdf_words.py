"""Words and ruled-table cells from a page's characters, as pdfplumber makes them.

The PDFium reader (pipeline/ingest/pdfium_text.py) gives characters (pipeline/ingest/pdf_chars.py)
and edges in pdfplumber's conventions; this module groups them as pdfplumber's WordExtractor and
Table.extract do, so a page reads the same on either path. The grouping works on whole arrays
of characters: a page, or every cell of a table at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy
from pdfplumber.table import Table

from pipeline.ingest import pdf_chars
from pipeline.ingest.pdf_chars import Boxes, Chars, text_of
from pipeline.ingest.pdfium_text import PageEdges
from pipeline.ingest.table_grid import table_cells


@dataclass(frozen=True, slots=True)
class Words(Boxes):
    """Words in reading order (of each group: a page, or one table cell), as parallel arrays."""

    text: list[str]
    group: numpy.ndarray

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def from_dicts(cls, words: list[dict[str, Any]]) -> Words:
        """pdfplumber's words (extract_words with size and fontname)."""
        names = sorted({str(w.get("fontname", "")) for w in words})
        index = {name: i for i, name in enumerate(names)}

        def column(key: str) -> numpy.ndarray:
            return numpy.array([float(w[key]) for w in words], dtype=numpy.float64)

        sizes = numpy.array([float(w.get("size") or 0) for w in words], dtype=numpy.float64)
        fonts = numpy.array([index[str(w.get("fontname", ""))] for w in words], dtype=numpy.intp)
        return cls(column("x0"), column("x1"), column("top"), column("bottom"), sizes, fonts, tuple(names),
                   [w["text"] for w in words], numpy.zeros(len(words), dtype=numpy.intp))


def words(
    chars: Chars,
    x_tolerance: float = 1.5,
    y_tolerance: float = 3,
    split_on_font: bool = True,
    groups: numpy.ndarray | None = None,
) -> Words:
    """Group characters into words as pdfplumber's WordExtractor does (upright, left to right).

    Runs of characters with the same font and size (in content order; each group apart) are
    clustered into lines by their top, sorted by x, and split at blanks and at gaps wider
    than x_tolerance. Words never join characters of two groups.
    """
    count = len(chars)
    groups = numpy.zeros(count, dtype=numpy.intp) if groups is None else groups
    if count == 0:
        return _no_words(chars.fontnames)
    run = groups
    if split_on_font:
        change = (chars.size[1:] != chars.size[:-1]) | (chars.font[1:] != chars.font[:-1]) | (groups[1:] != groups[:-1])
        run = numpy.concatenate(([0], numpy.cumsum(change)))
    grouped = _compiled_words(chars, run, x_tolerance, y_tolerance, groups)
    if grouped is not None:
        return grouped
    line = _clusters(chars.top, y_tolerance, run)
    order = numpy.lexsort((chars.x0, line))  # stable: equal x keeps content order
    x0, x1, top, blank, line = chars.x0[order], chars.x1[order], chars.top[order], chars.is_space()[order], line[order]
    starts = numpy.ones(count, dtype=bool)
    starts[1:] = (
        (line[1:] != line[:-1]) | blank[:-1] | (x0[1:] > x1[:-1] + x_tolerance)
        | (numpy.abs(top[1:] - top[:-1]) > y_tolerance)
    )
    solid = numpy.flatnonzero(~blank)
    first = numpy.flatnonzero(starts[solid])  # of each word, among the solid characters
    if not first.size:
        return _no_words(chars.fontnames)
    members = order[solid]
    heads = members[first]
    return Words(
        chars.x0[heads],  # characters come sorted by x0
        numpy.maximum.reduceat(chars.x1[members], first),
        numpy.minimum.reduceat(chars.top[members], first),
        numpy.maximum.reduceat(chars.bottom[members], first),
        chars.size[heads],
        chars.font[heads],
        chars.fontnames,
        _word_texts(chars.codes[members], first),
        groups[heads],
    )


def _compiled_words(
    chars: Chars, run: numpy.ndarray, x_tolerance: float, y_tolerance: float, groups: numpy.ndarray
) -> Words | None:
    """The same words grouped by the C module in one pass (numpy's per-call cost outweighs the
    work on a page's arrays), or None where it was not built or a coordinate is NaN."""
    module = pdf_chars.compiled
    if module is None:
        return None
    count = len(chars)
    heads = numpy.empty(count, dtype=numpy.int64)
    right, upper, lower = numpy.empty(count), numpy.empty(count), numpy.empty(count)
    floats = (numpy.ascontiguousarray(a, dtype=numpy.float64) for a in (chars.top, chars.x0, chars.x1, chars.bottom))
    texts = module.group_words(*floats, numpy.ascontiguousarray(chars.codes, dtype=numpy.uint32), chars.is_space(),
                               numpy.ascontiguousarray(run, dtype=numpy.int64), float(x_tolerance),
                               float(y_tolerance), heads, right, upper, lower)
    if texts is None:
        return None
    n = len(texts)
    heads = heads[:n]
    return Words(chars.x0[heads], right[:n], upper[:n], lower[:n], chars.size[heads], chars.font[heads],
                 chars.fontnames, texts, groups[heads])


def _word_texts(codes: numpy.ndarray, first: numpy.ndarray) -> list[str]:
    """The words' texts, given their characters' codes and where each word starts: one string
    with a NUL before each word, split (where no character is NUL; else sliced)."""
    if codes.all():
        spaced = numpy.zeros(len(codes) + len(first), dtype=numpy.uint32)
        shift = numpy.zeros(len(codes), dtype=numpy.intp)
        shift[first] = 1
        spaced[numpy.arange(len(codes)) + numpy.cumsum(shift)] = codes
        return text_of(spaced).split("\0")[1:]
    text = text_of(codes)
    return [text[a:b] for a, b in pairwise([*first.tolist(), len(codes)])]


def _no_words(fontnames: tuple[str, ...]) -> Words:
    empty, none = numpy.zeros(0), numpy.zeros(0, dtype=numpy.intp)
    return Words(empty, empty, empty, empty, empty, none, fontnames, [], none)


def _clusters(values: numpy.ndarray, tolerance: float, groups: numpy.ndarray) -> numpy.ndarray:
    """pdfplumber's cluster_objects within each group: ids of chains of values lying within
    tolerance of the next, numbered by group and then by value."""
    module = pdf_chars.compiled
    if module is not None:  # the same chains, found by the C module
        ids = numpy.empty(len(values), dtype=numpy.int64)
        values = numpy.ascontiguousarray(values, dtype=numpy.float64)
        if module.clusters(values, float(tolerance), numpy.ascontiguousarray(groups, dtype=numpy.int64), ids):
            return ids
    order = numpy.lexsort((values, groups))
    v, g = values[order], groups[order]
    new = (g[1:] != g[:-1]) | (v[1:] > v[:-1] + tolerance)
    ids = numpy.empty(len(values), dtype=numpy.intp)
    ids[order] = numpy.concatenate(([0], numpy.cumsum(new)))
    return ids


class TablePage:
    """What pipeline.ingest.pdf_tables reads of a pdfplumber page, over PDFium's edges and characters.

    Tables are found by pdfplumber's table algorithm (edges to cells to tables, computed on
    arrays in pipeline.ingest.table_grid); only the cell texts are read here, from the
    characters, as pdfplumber's Table.extract reads them.
    """

    def __init__(self, edges: PageEdges, chars: Chars, bbox: tuple[float, float, float, float]) -> None:
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
        return [_Table(table, self.chars) for table in tables]


class _Table:
    """A pdfplumber table whose extract() reads PDFium's characters."""

    def __init__(self, table: Any, chars: Chars) -> None:
        self.bbox = table.bbox
        self.rows = table.rows
        self._chars = chars

    def extract(self) -> list[list[str | None]]:
        """Rows of cell text, as pdfplumber's Table.extract gives them: each cell holds the
        characters centred inside both it and its row, as lines of words."""
        boxes = [(cell, row.bbox) for row in self.rows for cell in row.cells if cell is not None]
        texts = iter(_cell_texts(self._chars, self.bbox, boxes))
        return [[None if cell is None else next(texts) for cell in row.cells] for row in self.rows]


_Box = tuple[float, float, float, float]


def _cell_texts(chars: Chars, bbox: _Box, boxes: list[tuple[_Box, _Box]]) -> list[str]:
    """The text of each cell (given with its row's box), all cells of a table read at once."""
    cx, cy = chars.middles()
    x0, top, x1, bottom = bbox
    near = numpy.flatnonzero((x0 <= cx) & (cx <= x1) & (top <= cy) & (cy <= bottom))
    # Inside both the cell and its row (half-open, as pdfplumber's char_in_bbox) is inside
    # the two boxes' overlap.
    both = numpy.array(boxes, dtype=numpy.float64).reshape(-1, 2, 4)
    box = numpy.concatenate((both[:, :, :2].max(axis=1), both[:, :, 2:].min(axis=1)), axis=1)
    which, at = _in_boxes(cx[near], cy[near], box)  # by cell, then in content order
    found = words(chars.take(near[at]), x_tolerance=3, y_tolerance=3, split_on_font=False, groups=which)
    line = _clusters(found.top, 3, found.group)
    if not len(found):
        return [""] * len(boxes)
    order = numpy.lexsort((line, found.group))  # stable: a line keeps the words' order
    group, line = found.group[order], line[order]
    # Words joined by a space, lines by a line break, cells by a NUL, split back into cells.
    seps = numpy.full(len(order), " ", dtype=object)
    seps[numpy.concatenate(([True], line[1:] != line[:-1]))] = "\n"
    new_cell = numpy.concatenate(([True], group[1:] != group[:-1]))
    seps[new_cell] = "\0"
    spaced = [""] * (2 * len(order))
    spaced[::2], spaced[1::2] = seps.tolist(), list(map(found.text.__getitem__, order.tolist()))
    cells = "".join(spaced).split("\0")[1:]
    filled = group[new_cell].tolist()
    if len(cells) != len(filled):  # a word holds a NUL: join cell by cell
        bounds = [*numpy.flatnonzero(new_cell).tolist(), len(order)]
        cells = ["".join(spaced[2 * a + 1 : 2 * b]) for a, b in pairwise(bounds)]
    texts = [""] * len(boxes)
    for k, text in zip(filled, cells, strict=True):
        texts[k] = text
    return texts


def _in_boxes(x: numpy.ndarray, y: numpy.ndarray, boxes: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The pairs (box, point) where a point lies inside a box (half-open), by box and then by
    point: from the C module where it was built (numpy's box-by-point matrix costs more)."""
    module = pdf_chars.compiled
    if module is not None:
        which, at = module.chars_in_boxes(numpy.ascontiguousarray(x, dtype=numpy.float64),
                                          numpy.ascontiguousarray(y, dtype=numpy.float64),
                                          numpy.ascontiguousarray(boxes, dtype=numpy.float64))
        return numpy.frombuffer(which, dtype=numpy.int64), numpy.frombuffer(at, dtype=numpy.int64)
    inside = (boxes[:, 0:1] <= x) & (x < boxes[:, 2:3]) & (boxes[:, 1:2] <= y) & (y < boxes[:, 3:4])
    which, at = numpy.nonzero(inside)
    return which, at


def outside(chars: Chars, boxes: list[tuple[float, float, float, float]]) -> Chars:
    """The characters whose centre lies in none of the boxes (pdfplumber's page.filter test)."""
    if not boxes:
        return chars
    cx, cy = (m[:, None] for m in chars.middles())
    b = numpy.array(boxes, dtype=numpy.float64)
    inside = (b[:, 0] <= cx) & (cx <= b[:, 2]) & (b[:, 1] <= cy) & (cy <= b[:, 3])
    return chars.take(numpy.flatnonzero(~inside.any(axis=1)))
