"""Cell typing: each kind of cell council tables print, with its original text kept."""

from __future__ import annotations

import pytest

from pipeline.tables.cells import parse_period_key, type_cell


@pytest.mark.parametrize(
    ("text", "kind", "value", "count"),
    [
        ("1,092", "count", 1092.0, None),
        ("181", "count", 181.0, None),
        ("19.81", "number", 19.81, None),
        ("-11.1%", "percent", -11.1, None),
        ("- 5.9%", "percent", -5.9, None),
        ("19.3%", "percent", 19.3, None),
        ("- 937", "change", -937.0, None),
        ("+12", "change", 12.0, None),
        ("£75k", "money", 75000.0, None),
        ("5K", "money", 5000.0, None),
        ("£1.8m", "money", 1800000.0, None),
        ("£2,500", "money", 2500.0, None),
        ("Green", "status", "Green", None),
        ("AMBER", "status", "Amber", None),
        ("red", "status", "Red", None),
        ("39.0% (127 offences)", "percent", 39.0, 127.0),
        ("2.8% (5 offences)", "percent", 2.8, 5.0),
        ("89% (Amber)", "percent", 89.0, None),
        ("Latest: 97%", "percent", 97.0, None),
        ("", "empty", None, None),
        ("n/a", "empty", None, None),
        ("Rochford District is grouped with Southend", "text", "Rochford District is grouped with Southend", None),
        ("5K CSP Allocation", "text", "5K CSP Allocation", None),
        ("01273", "text", "01273", None),  # a telephone number's area code, not a count
        ("0300", "text", "0300", None),
        ("0", "count", 0.0, None),
        ("05", "count", 5.0, None),
    ],
)
def test_cell_types(text: str, kind: str, value: object, count: float | None) -> None:
    cell = type_cell(text)
    assert (cell.type, cell.value, cell.count) == (kind, value, count)
    assert cell.text == text


def test_keyed_cell_names_its_column() -> None:
    assert type_cell("Previous: 89% (Amber)").column == "Previous"
    assert type_cell("Previous: 89%", column="Last quarter").column == "Last quarter"


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("Apr-Aug 2009", "2009-04", "2009-08"),
        ("2010/11", "2010", "2011"),
        ("Year to Date (April 09- March 10)", "2009-04", "2010-03"),
        ("Dec-23", "2023-12", "2023-12"),
        ("Jan – Mar 24", "2024-01", "2024-03"),
        ("Quarter to Sep 24", "2024-09", "2024-09"),
        ("Q1", None, None),
    ],
)
def test_period_column_keys(header: str, start: str | None, end: str | None) -> None:
    period = parse_period_key(header)
    assert period is not None and (period.start, period.end) == (start, end)
    assert type_cell(header, header=True).type == "period"


@pytest.mark.parametrize("header", ["Class", "% Change", "% 2009/2010 to 2010/2011", "Performance Indicator", "Value"])
def test_measure_headers_are_not_periods(header: str) -> None:
    assert parse_period_key(header) is None
