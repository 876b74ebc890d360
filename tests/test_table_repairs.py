"""Regression tests for the layouts real tables need repaired, each on a minimal fixture."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.ingest.pdf_tables import _cell_text, find_page_tables
from pipeline.tables.shape import shape_grid
from schemas import PerformanceTable
from tests.conftest import SEEDS


def _tables(tmp_path: Path, text: str) -> list[PerformanceTable]:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path).tables


HEADER = "Class\tApr-Aug 2009\tApr-Aug 2010\t% Change\n"


def test_wrapped_row_label_with_empty_cells_is_one_row(tmp_path: Path) -> None:
    text = (
        "Crime figures\n\n"
        + HEADER
        + "Theft of or unauthorised taking of a\t269\t251\t- 6.7%\n"
        + "motor vehicle\t\t\t\n"
        + "Burglary\t1,092\t1,028\t- 5.9%\n"
    )
    (table,) = _tables(tmp_path, text)
    assert [r.label for r in table.rows] == ["Theft of or unauthorised taking of a motor vehicle", "Burglary"]
    assert "wrapped row label joined" in table.quality
    assert table.title == "Crime figures"


def test_numbered_heading_next_to_a_table_is_not_a_row(tmp_path: Path) -> None:
    # PDFs leave no blank line between a table and the numbered heading after (or before) it
    text = (
        "5.\tPerformance\n"
        + HEADER
        + "Burglary\t1,092\t1,028\t- 5.9%\n"
        + "Criminal damage\t2,240\t2,189\t- 2.3%\n"
        + "6.\tRecommendation\n"
        + "6.1 That the Committee notes the figures.\n"
    )
    (table,) = _tables(tmp_path, text)
    assert [r.label for r in table.rows] == ["Burglary", "Criminal damage"]
    assert [c.text for c in table.columns] == ["Class", "Apr-Aug 2009", "Apr-Aug 2010", "% Change"]


def test_table_continued_with_repeated_header_is_one_table(tmp_path: Path) -> None:
    text = HEADER + "Burglary\t1,092\t1,028\t- 5.9%\n\f" + HEADER + "Robbery\t23\t8\t-65.2%\n"
    (table,) = _tables(tmp_path, text)
    assert [r.label for r in table.rows] == ["Burglary", "Robbery"]
    assert table.pages == [1, 2]
    assert [r.page for r in table.rows] == [1, 2]
    assert "header repeated where the table continues" in table.quality


def test_sub_header_row_starts_a_group(tmp_path: Path) -> None:
    text = (
        "2010/2011 Priority\tBaseline\tLatest\tRAG\n"
        "Reduce robbery\t23\t8\tGreen\n"
        "2009/2010 Priority\tAchievements\t\tRAG\n"
        "Reduce repeat incidents\t279\t179\tAmber\n"
    )
    (table,) = _tables(tmp_path, text)
    assert [(r.label, r.group) for r in table.rows] == [
        ("Reduce robbery", None),
        ("Reduce repeat incidents", "2009/2010 Priority"),
    ]


def test_key_value_block_is_not_a_table(tmp_path: Path) -> None:
    text = "1.\tMeeting:\tCabinet\n2.\tDate:\t29th November, 2010\n3.\tTitle:\tPartnership Plan\n"
    text += "Report Author\tWill Jack\n"
    assert _tables(tmp_path, text) == []


def test_action_plan_form_is_kept_as_action_plan(tmp_path: Path) -> None:
    text = (
        "Performance Indicator\t2% reduction in ASB incidents by March 2012\n"
        "Baseline\tASB incidents 2010/2011 (2090)\n"
        "Target:\t2% reduction by March 2012 (2048)\n"
        "CSP Lead:\tCommunity Safety Coordinator\tCSP Resources:\t5K CSP Allocation\n"
        "Key Milestones\tOutcomes and Outputs\n"
    )
    (table,) = _tables(tmp_path, text)
    assert table.kind == "action_plan"
    assert table.rows[0].label == "Performance Indicator"


def test_pipe_table_is_read_like_a_tab_table(tmp_path: Path) -> None:
    text = "| Class | 2009/10 | 2010/11 |\n|---|---|---|\n| Burglary | 1,092 | 1,028 |\n| Robbery | 23 | 8 |\n"
    (table,) = _tables(tmp_path, text)
    assert table.header == ["Class", "2009/10", "2010/11"]
    assert [c.value for c in table.rows[0].cells] == [1092.0, 1028.0]
    assert table.columns[1].period is not None and table.columns[1].period.start == "2009"


def test_ruled_header_of_the_next_table_is_split_from_the_body() -> None:
    # 004, page 8: the next table's header row touches the last row and has other column lines.
    with pdfplumber.open(SEEDS / "004_344879f04729efa5.pdf") as pdf:
        tables = find_page_tables(pdf.pages[7])
    body, next_header = tables
    assert {len(r) for r in body.rows} == {5} and len(body.rows) == 10
    assert body.rows[1][:3] == ("Reduce Theft From Motor Vehicle by 10% during 2010/2011", "325", "198")
    assert next_header.rows[0][0] == "2010/2011 Priority"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["", "Burglary", "1,092", "- 5.9%", "Green", "Latest: 97%", "2010/11", "Target:", "a"]),
            max_size=6,
        ),
        max_size=8,
    )
)
def test_any_grid_is_read_without_error(rows: list[list[str]]) -> None:
    width = max((len(r) for r in rows), default=0)
    shaped = shape_grid([r + [""] * (width - len(r)) for r in rows])
    if shaped is not None:
        assert all(len(r.cells) <= width for r in shaped.rows)


def test_word_cut_by_a_narrow_ruled_cell_is_joined() -> None:
    assert _cell_text("Tota\nl") == "Total"
    assert _cell_text("Total\n12") == "Total 12"
    assert _cell_text("Year to Date\n(April 09-  March 10)") == "Year to Date (April 09- March 10)"


def test_a_one_cell_line_over_later_columns_spans_the_header(tmp_path: Path) -> None:
    text = (
        "Table 4: Local targets\n"
        "\t\tTargets\t\n"
        "Indicator\tBaseline 2009/10\t2010/11\t2011/12\n"
        "Cycle thefts\t410\t400\t390\n"
    )
    (table,) = _tables(tmp_path, text)
    assert table.title == "Table 4: Local targets"
    assert table.header == ["Indicator", "Baseline 2009/10", "Targets / 2010/11", "Targets / 2011/12"]


def test_a_caption_line_at_the_left_is_not_a_header(tmp_path: Path) -> None:
    text = "Cycle thefts by quarter\nArea\tQ1\tQ2\nNorth\t41\t38\nSouth\t29\t33\n"
    (table,) = _tables(tmp_path, text)
    assert table.title == "Cycle thefts by quarter" and table.header == ["Area", "Q1", "Q2"]


def test_a_wrapped_header_row_written_from_the_left_is_set_under_its_columns() -> None:
    rows = [
        ["Indicator", "Baseline", "Target", "Target"],
        ["2009/10", "2010/11", "2011/12", ""],
        ["Cycle thefts", "410", "400", "390"],
    ]
    shaped = shape_grid(rows)
    assert shaped is not None
    assert shaped.header == ["Indicator", "Baseline / 2009/10", "Target / 2010/11", "Target / 2011/12"]
    assert "wrapped header cells set under their columns" in shaped.notes


def test_a_wrapped_header_row_of_fewer_cells_is_left_where_it_stands() -> None:
    # which columns "Outturn" and "travel" belong under, the text alone does not say
    rows = [
        ["Measure", "2012/13", "Q1", "Direction of"],
        ["Outturn", "travel", "", ""],
        ["Burglary", "842", "198", "Better"],
    ]
    shaped = shape_grid(rows)
    assert shaped is not None and shaped.header[:2] == ["Measure / Outturn", "2012/13 / travel"]
