"""Column gaps narrower than a column gap, read from the lines around them (pipeline/ingest/pdf_columns.py)."""

from __future__ import annotations

from pathlib import Path

from pipeline import extract
from pipeline.ingest import pdf_words
from pipeline.ingest.pdf import _words_to_lines

PAPERS = Path(__file__).parent / "fixtures" / "generalisation_audit"
SIZE = 10.0  # a column gap is wider than 12 points at this size
CHAR = 5.0  # points a character


def _lines(rows: list[list[tuple[float, str]]]) -> list[str]:
    """The text of lines made of (x0, text) words, a line every 14 points."""
    words = [
        {"x0": x0, "x1": x0 + CHAR * len(text), "top": 14.0 * n, "bottom": 14.0 * n + SIZE, "size": SIZE,
         "fontname": "Body", "text": text}
        for n, row in enumerate(rows) for x0, text in row
    ]
    return [line.text for line in _words_to_lines(pdf_words.Words.from_dicts(words))]


def _row(*cells: tuple[float, str]) -> list[tuple[float, str]]:
    """Words of cells that start at the given x, a word space (2 points) apart."""
    out = []
    for x0, text in cells:
        for word in text.split():
            out.append((x0, word))
            x0 += CHAR * len(word) + 2
    return out


def test_a_label_that_runs_close_to_the_first_figure_is_split_where_the_column_begins() -> None:
    lines = _lines([
        _row((0, "Repeat cases"), (150, "28"), (200, "31")),
        _row((0, "Incidents reported"), (150, "4,100"), (200, "3,862")),
        _row((0, "Young people entering the system"), (150, "60"), (200, "74")),  # ends 2 points before 150
    ])
    assert lines[2] == "Young people entering the system\t60\t74"


def test_a_header_row_is_split_at_the_gutters_of_the_rows_below() -> None:
    lines = _lines([
        _row((0, "Indicator"), (150, "Target"), (190, "Actual")),  # "Target" ends 10 points before "Actual"
        _row((0, "Repeat cases"), (150, "28"), (190, "31")),
        _row((0, "Incidents"), (150, "4,100"), (190, "3,862")),
    ])
    assert lines[0] == "Indicator\tTarget\tActual"


def test_a_longer_label_keeps_its_word_spaces_where_no_column_begins() -> None:
    # The shorter rows' column gaps pass over the spaces of the long label, but no column's
    # words begin or end at those spaces.
    lines = _lines([
        _row((0, "Short"), (260, "28")),
        _row((0, "Tiny"), (260, "4,100")),
        _row((0, "Young people entering the criminal justice system"), (260, "60")),
    ])
    assert lines[2] == "Young people entering the criminal justice system\t60"


def test_two_tabbed_lines_are_too_few_to_show_a_column() -> None:
    lines = _lines([
        _row((0, "Repeat cases"), (150, "28")),
        _row((0, "Young people entering the system"), (150, "60")),
    ])
    assert lines[1] == "Young people entering the system 60"


def test_prose_between_tables_is_not_split() -> None:
    prose = "The partnership met four times this year and agreed its plan"
    lines = _lines([
        _row((0, "Repeat cases"), (150, "28")),
        _row((0, "Incidents"), (150, "4,100")),
        _row((0, prose)),
        _row((0, "Young people entering the system"), (150, "60")),
    ])
    assert lines[2] == prose


def test_chromium_printed_tables_read_with_their_header_columns() -> None:
    result = extract(PAPERS / "sandwell_performance_2021.pdf")
    columns = [c.text for c in result.tables[0].columns]
    assert columns[1:] == ["2019/20", "2020/21", "Change", "% change", "Direction of travel", "Status"]
    labels = [row.label for row in extract(PAPERS / "bridgend_partnership_2016.pdf").tables[0].rows]
    assert "Young people entering the criminal justice system for the first time" in labels
