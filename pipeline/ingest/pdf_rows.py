"""Table rows a PDF printed over several lines, joined back into one line each.

A table drawn without rules is read line by line, and a line is a row only where no cell of the
row wraps. Where one does, its second line comes out as a line of its own: the second half of a
wrapped header ("2012/13" / "Outturn"), of a code in a narrow column ("NI" / "16") or of a row
label ("Catford" / "South"). Two kinds of line are joined to the row they belong to, from the
words' positions alone:

- the next line of wrapped cells: a line with fewer cells than the row above, each starting
  where a cell of that row starts (a cell's lines are left-aligned) and each too wide to have
  ended that cell's line (text wraps only when the next word does not fit: the widest line of
  the column in the table bounds its width). A row of its own (a sub-header, a "Total") starts
  with a word that would have fitted, or in a column the row above leaves empty;
- a vertically centred row: a one-line cell printed half a line below the top of a two-line
  cell beside it, lines closer than a line's height whose cells stand side by side.

A joined row is written as its cells left to right, each cell's lines in order, as a text export
writes it; a word broken at its hyphen ("co-" / "commissioning") is joined without a space. A
header line over the table with fewer cells than the row below, whose cells stand centred over
columns rather than at their edges ("Targets" over three year columns), is written with empty
cells before each, under the first column it spans ("\t\t\tTargets"). Only tables of three
columns or more are read so: two are a label and its text, whose lines a text export keeps.
A table is a run of lines with column gaps, up to BRIDGED lines without one between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

import numpy

from pipeline.ingest.pdf_columns import ALIGNED, BRIDGED, table_runs

# A page number ("Page 6 of 14", "- 6 -"): page furniture, never a table's cell.
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?-?\s*\d{1,4}\s*-?(?:\s+of\s+\d{1,4})?\s*$", re.I)
# Cells a row needs to be joined with its next lines: two are a label and its text (a numbered
# paragraph's hanging indent, a key and its value), whose lines a text export keeps as printed.
MIN_COLUMNS = 3
_FIGURE = re.compile(r"^[-+±(£$€]*\d[\d,./:%)-]*$")
# A word space, in font sizes: a narrow one, so a word that might have fitted is taken to have.
WORD_SPACE_EM = 0.25
# Lines whose tops stand closer than this many font sizes overlap: pieces of one centred row.
CENTRED_EM = 0.75
# The furthest a wrapped cell's next line stands below the line before it, in font sizes.
NEXT_LINE_EM = 1.5


@dataclass(slots=True)
class _Cell:
    x0: float
    x1: float  # the right edge of the cell's last line
    top: float  # of the cell's last line
    first_width: float  # of the cell's first word on its last line
    words: list[int] = field(default_factory=list)  # positions in reading order
    breaks: set[int] = field(default_factory=set)  # where in `words` a later line of the cell starts
    figure: bool = False  # a single figure ("1,312", "28%", "2010/11")
    skip: int = 0  # empty cells before it: a cell spanning later columns is written under the first


@dataclass(slots=True)
class _Row:
    lines: list[int]
    cells: list[_Cell]
    top: float  # of the row's last line
    size: float
    refused: bool = False  # lines of no row: they are written as they stand


@dataclass(frozen=True, slots=True)
class JoinedRows:
    """Words in a new reading order, with wrapped table rows each on one line."""

    order: numpy.ndarray  # positions in the old reading order
    starts: list[int]  # where each line starts in the new order
    wide: numpy.ndarray  # a column gap before each word
    glued: numpy.ndarray  # no space before the word: a word broken at its hyphen ("2022-" / "2024")
    skips: numpy.ndarray  # empty cells written before the word


def join_wrapped_rows(
    x0: numpy.ndarray, x1: numpy.ndarray, top: numpy.ndarray, size: numpy.ndarray, texts: list[str],
    row_of: numpy.ndarray, starts: list[int], wide: numpy.ndarray,
) -> JoinedRows | None:
    """Words (reading order, lines at `starts`, a column gap before the `wide` ones) with each
    table row printed over several lines joined onto one line; None when there is none."""
    tabbed = numpy.zeros(len(starts), dtype=bool)
    tabbed[row_of[wide]] = True
    if tabbed.sum() < 2:
        return None
    bounds = [*starts, len(texts)]
    line_top = top[starts].tolist()
    line_size = numpy.where(size[starts] > 0, size[starts], 10.0).tolist()
    joined: list[_Row] = []
    for first, last in table_runs(tabbed):
        while first > 0 and line_top[first] - line_top[first - 1] < CENTRED_EM * line_size[first - 1]:
            first -= 1  # an untabbed line of a centred row at the table's edge ("Amount" / "(£)")
        while last + 1 < len(starts) and line_top[last + 1] - line_top[last] < CENTRED_EM * line_size[last]:
            last += 1
        after = last  # the last row's cells may wrap onto the lines after it, up to a page number
        while after < min(last + BRIDGED, len(starts) - 1) and not _page_number(texts, bounds, after + 1):
            after += 1
        lines = {i: _line_cells(bounds[i], bounds[i + 1], x0, x1, line_top[i], wide, texts)
                 for i in range(first, after + 1)}
        reach = _column_reach([c for i in range(first, last + 1) for c in lines[i]])
        rows, centred = _rows(lines, last, line_top, line_size, reach, wrapped=True)
        if centred:  # a table whose cells are centred in their rows: a row's first line holds a
            rows, _ = _rows(lines, last, line_top, line_size, reach, wrapped=False)  # cell's top only
        joined.extend(row for row in rows if len(row.lines) > 1 and not row.refused)
        # a header line over the table whose cells span columns: written under the first of them
        above = first - 1
        taken = above in {line for row in joined for line in row.lines}  # the previous table's
        if above >= 0 and not taken and line_top[first] - line_top[above] <= NEXT_LINE_EM * line_size[above]:
            cells = _line_cells(bounds[above], bounds[first], x0, x1, line_top[above], wide, texts)
            rows.insert(0, _Row([above], cells, line_top[above], line_size[above]))
        heads = [(row, below) for row, below in pairwise(rows[:3])
                 if len(row.lines) == 1 and not row.refused and len(row.cells) < len(below.cells)]
        if heads:
            columns = _columns([lines[i] for i in range(first, last + 1)])
            joined.extend(row for row, _ in heads if _spanned(row, columns, float(x1.max())))
    return _reordered(joined, bounds, texts, wide) if joined else None


def _rows(lines: dict[int, list[_Cell]], last: int, line_top: list[float], line_size: list[float],
          reach: list[tuple[float, float]], wrapped: bool) -> tuple[list[_Row], bool]:
    """The table's lines grouped into rows (lines past `last` only as the next lines of its last
    row), and whether any row was centred."""
    rows: list[_Row] = []
    centred = False
    for i, cells in lines.items():
        row = rows[-1] if rows else None
        close = row is not None and line_top[i] - row.top < CENTRED_EM * row.size
        if row is not None and close and _centred(row, cells, line_top[i]):
            centred = True
        elif close and row is not None:
            # lines half a line apart whose cells do not stack as left-aligned lines do (centred
            # text, boxes of a diagram): no row is read from them
            row.refused = True
            rows.append(_Row([i], [_copy(c) for c in cells], line_top[i], line_size[i], refused=True))
            continue
        elif not (row is not None and wrapped and _wraps(row, cells, line_top[i], reach)):
            if i > last:
                break
            rows.append(_Row([i], [_copy(c) for c in cells], line_top[i], line_size[i]))
            continue
        _add(row, cells, line_top[i])
        row.lines.append(i)
    return rows, centred


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where a table's columns begin, how far the last one reaches, and a cell's padding."""

    lefts: list[float]
    last_right: float
    padding: float


def _columns(lines: list[list[_Cell]]) -> _Columns | None:
    """The table's columns: the left edges where cells of two lines or more begin."""
    shared = [g for g in _by_left_edge([c for line in lines for c in line]) if len({c.top for c in g}) >= 2]
    if len(shared) < 2:
        return None
    lefts = [g[0].x0 for g in shared]
    # the narrowest gap before a column's edge is twice a cell's padding
    gaps = [b.x0 - a.x1 for line in lines for a, b in pairwise(line)
            if any(abs(b.x0 - x) <= ALIGNED for x in lefts)]
    if not gaps:
        return None
    return _Columns(lefts, max(c.x1 for c in shared[-1]), min(gaps) / 2)


def _spanned(row: _Row, columns: _Columns | None, page_right: float) -> bool:
    """Set each cell of a header line over fewer cells than the row below under its columns (its
    `skip`); True when a cell stands centred over columns rather than at a column's edge.

    A cell centred over columns a..b has its middle halfway between column a's left edge and
    column b's right one (the next column's left edge, less the padding of both; the last column
    ends at the page's text edge at the furthest). Of the spans that fit, the widest is taken.
    """
    if columns is None:
        return False
    lefts, pad = columns.lefts, columns.padding
    rights = [left - 2 * pad for left in lefts[1:]]  # each column's right edge, but the last's
    placed: list[int] = []
    spanning = False
    after = 0  # the first column still free
    for cell in row.cells:
        at = next((k for k, left in enumerate(lefts) if abs(left - cell.x0) <= ALIGNED), None)
        if at is not None and at >= after:
            placed.append(at)
            after = at + 1
            continue
        middle = (cell.x0 + cell.x1) / 2
        span = None
        for a in range(after, len(lefts)):
            if lefts[a] > cell.x0 + ALIGNED:
                break
            right = 2 * middle - lefts[a]
            inner = any(abs(right - r) <= 2 * ALIGNED for r in rights[a:])
            last = columns.last_right - 2 * ALIGNED <= right <= page_right + 2 * ALIGNED
            if inner or last:
                span = (a, next((b for b, r in enumerate(rights) if b >= a and abs(right - r) <= 2 * ALIGNED),
                                len(lefts) - 1))
                break
        if span is None:
            return False
        placed.append(span[0])
        after = span[1] + 1
        spanning = True
    if not spanning:
        return False
    previous = -1
    for cell, column in zip(row.cells, placed, strict=True):
        cell.skip = column - previous - 1
        previous = column
    return True


def _copy(cell: _Cell) -> _Cell:
    """A row's own cell (rows grow their cells; a table is grouped into rows more than once)."""
    return _Cell(cell.x0, cell.x1, cell.top, cell.first_width, list(cell.words), set(cell.breaks), cell.figure)


def _line_cells(a: int, b: int, x0: numpy.ndarray, x1: numpy.ndarray, top: float, wide: numpy.ndarray,
                texts: list[str]) -> list[_Cell]:
    """The cells of the line of words a..b: runs of words between column gaps."""
    cells: list[_Cell] = []
    for k in range(a, b):
        if k == a or wide[k]:
            figure = _FIGURE.match(texts[k]) is not None and (k + 1 == b or bool(wide[k + 1]))
            cells.append(_Cell(float(x0[k]), float(x1[k]), top, float(x1[k] - x0[k]), [k], figure=figure))
        else:
            cells[-1].x1 = float(x1[k])
            cells[-1].words.append(k)
    return cells


def _by_left_edge(cells: list[_Cell]) -> list[list[_Cell]]:
    """Cells grouped by the x they start at, left to right."""
    groups: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda c: c.x0):
        if groups and cell.x0 - groups[-1][0].x0 <= ALIGNED:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    return groups


def _column_reach(cells: list[_Cell]) -> list[tuple[float, float]]:
    """(left edge, furthest right edge) of each column, a column being the cells that start at one x."""
    return [(group[0].x0, max(c.x1 for c in group)) for group in _by_left_edge(cells)]


def _at(row: _Row, x: float) -> _Cell | None:
    """The row's cell that starts at x."""
    return next((c for c in row.cells if abs(c.x0 - x) <= ALIGNED), None)


def _wraps(row: _Row, cells: list[_Cell], top: float, reach: list[tuple[float, float]]) -> bool:
    """Every cell of the line carries on a cell of the row's last line that its first word would
    not have fitted: the next line of wrapped cells."""
    if len(row.cells) < MIN_COLUMNS or len(cells) > len(row.cells) or top - row.top > NEXT_LINE_EM * row.size:
        return False
    if len(cells) == len(row.cells) and any(cell.figure for cell in cells):
        return False  # every cell of a row wraps in a table of words; a figure starts a row of its own
    space = WORD_SPACE_EM * row.size
    for cell in cells:
        above = _at(row, cell.x0)
        if above is None or above.top != row.top:
            return False
        right = next((r for left, r in reach if abs(left - cell.x0) <= ALIGNED), None)
        # the first word would have fitted on the line above; or the line runs past the column
        if right is None or above.x1 + space + cell.first_width <= right or cell.x1 > right + ALIGNED:
            return False
    return True


def _centred(row: _Row, cells: list[_Cell], top: float) -> bool:
    """The cells of a line closer to the row's last line than a line's height stand beside the
    row's (or under one of them, as its next line)."""
    if len(row.cells) + len(cells) < MIN_COLUMNS:
        return False
    for cell in cells:
        for other in row.cells:
            overlap = cell.x0 < other.x1 and other.x0 < cell.x1
            if overlap and abs(cell.x0 - other.x0) > ALIGNED:
                return False
    return True


def _add(row: _Row, cells: list[_Cell], top: float) -> None:
    """Add a line's cells to the row: under the cell starting at the same x, or as new cells."""
    for cell in cells:
        above = _at(row, cell.x0)
        if above is None:
            row.cells.append(_copy(cell))
        else:
            above.breaks.add(len(above.words))
            above.words.extend(cell.words)
            above.x1, above.top, above.first_width = cell.x1, cell.top, cell.first_width
    row.cells.sort(key=lambda c: c.x0)
    row.top = top


def _reordered(joined: list[_Row], bounds: list[int], texts: list[str], wide: numpy.ndarray) -> JoinedRows:
    """The new reading order: each joined row's words cell by cell where its first line stood."""
    by_first = {row.lines[0]: row for row in joined}
    dropped = {line for row in joined for line in row.lines[1:]}
    order: list[int] = []
    starts: list[int] = []
    new_wide: list[bool] = []
    glued: list[bool] = []
    skips: list[int] = []
    for line in range(len(bounds) - 1):
        if line in dropped:
            continue
        starts.append(len(order))
        row = by_first.get(line)
        if row is None:
            a, b = bounds[line], bounds[line + 1]
            order.extend(range(a, b))
            new_wide.extend(wide[a:b].tolist())
            glued.extend([False] * (b - a))
            skips.extend([0] * (b - a))
            continue
        for n, cell in enumerate(row.cells):
            for k, word in enumerate(cell.words):
                before = cell.words[k - 1] if k else None
                order.append(word)
                new_wide.append(n > 0 and k == 0)
                skips.append(cell.skip if k == 0 else 0)
                # a later line of the cell after a word ending in a hyphen: the word broke there
                glued.append(before is not None and k in cell.breaks and _broken(texts[before]))
    return JoinedRows(numpy.array(order, dtype=numpy.intp), starts, numpy.array(new_wide, dtype=bool),
                      numpy.array(glued, dtype=bool), numpy.array(skips, dtype=numpy.intp))


def _page_number(texts: list[str], bounds: list[int], line: int) -> bool:
    """The line is page furniture ("Page 6 of 14"); a lone figure is rather a wrapped code ("NI" / "16")."""
    words = texts[bounds[line] : bounds[line + 1]]
    return len(words) > 1 and PAGE_NUMBER.match(" ".join(words)) is not None


def _broken(word: str) -> bool:
    """A word ending in a hyphen after a letter or digit ("co-", "2022-"): broken at its hyphen."""
    return len(word) > 1 and word.endswith("-") and word[-2].isalnum()
