"""The Kent quarterly performance report: KPI tables come out typed (rows checked against the PDF by eye).

Only the pages needed are read: they are copied into a small PDF first.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from pipeline import extract
from schemas import PerformanceTable, PlanExtraction, TableRow
from tests.conftest import REAL_PDFS

QPR = REAL_PDFS / "kent-cc_2025_qpr-q3-appendix.pdf"
# Printed page numbers are one less: page 4 of the file is page 3 of the appendix.
PAGES = (4, 9, 13, 45)


@pytest.fixture(scope="module")
def qpr(tmp_path_factory: pytest.TempPathFactory) -> PlanExtraction:
    writer = pypdf.PdfWriter()
    reader = pypdf.PdfReader(QPR)
    for number in PAGES:
        writer.add_page(reader.pages[number - 1])
    out: Path = tmp_path_factory.mktemp("qpr") / "qpr-pages.pdf"
    writer.write(out)
    return extract(out)


def _table(result: PlanExtraction, title: str) -> PerformanceTable:
    found = [t for t in result.tables if t.title == title and t.kind == "performance"]
    assert len(found) == 1, [t.title for t in result.tables]
    return found[0]


def _row(table: PerformanceTable, label: str) -> TableRow:
    return next(r for r in table.rows if r.label == label)


def _values(row: TableRow) -> list[object]:
    return [c.value for c in row.cells]


def test_rag_summary_table_has_latest_and_previous_ratings(qpr: PlanExtraction) -> None:
    table = _table(qpr, "Customer Services KPIs")
    assert table.header[:3] == ["Customer Services KPIs", "RAG rating / Latest", "RAG rating / Previous"]
    row = _row(table, "% of phone calls to Contact Point which were answered")
    assert [(c.type, c.value, c.text) for c in row.cells[:2]] == [
        ("status", "Green", "GREEN"),
        ("status", "Amber", "AMBER"),
    ]
    assert row.page == 1


def test_indicator_cards_become_one_table_of_keyed_figures(qpr: PlanExtraction) -> None:
    table = _table(qpr, "Key Performance Indicators")
    assert table.header == ["Indicator", "Status", "Latest", "Target", "Floor", "Previous"]
    assert len(table.rows) == 3
    row = _row(table, "Percentage of phone calls to Contact Point which were answered")
    assert _values(row) == ["Green", 94.0, 90.0, 85.0, 89.0]
    assert {c.type for c in row.cells[1:]} == {"percent"}
    assert row.cells[4].text == "89% (Amber)"


def test_complaints_table_counts_with_period_columns(qpr: PlanExtraction) -> None:
    table = _table(qpr, "Customer Services – Complaints Monitoring")
    assert table.header == [
        "Service",
        "12 mths to Dec 23",
        "12 mths to Dec 24",
        "Quarter to Sep 24",
        "Quarter to Dec 24",
    ]
    assert [c.type for c in table.columns[1:]] == ["period"] * 4
    assert table.columns[4].period is not None and table.columns[4].period.end == "2024-12"
    assert _values(_row(table, "Adult Social Services")) == [969.0, 1066.0, 318.0, 250.0]
    total = _row(table, "Total Complaints")
    assert _values(total) == [5647.0, 5416.0, 1512.0, 1047.0]
    assert total.cells[0].text == "5,647" and total.cells[0].type == "count"


def test_children_in_care_sub_headers_open_groups(qpr: PlanExtraction) -> None:
    table = _table(qpr, "Children in Care")
    assert [c.period.start if c.period else None for c in table.columns] == [
        None,
        "2023-12",
        "2024-03",
        "2024-06",
        "2024-09",
        "2024-12",
    ]
    assert _values(_row(table, "Male")) == [1329.0, 1273.0, 1266.0, 1327.0, 1222.0]
    assert _row(table, "Male").group == "Gender"
    assert _row(table, "Male").cells[4].period is not None and _row(table, "Male").cells[4].period.start == "2024-12"
    assert _row(table, "16 to 17").group == "Age Group"
    assert _values(_row(table, "16 to 17")) == [848.0, 811.0, 809.0, 882.0, 812.0]
    assert _row(table, "Total").group is None
    assert not any(r.label in ("Gender", "Age Group", "Ethnicity") for r in table.rows)
