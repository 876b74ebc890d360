"""Golden: every figure and RAG status of the gold performance tables, in its row and column.

One case per seed document and format, so the failing document is named. A seed whose gold
lists no performance table must not yield one either.
"""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from pipeline import extract
from schemas import PerformanceTable, TableRow
from tests.conftest import SEED_IDS, SEEDS, gold_for

FORMATS = ("txt", "pdf")
CASES = [pytest.param(seed, fmt, id=f"{seed}.{fmt}") for seed in SEED_IDS for fmt in FORMATS]


def _same(a: str, b: str) -> bool:
    return fuzz.ratio(" ".join(a.split()).lower(), " ".join(b.split()).lower()) >= 95


def _row(table: PerformanceTable, label: str) -> TableRow | None:
    return next((r for r in table.rows if _same(r.label, label)), None)


def _matching_table(tables: list[PerformanceTable], gold: dict) -> PerformanceTable:
    scored = [(sum(_row(t, g[0]) is not None for g in gold["rows"]), t) for t in tables]
    best, table = max(scored, key=lambda s: s[0], default=(0, None))
    assert table is not None and best > 0, f"no table holds the rows of {gold['title']!r}"
    return table


def _missing_cells(table: PerformanceTable, gold: dict) -> list[str]:
    missing = []
    for gold_row in gold["rows"]:
        row = _row(table, gold_row[0])
        if row is None:
            missing.append(f"row {gold_row[0]!r}")
            continue
        for column, expected in enumerate(gold_row[1:]):
            cell = row.cells[column] if column < len(row.cells) else None
            if isinstance(expected, str):
                ok = cell is not None and cell.type == "status" and cell.value == expected
            else:
                ok = cell is not None and isinstance(cell.value, float) and abs(cell.value - expected) < 1e-9
            if not ok:
                missing.append(f"{gold_row[0]!r} / {gold['header'][column + 1]!r}: want {expected!r}, got {cell!r}")
    return missing


@pytest.mark.parametrize(("seed", "fmt"), CASES)
def test_gold_table_cells_are_found(seed: str, fmt: str) -> None:
    gold_tables = gold_for(seed).get("tables", [])
    result = extract(SEEDS / f"{seed}.{fmt}")
    performance = [t for t in result.tables if t.kind == "performance"]
    if not gold_tables:
        assert performance == [], f"performance tables where the gold has none: {[t.title for t in performance]}"
        return
    for gold in gold_tables:
        table = _matching_table(performance, gold)
        assert _missing_cells(table, gold) == []
        assert [" ".join(h.split()) for h in table.header] == gold["header"]
        assert table.title is not None and _same(table.title, gold["title"])
        assert table.span is not None and table.pages and table.stage == "tables"
