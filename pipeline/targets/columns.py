"""Targets set in a table's year columns: "Indicator | Baseline 2010/11 | Target 2011/12 | Target 2012/13".

Performance frameworks and Local Area Agreement annexes set a target for each year of a plan
in a column of its own, headed "Target 2011/12", "2013/14 Target", or a year under a spanning
"Targets" header ("Targets / 2008/09"). Such a cell is read as one target, as these papers
mean it:

- a figure is the level the measure is to reach by the end of that year: `target_value` is the
  figure, `amount` is None (the paper states a level, not a change), `unit` is "percent" for a
  percentage and "count" for a whole number; the direction is the way from the baseline to the
  level (lower: reduce, higher: increase, the same: maintain), and a level with no baseline to
  compare with is not read;
- a signed percentage ("-5%", "+10%") or a signed count ("-150") is a change on the baseline:
  the sign gives the direction, the figure the `amount`;
- words are read as any target wording is ("5% reduction"), the row naming the measure;
- "n/a", "-", "Increase" (no figure) set no quantified target.

The baseline is the figure in the nearest column before the first target column that names an
earlier period and is not a target ("Baseline 2010/11", "2012/13 Outturn", "2012/13"). The
deadline is the end of the target column's financial year ("2011/12" ends 2012-03). A row whose
label states a target itself ("Reduce burglary by 10%") is read from its wording, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.dates import financial_year_end
from pipeline.targets.reading import Reading, read_targets
from pipeline.targets.terms import TargetTerms
from schemas import Cell, PerformanceTable, TableRow, TimePeriod

_TARGET_WORD = re.compile(r"\btargets?\b", re.I)
# "NI 16", "PI 3a", "KPI 12": an indicator's code before its name
_CODE = re.compile(r"^(?:[A-Z]{2,5}\s*\d{1,3}[a-z]?\b[\s.:-]*)+")
_LEVEL_TYPES = ("count", "number", "percent")
_SIGNS = ("-", "+", "−", "–")


@dataclass(frozen=True, slots=True)
class ColumnTarget:
    """One target read from a table cell, with the range of its row in the document."""

    reading: Reading
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _TargetColumn:
    index: int  # in the row's cells (the header's index less the label column)
    deadline: str


def column_targets(text: str, tables: list[PerformanceTable], terms: TargetTerms) -> list[ColumnTarget]:
    """Every target the year columns of the paper's performance tables set."""
    found: list[ColumnTarget] = []
    for table in tables:
        if table.kind != "performance":
            continue
        targets = _target_columns(table.columns)
        if not targets:
            continue
        baseline = _baseline_column(table.columns, targets[0].index)
        for row in table.rows:
            found.extend(_row_targets(text, table, row, targets, baseline, terms))
    return found


def _target_columns(columns: list[Cell]) -> list[_TargetColumn]:
    found = []
    for j, column in enumerate(columns[1:]):
        deadline = _period_end(column.period)
        if deadline and _TARGET_WORD.search(column.text):
            found.append(_TargetColumn(j, deadline))
    return found


def _period_end(period: TimePeriod | None) -> str | None:
    """The deadline a target column's period gives: "2011/12" ends 2012-03, "March 2014" is 2014-03."""
    if period is None or not period.end:
        return None
    if "-" in period.end:
        return period.end
    end = int(period.end)
    return financial_year_end(end - 1, end)


def _baseline_column(columns: list[Cell], first_target: int) -> tuple[int, str] | None:
    """The nearest column before the targets naming a period (the baseline), and that period."""
    for j in range(first_target - 1, -1, -1):
        column = columns[j + 1]
        period = column.period
        if period is not None and period.start and not _TARGET_WORD.search(column.text):
            label = period.start if period.start == period.end else f"{period.start}/{period.end}"
            return j, label
    return None


def _row_targets(
    text: str,
    table: PerformanceTable,
    row: TableRow,
    targets: list[_TargetColumn],
    baseline_column: tuple[int, str] | None,
    terms: TargetTerms,
) -> list[ColumnTarget]:
    if read_targets(row.label, terms, in_row=True):
        return []  # "Reduce burglary by 10%": the label's own wording is the target
    metric = _metric(row, targets[0].index, terms)
    if not metric:
        return []
    baseline: Cell | None = None
    period = None
    if baseline_column is not None and baseline_column[0] < len(row.cells):
        candidate = row.cells[baseline_column[0]]
        if candidate.type in _LEVEL_TYPES and isinstance(candidate.value, float):
            baseline, period = candidate, baseline_column[1]
    start, end = _row_place(text, table, row)
    found = []
    for column in targets:
        if column.index >= len(row.cells):
            continue
        for reading in _cell_readings(row.cells[column.index], metric, column.deadline, baseline, terms):
            if baseline is not None and isinstance(baseline.value, float):
                reading = _with(reading, baseline=baseline.value, baseline_period=period)
            found.append(ColumnTarget(reading, start, end))
    return found


def _metric(row: TableRow, first_target: int, terms: TargetTerms) -> str:
    """The measure a row names: its label, and words in the cells before its figures, less a code."""
    words = [row.label] + [c.text for c in row.cells[:first_target] if c.type == "text"]
    name = _CODE.sub("", " ".join(w for w in words if w)).strip()
    return terms.spell_out(name) if name else ""


def _cell_readings(cell: Cell, metric: str, deadline: str, baseline: Cell | None, terms: TargetTerms) -> list[Reading]:
    value = cell.value if isinstance(cell.value, float) else None
    signed = cell.text.lstrip()[:1] in _SIGNS
    if value is not None and (cell.type == "change" or (cell.type == "percent" and signed)):
        change_unit = "percent" if cell.type == "percent" else "count"
        direction = "reduce" if value < 0 else "increase"
        return [_reading(direction, abs(value), change_unit, metric, deadline, None)]
    if value is not None and cell.type in _LEVEL_TYPES:
        if baseline is None or not isinstance(baseline.value, float):
            return []  # a level with nothing to compare with: no direction
        if (cell.type == "percent") != (baseline.type == "percent"):
            return []  # "5%" against a count of offences: a change or a level, the cell does not say
        base = baseline.value
        direction = "reduce" if value < base else "increase" if value > base else "maintain"
        unit = "percent" if cell.type == "percent" else "count" if cell.type == "count" else None
        return [_reading(direction, None, unit, metric, deadline, value)]
    if cell.type == "text":
        return [
            _with(r, metric=r.metric or metric)
            for r in read_targets(cell.text, terms, in_row=True, default_deadline=deadline)
        ]
    return []


def _reading(
    direction: str, amount: float | None, unit: str | None, metric: str, deadline: str, value: float | None
) -> Reading:
    return Reading(direction, amount, unit, metric, deadline, value, 0, 0)


def _with(reading: Reading, **changes: object) -> Reading:
    return replace(reading, **changes)  # type: ignore[arg-type]


def _row_place(text: str, table: PerformanceTable, row: TableRow) -> tuple[int, int]:
    """The row's line in the document (the table's range where its label is not found as printed)."""
    start, end = (table.span.start, table.span.end) if table.span else (0, 0)
    at = text.find(row.label, start, end) if row.label else -1
    if at < 0:
        return start, end
    line_end = text.find("\n", at, end)
    return at, line_end if line_end >= 0 else end
