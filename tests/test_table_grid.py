"""Ruled tables found on arrays are pdfplumber's, cell for cell; edges read fast are the
edges read point by point.

pipeline.ingest.table_grid computes pdfplumber's 'lines' table strategy on arrays. The
reference is pdfplumber's own TableFinder run on the same edges as dictionaries: on every
page of every corpus PDF (one case per document) and on random rulings that snap, join,
span cells and break into dashes. pipeline.ingest.path_edges reads lines and rectangles on
arrays; its point-by-point reading (pdfminer's) is the reference there, on the corpus pages
and on random paths. The PDFium points copied from memory must equal those asked for one
segment at a time.
"""

from __future__ import annotations

import io
from functools import cache, partial
from itertools import pairwise

import numpy
import pdfplumber
import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder

from pipeline.ingest import pdf_chars, pdfium_paths
from pipeline.ingest.path_edges import BEZIERTO, LINETO, MOVETO, PageEdges, path_edges
from pipeline.ingest.table_grid import table_cells
from tests.conftest import REAL_PDFS, SEEDS

CORPUS_PDFS = sorted(SEEDS.glob("*.pdf")) + sorted(REAL_PDFS.glob("*.pdf"))


class _Page:
    """What TableFinder reads of a page: its edges and box."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]) -> None:
        self.edges = edges
        self.bbox = bbox


def _edge_dicts(edges: PageEdges) -> list[dict]:
    return [
        {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
         "orientation": "h" if flat else "v"}
        for (x0, top, x1, bottom), flat in zip(edges.boxes.tolist(), edges.horizontal.tolist(), strict=True)
    ]


def _pdfplumber_tables(edges: PageEdges) -> list[list[tuple]]:
    """pdfplumber's tables on these edges (none where no line or rectangle is drawn)."""
    if not edges.ruled:
        return []
    page = _Page(_edge_dicts(edges), (0, 0, 1000, 1000))
    return [sorted(table.cells) for table in TableFinder(page).tables]  # type: ignore[arg-type]


def _tables(edges: PageEdges) -> list[list[tuple]]:
    return [sorted(cells) for cells in table_cells(edges)]


def _read_edges(path: str) -> list[PageEdges]:
    """The edges of every page of a PDF, read afresh (under whatever a test has patched)."""
    document = pdfium.PdfDocument(path)
    try:
        found = []
        for index in range(len(document)):
            page = document[index]
            found.append(pdfium_paths.page_edges(page.raw, page.get_mediabox()[3]))
            page.close()
        return found
    finally:
        document.close()


_page_edges = cache(_read_edges)


def _as_lists(edges: PageEdges) -> tuple[list, list, bool]:
    return edges.boxes.tolist(), edges.horizontal.tolist(), edges.ruled


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_tables_are_pdfplumbers_on_every_corpus_page(path):
    for number, edges in enumerate(_page_edges(str(path)), start=1):
        assert _tables(edges) == _pdfplumber_tables(edges), f"page {number}"


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_fast_edges_are_the_point_by_point_reading(path, monkeypatch):
    monkeypatch.setattr(pdfium_paths, "path_edges", partial(path_edges, point_by_point=True))
    slow = _read_edges(str(path))
    for number, (fast, reference) in enumerate(zip(_page_edges(str(path)), slow, strict=True), start=1):
        assert _as_lists(fast) == _as_lists(reference), f"page {number}"


def test_points_copied_from_pdfium_are_the_points_it_reports(monkeypatch):
    path = str(REAL_PDFS / "kent-cc_2025_qpr-q3-appendix.pdf")  # lines, cell rectangles, rounded boxes
    assert pdfium_paths._points_lie_in_one_array()
    monkeypatch.setattr(pdfium_paths, "_points_lie_in_one_array", lambda: False)
    asked = _read_edges(path)
    for number, (copied, reference) in enumerate(zip(_page_edges(path), asked, strict=True), start=1):
        assert _as_lists(copied) == _as_lists(reference), f"page {number}"


@pytest.mark.skipif(pdf_chars.compiled is None, reason="the C module was not built")
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_path_walk_in_c_gives_the_python_walks_edges(path, monkeypatch):
    monkeypatch.setattr(pdfium_paths, "page_edges", partial(pdfium_paths.page_edges, use_compiled=False))
    walked = _read_edges(str(path))
    for number, (compiled, reference) in enumerate(zip(_page_edges(str(path)), walked, strict=True), start=1):
        assert _as_lists(compiled) == _as_lists(reference), f"page {number}"


def test_the_corpus_has_ruled_tables_to_compare():
    """The comparison above means something only if the corpus pages hold many tables."""
    found = sum(len(table_cells(edges)) for path in CORPUS_PDFS for edges in _page_edges(str(path)))
    assert found >= 200


def test_table_with_a_dashed_border_of_many_pieces():
    """More pieces on one ruling than bits in a machine word (a dashed border)."""
    boxes = [(10.0, y, 10.0, y + 3.0) for y in numpy.arange(0, 560, 7.0)]  # 80 dashes, gaps of 4
    boxes += [(200.0, 0.0, 200.0, 560.0), (400.0, 0.0, 400.0, 560.0)]
    boxes += [(10.0, y, 400.0, y) for y in (0.0, 280.0, 560.0)]
    edges = PageEdges(numpy.array(boxes), numpy.array([b[1] == b[3] for b in boxes]), True)
    assert _tables(edges) == _pdfplumber_tables(edges)
    assert len(_tables(edges)) == 1


_POSITIONS = st.integers(0, 40).map(lambda i: i * 7.5)
# Offsets within and just past pdfplumber's tolerances (3 points), so rulings snap and join or not.
_OFFSETS = st.sampled_from([0.0, 0.0, 0.0, 0.25, -0.5, 1.5, -2.75, 3.0, -3.0, 3.5, 6.0])


@st.composite
def _ruled_grids(draw):
    """Grid rulings with pieces missing (spanning cells), split, shifted a little and stray."""
    xs = sorted(draw(st.lists(_POSITIONS, min_size=2, max_size=6, unique=True)))
    ys = sorted(draw(st.lists(_POSITIONS, min_size=2, max_size=6, unique=True)))
    boxes: list[tuple[float, float, float, float]] = []
    flat: list[bool] = []
    for line, stops, horizontal in [(y, xs, True) for y in ys] + [(x, ys, False) for x in xs]:
        at = line + draw(_OFFSETS)
        for a, b in pairwise(stops):
            if draw(st.integers(0, 4)) == 0:
                continue  # a spanning cell
            low, high = sorted((a + draw(_OFFSETS), b + draw(_OFFSETS)))
            boxes.append((low, at, high, at) if horizontal else (at, low, at, high))
            flat.append(horizontal)
    for _ in range(draw(st.integers(0, 3))):
        horizontal = draw(st.booleans())
        at, (low, high) = draw(_POSITIONS), sorted((draw(_POSITIONS), draw(_POSITIONS)))
        boxes.append((low, at, high, at) if horizontal else (at, low, at, high))
        flat.append(horizontal)
    order = draw(st.permutations(range(len(boxes))))
    return PageEdges(numpy.array([boxes[i] for i in order]).reshape(-1, 4), numpy.array(flat)[order], True)


@settings(max_examples=300, deadline=None)
@given(_ruled_grids())
def test_tables_are_pdfplumbers_on_random_rulings(edges):
    assert _tables(edges) == _pdfplumber_tables(edges)


_COORDINATES = st.sampled_from([0.0, 10.0, 10.0, 25.5, 40.0, -0.0])


@st.composite
def _paths(draw):
    """Paths of lines, Béziers and moves, closed anywhere, many of them lines and quadrilaterals."""
    kinds: list[int] = []
    closes: list[int] = []
    counts: list[int] = []
    for _ in range(draw(st.integers(1, 6))):
        plain = draw(st.sampled_from([[MOVETO, LINETO], [MOVETO] + [LINETO] * 4, None]))
        shape = plain or [MOVETO, *draw(st.lists(st.sampled_from([LINETO, BEZIERTO, MOVETO]), max_size=8))]
        kinds += shape
        closes += [draw(st.integers(0, 4)) == 0 and kind != MOVETO for kind in shape]
        counts.append(len(shape))
    xs = [draw(_COORDINATES) for _ in kinds]
    ys = [draw(_COORDINATES) for _ in kinds]
    small = numpy.uint8
    return numpy.array(xs), numpy.array(ys), numpy.array(kinds, small), numpy.array(closes, small), numpy.array(counts)


@settings(max_examples=300, deadline=None)
@given(_paths())
def test_fast_edges_are_the_point_by_point_reading_on_random_paths(paths):
    xs, ys, kinds, closes, counts = paths
    fast = path_edges(xs, ys, kinds, closes, counts)
    assert _as_lists(fast) == _as_lists(path_edges(xs, ys, kinds, closes, counts, point_by_point=True))


def _pdf_with_a_table_in_a_form() -> bytes:
    """One page: a ruled 3 x 3 grid on the page, the same grid inside a scaled form XObject
    (with its own matrix), a filled rectangle in the form and a stray rule on the page."""
    grid = [f"{x} 0 m {x} 120 l S" for x in (0, 100, 200, 300)] + [f"0 {y} m 300 {y} l S" for y in (0, 40, 80, 120)]
    form = "\n".join([*grid, "10 10 50 20 re f"])
    content = "\n".join([
        "q 1 0 0 1 40 500 cm", *grid, "Q", "q 0.5 0 0 0.75 100 100 cm /Fm1 Do Q", "50 450 m 550 450 l S"
    ])
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Fm1 5 0 R >> >>"
        " /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Type /XObject /Subtype /Form /BBox [0 0 400 200] /Matrix [1 0 0 1 20 40] /Length {len(form)} >>\n"
        f"stream\n{form}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def test_table_drawn_inside_a_form_is_pdfplumbers():
    """Paths inside a form XObject are placed by the form's and the page's matrices."""
    data = _pdf_with_a_table_in_a_form()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        want_edges = sorted((e["x0"], e["top"], e["x1"], e["bottom"], e["orientation"]) for e in page.edges)
        want_tables = [sorted(table.cells) for table in page.find_tables()]
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        edges = pdfium_paths.page_edges(page.raw, page.get_mediabox()[3])
    finally:
        document.close()
    got_edges = sorted(
        (*box, "h" if flat else "v") for box, flat in zip(edges.boxes.tolist(), edges.horizontal.tolist(), strict=True)
    )
    assert got_edges == want_edges
    assert _tables(edges) == want_tables
    assert [len(table) for table in want_tables] == [9, 9]
