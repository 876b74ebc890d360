"""The PDFium page reader stands in for pdfplumber: same document, same extraction.

`Settings.pdf_engine = "pdfplumber"` reads every page with pdfplumber, the reference; the
default reads pages through PDFium. On every seed PDF both must give the same extraction,
field by field, and (checked first, so a difference shows where it starts) the same lines.
"""

from __future__ import annotations

from functools import cache

import pytest

import pipeline
from pipeline.ingest import load
from pipeline.runner import run_stages
from pipeline.settings import Settings
from tests.conftest import REAL_PDFS, SEEDS

SEED_PDFS = sorted(SEEDS.glob("*.pdf"))
REFERENCE = Settings(pdf_engine="pdfplumber")
# Fields that say how the document was read, not what it holds.
_READING = {"source"}


@cache
def _documents(path: str):  # type: ignore[no-untyped-def]
    return load(path, REFERENCE), load(path)


def _tokens(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.stem)
def test_pdfium_lines_match_pdfplumber(path):
    reference, fast = _documents(str(path))
    for number, (want, got) in enumerate(zip(_tokens(reference.text), _tokens(fast.text), strict=False), start=1):
        assert got == want, f"line {number} differs"
    assert len(_tokens(fast.text)) == len(_tokens(reference.text))


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.stem)
def test_pdfium_document_matches_pdfplumber(path):
    reference, fast = _documents(str(path))
    assert fast.text == reference.text
    assert fast.pages == reference.pages
    assert [(t.page, t.rows, t.start, t.end) for t in fast.tables] == [
        (t.page, t.rows, t.start, t.end) for t in reference.tables
    ]
    assert fast.emphasis == reference.emphasis
    assert [p.code for p in fast.problems] == [p.code for p in reference.problems]


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.stem)
def test_pdfium_extraction_matches_pdfplumber(path):
    documents = _documents(str(path))
    reference, fast = (run_stages(d).model_dump(mode="json") for d in documents)
    for field in sorted(set(reference) - _READING):
        assert fast[field] == reference[field], f"{field} differs"


@pytest.mark.slow
def test_pdfium_table_grids_on_a_real_report_mostly_match():
    """Real PDFs place glyphs in ways the two readers box a little differently; the cells
    of a 71-page performance report must still agree almost everywhere."""
    reference, fast = _documents(str(REAL_PDFS / "kent-cc_2025_qpr-q3-appendix.pdf"))
    assert len(fast.tables) == len(reference.tables)
    same = sum(a.rows == b.rows for a, b in zip(fast.tables, reference.tables, strict=True))
    assert same >= 0.95 * len(reference.tables)
    want = [line.split() for line in reference.text.splitlines()]
    got = [line.split() for line in fast.text.splitlines()]
    assert sum(a == b for a, b in zip(got, want, strict=False)) >= 0.98 * len(want)


def test_rotated_or_textless_pages_fall_back_to_pdfplumber(tmp_path):
    """A page PDFium does not read (no text layer here) goes through pdfplumber's checks."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    result = pipeline.process(path)
    assert result.status.value == "failed"
    assert result.problems[0].code == pipeline.process(path, REFERENCE).problems[0].code


def test_a_page_pdfium_trips_on_is_read_by_pdfplumber(monkeypatch):
    from pipeline.ingest import pdf

    path = SEEDS / "000_2ad17110b5a37932.pdf"
    reference, _ = _documents(str(path))

    def broken(reader, number, settings):  # type: ignore[no-untyped-def]
        raise RuntimeError("PDFium failure")

    monkeypatch.setattr(pdf, "_pdfium_page_lines", broken)
    document = load(path)
    assert document.text == reference.text
    assert not document.problems


def _pdf_with_text(path, lines, shear=0.0):  # type: ignore[no-untyped-def]
    """A one-page PDF with lines of Helvetica text; each line is (text, x, y, rotated), and
    lines not rotated are sheared by `shear` (as a synthetic italic)."""
    import ctypes
    import math

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    font = raw.FPDFText_LoadStandardFont(document.raw, b"Helvetica")
    for text, x, y, rotated in lines:
        obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", 12.0)
        encoded = (text + "\x00").encode("utf-16-le")
        buffer = (ctypes.c_ushort * (len(encoded) // 2)).from_buffer_copy(encoded)
        raw.FPDFText_SetText(obj, buffer)
        if rotated:
            c, s = math.cos(math.pi / 2), math.sin(math.pi / 2)
            raw.FPDFPageObj_Transform(obj, c, s, -s, c, 0, 0)
        elif shear:
            raw.FPDFPageObj_Transform(obj, 1, 0, shear, 1, 0, 0)
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFFont_Close(font)
    page.gen_content()
    document.save(path)


def test_a_page_with_rotated_text_is_read_by_pdfplumber(tmp_path):
    path = tmp_path / "rotated.pdf"
    _pdf_with_text(path, [("Community Safety Partnership Plan", 72, 760, False), ("Priority one", 500, 300, True)])
    assert load(path).text == load(path, REFERENCE).text


def test_sheared_text_is_read_by_pdfium_as_pdfplumber_reads_it(tmp_path, monkeypatch):
    from pipeline.ingest import pdf

    path = tmp_path / "sheared.pdf"
    lines = [("Community Safety Partnership Plan", 72, 760, False), ("Crown Copyright, MOD", 72, 700, False)]
    _pdf_with_text(path, lines, shear=0.3333)
    reference = load(path, REFERENCE)
    monkeypatch.setattr(pdf.pdfplumber, "open", lambda *a, **k: pytest.fail("pdfplumber opened"))
    assert load(path).text == reference.text


def test_a_generated_pdf_reads_the_same_on_both_engines(tmp_path):
    path = tmp_path / "plain.pdf"
    lines = [("Community Safety Partnership Plan", 72, 760, False), ("Reduce reoffending", 72, 700, False)]
    _pdf_with_text(path, lines)
    document = load(path)
    assert document.text == load(path, REFERENCE).text
    assert "Reduce reoffending" in document.text


def test_pdfplumber_is_not_opened_when_pdfium_reads_every_page(monkeypatch):
    from pipeline.ingest import pdf

    path = SEEDS / "000_2ad17110b5a37932.pdf"
    reference, _ = _documents(str(path))

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("pdfplumber opened")

    monkeypatch.setattr(pdf.pdfplumber, "open", refuse)
    document = load(path)
    assert document.text == reference.text
    assert document.source.pages == reference.source.pages


def test_when_the_readers_count_pages_differently_pdfplumber_reads_them_all(monkeypatch):
    import pypdfium2 as pdfium

    path = SEEDS / "000_2ad17110b5a37932.pdf"
    reference, _ = _documents(str(path))
    count = pdfium.PdfDocument.__len__
    monkeypatch.setattr(pdfium.PdfDocument, "__len__", lambda self: count(self) + 1)  # a page pdfplumber lacks
    document = load(path)
    assert document.text == reference.text
    assert document.source.pages == reference.source.pages
