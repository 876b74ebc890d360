"""Table rows a PDF printed over several lines, read back as one line each (pipeline/ingest/pdf_rows.py),
and figures printed close together split where the lines around begin a column (pipeline/ingest/pdf_columns.py)."""

from __future__ import annotations

from pipeline.ingest import pdf_words
from pipeline.ingest.pdf import _words_to_lines

SIZE = 10.0  # a column gap is wider than 12 points at this size; lines stand 14 points apart
CHAR = 5.0  # points a character
SPACE = 2.0  # points between the words of a cell


def _lines(cells: list[tuple[float, float, str]]) -> list[str]:
    """The text of lines made of cells (top, x0, text), each cell's words a word space apart."""
    words = []
    for top, x0, text in cells:
        for word in text.split():
            words.append({"x0": x0, "x1": x0 + CHAR * len(word), "top": top, "bottom": top + SIZE, "size": SIZE,
                          "fontname": "Body", "text": word})
            x0 += CHAR * len(word) + SPACE
    return [line.text for line in _words_to_lines(pdf_words.Words.from_dicts(words))]


def _row(top: float, *cells: tuple[float, str]) -> list[tuple[float, float, str]]:
    return [(top, x0, text) for x0, text in cells]


def test_a_code_wrapped_in_its_narrow_column_is_joined_to_its_row() -> None:
    lines = _lines([
        *_row(0, (0, "NI"), (40, "Serious crime"), (200, "1,618"), (250, "1,565"), (300, "1,510")),
        *_row(14, (0, "16")),
        *_row(28, (0, "NI"), (40, "Violence"), (200, "702"), (250, "690"), (300, "675")),
        *_row(42, (0, "20")),
    ])
    assert lines == ["NI 16\tSerious crime\t1,618\t1,565\t1,510", "NI 20\tViolence\t702\t690\t675"]


def test_wrapped_header_cells_are_joined_under_their_columns() -> None:
    lines = _lines([
        *_row(0, (0, "Measure"), (150, "2012/13"), (200, "2013/14"), (250, "Q1")),
        *_row(14, (150, "Outturn"), (200, "Target")),
        *_row(28, (0, "All crime"), (150, "14,210"), (200, "-5%"), (250, "3,402")),
        *_row(42, (0, "Burglary"), (150, "842"), (200, "800"), (250, "198")),
    ])
    assert lines[0] == "Measure\t2012/13 Outturn\t2013/14 Target\tQ1"
    assert len(lines) == 3


def test_a_sub_header_that_would_have_fitted_on_the_line_above_is_a_row_of_its_own() -> None:
    lines = _lines([
        *_row(0, (0, "Measure"), (150, "2019"), (200, "2020")),
        *_row(14, (0, "Burglary"), (150, "12"), (200, "14")),
        *_row(28, (0, "Violence")),
        *_row(42, (0, "Assault with injury"), (150, "3"), (200, "4")),
    ])
    assert lines[2] == "Violence"


def test_a_wrapped_label_of_a_table_with_two_columns_keeps_its_lines() -> None:
    # a numbered paragraph's hanging indent, or a key and its value: two cells, not a table row
    text = "The partnership met four times"
    lines = _lines([
        *_row(0, (0, "1.1"), (40, text)), *_row(14, (40, "this year.")),
        *_row(28, (0, "1.2"), (40, text)), *_row(42, (40, "last year.")),
    ])
    assert lines == [f"1.1\t{text}", "this year.", f"1.2\t{text}", "last year."]


def test_a_page_number_after_a_table_is_not_the_next_line_of_its_last_row() -> None:
    lines = _lines([
        *_row(0, (0, "Crofton Park"), (100, "984"), (150, "60.7")),
        *_row(14, (0, "Lee Green"), (100, "1,002"), (150, "66.4")),
        *_row(28, (0, "Page 6 of 14")),
    ])
    assert lines == ["Crofton Park\t984\t60.7", "Lee Green\t1,002\t66.4", "Page 6 of 14"]


def test_figures_printed_close_together_are_split_where_the_lines_around_begin_a_column() -> None:
    # 8 points between the figures: more than a word space, less than a column gap
    lines = _lines([
        *_row(0, (0, "Crime type"), (100, "Q1"), (133, "Q2"), (166, "Q3")),
        *_row(14, (0, "Burglary"), (100, "89.1%"), (133, "90.4%"), (166, "91.0%")),
        *_row(28, (0, "Vehicle crime"), (100, "81.7%"), (133, "80.2%"), (166, "79.6%")),
    ])
    assert lines[1:] == ["Burglary\t89.1%\t90.4%\t91.0%", "Vehicle crime\t81.7%\t80.2%\t79.6%"]


def test_a_header_centred_over_the_year_columns_is_written_under_the_first_of_them() -> None:
    lines = _lines([
        *_row(0, (145, "Forecasts")),  # centred over the three year columns
        *_row(14, (0, "Indicator"), (100, "2008/09"), (150, "2009/10"), (200, "2010/11")),
        *_row(28, (0, "Burglary"), (100, "1,565"), (150, "1,510"), (200, "1,450")),
    ])
    assert lines[0] == "\tForecasts"


def test_a_row_whose_cells_are_centred_beside_a_wrapped_one_is_one_line() -> None:
    lines = _lines([
        *_row(0, (0, "Grant"), (100, "Funder"), (200, "Amount")),
        *_row(14, (0, "Safer Streets")),
        *_row(21, (100, "Home Office"), (200, "549,000")),  # half a line down: centred in the row
        *_row(28, (0, "Fund")),
        *_row(42, (0, "Total"), (200, "600,000")),
    ])
    assert lines == ["Grant\tFunder\tAmount", "Safer Streets Fund\tHome Office\t549,000", "Total\t600,000"]


def test_a_word_broken_at_its_hyphen_in_a_centred_row_is_joined_without_a_space() -> None:
    lines = _lines([
        *_row(0, (0, "Grant"), (100, "Period"), (200, "Amount")),
        *_row(14, (100, "2022-")),
        *_row(21, (0, "Safer Streets"), (200, "549,000")),
        *_row(28, (100, "2024")),
    ])
    assert lines[1] == "Safer Streets\t2022-2024\t549,000"
