"""Indicator cards: boxes that give a KPI's name and RAG rating, then keyed figures.

    Percentage of phone calls to Contact Point which were answered | GREEN
    Latest: 94% | Target: 90%, Floor: 85% | Previous: 89% (Amber)

A run of such boxes is read as one table: a row per indicator, a column per key.
"""

from __future__ import annotations

import re

from pipeline.tables.cells import FIGURE_TYPES, cell_type, type_cell
from schemas import Cell, TableRow

# "Latest: 97%", and "Floor 90%" where the key before a figure has lost its colon.
_KEYED = re.compile(r"^([A-Za-z][A-Za-z ]{0,30}?)(?::\s*|\s+(?=[+\-−£\d]))(\S.*)$")
# "Target: 97%, Floor: 90%", "180 Floor: 240": several keyed values in one cell.
_PAIR_SPLIT = re.compile(r",\s+|\s+(?=[A-Za-z][A-Za-z ]{0,30}:)")
STATUS_COLUMN = "Status"
NAME_COLUMN = "Indicator"


def _pairs(row: list[str]) -> list[tuple[str, str]] | None:
    pairs: list[tuple[str, str]] = []
    for cell in (c for c in row if c):
        for part in _PAIR_SPLIT.split(cell):
            m = _KEYED.match(part.strip())
            if not m:
                return None
            pairs.append((m.group(1).strip(), m.group(2).strip()))
    return pairs


def _is_title(row: list[str]) -> bool:
    rest = [c for c in row[1:] if c]
    return bool(row[0]) and bool(rest) and all(cell_type(c) == "status" for c in rest)


def is_card_run(rows: list[list[str]]) -> bool:
    """True when every row is a card's name-and-rating row or a row of keyed figures."""
    return bool(rows) and all(_is_title(r) or bool(_pairs(r)) for r in rows)


def read_cards(rows: list[list[str]], pages: list[int | None]) -> tuple[list[str], list[TableRow]] | None:
    """Header and rows of a run of indicator cards; None when the grid is not one."""
    cards: list[tuple[str, list[Cell], dict[str, str], int | None]] = []
    for row, page in zip(rows, pages, strict=True):
        pairs = _pairs(row)
        if pairs:
            if not cards:
                return None
            keyed = cards[-1][2]
            for key, value in pairs:
                keyed.setdefault(key, value)  # a chart's stray "Floor: 90%" repeats a key
            continue
        statuses = [type_cell(c) for c in row[1:] if c]
        if cards and not statuses:
            continue  # stray text between two boxes (a chart's label)
        if not row[0] or not statuses or any(c.type != "status" for c in statuses):
            return None
        cards.append((row[0], statuses, {}, page))
    values = [v for *_, keyed, _ in cards for v in keyed.values()]
    figures = sum(1 for v in values if cell_type(v) in FIGURE_TYPES)
    if not values or figures * 2 < len(values):
        return None
    keys = list(dict.fromkeys(k for *_, keyed, _ in cards for k in keyed))
    table_rows = []
    for name, statuses, keyed, page in cards:
        cells = [statuses[0].model_copy(update={"column": STATUS_COLUMN})]
        cells += [type_cell(keyed.get(k, ""), column=k) for k in keys]
        table_rows.append(TableRow(label=name, cells=cells, page=page))
    return [NAME_COLUMN, STATUS_COLUMN, *keys], table_rows
