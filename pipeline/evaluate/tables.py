"""Performance tables, compared cell by cell.

A gold table is a title, a header and rows whose first entry is the row label and whose
other entries are numbers or status words (Green/Amber/Red). Only extracted tables of kind
"performance" take part; a found cell counts when it is typed as a number or a status.

1. Tables are matched one-to-one by how many gold row labels the found table also has.
2. In matched tables, rows are matched one-to-one by label (strict or fuzzy, like all text).
3. In matched rows, a gold cell matches the found cell in the same column with the same
   value; failing that, any unmatched found cell of the row with the same value (columns
   may be split or merged by the parse). Numbers compare up to float noise, words
   case-insensitively; a gold word also matches a plain text cell of its column, and a gold
   "n/a" or "-" a cell of its column read as holding no value.
Gold cells left over are misses; numeric/status found cells left over are extras, and so
are all such cells of unmatched found rows and tables. `tables.rows` scores step 2.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.evaluate.gold import GoldCell, GoldTable
from pipeline.evaluate.matching import assign, normalise
from pipeline.evaluate.model import Issue
from pipeline.evaluate.sheet import Sheet, same_number
from pipeline.tables.cells import is_no_value
from pipeline.tables.rules import RULES
from schemas import Cell, PerformanceTable, TableRow

SCORED_TYPES = {"count", "number", "percent", "change", "money", "status"}
_NUMBER = re.compile(r"^[(]?([+\-−]?)\s*£?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*%?[)]?$")


def cell_value(cell: Cell) -> float | str | None:
    """The typed value of a found cell, read from its text when the stage left it empty."""
    if isinstance(cell.value, (int, float)):
        return float(cell.value)
    if isinstance(cell.value, str) and cell.value.strip():
        return cell.value
    m = _NUMBER.match(cell.text.strip())
    if m:
        number = float(m.group(2).replace(",", ""))
        return -number if m.group(1) in ("-", "−") or cell.text.strip().startswith("(") else number
    return cell.text.strip() or None


def _status(word: str) -> str:
    """A status word as the table stage types it ("on track" is Green), else the word itself."""
    return normalise(RULES.status_words.get(normalise(word), word))


def same_cell(gold: GoldCell, found: float | str | None) -> bool:
    """A gold cell equals a found value: numbers up to float noise, words case-insensitively
    and status words by the status they stand for ("On track" is "Green")."""
    if found is None:
        return False
    if isinstance(gold, str) or isinstance(found, str):
        return _status(str(gold)) == _status(str(found))
    return same_number(float(gold), found)


def row_cells(row: TableRow) -> list[tuple[int, Cell]]:
    """The cells of a found row with their column, the label cell excluded."""
    cells = list(row.cells)
    if cells and normalise(cells[0].text) == normalise(row.label):
        cells = cells[1:]
    return list(enumerate(cells))


def scored_cells(row: TableRow) -> list[tuple[int, Cell]]:
    """The cells of a found row that hold values, with their column (label cell excluded)."""
    return [(i, c) for i, c in row_cells(row) if c.type in SCORED_TYPES]


def compare_tables(sheet: Sheet, gold: Sequence[GoldTable], found: Sequence[PerformanceTable]) -> None:
    """Score the cells of the gold tables against the extracted performance tables."""
    found = [t for t in found if t.kind == "performance"]
    matcher = sheet.matcher

    def overlap(g: GoldTable, f: PerformanceTable) -> float:
        labels = [r.label for r in f.rows]
        hits = sum(any(matcher.same(str(row[0]), lab) for lab in labels) for row in g.rows if row)
        return hits / max(len(g.rows), 1)

    tables = assign(gold, found, overlap, 1e-9)
    for gi, fi, _ in tables.pairs:
        _compare_rows(sheet, gold[gi], found[fi])
    for gi in tables.misses:
        g = gold[gi]
        sheet.count("tables.rows", fn=len(g.rows))
        sheet.count("tables.cells", fn=sum(len(r) - 1 for r in g.rows))
        sheet.issues.append(
            Issue(field="tables.cells", kind="miss", gold=f"table {g.title or '(untitled)'}: {len(g.rows)} rows")
        )
    for fi in tables.extras:
        f = found[fi]
        sheet.count("tables.rows", fp=len(f.rows))
        sheet.count("tables.cells", fp=sum(len(scored_cells(r)) for r in f.rows))
        sheet.issues.append(
            Issue(
                field="tables.cells",
                kind="extra",
                found=f"table {f.title or '(untitled)'}: {len(f.rows)} rows",
                where=_pages(f.pages),
            )
        )


def _compare_rows(sheet: Sheet, gold: GoldTable, found: PerformanceTable) -> None:
    def label(row: Sequence[GoldCell]) -> str:
        return str(row[0]) if row else ""

    rows = sheet.items("tables.rows", gold.rows, found.rows, label, lambda r: r.label, quiet=True)
    for gi, fi, _ in rows.pairs:
        _compare_cells(sheet, gold, gold.rows[gi], found.rows[fi])
    for gi in rows.misses:
        g = gold.rows[gi]
        sheet.count("tables.cells", fn=len(g) - 1)
        sheet.issues.append(Issue(field="tables.rows", kind="miss", gold=_show_row(g), context=gold.title))
    for fi in rows.extras:
        f = found.rows[fi]
        cells = scored_cells(f)
        sheet.count("tables.cells", fp=len(cells))
        shown = f"{f.label}: " + " | ".join(c.text for _, c in cells)
        sheet.issues.append(
            Issue(
                field="tables.rows",
                kind="extra",
                found=shown,
                context=gold.title,
                where=_pages([f.page] if f.page else []),
            )
        )


def _compare_cells(sheet: Sheet, table: GoldTable, gold_row: Sequence[GoldCell], found_row: TableRow) -> None:
    gold_cells = list(enumerate(gold_row[1:]))
    found_cells = {i: cell_value(c) for i, c in scored_cells(found_row)}
    # a word the gold gives (a trend such as "Improving") may stand in a plain text cell
    words = {i: c.text for i, c in row_cells(found_row) if c.type == "text"}
    # a gold "n/a" or "-" is read when its column's cell is read as holding no value
    blanks = {i for i, c in row_cells(found_row) if c.type == "empty"}
    unmatched_gold = []
    for col, value in gold_cells:  # same column first
        if col in found_cells and same_cell(value, found_cells[col]):
            del found_cells[col]
        elif isinstance(value, str) and (
            (col in words and same_cell(value, words[col])) or (col in blanks and is_no_value(value))
        ):
            continue
        else:
            unmatched_gold.append((col, value))
    misses = []
    for col, value in unmatched_gold:  # then the same value anywhere in the row
        hit = next((i for i, v in found_cells.items() if same_cell(value, v)), None)
        if hit is None:
            misses.append((col, value))
        else:
            del found_cells[hit]
    sheet.count("tables.cells", tp=len(gold_cells) - len(misses), fn=len(misses), fp=len(found_cells))
    context = f"{table.title or 'untitled table'} / {gold_row[0]}"
    found_text = {i: c.text for i, c in scored_cells(found_row)}
    for col, value in misses:
        header = table.header[col + 1] if col + 1 < len(table.header) else f"column {col + 1}"
        sheet.issues.append(
            Issue(
                field="tables.cells",
                kind="miss",
                gold=f"{header} = {value}",
                found=found_text.get(col),
                context=context,
            )
        )
    for col in found_cells:
        sheet.issues.append(
            Issue(field="tables.cells", kind="extra", found=f"column {col + 1} = {found_text[col]}", context=context)
        )


def _show_row(row: Sequence[GoldCell]) -> str:
    return f"{row[0]}: " + " | ".join(str(v) for v in row[1:])


def _pages(pages: Sequence[int]) -> str | None:
    return ("p." + ",".join(map(str, pages))) if pages else None
