"""The fast PDF text layer: characters and ruling lines read through PDFium.

pdfplumber interprets every page in Python (pdfminer), which costs about a tenth of a second
a page. PDFium does the same work in C. This module reads, for one page, what the pdfplumber
path uses — characters with their boxes, sizes and font names, and the ruling lines and
rectangles that make table edges — in the coordinates and conventions pdfplumber uses, so the
page reader turns either into the same lines of text. Words are grouped as pdfplumber's
WordExtractor groups them and ruled tables are found by pdfplumber's table algorithm (edges
to cells to tables) on PDFium's edges (pipeline/ingest/pdf_words.py; the edges are read in
pipeline/ingest/pdfium_paths.py, the cells found in pipeline/ingest/table_grid.py).
"""

from __future__ import annotations

import ctypes
import math
import re
from itertools import compress
from typing import Any, NamedTuple

import numpy
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.ingest.pdfium_paths import PageEdges, page_edges

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# The text object of a character as a plain address: it only keys a cache, and building a
# ctypes pointer for each of a page's thousands of characters costs more than the lookup.
def _address_call(function: Any, restype: Any) -> Any:
    """The same PDFium function, taking plain addresses for its pointer arguments."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None
    argtypes = [ctypes.c_int if kind is ctypes.c_int else ctypes.c_void_p for kind in function.argtypes]
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_text_object_address = _address_call(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
# The same for the loose box, called with plain addresses to skip ctypes' argument conversion.
_loose_box_at = _address_call(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)


# A glyph, in pdfplumber's coordinates (origin top-left, y growing down): a plain tuple
# (text, x0, x1, top, bottom, size, fontname), since a page has thousands of them.
Char = tuple
TEXT, X0, X1, TOP, BOTTOM, SIZE, FONT = range(7)


class FontMetrics(NamedTuple):
    """What pdfminer reads from a font dictionary: its name and descent (per unit of size).

    Either is None where fonts sharing a base name disagree on it.
    """

    fontname: str | None
    descent: float | None


def font_metrics(pdfminer_document: Any) -> dict[str, FontMetrics]:
    """Name and descent of every font on the document's pages, keyed by base font name.

    PDFium falls back to the font's bounding box when a descriptor gives no descent, where
    pdfminer takes zero; reading the descriptors keeps character boxes, and so the cells a
    character falls into, the same on both paths. PDFium drops the subset tag ("ABCDEF+")
    of simple fonts, so each font is filed under its name with and without the tag.
    """
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import dict_value, list_value, num_value, resolve1
    from pdfminer.psparser import literal_name

    names: dict[str, set[str]] = {}
    descents: dict[str, set[float]] = {}
    seen: set[int] = set()
    for page in PDFPage.create_pages(pdfminer_document):
        fonts = dict_value((page.resources or {}).get("Font", {}))
        for ref in fonts.values():
            objid = getattr(ref, "objid", None)
            if objid is not None:
                if objid in seen:
                    continue
                seen.add(objid)
            spec = dict_value(ref)
            descriptor = spec.get("FontDescriptor")
            if descriptor is None and "DescendantFonts" in spec:
                descendants = list_value(spec["DescendantFonts"])
                descriptor = dict_value(descendants[0]).get("FontDescriptor") if descendants else None
            descriptor = dict_value(descriptor) if descriptor is not None else {}
            base = _name(resolve1(spec.get("BaseFont")), literal_name)
            name = _name(resolve1(descriptor.get("FontName", "unknown")), literal_name)
            descent = -abs(num_value(descriptor.get("Descent", 0))) / 1000
            for key in (base, _SUBSET_TAG.sub("", base)):
                names.setdefault(key, set()).add(name)
                descents.setdefault(key, set()).add(descent)
    return {
        key: FontMetrics(
            next(iter(names[key])) if len(names[key]) == 1 else None,
            next(iter(descents[key])) if len(descents[key]) == 1 else None,
        )
        for key in names
    }


def _name(value: Any, literal_name: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else str(literal_name(value))


class PageReader:
    """Reads pages of one open PDFium document; keeps per-font lookups between pages."""

    def __init__(self, document: pdfium.PdfDocument, metrics: dict[str, FontMetrics]) -> None:
        self.document = document
        self.metrics = metrics
        self._fonts: dict[int, _Font] = {}  # by font handle, which lives as long as the document
        self._name = ctypes.create_string_buffer(512)
        self._rect = pdfium_c.FS_RECTF()
        self._float = ctypes.c_float()

    def chars(self, page: pdfium.PdfPage, top_y: float) -> list[Char] | None:
        """The page's glyphs in content order, generated spaces and line breaks left out;
        None where some text is rotated (the page is pdfplumber's to read)."""
        textpage = page.get_textpage()
        try:
            return self._chars(textpage.raw, top_y)
        finally:
            textpage.close()

    def _chars(self, tp: Any, top_y: float) -> list[Char] | None:
        count = pdfium_c.FPDFText_CountChars(tp)
        if count <= 0:
            return []
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        pdfium_c.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        text = buffer.raw[: count * 2].decode("utf-16-le", errors="surrogatepass")
        if len(text) != count:  # characters outside the basic plane: one code unit each
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(tp, i)) for i in range(count))
        page_address = ctypes.cast(tp, ctypes.c_void_p).value
        # Two calls per character, straight into arrays; everything else is done on the arrays.
        objects = numpy.fromiter(
            (_text_object_address(page_address, i) or 0 for i in range(count)), dtype=numpy.uint64, count=count
        )
        boxes = numpy.zeros((count, 4), dtype=numpy.float32)  # left, top, right, bottom
        base = boxes.ctypes.data
        loose_box = _loose_box_at
        for i in range(count):
            loose_box(page_address, i, base + 16 * i)
        codes = numpy.frombuffer(buffer.raw[: count * 2], dtype=numpy.uint16) if len(text) == count else None
        newline = numpy.isin(codes, (10, 13)) if codes is not None else numpy.array([c in "\r\n" for c in text])
        keep = (objects != 0) & ~newline
        if not keep.any():
            return []
        # Styles per text object: addresses are reused from page to page, so never cached across pages.
        _, first, inverse = numpy.unique(objects[keep], return_index=True, return_inverse=True)
        positions = numpy.flatnonzero(keep)
        found = [self._style(tp, int(positions[j])) for j in first]
        styles = [st for st in found if st is not None]
        if len(styles) < len(found):
            return None
        lift = numpy.array([st[0] for st in styles])[inverse]
        size = numpy.array([st[1] for st in styles])[inverse]
        names = [st[2] for st in styles]
        box = boxes[keep].astype(numpy.float64)
        # pdfminer's box: one font size high above the font's descent. PDFium's loose box
        # starts at its own descent; the lift moves it to pdfminer's (per text object).
        y0 = box[:, 3] + lift
        texts = compress(text.replace("\ufffe", "-"), keep.tolist())  # PDFium marks a line-end hyphen so
        out: list[Char] = list(zip(
            texts, box[:, 0].tolist(), box[:, 2].tolist(), (top_y - (y0 + size)).tolist(), (top_y - y0).tolist(),
            size.tolist(), [names[j] for j in inverse.tolist()], strict=True,
        ))
        # A space PDFium put between words (often for one the PDF wrote) is a word break.
        spaces = numpy.flatnonzero((objects == 0) & numpy.array([c == " " for c in text]))
        breaks = [int(numpy.searchsorted(positions, i)) for i in spaces if pdfium_c.FPDFText_IsGenerated(tp, int(i))]
        for at in reversed(breaks):
            if at > 0:
                last = out[at - 1]
                out.insert(at, (" ", last[X1], last[X1], last[TOP], last[BOTTOM], last[SIZE], last[FONT]))
        return out

    def _style(self, tp: Any, index: int) -> tuple[float, float, str] | None:
        """A text object's size on the page (font size times text scale), font name, and how
        far pdfminer's descent lies above PDFium's (the lift from one box bottom to the other);
        None for text that is not set straight, which pdfplumber reads in its own way."""
        matrix = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFText_GetMatrix(tp, index, matrix)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        if not (a > 0 and d > 0 and abs(b) <= 1e-3 * a and abs(c) <= 1e-3 * d):  # turned, slanted or mirrored
            return None
        size = pdfium_c.FPDFText_GetFontSize(tp, index) * math.hypot(matrix.c, matrix.d)
        font = self._font_of(pdfium_c.FPDFText_GetTextObject(tp, index))
        return (font.descent - font.pdfium_descent) * size, size, font.fontname

    def _font_of(self, text_object: Any) -> _Font:
        font = pdfium_c.FPDFTextObj_GetFont(text_object)
        key = ctypes.addressof(font.contents)
        known = self._fonts.get(key)
        if known is not None:
            return known
        length = pdfium_c.FPDFFont_GetBaseFontName(font, self._name, len(self._name))
        base = self._name.raw[: max(length - 1, 0)].decode("utf-8", "replace")
        pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), self._float)
        metrics = self.metrics.get(base) or FontMetrics(None, None)
        # Fonts that share a base name but not a full one still split words, as in pdfplumber.
        fontname = metrics.fontname or f"{base}#{len(self._fonts)}"
        own = self._float.value
        self._fonts[key] = _Font(fontname, own if metrics.descent is None else metrics.descent, own)
        return self._fonts[key]

    def edges(self, page: pdfium.PdfPage, top_y: float) -> PageEdges:
        """pdfplumber-style edges of the page's paths, and whether any path is a line or rectangle."""
        return page_edges(page.raw, top_y)


class _Font(NamedTuple):
    fontname: str
    descent: float
    pdfium_descent: float
