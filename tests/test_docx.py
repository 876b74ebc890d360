"""Word documents: the seed .docx renderings read like their .txt originals; lists, bold, tables, page breaks."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline import extract
from pipeline.ingest import load
from tests.conftest import SEEDS

docx = pytest.importorskip("docx")

SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.docx"))
# What the two renderings must agree on; spans are left out (offsets differ by blank lines).
COMPARED_FIELDS = ("kind", "council", "partnership", "title", "meeting", "published", "plan_period", "contacts",
                   "priorities", "targets", "partners", "funding")
_OFFSET_KEYS = {"span", "start", "end"}


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _without_offsets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_offsets(v) for k, v in value.items() if k not in _OFFSET_KEYS}
    if isinstance(value, list):
        return [_without_offsets(v) for v in value]
    return value


@cache
def _extraction(stem: str, suffix: str) -> dict[str, Any]:
    return extract(SEEDS / f"{stem}.{suffix}").model_dump(mode="json")


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_docx_text_lines_equal_txt(stem: str) -> None:
    from_docx = load(SEEDS / f"{stem}.docx")
    from_txt = load(SEEDS / f"{stem}.txt")
    assert from_docx.source.format == "docx"
    assert _lines(from_docx.text) == _lines(from_txt.text)


@pytest.mark.parametrize("stem", SEED_STEMS)
@pytest.mark.parametrize("field", COMPARED_FIELDS)
def test_seed_docx_extraction_equals_txt(stem: str, field: str) -> None:
    from_docx, from_txt = _extraction(stem, "docx"), _extraction(stem, "txt")
    assert _without_offsets(from_docx[field]) == _without_offsets(from_txt[field])


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_docx_statutory_statuses_equal_txt(stem: str) -> None:
    # Evidence quotes may be cut at other sentence ends (blank lines differ); the verdicts may not.
    def verdicts(plan: dict[str, Any]) -> list[tuple[str, str]]:
        return [(finding["element"], finding["status"]) for finding in plan["statutory"]]

    assert verdicts(_extraction(stem, "docx")) == verdicts(_extraction(stem, "txt"))


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_docx_tables_are_written_one_row_a_line(stem: str) -> None:
    document = load(SEEDS / f"{stem}.docx")
    assert document.tables, "every seed has at least one Word table"
    for table in document.tables:
        written = document.text[table.start : table.end].split("\n")
        assert len(written) == len(table.rows)
        assert written[0].split("\t")[0] == table.rows[0][0]


def _styled_document(path: Path) -> Path:
    word = docx.Document()
    word.add_heading("Community Safety Partnership Plan 2024-27", level=1)
    intro = word.add_paragraph("The partnership will focus on ")
    intro.add_run("three priorities").bold = True
    intro.add_run(" this year.")
    for text in ("Reduce anti-social behaviour", "Tackle violence against women and girls", "Reduce reoffending"):
        word.add_paragraph(text, style="List Number")
    word.add_paragraph("Partners:")
    for text in ("Police", "Fire and rescue"):
        word.add_paragraph(text, style="List Bullet")
    table = word.add_table(rows=3, cols=3)
    grid = [("Measure", "Baseline", "Target"), ("Burglary", "1,092", "-5%"), ("ASB\nincidents", "3,400", "")]
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    word.add_paragraph("After the table.")
    word.add_page_break()
    word.add_paragraph("Appendix 1: action plan")
    word.save(path)
    return path


def test_numbered_and_bulleted_paragraphs_become_list_items(tmp_path: Path) -> None:
    document = load(_styled_document(tmp_path / "plan.docx"))
    lines = document.text.splitlines()
    assert "1. Reduce anti-social behaviour" in lines
    assert "3. Reduce reoffending" in lines
    assert "- Fire and rescue" in lines
    # List items follow each other line by line; ordinary paragraphs are separated by a blank line.
    i = lines.index("1. Reduce anti-social behaviour")
    assert lines[i + 1] == "2. Tackle violence against women and girls"
    assert lines[i - 1] == ""


def test_bold_run_is_recorded_as_emphasis(tmp_path: Path) -> None:
    document = load(_styled_document(tmp_path / "plan.docx"))
    start = document.text.index("three priorities")
    assert document.is_emphasised(start, start + len("three priorities"))
    after = document.text.index("this year")
    assert not document.is_emphasised(after, after + 4)


def test_table_cells_stay_on_their_row(tmp_path: Path) -> None:
    document = load(_styled_document(tmp_path / "plan.docx"))
    (table,) = document.tables
    assert table.source == "docx"
    assert table.rows[2] == ("ASB incidents", "3,400", "")
    written = "Measure\tBaseline\tTarget\nBurglary\t1,092\t-5%\nASB incidents\t3,400\t"
    assert document.text[table.start : table.end] == written
    assert document.text.index("After the table.") > table.end


def test_explicit_page_break_starts_a_page(tmp_path: Path) -> None:
    document = load(_styled_document(tmp_path / "plan.docx"))
    assert [p.number for p in document.pages] == [1, 2]
    assert document.page_at(document.text.index("Appendix 1")) == 2
    assert document.page_at(document.text.index("After the table.")) == 1
    assert document.source.pages == 2


def test_merged_cells_keep_the_grid_rectangular(tmp_path: Path) -> None:
    word = docx.Document()
    table = word.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Crime type"
    table.cell(0, 2).text = "Change"
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "Burglary", "Dwelling", "-4%"
    word.save(tmp_path / "merged.docx")
    (read,) = load(tmp_path / "merged.docx").tables
    assert read.rows == (("Crime type", "", "Change"), ("Burglary", "Dwelling", "-4%"))


def test_paragraphs_inside_content_controls_are_read(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    word = docx.Document()
    word.add_paragraph("Before the control.")
    control = parse_xml(
        '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtContent>'
        "<w:p><w:r><w:t>Report title: Community Safety Plan</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    word.element.body.insert(1, control)
    word.add_paragraph("After the control.")
    word.save(tmp_path / "controls.docx")
    lines = [line for line in load(tmp_path / "controls.docx").text.splitlines() if line]
    assert lines == ["Before the control.", "Report title: Community Safety Plan", "After the control."]


def test_invalid_cell_span_is_a_corrupt_document(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    from pipeline.errors import CorruptDocument

    word = docx.Document()
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Burglary"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    table.cell(0, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan xmlns:w="{w}" w:val="x"/>'))
    word.save(tmp_path / "span.docx")
    with pytest.raises(CorruptDocument):
        load(tmp_path / "span.docx")
