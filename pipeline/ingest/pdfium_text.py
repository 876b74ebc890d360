"""The fast PDF text layer: characters and ruling lines read through PDFium.

pdfplumber interprets every page in Python (pdfminer), which costs about a tenth of a second
a page. PDFium does the same work in C. This module reads, for one page, what the pdfplumber
path uses — characters with their boxes, sizes and font names, and the ruling lines and
rectangles that make table edges — in the coordinates and conventions pdfplumber uses, so the
page reader turns either into the same lines of text. Characters come as arrays
(pipeline/ingest/pdf_chars.py), font names and descents from the font dictionaries
(pipeline/ingest/pdf_fonts.py). Words are grouped as pdfplumber's WordExtractor groups them
and ruled tables are found by pdfplumber's own table algorithm (edges to cells to tables) on
PDFium's edges (pipeline/ingest/pdf_words.py).
"""

from __future__ import annotations

import ctypes
import math
from typing import Any, NamedTuple

import numpy
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.ingest.pdf_chars import Chars, no_chars, read_char_facts
from pipeline.ingest.pdf_fonts import FontMetrics
from pipeline.ingest.pdfium_paths import PageEdges, page_edges

_UNITS = ctypes.POINTER(ctypes.c_ushort)


class PageReader:
    """Reads pages of one open PDFium document; keeps per-font lookups between pages."""

    def __init__(self, document: pdfium.PdfDocument, metrics: dict[str, FontMetrics]) -> None:
        self.document = document
        self.metrics = metrics
        self._fonts: dict[int, _Font] = {}  # by font handle, which lives as long as the document
        self._name = ctypes.create_string_buffer(512)
        self._float = ctypes.c_float()
        self.compiled = True  # read characters with the C module where it was built

    def chars(self, page: Any, top_y: float) -> Chars | None:
        """The page's glyphs (of a PdfPage or a raw page handle) in content order, generated
        spaces and line breaks left out; None where some text is rotated (the page is
        pdfplumber's to read)."""
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        try:
            return self._chars(textpage, top_y)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)

    def _chars(self, tp: Any, top_y: float) -> Chars | None:
        count = pdfium_c.FPDFText_CountChars(tp)
        if count <= 0:
            return no_chars()
        units = numpy.zeros(count + 1, dtype=numpy.uint16)  # UTF-16 and a terminating zero
        pdfium_c.FPDFText_GetText(tp, 0, count, ctypes.cast(units.ctypes.data, _UNITS))
        units = units[:count]
        codes = units.astype(numpy.uint32)
        surrogates = (codes >= 0xD800) & (codes < 0xE000)
        if surrogates.any() and len(units.tobytes().decode("utf-16-le", errors="surrogatepass")) != count:
            # characters outside the basic plane: one code unit each
            codes = numpy.array([pdfium_c.FPDFText_GetUnicode(tp, i) for i in range(count)], dtype=numpy.uint32)
        numbers, handles, generated = read_char_facts(tp, count, self.compiled)
        objects, font_handles = handles.T
        keep = (objects != 0) & (codes != 10) & (codes != 13)
        if not keep.any():
            return no_chars()
        kept = numpy.flatnonzero(keep)
        # A space PDFium put between words (often for one the PDF wrote) is a word break: a
        # blank glyph at the end of the glyph before it. Rows are the glyphs kept, each once
        # and once more for each such space after it (the copies made blank at the end).
        spaces = numpy.flatnonzero(generated & (codes == 32))
        at = numpy.searchsorted(kept, spaces)
        at = at[at > 0]
        rows = kept
        if at.size:
            rows = kept[numpy.repeat(numpy.arange(len(kept)), numpy.bincount(at - 1, minlength=len(kept)) + 1)]
        # take() gathers rows several times as fast as indexing does
        left, box_top, right, box_bottom, a, b, c, d, font_size = numbers.take(rows, axis=0).T
        level = (numpy.abs(b) <= 1e-3 * a) & (numpy.abs(c) <= 1e-3 * d)
        slanted = ~level & (b == 0)  # sheared, as a synthetic italic: still upright to pdfminer
        if not numpy.all((a > 0) & (d > 0) & (level | slanted)):
            return None  # turned or mirrored text, which pdfplumber reads in its own way
        size = font_size * _hypot(c, d)  # the size on the page: font size times text scale
        # Fonts in the order the page first uses them (their names may be numbered in that order).
        font_of_char = font_handles.take(rows)
        new_run = numpy.concatenate(([True], font_of_char[1:] != font_of_char[:-1]))
        run_fonts = font_of_char[new_run].tolist()
        fonts = {handle: self._font_of(handle) for handle in run_fonts}
        position = {handle: k for k, handle in enumerate(fonts)}
        font = numpy.array([position[h] for h in run_fonts], dtype=numpy.intp)[numpy.cumsum(new_run) - 1]
        # pdfminer's box: one font size high above the font's descent. PDFium's loose box
        # starts at its own descent; the lift moves it to pdfminer's (per font).
        if slanted.any():
            size[slanted] = font_size[slanted] * d[slanted]  # pdfminer's height of a sheared box
            descents = numpy.array([(f.descent, f.pdfium_descent) for f in fonts.values()])[font]
            left, right = _unshear(left, right, box_bottom, box_top, c, d, font_size, descents, slanted)
        lift = numpy.array([f.descent - f.pdfium_descent for f in fonts.values()])[font] * size
        y0 = box_bottom + lift
        top, bottom = top_y - (y0 + size), top_y - y0
        codes = codes.take(rows)
        codes = numpy.where(codes == 0xFFFE, ord("-"), codes)  # PDFium marks a line-end hyphen so
        names = sorted({f.fontname for f in fonts.values()})
        font = numpy.array([names.index(f.fontname) for f in fonts.values()], dtype=numpy.intp)[font]
        x0, x1 = left, right
        if at.size:
            blank = at + numpy.arange(at.size)  # where the copies of the glyphs before stand
            codes[blank] = 32
            x0[blank] = x1[blank]
        return Chars(x0, x1, top, bottom, size, font, tuple(names), codes)

    def _font_of(self, handle: int) -> _Font:
        known = self._fonts.get(handle)
        if known is not None:
            return known
        font = ctypes.cast(handle, pdfium_c.FPDF_FONT)
        length = pdfium_c.FPDFFont_GetBaseFontName(font, self._name, len(self._name))
        base = self._name.raw[: max(length - 1, 0)].decode("utf-8", "replace")
        pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), self._float)
        metrics = self.metrics.get(base) or FontMetrics(None, None)
        # Fonts that share a base name but not a full one still split words, as in pdfplumber.
        fontname = metrics.fontname or f"{base}#{len(self._fonts)}"
        own = self._float.value
        self._fonts[handle] = _Font(fontname, own if metrics.descent is None else metrics.descent, own)
        return self._fonts[handle]

    def edges(self, page: Any, top_y: float) -> PageEdges:
        """pdfplumber-style edges of the page's paths (of a PdfPage or a raw page handle), and
        whether any path is a line or rectangle."""
        return page_edges(getattr(page, "raw", page), top_y)


def load_page(document: pdfium.PdfDocument, index: int) -> Any:
    """A raw handle of the document's page (which the caller closes with FPDF_ClosePage)."""
    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        raise pdfium.PdfiumError("Failed to load page.")
    return page


def media_box(page: Any) -> tuple[float, float, float, float]:
    """The page's MediaBox (left, bottom, right, top), or US Letter where it has none (as pypdfium2 gives it)."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pdfium_c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return (0, 0, 612, 792)
    return (left.value, bottom.value, right.value, top.value)


def _hypot(c: numpy.ndarray, d: numpy.ndarray) -> numpy.ndarray:
    """math.hypot of each pair; text not slanted (c == 0) has |d|, as math.hypot gives it."""
    out = numpy.abs(d)
    slanted = numpy.flatnonzero(c != 0)
    if slanted.size:
        out[slanted] = [math.hypot(x, y) for x, y in zip(c[slanted].tolist(), d[slanted].tolist(), strict=True)]
    return out


def _unshear(
    left: numpy.ndarray, right: numpy.ndarray, bottom: numpy.ndarray, top: numpy.ndarray, c: numpy.ndarray,
    d: numpy.ndarray, font_size: numpy.ndarray, descents: numpy.ndarray, sheared: numpy.ndarray,
) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Left and right of the glyphs, the sheared ones bounded as pdfminer bounds them.

    Both shear the glyph's box by the matrix (x moves by c for each unit of text-space y):
    PDFium's box spans its loose box's height from its own descent, pdfminer's one font size
    from the font's descent (`descents`: pdfminer's and PDFium's, per glyph, per unit of size).
    """
    at = numpy.flatnonzero(sheared)
    size, shear = font_size[at], c[at, None]
    low = descents[at, 1] * size
    pdfium = numpy.stack((low, low + (top[at] - bottom[at]) / d[at]), axis=1) * shear
    low = descents[at, 0] * size
    pdfminer = numpy.stack((low, low + size), axis=1) * shear
    left, right = left.copy(), right.copy()
    left[at] = left[at] + pdfminer.min(axis=1) - pdfium.min(axis=1)
    right[at] = right[at] + pdfminer.max(axis=1) - pdfium.max(axis=1)
    return left, right


class _Font(NamedTuple):
    fontname: str
    descent: float
    pdfium_descent: float
