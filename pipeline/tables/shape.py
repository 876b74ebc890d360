"""From a grid of strings to a typed table: header rows, row labels, groups, repaired rows, kind.

Repairs that real layouts need:
- a row label wrapped onto the next line with empty cells is joined to its row;
- cells wrapped onto a row with no label (a row cut by a page break) are joined to the row above;
- the header repeated where a table continues is dropped;
- a sub-header row inside the body ("2009/2010 Priority | Achievements", "Gender") opens a group.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.tables.cards import read_cards
from pipeline.tables.cells import FIGURE_TYPES, cell_fields, cell_type, type_cell
from pipeline.tables.grids import is_data_row
from pipeline.tables.rules import RULES
from schemas import Cell, TableRow

MAX_HEADER_ROWS = 4
_BULLETS = frozenset({"•", "●", "▪", "■", "◦", "o", "-", "–", "*", "·"})
# Short lower-case cells that are answers in a checklist, not pieces of a cut word.
_SHORT_ANSWERS = frozenset({"yes", "no", "y", "n", "x", "tbc", "nil", "na", "n/a"})
# A header cell is short; a long first row is a body row of a text-only table.
MAX_HEADER_CELL = 60
_MAX_LABEL = 41  # the longest label _LABEL_KEY takes
_WRAPPED_HEADER_CELL = 30  # the longest piece of a wrapped header cell on its second line
_LABEL_KEY = re.compile(r"^(?:\d+[.)]?\s*)?([A-Za-z][\w /&'’-]{0,40}?)\s*:?$")


@dataclass(slots=True)
class ShapedTable:
    """What a grid says once read: kind, header, typed rows and notes on doubtful parsing."""

    kind: str
    header_rows: list[list[str]] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    columns: list[Cell] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def shape_grid(rows: list[list[str]], pages: list[int | None] | None = None) -> ShapedTable | None:
    """Read a grid; None when it is no table at all (a key-value block, a contents list, prose).

    `pages` gives the page of each row, so rows of a table continued over pages keep theirs.
    """
    pages = pages if pages is not None and len(pages) == len(rows) else [None] * len(rows)
    if len(rows) < 2 or len(rows[0]) < 2 or _is_prose(rows):
        return None
    if _is_key_value(rows) or _is_contents(rows) or _is_bullet_list(rows):
        return None
    cards = read_cards(rows, pages)
    if cards is not None:
        header, card_rows = cards
        return ShapedTable(kind="performance", header=header, columns=_columns(header), rows=card_rows)
    if _keyed_by_rows(rows):
        return ShapedTable(kind="action_plan", rows=[_row(r, [], p) for r, p in zip(rows, pages, strict=True)])
    if _no_label_column(rows):
        rows = [["", *r] for r in rows]
    header_rows, body = _split_header(rows)
    notes: list[str] = []
    if _align_wrapped_header(header_rows):
        notes.append("wrapped header cells set under their columns")
    header = _header_names(header_rows, len(rows[0]))
    shaped = ShapedTable(kind="performance", header_rows=header_rows, header=header, notes=notes)
    shaped.columns = _columns(header)
    shaped.rows = _body_rows(body, pages[len(header_rows) :], header_rows, header, shaped.notes)
    _key_by_period(shaped)
    if _keyed_by_columns(header_rows, shaped.rows):
        shaped.kind = "action_plan"
    elif not any(c.type in FIGURE_TYPES for row in shaped.rows for c in row.cells) or _a_budget(shaped):
        shaped.kind = "other"
    elif not header_rows:
        shaped.notes.append("no header row found: columns are unnamed")
    return shaped


def _a_budget(shaped: ShapedTable) -> bool:
    """True when every column holding figures is headed as money ("Allocation 2016/17 (£)")."""
    figures = [[c for c in row.cells if c.type in FIGURE_TYPES and c.type != "status"] for row in shaped.rows]
    money_columns = [h for h in shaped.header if _money_header(h)]
    if not money_columns or not any(figures):
        return False
    # Cells of a PDF row may run together, moving the sum under another header: then each row
    # still holds no more figures than the header has money columns.
    return all(_money_header(c.column) for row in figures for c in row) or max(map(len, figures)) <= len(money_columns)


def _money_header(header: str | None) -> bool:
    return header is not None and any(w in RULES.finance_headers for w in _header_words(header))


_NOT_HEADER_WORD = re.compile(r"[^\w£ ]")


def _header_words(header: str) -> set[str]:
    return set(_NOT_HEADER_WORD.sub(" ", header.lower()).replace("£", " £ ").split())


def _key_by_period(shaped: ShapedTable) -> None:
    """Each figure in a period column carries the column's period, so it reads on its own."""
    for row in shaped.rows:
        for cell, column in zip(row.cells, shaped.columns[1:], strict=False):
            if column.period is not None and cell.type != "empty":
                cell.period = column.period


def _columns(header: list[str]) -> list[Cell]:
    return [type_cell(h, header=True) for h in header]


def _label_key(text: str) -> str | None:
    text = text.strip()
    if not text[:1].isdecimal() and len(text[:-1].rstrip() if text.endswith(":") else text) > _MAX_LABEL:
        return None  # a cell of prose, longer than any label (the pattern would say so more slowly)
    m = _LABEL_KEY.match(text)
    return m.group(1).strip().lower() if m else None


def _is_key_value(rows: list[list[str]]) -> bool:
    """Form fields ("Meeting: ...", "Report Author | Will Jack"): metadata, not a table."""
    if len(rows[0]) > 5 or sum(1 for r in rows if is_data_row(r)) * 2 >= len(rows):
        return False
    keyed = sum(1 for r in rows if any(_is_key(c) for c in r[:2]))
    return keyed * 2 >= len(rows)


def _is_key(cell: str) -> bool:
    return bool(cell) and (cell.rstrip().endswith(":") or _label_key(cell) in RULES.key_value_labels)


def _is_contents(rows: list[list[str]]) -> bool:
    """A table of contents: page numbers in the last column."""
    if rows[0][-1].strip().lower() in RULES.contents_headers:
        return True
    last = [r[-1] for r in rows if r[-1]]
    numbers = [int(c) for c in last if c.isdigit() and int(c) < 1000]
    labels_are_text = all(cell_type(r[0]) in ("text", "empty") for r in rows)
    ascending = len(numbers) >= 3 and numbers == sorted(numbers) and len(numbers) >= len(last) - 1
    return len(rows[0]) == 2 and labels_are_text and ascending


def _is_prose(rows: list[list[str]]) -> bool:
    """Prose cut at wide gaps: many one-word cells and no figures, or words cut in pieces ("r I", "ole")."""
    cells = [c for r in rows for c in r if c]
    words = sum(1 for c in cells if " " not in c)
    pieces = sum(1 for c in cells if len(c) <= 3 and c[0].islower() and c not in _SHORT_ANSWERS)
    if pieces >= 3 and pieces >= 0.1 * len(cells):
        return True
    return len(cells) >= 8 and words / len(cells) > 0.7 and not any(is_data_row(r) for r in rows)


def _plan_keys(cells: list[str]) -> set[str]:
    return {k for k in (_label_key(c) for c in cells if c) if k in RULES.action_plan_labels}


def _keyed_by_rows(rows: list[list[str]]) -> bool:
    """A plan form down the rows: Performance Indicator / Baseline / Target / Lead / Resources / Milestones."""
    return len(_plan_keys([r[0] for r in rows])) >= 3


def _keyed_by_columns(header_rows: list[list[str]], rows: list[TableRow]) -> bool:
    """A plan across the columns ("Action | Led by | Timescale | Measure") with words, not figures, below."""
    if not header_rows or len(_plan_keys(header_rows[-1])) < 3:
        return False
    cells = [c for r in rows for c in r.cells if c.type != "empty"]
    return sum(c.type in FIGURE_TYPES for c in cells) * 4 < len(cells)


def _is_bullet_list(rows: list[list[str]]) -> bool:
    """A bulleted list laid out as a grid (bullet marks in the first column)."""
    return sum(1 for r in rows if r[0].strip() in _BULLETS) * 2 >= len(rows)


def _no_label_column(rows: list[list[str]]) -> bool:
    """Figures from the first column on: the table has no row labels."""
    firsts = [cell_type(r[0]) for r in rows if is_data_row(r)]
    return bool(firsts) and sum(t in FIGURE_TYPES for t in firsts) > len(firsts) / 2


def _split_header(rows: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Leading rows before the first row of figures are the header (at most a few)."""
    first_data = next((i for i, r in enumerate(rows) if is_data_row(r) and not _ratings_over_counts(rows, i)), None)
    if first_data is not None and 0 < first_data <= MAX_HEADER_ROWS:
        return rows[:first_data], rows[first_data:]
    if first_data == 0:
        return [], rows
    if all(len(c) <= MAX_HEADER_CELL for c in rows[0]):
        return rows[:1], rows[1:]
    return [], rows


def _align_wrapped_header(header_rows: list[list[str]]) -> bool:
    """Set a lower header row under the columns it belongs to, when a PDF wrote it from the left.

    "Baseline / Target / Target" over "2010/11 / 2011/12 / 2012/13": the second line of each
    wrapped header cell is printed under its column, but a line of text keeps no indent, so its
    cells start in the label column. When such a row has as many cells as the row above has
    past the label column, it belongs under those. True when a row was moved.
    """
    moved = False
    for above, row in itertools.pairwise(header_rows):
        filled = [c for c in row if c]
        over = [c for c in above[1:] if c]
        short = all(len(c) <= _WRAPPED_HEADER_CELL for c in filled)  # a body row's text is no header line
        if above[0] and short and len(filled) == len(over) < len(row) and row[: len(filled)] == filled:
            row[:] = [""] * (len(row) - len(filled)) + filled
            moved = True
    return moved


def _ratings_over_counts(rows: list[list[str]], i: int) -> bool:
    """A row of RAG words over rows of counts ("KPI Summary | GREEN | AMBER | RED") names columns."""
    types = {cell_type(c) for c in rows[i][1:] if c}
    below = {cell_type(c) for r in rows[i + 1 :] for c in r[1:] if c}
    return types == {"status"} and bool(below) and "status" not in below and below <= FIGURE_TYPES


def _header_names(header_rows: list[list[str]], width: int) -> list[str]:
    """One name per column; a spanning cell of an upper header row names the columns under it."""
    filled: list[list[str]] = []
    for depth, row in enumerate(header_rows):
        row = list(row)
        if depth < len(header_rows) - 1:
            # Not from the label column: its header names the rows, it does not span.
            for j in range(2, width):
                if not row[j] and row[j - 1]:
                    row[j] = row[j - 1]
        filled.append(row)
    names = []
    for j in range(width):
        parts: list[str] = []
        for row in filled:
            if row[j] and (not parts or parts[-1] != row[j]):
                parts.append(row[j])
        names.append(" / ".join(parts))
    return names


def _body_rows(
    body: list[list[str]], pages: list[int | None], header_rows: list[list[str]], header: list[str], notes: list[str]
) -> list[TableRow]:
    out: list[TableRow] = []
    group: str | None = None
    after_repeat = False
    for i, row in enumerate(body):
        label, rest = row[0], row[1:]
        figures = is_data_row(row)
        if header_rows and not figures and _repeats_header(row, header_rows):
            after_repeat, group = True, None
            continue
        if after_repeat and not label and not figures:
            continue  # the repeated header's cells wrapped onto the next page
        after_repeat = False
        if not any(rest) and label:
            if out and _continues(out[-1].label, label):
                out[-1].label = f"{out[-1].label} {label}"
                _note(notes, "wrapped row label joined")
                continue
            if i + 1 < len(body) and is_data_row(body[i + 1]):
                group = label
                continue
        elif not figures and header_rows and _like_header(row, header):
            group = label or " ".join(c for c in rest if c)
            continue
        elif not label and not figures and out:
            _join_cells(out[-1], rest, header)
            _note(notes, "wrapped cells joined to the row above")
            continue
        table_row = _row(row, header, pages[i])
        table_row.group = group
        out.append(table_row)
    return out


def _row(row: list[str], header: list[str], page: int | None) -> TableRow:
    names = [h or None for h in header[1:]] + [None] * len(row)
    # the row validates its cells in one call: many tables have hundreds of them
    cells = [cell_fields(c, column=names[j]) for j, c in enumerate(row[1:])]
    return TableRow.model_validate({"label": row[0], "cells": cells, "page": page})


def _join_cells(prev: TableRow, rest: list[str], header: list[str]) -> None:
    for j, text in enumerate(rest):
        if text and j < len(prev.cells):
            old = prev.cells[j].text
            prev.cells[j] = type_cell(f"{old} {text}".strip(), column=prev.cells[j].column)


def _continues(previous: str, label: str) -> bool:
    """A label line that carries on the row above: it starts lower-case, or the row above breaks off."""
    if label[:1].islower():
        return True
    last = previous.rstrip().split(" ")[-1].lower() if previous.strip() else ""
    return last in RULES.wrap_connectors or previous.rstrip().endswith(("-", ",", "/", "&", "("))


def _repeats_header(row: list[str], header_rows: list[list[str]]) -> bool:
    text = " ".join(c for c in row if c).lower()
    return any(fuzz.ratio(text, " ".join(c for c in h if c).lower(), score_cutoff=85) >= 85 for h in header_rows)


def _like_header(row: list[str], header: list[str]) -> bool:
    """A sub-header row: it repeats a header cell in its column, or is a close variant of one."""
    pairs = zip(row, header, strict=False)
    return any(c and h and fuzz.ratio(c.lower(), h.lower().split(" / ")[-1], score_cutoff=80) >= 80 for c, h in pairs)


def _note(notes: list[str], note: str) -> None:
    if note not in notes:
        notes.append(note)
