"""Scanned PDFs: no text layer is detected per page; OCR reads it when asked; otherwise a partial result."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from cli import app
from pipeline import Settings, extract, process
from pipeline.ingest import load, ocr
from pipeline.runner import run_stages
from schemas import Status
from tests.conftest import SEEDS

SCANNED_LINES = ("Community Safety Partnership Plan", "Priority one: reduce burglary", "Priority two: tackle violence")


def require_tesseract() -> None:
    """Skip without tesseract, unless the environment demands the tools (CI), where it fails."""
    if ocr.tesseract() is None:
        if os.environ.get("COUNCILPLANS_REQUIRE_TOOLS") == "1":
            pytest.fail("tesseract is required (COUNCILPLANS_REQUIRE_TOOLS=1) but not installed")
        pytest.skip("tesseract-ocr is not installed")


def make_scanned_pdf(path: Path) -> Path:
    """An A4 page that is only a picture of printed text, as a scanner makes it."""
    image = Image.new("L", (1240, 1754), color=255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    for i, line in enumerate(SCANNED_LINES):
        draw.text((120, 160 + i * 110), line, fill=0, font=font)
    image.save(path, "PDF", resolution=150.0)
    return path


def make_mixed_pdf(path: Path, tmp: Path) -> Path:
    """Page 1 with a text layer (a seed page), page 2 scanned."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.append(SEEDS / "000_2ad17110b5a37932.pdf", pages=[0])
    writer.append(make_scanned_pdf(tmp / "scan.pdf"))
    writer.write(path)
    return path


def test_scanned_page_without_ocr_is_a_partial_result_with_a_problem(tmp_path: Path) -> None:
    plan = extract(make_scanned_pdf(tmp_path / "scan.pdf"))
    assert plan.status == Status.partial
    assert [(p.code, p.page) for p in plan.problems] == [("pdf.no_text_layer", 1)]
    assert plan.source.ocr_pages == []


def test_ocr_asked_without_tesseract_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    plan = process(make_scanned_pdf(tmp_path / "scan.pdf"), Settings(ocr=True))
    assert plan.status == Status.partial
    assert {p.code for p in plan.problems} == {"pdf.no_text_layer", "ocr.unavailable"}


def test_scanned_page_is_read_through_ocr_and_marked(tmp_path: Path) -> None:
    require_tesseract()
    document = load(make_scanned_pdf(tmp_path / "scan.pdf"), Settings(ocr=True))
    assert "Community Safety Partnership Plan" in document.text
    assert "reduce burglary" in document.text
    assert document.pages[0].ocr
    assert document.source.ocr_pages == [1]
    assert [p.code for p in document.problems] == ["note.ocr"]


def test_only_the_scanned_page_of_a_mixed_pdf_is_read_through_ocr(tmp_path: Path) -> None:
    require_tesseract()
    document = load(make_mixed_pdf(tmp_path / "mixed.pdf", tmp_path), Settings(ocr=True))
    plan = run_stages(document)
    assert plan.source.ocr_pages == [2]
    assert plan.status == Status.ok, plan.problems
    assert [p.ocr for p in document.pages] == [False, True]
    assert document.page_at(document.text.index("tackle violence")) == 2
    assert document.page_at(document.text.index("ROTHERHAM")) == 1


def test_cli_reports_a_scanned_paper_as_partial_not_empty(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(make_scanned_pdf(tmp_path / "scan.pdf")), "--compact"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["status"] == "partial"
    assert [p["code"] for p in plan["problems"]] == ["pdf.no_text_layer"]


def test_cli_ocr_flag_reads_the_scanned_page(tmp_path: Path) -> None:
    require_tesseract()
    result = CliRunner().invoke(app, ["extract", str(make_scanned_pdf(tmp_path / "scan.pdf")), "--ocr", "--compact"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["source"]["ocr_pages"] == [1]
    assert plan["status"] == "ok", plan["problems"]
