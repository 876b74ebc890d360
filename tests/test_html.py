"""Web pages: ModernGov decision, issue and agenda-item pages; boilerplate removed; tables; provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract
from pipeline.ingest import load

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _load(name: str):
    return load(FIXTURES / name)


@pytest.mark.parametrize(
    ("page", "url", "ids", "kind"),
    [
        ("ieDecisionDetails.html", "https://moderngov.rotherham.gov.uk/ieDecisionDetails.aspx?ID=5512", {"ID": "5512"},
         "decision"),
        ("ieIssueDetails.html", "https://democracy.northshire.gov.uk/ieIssueDetails.aspx?IId=31415&Opt=3",
         {"IId": "31415", "Opt": "3"}, "decision"),
        ("mgAi.html", "https://democracy.westvale.gov.uk/mgAi.aspx?ID=20417", {"ID": "20417"}, "agenda item"),
    ],
)
def test_moderngov_page_address_and_ids_are_recorded(page: str, url: str, ids: dict[str, str], kind: str) -> None:
    document = _load(page)
    assert document.source.format == "html"
    assert document.source.url == url
    assert document.source.ids == ids
    assert ("ModernGov page", kind) in document.fields


def test_decision_page_fields_are_read() -> None:
    fields = dict(_load("ieDecisionDetails.html").fields)
    assert fields["Decision maker"] == "Cabinet Member for Safe and Attractive Neighbourhoods"
    assert fields["Decision date"] == "29/11/2010"
    assert fields["Report author"] == "Steve Parry"
    assert fields["Meeting"] == "29/11/2010 - Cabinet Member for Safe and Attractive Neighbourhoods"
    assert fields["Title"] == "The Safer Rotherham Partnership – Partnership Plan 2010/11"
    assert fields["Key decision"] == "No"


def test_decision_fields_are_written_as_label_tab_value_lines() -> None:
    lines = _load("ieDecisionDetails.html").text.splitlines()
    assert "Decision Maker:\tCabinet Member for Safe and Attractive Neighbourhoods" in lines
    assert "Date of decision:\t29/11/2010" in lines
    # Section headings with a long body stay headings, not fields.
    assert "Purpose:" in lines


def test_issue_page_heading_labels_take_the_next_paragraph_as_value() -> None:
    document = _load("ieIssueDetails.html")
    fields = dict(document.fields)
    assert fields["Lead member"] == "Cabinet Member for Communities and Public Protection"
    assert fields["Contact"] == "Jane Smith, Community Safety Manager Tel: 01234 567890."
    assert "Lead member:\tCabinet Member for Communities and Public Protection" in document.text.splitlines()
    assert "- Reducing serious violence" in document.text.splitlines()


PAGES = ["ieDecisionDetails.html", "ieIssueDetails.html", "mgAi.html", "council_news_cp1252.html"]


@pytest.mark.parametrize("page", PAGES)
def test_scripts_styles_navigation_and_chrome_are_removed(page: str) -> None:
    text = _load(page).text
    for unwanted in ("mgSiteRoot", "gtag", "font-family", "Skip to", "VIEWSTATE", "cookies", "Breadcrumb",
                     "Issue history", "Browse decisions", "Hidden text", "injected", "secret", "Please enable",
                     "nobody", "01/01/1999", "Home"):
        assert unwanted not in text, unwanted


def test_agenda_item_tables_are_grids() -> None:
    document = _load("mgAi.html")
    details, crime = document.tables
    assert details.rows[0] == ("Venue:", "Council Chamber, Civic Centre")
    assert details.rows[1] == ("Contact:", "Democratic Services, 01632 960123")
    assert crime.source == "html"
    assert crime.rows[2] == ("Domestic burglary", "612", "588", "-3.9%")
    assert crime.rows[3] == ("Anti-social behaviour incidents", "", "", "-11.0%")
    assert document.text[crime.start : crime.end].split("\n")[1] == "All crime\t9,812\t9,104\t-7.2%"
    assert dict(document.fields)["Venue"] == "Council Chamber, Civic Centre"


def test_layout_table_is_read_as_text_not_grid() -> None:
    document = _load("mgAi.html")
    assert "RESOLVED – That the priorities for 2012-13 be noted." in document.text.splitlines()
    assert not any("RESOLVED" in cell for t in document.tables for row in t.rows for cell in row)


def test_declared_cp1252_page_is_decoded_and_bold_kept() -> None:
    document = _load("council_news_cp1252.html")
    start = document.text.index("£120,000")
    assert document.is_emphasised(start, start + len("£120,000"))
    assert "– a rise on last year" in document.text


def test_html_is_sniffed_from_content_not_extension(tmp_path: Path) -> None:
    renamed = tmp_path / "decision.txt"
    renamed.write_bytes((FIXTURES / "ieDecisionDetails.html").read_bytes())
    assert load(renamed).source.format == "html"


def test_extract_runs_on_a_moderngov_page() -> None:
    plan = extract(FIXTURES / "ieDecisionDetails.html")
    assert plan.source.url and plan.source.ids == {"ID": "5512"}
    assert plan.status.value in ("ok", "partial")
    assert not [p for p in plan.problems if p.code.startswith("stage.")]


def test_deeply_nested_page_does_not_exhaust_the_stack(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 1500 + "Community safety" + "</div>" * 1500 + "</body></html>")
    assert "Community safety" in load(page).text


def test_page_nested_beyond_the_parser_limit_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "deeper.html"
    page.write_text("<html><body><p>Plan</p>" + "<div>" * 5000 + "lost" + "</div>" * 5000 + "</body></html>")
    document = load(page)
    assert "Plan" in document.text and "lost" not in document.text
    assert [p.code for p in document.problems] == ["html.too_deep"]


def test_saved_page_address_comes_from_the_saved_from_comment(tmp_path: Path) -> None:
    page = tmp_path / "saved.htm"
    page.write_text(
        "<!-- saved from url=(0065)https://democracy.example.gov.uk/mgAi.aspx?ID=4410&amp;MId=812 -->\n"
        "<html><body><h2>Community Safety Plan</h2><p>Meeting: 4 March 2024 - Cabinet</p></body></html>"
    )
    document = load(page)
    assert document.source.url == "https://democracy.example.gov.uk/mgAi.aspx?ID=4410&MId=812"
    assert document.source.ids == {"ID": "4410", "MId": "812"}
    assert ("ModernGov page", "agenda item") in document.fields


def test_definition_lists_and_header_cells_give_fields(tmp_path: Path) -> None:
    page = tmp_path / "meeting.html"
    page.write_text(
        "<html><body><h1>Cabinet</h1><dl><dt>Decision maker</dt><dd>Cabinet</dd><dt>Notes</dt><dd>none</dd></dl>"
        "<table><tr><th>Venue</th><td>Town Hall</td></tr><tr><th>Time</th><td>6.30 pm</td></tr></table></body></html>"
    )
    document = load(page)
    assert ("Decision maker", "Cabinet") in document.fields
    assert ("Venue", "Town Hall") in document.fields
    lines = document.text.splitlines()
    assert "Decision maker:\tCabinet" in lines
    assert "Notes" in lines and "none" in lines


def test_moderngov_fields_form_a_front_sheet_under_the_title() -> None:
    lines = [line for line in _load("ieDecisionDetails.html").text.splitlines() if line]
    title = lines.index("The Safer Rotherham Partnership – Partnership Plan 2010/11")
    assert lines[title + 1].startswith("Decision Maker:\t")
    assert lines.index("Date of decision:\t29/11/2010") < lines.index("Purpose:")


def test_metadata_stage_reads_the_decision_meeting_and_date() -> None:
    plan = extract(FIXTURES / "ieDecisionDetails.html")
    assert plan.meeting is not None
    assert plan.meeting.body == "Cabinet Member for Safe and Attractive Neighbourhoods"
    assert plan.meeting.date.isoformat() == "2010-11-29"
    assert [c.name for c in plan.contacts] == ["Steve Parry"]
