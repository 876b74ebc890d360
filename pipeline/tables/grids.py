"""Grids of cell strings in a document: backend tables and tab- or pipe-separated runs of lines.

Fragments of one table are joined: a table continued on the next page (its header repeated
or not), and a table a PDF backend cut in two around a wrapped row label ("Theft of or
unauthorised taking of a" / "motor vehicle" / next row).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.document import Document
from pipeline.headings import heading_shaped, numbered
from pipeline.tables.cards import is_card_run
from pipeline.tables.cells import FIGURE_TYPES, cell_type
from pipeline.textlines import Line, Ranges, split_lines

# Lines between two fragments that may be a wrapped label, not a caption or a paragraph.
_MAX_GAP_LINES = 2
_MAX_GAP_LINE = 60
# A cell drawn as a rule ("-----", "=====") in a text export holds nothing.
_FILLED_LINE = re.compile(r"[^\n]*\S[^\n]*")  # read only as far as the lines that matter
_RULE_MARKS = frozenset("-=_–—")
_RULED_CELL = re.compile(r"^[-=_–—]+$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass(slots=True)
class Grid:
    """Rows of cell strings with the text range and pages they came from."""

    rows: list[list[str]]
    start: int
    end: int
    pages: list[int]
    source: str
    row_pages: list[int | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def find_grids(document: Document, lines: Sequence[Line] | None = None) -> list[Grid]:
    """Every grid of the document in reading order, with fragments of one table joined.

    `lines` are the text's lines (`split_lines(document.text)`), when the caller has them.
    """
    grids = [
        Grid([list(r) for r in t.rows], t.start, t.end, [t.page], t.source, [t.page] * len(t.rows))
        for t in document.tables
    ]
    covered = Ranges((g.start, g.end) for g in grids)
    grids.extend(_text_runs(document, split_lines(document.text) if lines is None else lines, covered))
    grids = [g for g in (_pad(g) for g in sorted(grids, key=lambda g: g.start)) if g.rows]
    return [_drop_empty_columns(g) for g in _join_fragments(grids, document)]


def is_data_row(row: list[str]) -> bool:
    """True when a cell after the first holds a figure or a RAG status."""
    return any(cell_type(c) in FIGURE_TYPES for c in row[1:] if c)


def _split(line: str) -> list[str] | None:
    if "\t" in line:
        return [_unruled(c.strip()) for c in line.split("\t")]
    if line.count("|") >= 2 and not _MD_RULE.match(line):
        cells = [c.strip() for c in line.strip().split("|")]
        if line.strip().startswith("|"):
            cells = cells[1:]
        if line.strip().endswith("|"):
            cells = cells[:-1]
        return cells
    return None


def _unruled(cell: str) -> str:
    return _RULED_CELL.sub("", cell) if cell[:1] in _RULE_MARKS else cell


def _text_runs(document: Document, lines: Sequence[Line], covered: Ranges) -> list[Grid]:
    """Runs of consecutive lines split by tabs or pipes, outside the backend's tables."""
    runs: list[Grid] = []
    rows: list[tuple[int, int, list[str]]] = []

    def close() -> None:
        # Lines with one filled cell at the edges of a run are captions or notes, not rows; but a
        # first line whose one cell stands over later columns ("\t\t\tTargets") spans a header.
        while rows and sum(1 for c in rows[0][2] if c) < 2 and not _spanning_header(rows):
            rows.pop(0)
        while rows and sum(1 for c in rows[-1][2] if c) < 2:
            rows.pop()
        # A numbered heading beside a table ("6.<tab>Recommendation"): a PDF leaves no blank line
        while len(rows) > 2 and _numbered_heading_beside(rows[-1][2], rows[-2][2]):
            rows.pop()
        while len(rows) > 2 and _numbered_heading_beside(rows[0][2], rows[1][2]):
            rows.pop(0)
        if len(rows) >= 2:
            row_pages = [document.page_at(a) for a, _, _ in rows]
            pages = sorted({p for p in row_pages if p is not None})
            runs.append(Grid([r for _, _, r in rows], rows[0][0], rows[-1][1], pages, "text", row_pages))
        rows.clear()

    for text_line in lines:
        line = text_line.text
        if rows and "|" in line and _MD_RULE.match(line):
            continue  # the rule under a markdown table's header row
        split = ("\t" in line or "|" in line) and text_line.start not in covered and line.strip()
        cells = _split(line) if split else None
        if cells is None:
            if rows:
                close()
            continue
        rows.append((text_line.start, text_line.end, cells))
    close()
    return runs


def _spanning_header(rows: list[tuple[int, int, list[str]]]) -> bool:
    """The first line is one cell set past the label column, over a row of several cells."""
    first = rows[0][2]
    return len(rows) > 2 and bool(first) and not first[0] and sum(1 for c in rows[1][2] if c) >= 2


def _numbered_heading_beside(row: list[str], neighbour: list[str]) -> bool:
    """A section number and a heading, next to a row of more cells: a heading, not a row."""
    filled = [c for c in row if c]
    if len(filled) != 2 or sum(1 for c in neighbour if c) <= 2:
        return False
    line = numbered(" ".join(filled))
    return line is not None and line.number == filled[0].rstrip(".") and heading_shaped(filled[1])


def _pad(grid: Grid) -> Grid:
    """Pad ragged rows to one width and drop empty rows."""
    widths = {len(r) for r in grid.rows if any(r)}
    width = grid.width
    kept = [i for i, r in enumerate(grid.rows) if any(c.strip() for c in r)]
    grid.rows = [grid.rows[i] + [""] * (width - len(grid.rows[i])) for i in kept]
    grid.row_pages = [grid.row_pages[i] for i in kept]
    if grid.source == "text" and len(widths) > 1:
        grid.notes.append("ragged rows: cells per line differ, so columns may be shifted")
    return grid


def _drop_empty_columns(grid: Grid) -> Grid:
    keep = [j for j in range(grid.width) if any(r[j] for r in grid.rows)]
    grid.rows = [[r[j] for j in keep] for r in grid.rows]
    return grid


def _join_fragments(grids: list[Grid], document: Document) -> list[Grid]:
    joined: list[Grid] = []
    for grid in grids:
        prev = joined[-1] if joined else None
        gap = _gap_lines(document.text[prev.end : grid.start]) if prev else None
        if prev is None or gap is None or not _continue(prev, grid, gap):
            joined.append(grid)
            continue
        prev.end = grid.end
        prev.pages = sorted(set(prev.pages) | set(grid.pages))
        if len(prev.pages) > 1 and "continued over pages" not in prev.notes:
            prev.notes.append("continued over pages")
    return joined


def _continue(prev: Grid, grid: Grid, gap: list[str]) -> bool:
    """Append a fragment to the grid it continues; False when it starts a table of its own."""
    if is_card_run(prev.rows) and is_card_run(grid.rows):
        width = max(prev.width, grid.width)
        prev.rows = [r + [""] * (width - len(r)) for r in prev.rows]
        _append(prev, [r + [""] * (width - len(r)) for r in grid.rows], grid.row_pages)
        return True
    if prev.width != grid.width:
        return False
    if _same_header(prev.rows[0], grid.rows[0]):
        _append(prev, grid.rows, grid.row_pages)  # the repeated header is dropped when rows are read
        prev.notes.append("header repeated where the table continues")
    elif not gap and (is_data_row(grid.rows[0]) or not grid.rows[0][0]):
        _append(prev, grid.rows, grid.row_pages)
    elif gap and is_data_row(grid.rows[0]):
        # The lines between are a row label the backend lost from the table ("motor vehicle").
        label_rows = [[line] + [""] * (prev.width - 1) for line in gap]
        _append(prev, label_rows + grid.rows, [grid.row_pages[0]] * len(gap) + grid.row_pages)
    else:
        return False
    return True


def _append(grid: Grid, rows: list[list[str]], pages: list[int | None]) -> None:
    grid.rows.extend(rows)
    grid.row_pages.extend(pages)


def _gap_lines(text: str) -> list[str] | None:
    """The short lines between two fragments, or None when prose or a caption stands there."""
    lines = [m.group(0).strip() for m in itertools.islice(_FILLED_LINE.finditer(text), _MAX_GAP_LINES + 1)]
    if len(lines) > _MAX_GAP_LINES or any(len(ln) > _MAX_GAP_LINE or ln.endswith((".", ":")) for ln in lines):
        return None
    return lines


def _same_header(first: list[str], other: list[str]) -> bool:
    a, b = " ".join(c for c in first if c), " ".join(c for c in other if c)
    return bool(a) and not is_data_row(other) and fuzz.ratio(a.lower(), b.lower(), score_cutoff=85) >= 85
