"""A page's characters as arrays, and the per-character facts PDFium gives for them.

A page holds thousands of characters; keeping them as parallel numpy arrays (not one Python
object each) lets words, cells and filters work on whole pages at once. The facts are read by
a small C module (pipeline/ingest/_pdfium_chars.c), built at install where a compiler is at
hand; without it the same loop runs here in Python, slower, with the same result.
"""

from __future__ import annotations

import ctypes
import importlib.machinery
import importlib.metadata
import importlib.util
from dataclasses import dataclass
from typing import Any

import numpy
import pypdfium2.raw as pdfium_c

from pipeline.ingest.pdfium_calls import plain_call

# What the C module's functions are and take and give (its INTERFACE constant).
INTERFACE = 3


def _compiled_module() -> Any:
    """The C module, or None where it was not built (no compiler at install)."""
    try:
        from pipeline.ingest import _pdfium_chars as module
    except ImportError:
        module = _installed_module()
    return module if getattr(module, "INTERFACE", None) == INTERFACE else None


def _installed_module() -> Any:
    """The C module of the installed copy, for code run from a source checkout beside it (as
    the tests run in CI: the checkout's modules come first, but only the install compiled)."""
    try:
        names = {"_pdfium_chars" + suffix for suffix in importlib.machinery.EXTENSION_SUFFIXES}
        files = (f for d in importlib.metadata.distributions(name="councilplans") for f in d.files or ())
        found = next((f for f in files if f.name in names and f.parent.as_posix() == "pipeline/ingest"), None)
        if found is None:
            return None
        spec = importlib.util.spec_from_file_location("pipeline.ingest._pdfium_chars", str(found.locate()))
        if spec is None or spec.loader is None:
            return None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    except Exception:  # not installed, or built for another Python: the Python loop reads
        return None


compiled = _compiled_module()

# Unicode's white space (str.isspace), all below U+3001.
_SPACE = numpy.array([chr(c).isspace() for c in range(0x3001)])


@dataclass(frozen=True, slots=True)
class Boxes:
    """Boxes in pdfplumber's coordinates (origin top-left, y growing down) with the size and
    font of what each holds, as parallel arrays; `font` indexes `fontnames`."""

    x0: numpy.ndarray
    x1: numpy.ndarray
    top: numpy.ndarray
    bottom: numpy.ndarray
    size: numpy.ndarray
    font: numpy.ndarray
    fontnames: tuple[str, ...]

    def middles(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Horizontal and vertical centres of the boxes."""
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Chars(Boxes):
    """Glyphs in content order; `codes` are their Unicode code points (one a glyph)."""

    codes: numpy.ndarray

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def text(self) -> str:
        """The glyphs as one string, one character each."""
        return text_of(self.codes)

    def take(self, index: numpy.ndarray) -> Chars:
        """The characters at these positions (or where this mask is true), in that order."""
        return Chars(self.x0[index], self.x1[index], self.top[index], self.bottom[index], self.size[index],
                     self.font[index], self.fontnames, self.codes[index])

    def is_space(self) -> numpy.ndarray:
        """Where a glyph is white space."""
        return _SPACE[numpy.minimum(self.codes, len(_SPACE) - 1)]


def no_chars() -> Chars:
    """A page without characters."""
    empty = numpy.zeros(0)
    return Chars(empty, empty, empty, empty, empty, numpy.zeros(0, dtype=numpy.intp), (),
                 numpy.zeros(0, dtype=numpy.uint32))


def text_of(codes: numpy.ndarray) -> str:
    """A string of code points."""
    return codes.astype("<u4").tobytes().decode("utf-32-le", errors="surrogatepass")


_FUNCTIONS = (
    pdfium_c.FPDFText_GetLooseCharBox,
    pdfium_c.FPDFText_GetTextObject,
    pdfium_c.FPDFText_GetMatrix,
    pdfium_c.FPDFText_GetFontSize,
    pdfium_c.FPDFTextObj_GetFont,
    pdfium_c.FPDFText_IsGenerated,
)
_ADDRESSES = tuple(ctypes.cast(f, ctypes.c_void_p).value for f in _FUNCTIONS)


def read_char_facts(textpage: Any, count: int, use_compiled: bool = True) -> tuple[numpy.ndarray, ...]:
    """Per character of a PDFium text page: numbers (box, matrix a-d, font size), handles
    (text object, font; 0 for a character PDFium generated) and whether it was generated.

    Matrix, size and font are read once for each run of characters of one text object.
    """
    in_c = compiled is not None and use_compiled
    allocate = numpy.empty if in_c else numpy.zeros  # the C loop writes every field: no zeroing first
    numbers = allocate((count, 9), dtype=numpy.float64)
    handles = allocate((count, 2), dtype=numpy.uint64)
    generated = allocate(count, dtype=numpy.uint8)
    address = ctypes.cast(textpage, ctypes.c_void_p).value or 0
    if in_c:
        compiled.read_chars(_ADDRESSES, address, numbers, handles, generated)
    else:
        _read_in_python(address, numbers, handles, generated)
    return numbers, handles, generated.astype(bool)


def _read_in_python(page: int, numbers: numpy.ndarray, handles: numpy.ndarray, generated: numpy.ndarray) -> None:
    count = len(generated)
    loose_box = plain_call(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
    text_object = plain_call(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
    boxes = numpy.zeros((count, 4), dtype=numpy.float32)  # PDFium's FS_RECTF, one a character
    base = boxes.ctypes.data
    for i in range(count):
        loose_box(page, i, base + 16 * i)
    numbers[:, :4] = boxes
    objects = numpy.fromiter((text_object(page, i) or 0 for i in range(count)), dtype=numpy.uint64, count=count)
    is_generated = plain_call(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
    for i in numpy.flatnonzero(objects == 0).tolist():
        generated[i] = is_generated(page, i) != 0
    # Matrix, size and font at the first character of each run of one text object.
    placed = numpy.flatnonzero(objects)
    if not placed.size:
        return
    of_placed = objects[placed]
    heads = numpy.flatnonzero(numpy.concatenate(([True], of_placed[1:] != of_placed[:-1])))
    matrix_of = plain_call(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
    font_size = plain_call(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
    font_of = plain_call(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p)
    matrix = pdfium_c.FS_MATRIX()
    styles, fonts = [], []
    for i, obj in zip(placed[heads].tolist(), of_placed[heads].tolist(), strict=True):
        matrix.a = matrix.b = matrix.c = matrix.d = matrix.e = matrix.f = 0.0
        matrix_of(page, i, ctypes.addressof(matrix))
        styles.append((matrix.a, matrix.b, matrix.c, matrix.d, font_size(page, i)))
        fonts.append(font_of(obj) or 0)
    runs = numpy.diff([*heads.tolist(), len(placed)])
    numbers[placed, 4:] = numpy.repeat(numpy.array(styles, dtype=numpy.float64), runs, axis=0)
    handles[placed, 0] = of_placed
    handles[placed, 1] = numpy.repeat(numpy.array(fonts, dtype=numpy.uint64), runs)
