"""PDF papers, page by page, keeping the page of every offset.

Pages are read through PDFium (pipeline/ingest/pdfium_text.py), which gives pdfplumber's
characters and ruling lines at a small fraction of its cost; a page PDFium cannot stand in for
(rotated, no text layer) and every page under `Settings.pdf_engine = "pdfplumber"` goes through
pdfplumber, which opens the file only once a page needs it. Both produce the same lines.

Each page becomes lines of text in reading order. Where words on a line stand far apart
(columns of a whitespace-aligned table) they are joined by a tab, as a text export would
write them; ruled tables found by pdfplumber are written one row a line, cells joined by
tabs, and kept as RawTable grids. Running headers, footers and page numbers are dropped.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from pipeline import deadline
from pipeline.document import Document, Page, RawTable
from pipeline.errors import CorruptDocument, CouncilPlansError, EncryptedDocument, LimitExceeded
from pipeline.ingest import pdf_chars, pdf_words, pdfium_text
from pipeline.ingest.normalise import normalise
from pipeline.ingest.ocr import read_scanned_page
from pipeline.ingest.pdf_columns import aligned_gaps, edge_gaps
from pipeline.ingest.pdf_fonts import font_metrics
from pipeline.ingest.pdf_rows import PAGE_NUMBER, join_wrapped_rows
from pipeline.ingest.pdf_tables import PageTable, find_page_tables
from pipeline.settings import Settings
from schemas import Problem, SourceInfo

# A gap wider than this many font sizes between two words on a line separates columns.
COLUMN_GAP_EM = 1.2
_DIGITS = re.compile(r"\d+")
log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Line:
    top: float
    text: str
    bold: list[tuple[int, int]]
    table: tuple[tuple[str, ...], ...] | None = None
    bbox: tuple[float, float, float, float] | None = None


def read_pdf(path: Path, source: SourceInfo, settings: Settings) -> Document:
    """Read every page of a PDF into one normalised Document."""
    fast = _open_fast(path, settings) if settings.pdf_engine == "auto" else None
    with _Reference(path, settings) as reference:
        try:
            page_lines, problems = _read_pages(path, settings, reference, fast)
        except _EnginesDisagree:  # the two readers see different pages: pdfplumber reads them all
            page_lines, problems = _read_pages(path, settings, reference, None)
        finally:
            if fast is not None:
                fast.document.close()
    _drop_running_lines(page_lines)
    return _assemble(page_lines, source.model_copy(update={"pages": len(page_lines)}), problems)


def _read_pages(
    path: Path, settings: Settings, reference: _Reference, fast: pdfium_text.PageReader | None
) -> tuple[list[list[_Line]], list[Problem]]:
    """Lines of every page: through PDFium where it can, else through pdfplumber."""
    page_count = len(fast.document) if fast is not None else reference.page_count()
    _check_page_count(path, page_count, settings)
    problems: list[Problem] = []
    page_lines: list[list[_Line]] = []
    for number in range(1, page_count + 1):
        deadline.check(f"page {number} of {page_count}")
        try:
            lines = _read_fast_page(fast, number, path, settings) if fast is not None else None
            page_lines.append(lines if lines is not None else reference.read(number, page_count, problems))
        except (CouncilPlansError, _EnginesDisagree):
            raise
        except Exception as e:  # one bad page makes a partial result, not a failure
            message = f"page unreadable: {type(e).__name__}"
            problems.append(Problem(code="pdf.page_error", message=message, page=number))
            page_lines.append([])
    return page_lines, problems


class _EnginesDisagree(Exception):
    """PDFium and pdfplumber count the document's pages differently."""


class _Reference:
    """pdfplumber's view of the file, opened only once a page needs it (PDFium reads the rest)."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self.pdf: Any = None

    def __enter__(self) -> _Reference:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pdf is not None:
            self.pdf.close()

    def page_count(self) -> int:
        """The number of pages pdfplumber sees (opening the file, or raising why it cannot)."""
        path = self.path
        if self.pdf is None:
            try:
                self.pdf = pdfplumber.open(path)
            except PdfminerException as e:
                cause = e.args[0] if e.args else None
                if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
                    raise EncryptedDocument(f"{path.name}: the PDF is encrypted and needs a password") from e
                raise CorruptDocument(f"{path.name}: the PDF is damaged and cannot be opened ({cause!r})") from e
            except Exception as e:  # pdfminer raises bare errors on some broken files
                raise CorruptDocument(f"{path.name}: the PDF cannot be parsed ({type(e).__name__})") from e
        try:
            return len(self.pdf.pages)
        except Exception as e:
            raise CorruptDocument(f"{path.name}: the PDF's page tree is damaged") from e

    def read(self, number: int, page_count: int, problems: list[Problem]) -> list[_Line]:
        """A page's lines through pdfplumber."""
        if self.page_count() != page_count:
            raise _EnginesDisagree
        page = self.pdf.pages[number - 1]
        try:
            return _read_page(page, number, self.settings, problems)
        finally:
            page.close()  # release the page's parsed objects as we go


def _open_fast(path: Path, settings: Settings) -> pdfium_text.PageReader | None:
    """PDFium's view of the file, or None to read every page through pdfplumber."""
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return None
    try:
        _check_page_count(path, len(document), settings)  # before any font is read
        metrics = font_metrics(path)
    except LimitExceeded:
        document.close()
        raise
    except Exception:  # damaged font resources: pdfplumber reads what it can, page by page
        document.close()
        return None
    return pdfium_text.PageReader(document, metrics)


def _check_page_count(path: Path, page_count: int, settings: Settings) -> None:
    if page_count > settings.max_pages:
        raise LimitExceeded(f"{path.name}: {page_count} pages, over the limit of {settings.max_pages}")


def _read_fast_page(reader: pdfium_text.PageReader, number: int, path: Path, settings: Settings) -> list[_Line] | None:
    """A page's lines through PDFium, or None where pdfplumber must read it."""
    try:
        return _pdfium_page_lines(reader, number, settings)
    except Exception:  # a page PDFium trips on is still read, by pdfplumber
        log.warning("PDFium could not read page %d of %s; reading it with pdfplumber", number, path, exc_info=True)
        return None


def _pdfium_page_lines(reader: pdfium_text.PageReader, number: int, settings: Settings) -> list[_Line] | None:
    page = pdfium_text.load_page(reader.document, number - 1)  # a raw handle: spares pypdfium2's bookkeeping
    try:
        if pdfium_c.FPDFPage_GetRotation(page):  # turned, or unknown (-1)
            return None
        left, bottom, right, top = pdfium_text.media_box(page)
        if (right - left) * (top - bottom) > settings.max_page_area:
            return None
        chars = reader.chars(page, top)
        if not chars:  # rotated text, or none (the pdfplumber path reports it and may OCR it)
            return None
        tables = []
        if settings.tables:
            edges = reader.edges(page, top)
            tables = find_page_tables(pdf_words.TablePage(edges, chars, (left, 0.0, right, top - bottom)))
        chars = pdf_words.outside(chars, [t.bbox for t in tables])
        lines = _words_to_lines(pdf_words.words(chars))
        lines.extend(_table_lines(tables))
        lines.sort(key=lambda ln: ln.top)
        return lines
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _read_page(page: Any, number: int, settings: Settings, problems: list[Problem]) -> list[_Line]:
    if float(page.width) * float(page.height) > settings.max_page_area:
        problems.append(
            Problem(code="pdf.page_too_large", message="page is larger than the limit; skipped", page=number)
        )
        return []
    tables = find_page_tables(page) if settings.tables else []
    boxes = [t.bbox for t in tables]
    body = page.filter(lambda obj: not _inside_any(obj, boxes)) if boxes else page
    words = body.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, extra_attrs=["size", "fontname"])
    lines = _words_to_lines(pdf_words.Words.from_dicts(words))
    lines.extend(_table_lines(tables))
    lines.sort(key=lambda ln: ln.top)
    if not lines and not page.chars and page.images:
        scanned = read_scanned_page(page, number, settings, problems)
        lines = [_Line(top=float(i), text=text, bold=[]) for i, text in enumerate(scanned)]
    return lines


def _table_lines(tables: list[PageTable]) -> list[_Line]:
    return [_Line(top=t.bbox[1], text="", bold=[], table=t.rows, bbox=t.bbox) for t in tables]


def _inside_any(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    cy = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _words_to_lines(words: pdf_words.Words) -> list[_Line]:
    """Words into lines: by rounded top (within 3 points of a line's first word), left to right,
    with a tab between words standing a column gap apart and the ranges of bold words."""
    if not len(words):
        return []
    order, new_row = _line_order(words)
    row_of = numpy.cumsum(new_row, dtype=numpy.intp) - 1
    starts = numpy.flatnonzero(new_row)
    x0, x1, size = words.x0[order], words.x1[order], words.size[order]
    # A gap wider than COLUMN_GAP_EM sizes of the word before it (10 where unknown, at least 4).
    before = numpy.where(size[:-1] == 0, 10, size[:-1])
    wide = numpy.concatenate(([False], x0[1:] - x1[:-1] > COLUMN_GAP_EM * numpy.maximum(before, 4)))
    wide[starts] = False  # a line's first word has no gap before it
    wide = aligned_gaps(x0, x1, row_of, wide)  # and narrower gaps where the lines around show a column
    wide = edge_gaps(x0, x1, size, row_of, wide)
    texts = list(map(words.text.__getitem__, order.tolist()))
    seps = ["\t" if w else " " for w in wide.tolist()]
    joined = join_wrapped_rows(x0, x1, words.top[order], size, texts, row_of, starts.tolist(), wide)
    if joined is not None:  # table rows printed over several lines, each now on one
        order = order[joined.order]
        texts = [texts[k] for k in joined.order.tolist()]
        seps = ["\t" * (1 + n) if w else "" if g else " "
                for w, g, n in zip(joined.wide.tolist(), joined.glued.tolist(), joined.skips.tolist(), strict=True)]
        new_row = numpy.zeros(len(order), dtype=numpy.uint8)
        new_row[joined.starts] = 1
        row_of = numpy.cumsum(new_row, dtype=numpy.intp) - 1
        starts = numpy.flatnonzero(new_row)
    lead = joined.skips[joined.starts].tolist() if joined is not None else [0] * len(starts)
    for a, n in zip(starts.tolist(), lead, strict=True):
        seps[a] = "\n" + "\t" * n  # each line's first word: where the page's text splits into lines
    seps[0] = seps[0][1:]
    spaced = [""] * (2 * len(texts))
    spaced[::2], spaced[1::2] = seps, texts
    line_texts = "".join(spaced).split("\n")
    bounds = [*starts.tolist(), len(order)]
    if len(line_texts) != len(starts):  # a word holds a line break: join line by line
        line_texts = [seps[a].lstrip("\n") + "".join(spaced[2 * a + 1 : 2 * b]) for a, b in pairwise(bounds)]
    bold = numpy.array(["bold" in name.lower() for name in words.fontnames], dtype=bool)[words.font[order]]
    bold_rows = set(row_of[bold].tolist())
    tops = words.top[order[starts]].tolist()
    lines = []
    for row, text in enumerate(line_texts):
        if row in bold_rows:
            a, b = bounds[row], bounds[row + 1]
            ranges = _bold_ranges(texts[a:b], [seps[a].lstrip("\n"), *seps[a + 1 : b]], bold[a:b].tolist())
        else:
            ranges = []
        lines.append(_Line(top=tops[row], text=text, bold=ranges))
    return lines


def _line_order(words: pdf_words.Words) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The words in reading order, and where each line starts in it: sorted by rounded top and
    x, a line starts at a word more than 3 points from the top of the line's first word, then
    words are sorted by line and x. The C module does it in one pass where it was built."""
    rounded = numpy.rint(words.top)  # round() of a float also rounds half to even
    module = pdf_chars.compiled
    if module is not None and numpy.all(numpy.abs(rounded) < 2.0**62):  # whole numbers an int64 holds
        order = numpy.empty(len(words), dtype=numpy.int64)
        new_row = numpy.empty(len(words), dtype=numpy.uint8)
        top, x0 = (numpy.ascontiguousarray(a, dtype=numpy.float64) for a in (words.top, words.x0))
        if module.line_rows(top, rounded.astype(numpy.int64), x0, 3.0, order, new_row):
            return order, new_row
    by_top = numpy.lexsort((words.x0, rounded))
    new_row = numpy.zeros(len(by_top), dtype=numpy.uint8)
    first = None
    for i, top in enumerate(words.top[by_top].tolist()):
        if first is None or abs(top - first) > 3:
            new_row[i], first = 1, top
    row_of = numpy.cumsum(new_row, dtype=numpy.intp) - 1
    return by_top[numpy.lexsort((words.x0[by_top], row_of))], new_row  # stable: equal x keeps the top order


def _bold_ranges(texts: list[str], seps: list[str], bold: list[bool]) -> list[tuple[int, int]]:
    """Ranges of bold words in a line; bold words a space apart make one range."""
    ranges: list[tuple[int, int]] = []
    length = 0
    for k, (text, is_bold) in enumerate(zip(texts, bold, strict=True)):
        length += len(seps[k])  # "" before a word glued to the one before it
        if is_bold:
            if k and bold[k - 1] and seps[k] == " " and ranges:
                ranges[-1] = (ranges[-1][0], length + len(text))
            else:
                ranges.append((length, length + len(text)))
        length += len(text)
    return ranges


def _running_key(line: _Line) -> str:
    return _DIGITS.sub("#", line.text.strip().lower())


def _drop_running_lines(pages: list[list[_Line]], edge: int = 2) -> None:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for lines in pages:
            text_lines = [ln for ln in lines if ln.table is None]
            edges = {_running_key(ln) for ln in text_lines[:edge] + text_lines[-edge:]}
            counts.update(k for k in edges if k)
        threshold = max(3, int(0.5 * len(pages)))
        running = {k for k, n in counts.items() if n >= threshold}
    else:
        running = set()
    for lines in pages:
        text_lines = [ln for ln in lines if ln.table is None]
        candidates = text_lines[:edge] + text_lines[-edge:]
        drop = {id(ln) for ln in candidates if _running_key(ln) in running or PAGE_NUMBER.match(ln.text)}
        lines[:] = [ln for ln in lines if id(ln) not in drop]


def _assemble(pages: list[list[_Line]], source: SourceInfo, problems: list[Problem]) -> Document:
    chunks: list[str] = []
    out_pages: list[Page] = []
    tables: list[RawTable] = []
    emphasis: list[tuple[int, int]] = []
    offset = 0
    for number, lines in enumerate(pages, start=1):
        start = offset
        for block in _blocks(lines):
            if block[0].table is not None:
                grid = block[0].table
                text, marks = normalise("\n".join("\t".join(row) for row in grid))
                end = offset + len(text)
                tables.append(
                    RawTable(page=number, rows=grid, start=offset, end=end, bbox=block[0].bbox, source="pdf-ruled")
                )
            else:
                # Normalise a run of lines at once so a bold mark that wraps a line still pairs.
                raw = "\n".join(ln.text for ln in block)
                text, marks = normalise(raw)
                if not marks and text == raw:
                    marks = _font_bold(block)
            emphasis.extend((offset + a, offset + b) for a, b in marks)
            chunks.append(text + "\n")
            offset += len(text) + 1
        out_pages.append(Page(number=number, start=start, end=offset))
    return Document(
        text="".join(chunks), pages=out_pages, source=source, tables=tables, emphasis=emphasis, problems=problems
    )


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Split a page into runs of text lines and single tables."""
    blocks: list[list[_Line]] = []
    for line in lines:
        if line.table is None and blocks and blocks[-1][0].table is None:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _font_bold(block: list[_Line]) -> list[tuple[int, int]]:
    marks: list[tuple[int, int]] = []
    offset = 0
    for line in block:
        marks.extend((offset + a, offset + b) for a, b in line.bold)
        offset += len(line.text) + 1
    return marks
