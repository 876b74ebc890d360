"""The audit command and its reports: files written, exit codes, escaping, and the HTML in a browser."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import dump_dom, screenshot
from conftest import SEEDS
from typer.testing import CliRunner

from cli import app
from pipeline.checklist import checklist

ROCHFORD = SEEDS / "004_344879f04729efa5.pdf"
ROTHERHAM = SEEDS / "000_2ad17110b5a37932.txt"
runner = CliRunner()


def audit(*args: str):
    return runner.invoke(app, ["audit", *args], env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def rochford_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit")
    result = audit(str(ROCHFORD), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_audit_writes_every_format(rochford_reports: Path) -> None:
    stem = ROCHFORD.stem
    for ext in ("json", "csv", "md", "html"):
        assert (rochford_reports / f"{stem}.audit.{ext}").stat().st_size > 0
    data = json.loads((rochford_reports / f"{stem}.audit.json").read_text())
    assert [e["element"] for e in data["elements"]] == [e.id for e in checklist().elements]
    assert data["as_of"].startswith("2011-")
    assert len(data["partners"]) == 7 and data["funding"]
    rows = list(csv.DictReader((rochford_reports / f"{stem}.audit.csv").open(encoding="utf-8")))
    assert len(rows) == len(checklist().elements)
    assert all(r["quote"] and r["page"] for r in rows if r["status"] == "present")


def test_fail_on_absent_exit_code(tmp_path: Path) -> None:
    # Rotherham's report never lists the partners: responsible_authorities is absent.
    failing = audit(str(ROTHERHAM), "--out", str(tmp_path), "--format", "json", "--fail-on", "absent")
    assert failing.exit_code == 1
    assert "responsible_authorities" in failing.stdout and "absent" in failing.stdout
    passing = audit(str(ROTHERHAM), "--out", str(tmp_path), "--format", "json", "--fail-on", "not_in_force")
    assert passing.exit_code == 1  # domestic homicide reviews were not yet a duty in 2010
    plain = audit(str(ROTHERHAM), "--out", str(tmp_path), "--format", "json")
    assert plain.exit_code == 0


def test_bad_format_and_bad_status_are_usage_errors(tmp_path: Path) -> None:
    assert audit(str(ROTHERHAM), "--out", str(tmp_path), "--format", "pdf").exit_code == 2
    assert audit(str(ROTHERHAM), "--out", str(tmp_path), "--fail-on", "missing").exit_code == 2


def test_missing_paper_is_one_error_line_and_others_still_audited(tmp_path: Path) -> None:
    result = audit(str(tmp_path / "nope.pdf"), str(ROTHERHAM), "--out", str(tmp_path), "--format", "md")
    assert result.exit_code == 3
    assert "[input.not_found]" in result.stderr and "Traceback" not in result.output
    assert (tmp_path / f"{ROTHERHAM.stem}.audit.md").exists()


def test_several_papers_write_one_summary(tmp_path: Path) -> None:
    second = SEEDS / "003_08cd4bb102deff76.txt"
    assert audit(str(ROTHERHAM), str(second), "--out", str(tmp_path), "--format", "csv").exit_code == 0
    rows = list(csv.DictReader((tmp_path / "audit-summary.csv").open(encoding="utf-8")))
    assert {r["document"] for r in rows} == {str(ROTHERHAM), str(second)}
    assert len(rows) == 2 * len(checklist().elements)


def test_html_escapes_document_text(tmp_path: Path) -> None:
    paper = tmp_path / "hostile.txt"
    paper.write_text(
        "Community Safety Partnership Plan\n\nPublished June 2013\n\n"
        "The strategic assessment <script>alert(1)</script> & the <b>plan</b> [red]set[/red] our priorities.\n"
        "The statutory partners are: Barset Police, Barset County Council and <i>Barchester</i> City Council.\n",
        encoding="utf-8",
    )
    result = audit(str(paper), "--out", str(tmp_path), "--format", "html,md")
    assert result.exit_code == 0
    assert "[red]set[/red]" in result.stdout  # document text is never read as console markup
    page = (tmp_path / "hostile.audit.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>Barchester" not in page
    assert "http://" not in page and "https://" not in page and "<link" not in page  # self-contained


class _Rows(HTMLParser):
    """Element rows of the rendered audit table: id, status and the text of the row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict[str, str]] = {}
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and a.get("data-status"):
            self._current = a.get("id") or ""
            self.rows[self._current] = {"status": a["data-status"] or "", "text": ""}

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self.rows[self._current]["text"] += data


@pytest.mark.browser
def test_rochford_html_in_a_real_browser(rochford_reports: Path) -> None:
    page = rochford_reports / f"{ROCHFORD.stem}.audit.html"
    dom = dump_dom(page)
    parsed = _Rows()
    parsed.feed(dom)
    data = json.loads((rochford_reports / f"{ROCHFORD.stem}.audit.json").read_text())
    assert set(parsed.rows) == {e.id for e in checklist().elements}
    for element in data["elements"]:
        row = parsed.rows[element["element"]]
        assert row["status"] == element["status"]
        label = {"present": "present", "absent": "absent", "not_in_force": "not in force"}[element["status"]]
        assert label in row["text"]
        if element["status"] == "present":
            quote = element["evidence"][0]["quote"]
            assert " ".join(quote.split()) in " ".join(row["text"].split()), element["element"]
    shot = screenshot(page, rochford_reports / "rochford.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
