"""Word (.docx) papers through python-docx: paragraphs and tables in document order.

Numbered and bulleted paragraphs are written as list items with their number ("5.", "a)") or
"- ", as a text export writes them; bold runs become emphasis; tables are written one row a
line, cells joined by tabs. Word has no fixed pages: explicit page breaks start a new page.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pipeline.document import Document
from pipeline.errors import CorruptDocument, LimitExceeded
from pipeline.ingest.blocks import Block, assemble, cell_text
from pipeline.ingest.guards import check_zip
from pipeline.ingest.numbering import ListNumbering
from pipeline.settings import Settings
from schemas import SourceInfo

_P, _TBL, _R, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR, _TYPE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:type")
_HYPHEN = qn("w:noBreakHyphen")
_TEXT_BOX = qn("w:txbxContent")
_STRUCK = frozenset({qn("w:del"), qn("w:moveFrom")})
_PAGE_BREAK = "\f"
MAX_COLUMNS = 64  # a merged cell claiming more columns than this is damaged or hostile
# Elements that wrap body paragraphs and tables without being content themselves.
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:smartTag")})
# Word writes a drawing twice (new and legacy form); read only the new one.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path: Path, data: bytes, source: SourceInfo, settings: Settings) -> Document:
    """Read a Word document into one normalised Document."""
    check_zip(path, data, settings)
    try:
        word = open_docx(BytesIO(data))
        body = word.element.body
    except Exception as e:  # python-docx raises KeyError, lxml and zip errors on damaged files
        raise CorruptDocument(f"{path.name}: the Word document cannot be opened ({type(e).__name__})") from e
    try:
        reader = _BodyReader(word, ListNumbering.from_document(word))
        for child in _block_items(body):
            if child.tag == _P:
                reader.paragraph(child)
            else:
                reader.table(child)
            if len(reader.pages) > settings.max_pages:
                raise LimitExceeded(f"{path.name}: over {settings.max_pages} pages (explicit page breaks)")
    except (ValueError, KeyError, TypeError, AttributeError) as e:  # python-docx parses attributes lazily
        raise CorruptDocument(f"{path.name}: the Word document has invalid markup ({type(e).__name__})") from e
    return assemble(reader.pages, source, table_source="docx")


def _block_items(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, including those inside content controls (w:sdt)."""
    stack = [iter(parent.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            stack.append(iter(child.iterchildren()))


class _BodyReader:
    """Collects the body's blocks page by page."""

    def __init__(self, word: Any, numbering: ListNumbering) -> None:
        self.word = word
        self.numbering = numbering
        self.pages: list[list[Block]] = [[]]
        self.style_bold: dict[str | None, bool] = {}

    def paragraph(self, p: Any) -> None:
        para = Paragraph(p, self.word.part)
        if p.pPr is not None and p.pPr.find(qn("w:pageBreakBefore")) is not None and self.pages[-1]:
            self.pages.append([])
        # A text box (a cover's meeting details, a call-out) holds paragraphs of its own: they are
        # read as paragraphs where the box is anchored, not run into the anchoring paragraph.
        for box in _text_boxes(p):
            for child in _block_items(box):
                if child.tag == _P:
                    self.paragraph(child)
                else:
                    self.table(child)
        text, bold = _runs_text(para, self._style_bold(para))
        label = self.numbering.label(para)
        if label:
            label = self.numbering.indent(para) + label
            text = f"{label} {text}"
            bold = [(a + len(label) + 1, b + len(label) + 1) for a, b in bold]
        # A page break inside a paragraph splits it between two pages.
        pieces = text.split(_PAGE_BREAK)
        offset = 0
        for i, piece in enumerate(pieces):
            if i:
                self.pages.append([])
            end = offset + len(piece)
            marks = [(max(a, offset) - offset, min(b, end) - offset) for a, b in bold if a < end and b > offset]
            if piece.strip():
                self.pages[-1].append(Block(text=piece, bold=marks, group="list" if label else None))
            offset = end + 1

    def _style_bold(self, para: Paragraph) -> bool:
        style_id = para._p.style
        if style_id not in self.style_bold:
            self.style_bold[style_id] = _style_chain_bold(para)
        return self.style_bold[style_id]

    def table(self, tbl: Any) -> None:
        rows: list[tuple[str, ...]] = []
        for tr in tbl.iterchildren(_TR):
            cells: list[str] = []
            for tc in tr.iterchildren(_TC):
                span = min(int(tc.tcPr.grid_span), MAX_COLUMNS) if tc.tcPr is not None else 1
                merged_down = tc.tcPr is not None and tc.tcPr.vMerge == "continue"
                text = "" if merged_down else cell_text(" ".join(self._cell_paragraphs(tc)))
                cells.extend([text] + [""] * (span - 1))
            if any(cells):
                rows.append(tuple(cells))
        if rows:
            width = max(len(r) for r in rows)
            self.pages[-1].append(Block(table=tuple(r + ("",) * (width - len(r)) for r in rows)))

    def _cell_paragraphs(self, tc: Any) -> list[str]:
        texts = []
        for p in tc.iter(_P):
            if _in_fallback(p, tc):
                continue
            para = Paragraph(p, self.word.part)
            text, _ = _runs_text(para, False)
            label = self.numbering.label(para)
            texts.append(f"{label} {text}" if label else text)
        return [t.replace(_PAGE_BREAK, " ") for t in texts]


def _runs_text(para: Paragraph, style_bold: bool) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph's text (tabs, line and page breaks kept) and its bold ranges."""
    parts: list[str] = []
    bold: list[tuple[int, int]] = []
    length = 0
    for r in para._p.iter(_R):
        if r.getparent() is not None and r.getparent().tag in _STRUCK:
            continue  # tracked deletions, and the old place of tracked moved text (its new place is read)
        if _in_fallback(r, para._p, (_FALLBACK, _TEXT_BOX)):
            continue  # the legacy copy of a drawing, or a text box's own paragraphs
        run_text = []
        for child in r.iterchildren():
            if child.tag == _T:
                run_text.append(child.text or "")
            elif child.tag == _TAB:
                run_text.append("\t")
            elif child.tag == _BR:
                run_text.append(_PAGE_BREAK if child.get(_TYPE) == "page" else "\n")
            elif child.tag == _CR:
                run_text.append("\n")
            elif child.tag == _HYPHEN:
                run_text.append("-")
        text = "".join(run_text)
        if not text:
            continue
        if _run_bold(r, style_bold):
            bold.append((length, length + len(text)))
        parts.append(text)
        length += len(text)
    return "".join(parts), bold


def _in_fallback(node: Any, top: Any, tags: tuple[str, ...] = (_FALLBACK,)) -> bool:
    """Whether an element below `top` sits inside one of `tags` (by default a drawing's legacy copy)."""
    for ancestor in node.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag in tags:
            return True
    return False


def _text_boxes(p: Any) -> list[Any]:
    """The text boxes anchored in a paragraph (outermost only, their legacy copies left out)."""
    return [box for box in p.iter(_TEXT_BOX) if not _in_fallback(box, p, (_FALLBACK, _TEXT_BOX))]


def _run_bold(r: Any, style_bold: bool) -> bool:
    rpr = r.rPr
    if rpr is not None and rpr.b is not None:
        return rpr.b.val is not False
    return style_bold


def _style_chain_bold(para: Paragraph) -> bool:
    style = para.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False
