"""The PDFium page reader's characters, words, cells and fonts are pdfplumber's, on every corpus PDF.

Characters are read by a C module where it was built and by a Python loop where it was not:
both must give the same arrays. Words and cell texts are grouped on whole arrays; pdfplumber's
own WordExtractor and Table.extract, run on the same characters, are the reference. Font
names and descents are read through qpdf; pdfminer's own reading of the same fonts is the
reference.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy
import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import Table
from pdfplumber.utils.text import WordExtractor

from pipeline.ingest import load, pdf, pdf_chars, pdf_words, pdfium_text
from pipeline.ingest.pdf_fonts import font_metrics
from tests.conftest import REAL_PDFS, SEEDS

CORPUS_PDFS = sorted(SEEDS.glob("*.pdf")) + sorted(REAL_PDFS.glob("*.pdf"))


@cache
def _pages(path: str, compiled: bool = True) -> list[tuple[pdf_chars.Chars, pdfium_text.PageEdges, tuple]]:
    """Characters, edges and box of every page PDFium reads."""
    document = pdfium.PdfDocument(path)
    reader = pdfium_text.PageReader(document, font_metrics(Path(path)))
    reader.compiled = compiled
    out = []
    for index in range(len(document)):
        page = document[index]
        top = page.get_mediabox()[3]
        chars = reader.chars(page, top)
        if chars:
            out.append((chars, reader.edges(page, top), (0.0, 0.0, page.get_width(), page.get_height())))
        page.close()
    document.close()
    return out


def _dicts(chars: pdf_chars.Chars) -> list[dict]:
    """The characters as pdfplumber's char dicts."""
    columns = (chars.x0, chars.x1, chars.top, chars.bottom, chars.size)
    return [
        {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True,
         "size": size, "fontname": chars.fontnames[font]}
        for text, x0, x1, top, bottom, size, font in zip(
            chars.text, *(c.tolist() for c in columns), chars.font.tolist(), strict=True
        )
    ]


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_c_module_and_python_loop_read_the_same_chars(path):
    if pdf_chars.compiled is None:
        reason = "the C module was not built at install (no C compiler or Python headers)"
        if os.environ.get("COUNCILPLANS_REQUIRE_TOOLS") == "1":  # CI builds it
            pytest.fail(reason + " and COUNCILPLANS_REQUIRE_TOOLS=1")
        pytest.skip(reason)
    compiled, python = _pages(str(path)), _pages(str(path), compiled=False)
    assert len(compiled) == len(python)
    for (a, _, _), (b, _, _) in zip(compiled, python, strict=True):
        assert a.fontnames == b.fontnames
        for field in ("codes", "x0", "x1", "top", "bottom", "size", "font"):
            assert numpy.array_equal(getattr(a, field), getattr(b, field)), field


def test_a_document_reads_the_same_without_the_c_module(monkeypatch):
    path = SEEDS / "000_2ad17110b5a37932.pdf"
    with_module = load(path)
    monkeypatch.setattr(pdf_chars, "compiled", None)
    without = load(path)
    assert (without.text, without.tables, without.emphasis) == (with_module.text, with_module.tables,
                                                                with_module.emphasis)


def _with_nul(chars: pdf_chars.Chars) -> pdf_chars.Chars:
    """The characters with every "e" a NUL (which words and cells cannot be split at)."""
    codes = chars.codes.copy()
    codes[codes == ord("e")] = 0
    return dataclasses.replace(chars, codes=codes)


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_words_are_pdfplumbers_words(path):
    _check_words(_pages(str(path)))


def test_words_holding_a_nul_are_pdfplumbers_words():
    _check_words([(_with_nul(chars), edges, bbox) for chars, edges, bbox in _pages(str(CORPUS_PDFS[0]))])


def _check_words(pages: list) -> None:
    extractor = WordExtractor(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, extra_attrs=["size", "fontname"])
    for number, (chars, _, _) in enumerate(pages, start=1):
        want = [(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"], w["fontname"])
                for w in extractor.extract_words(_dicts(chars))]
        got = pdf_words.words(chars)
        columns = (got.x0, got.x1, got.top, got.bottom, got.size)
        fonts = [got.fontnames[k] for k in got.font.tolist()]
        assert list(zip(got.text, *(c.tolist() for c in columns), fonts, strict=True)) == want, f"page {number}"


def _word_fields(found: pdf_words.Words) -> tuple:
    columns = (found.x0, found.x1, found.top, found.bottom, found.size, found.font, found.group)
    return (found.text, found.fontnames, *(c.tolist() for c in columns))


def _both_ways(read: Callable[[], Any]) -> tuple[Any, Any]:
    """What `read` gives with the C module's grouping and with the array code's."""
    module = pdf_chars.compiled
    if module is None:
        pytest.skip("the C module was not built at install")
    compiled = read()
    try:
        pdf_chars.compiled = None
        arrays = read()
    finally:
        pdf_chars.compiled = module
    return compiled, arrays


def _grouped_both_ways(chars: pdf_chars.Chars, **options: Any) -> tuple[tuple, tuple]:
    """Words of the characters grouped by the C module and by the array code."""
    return _both_ways(lambda: _word_fields(pdf_words.words(chars, **options)))


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_words_grouped_by_the_c_module_are_the_array_codes(path):
    for number, (chars, _, _) in enumerate(_pages(str(path)), start=1):
        compiled, arrays = _grouped_both_ways(chars)
        assert compiled == arrays, f"page {number}"
        # as table cells are read: wider tolerance, fonts not split, characters in groups
        groups = (numpy.arange(len(chars)) * 7 // max(len(chars), 1)).astype(numpy.intp)
        compiled, arrays = _grouped_both_ways(chars, x_tolerance=3, split_on_font=False, groups=groups)
        assert compiled == arrays, f"page {number} in groups"


_COORDINATE = st.sampled_from([0.0, 1.0, 1.5, 2.5, 3.0, 3.0000001, 4.5, 6.0, 10.0, 11.25])


@st.composite
def _jumbled_chars(draw: st.DrawFn) -> pdf_chars.Chars:
    """Characters on few distinct coordinates (so sorts meet many ties), some blank."""
    count = draw(st.integers(0, 60))
    x0 = numpy.array(draw(st.lists(_COORDINATE, min_size=count, max_size=count)))
    width = numpy.array(draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0]), min_size=count, max_size=count)))
    top = numpy.array(draw(st.lists(_COORDINATE, min_size=count, max_size=count)))
    codes = numpy.array(draw(st.lists(st.sampled_from([32, 97, 98, 0, 0x1F600, 0xD800, 9]), min_size=count,
                                      max_size=count)), dtype=numpy.uint32)
    size = numpy.array(draw(st.lists(st.sampled_from([9.0, 10.0]), min_size=count, max_size=count)))
    font = numpy.array(draw(st.lists(st.integers(0, 1), min_size=count, max_size=count)), dtype=numpy.intp)
    return pdf_chars.Chars(x0, x0 + width, top, top + size, size, font, ("A", "B"), codes)


@settings(max_examples=300, deadline=None)
@given(_jumbled_chars(), st.booleans(), st.integers(1, 3))
def test_words_grouped_by_the_c_module_are_the_array_codes_on_any_characters(chars, split_on_font, group_count):
    groups = (numpy.arange(len(chars)) * group_count // max(len(chars), 1)).astype(numpy.intp)
    compiled, arrays = _grouped_both_ways(chars, split_on_font=split_on_font, groups=groups)
    assert compiled == arrays


@settings(max_examples=200, deadline=None)
@given(_jumbled_chars(), st.sampled_from([0.5, 3.0]))
def test_clusters_found_by_the_c_module_are_the_array_codes(chars, tolerance):
    groups = (numpy.arange(len(chars)) % 2).astype(numpy.intp)
    compiled, arrays = _both_ways(lambda: pdf_words._clusters(chars.top, tolerance, groups).tolist())
    assert compiled == arrays


_OR_NAN = st.one_of(_COORDINATE, st.just(float("nan")))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_COORDINATE, st.one_of(_COORDINATE, _COORDINATE, _OR_NAN)), max_size=40),
       st.lists(st.tuples(_COORDINATE, _OR_NAN, _COORDINATE, _OR_NAN), max_size=8))
def test_points_in_boxes_found_by_the_c_module_are_the_array_codes(points, boxes):
    x, y = (numpy.array(column, dtype=numpy.float64) for column in zip(*points, strict=True)) if points else (
        numpy.zeros(0), numpy.zeros(0))
    box = numpy.array(boxes, dtype=numpy.float64).reshape(-1, 4)
    compiled, arrays = _both_ways(lambda: [a.tolist() for a in pdf_words._in_boxes(x, y, box)])
    assert compiled == arrays


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_cell_texts_read_with_the_c_module_are_the_array_codes(path):
    tables = [table for chars, edges, bbox in _pages(str(path)) if edges.ruled
              for table in pdf_words.TablePage(edges, chars, bbox).find_tables()]
    compiled, arrays = _both_ways(lambda: [table.extract() for table in tables])
    assert compiled == arrays


def _lines_both_ways(found: pdf_words.Words) -> tuple[list, list]:
    """Words ordered into lines by the C module and by the array code."""
    return _both_ways(lambda: [a.tolist() for a in pdf._line_order(found)])


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_lines_ordered_by_the_c_module_are_the_array_codes(path):
    for number, (chars, _, _) in enumerate(_pages(str(path)), start=1):
        compiled, arrays = _lines_both_ways(pdf_words.words(chars))
        assert compiled == arrays, f"page {number}"


@settings(max_examples=300, deadline=None)
@given(_jumbled_chars())
def test_lines_ordered_by_the_c_module_are_the_array_codes_on_any_words(chars):
    # tops half a point apart round both ways and fall either side of the 3-point reach
    chars = dataclasses.replace(chars, top=chars.top + numpy.arange(len(chars)) % 3 * 0.5)
    compiled, arrays = _lines_both_ways(pdf_words.words(chars, x_tolerance=0.1))
    assert compiled == arrays


def test_words_with_a_nan_coordinate_are_grouped_by_the_array_code():
    chars, _, _ = _pages(str(CORPUS_PDFS[0]))[0]
    top = chars.top.copy()
    top[3] = numpy.nan
    compiled, arrays = _grouped_both_ways(dataclasses.replace(chars, top=top))
    assert compiled[0] == arrays[0]


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_cell_texts_are_pdfplumbers(path):
    _check_cell_texts(_pages(str(path)))


def test_cell_texts_holding_a_nul_are_pdfplumbers():
    path = REAL_PDFS / "kent-cc_2025_qpr-q3-appendix.pdf"
    _check_cell_texts([(_with_nul(chars), edges, bbox) for chars, edges, bbox in _pages(str(path))[:10]])


def _check_cell_texts(pages: list) -> None:
    for number, (chars, edges, bbox) in enumerate(pages, start=1):
        if not edges.ruled:
            continue
        page = SimpleNamespace(chars=_dicts(chars))
        for table in pdf_words.TablePage(edges, chars, bbox).find_tables():
            cells = [cell for row in table.rows for cell in row.cells if cell is not None]
            assert table.extract() == Table(page, cells).extract(), f"page {number}"  # type: ignore[arg-type]


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_font_metrics_are_pdfminers(path):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import dict_value
    from pdfminer.psparser import literal_name

    metrics = font_metrics(path)
    fonts = PDFResourceManager()
    checked = 0
    with path.open("rb") as fh:
        for page in PDFPage.create_pages(PDFDocument(PDFParser(fh))):
            for ref in dict_value((page.resources or {}).get("Font", {})).values():
                spec = dict_value(ref)
                font = fonts.get_font(getattr(ref, "objid", None), spec)
                known = metrics[literal_name(spec["BaseFont"])]
                if known.fontname is not None:
                    assert known.fontname == font.fontname
                if known.descent is not None:
                    assert known.descent == pytest.approx(font.get_descent(), abs=1e-12)
                checked += known.fontname is not None and known.descent is not None
    assert checked


def test_font_metrics_read_resources_a_page_inherits(tmp_path):
    import pikepdf

    path = tmp_path / "inherited.pdf"
    with pikepdf.open(SEEDS / "000_2ad17110b5a37932.pdf") as pdf:
        resources = pdf.pages[0].obj.Resources
        for page in pdf.pages:
            del page.obj["/Resources"]
        pdf.Root.Pages.Resources = resources
        pdf.save(path)
    assert font_metrics(path) == font_metrics(SEEDS / "000_2ad17110b5a37932.pdf")
