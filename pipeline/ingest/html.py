"""Web pages (council committee pages, ModernGov) through lxml.

Scripts, styles, navigation and site chrome are dropped; headings, paragraphs and list items
become blocks in reading order, bold and headings become emphasis, data tables become RawTable
grids (layout tables are read as containers). ModernGov fields are labelled (see moderngov.py).
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree
from pydantic import BaseModel, ConfigDict

from pipeline.document import Document
from pipeline.errors import LimitExceeded
from pipeline.ingest.blocks import Block, assemble, cell_text
from pipeline.ingest.moderngov import DATA_DIR, front_sheet, label_fields, main_title, provenance
from pipeline.ingest.normalise import decode_text
from pipeline.ingest.numbering import INDENT
from pipeline.settings import Settings
from pipeline.upfront import built_up_front
from schemas import Problem, SourceInfo

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "body", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl",
    "dt", "dd", "blockquote", "pre", "address", "figure", "figcaption", "table", "tr", "caption", "form", "fieldset",
    "hr", "center", "details", "summary",
})
BOLD_TAGS = frozenset({"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"})
MAX_SPAN = 50  # columns or rows one cell may span
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"\s+")
# Browsers mark a saved page with its address: <!-- saved from url=(0071)https://... -->
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)


class BoilerplateRules(BaseModel):
    """The data file pipeline/data/html_boilerplate.json."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    comment: str = ""
    drop_tags: list[str]
    drop_roles: list[str]
    drop_id_class_pattern: str


@built_up_front
@cache
def boilerplate() -> tuple[BoilerplateRules, re.Pattern[str]]:
    """Load and validate the boilerplate rules once."""
    raw = json.loads((DATA_DIR / "html_boilerplate.json").read_text(encoding="utf-8"))
    rules = BoilerplateRules.model_validate(raw)
    return rules, re.compile(rules.drop_id_class_pattern, re.I)


def _parser() -> lxml.html.HTMLParser:
    # Nesting up to libxml2's "huge" depth is kept (the default cuts at 256); input size is capped by Settings.
    return lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)


def read_html(path: Path, data: bytes, source: SourceInfo, settings: Settings) -> Document:
    """Read a web page into one normalised Document with its provenance and labelled fields."""
    text, problems = _decode(data)
    parser = _parser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return assemble([[]], source, table_source="html", problems=problems)  # nothing readable: load() says empty
    too_deep = any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log)
    saved = _SAVED_FROM.search(text[:2048])
    where = provenance(root, html_unescape(saved.group(1)) if saved else None)
    title = root.findtext(".//title") or ""
    heading = main_title(root) if where.page_kind else None
    _drop_boilerplate(root)
    body = root.find("body")
    blocks = _PageWalker().walk(body if body is not None else root)
    blocks, fields = label_fields(blocks)
    if where.page_kind:
        blocks = front_sheet(blocks, heading)
    extra = [("Page title", _SPACES.sub(" ", title).strip())] if title.strip() else []
    if where.page_kind:
        extra.append(("ModernGov page", where.page_kind))
    if heading and not any(name == "Title" for name, _ in fields):
        extra.append(("Title", heading))
    source = source.model_copy(update={"url": where.url, "ids": where.ids})
    if too_deep:
        if not any(b.text.strip() or b.table for b in blocks):
            raise LimitExceeded(f"{path.name}: the page is nested deeper than the HTML parser's limit")
        problems.append(Problem(code="html.too_deep", message="part of the page is nested too deeply and was not read"))
    return assemble([blocks], source, table_source="html", problems=problems, fields=tuple(extra + fields))


def _decode(data: bytes) -> tuple[str, list[Problem]]:
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"), errors="replace")
            return _XML_DECLARATION.sub("", text), []
        except LookupError:
            pass
    text, note = decode_text(data)
    problems = [Problem(code="text.encoding", message=note)] if note else []
    return _XML_DECLARATION.sub("", text), problems


def _drop_boilerplate(root: Any) -> None:
    rules, pattern = boilerplate()
    doomed = []
    for el in root.iter(tag=etree.Element):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("html", "body", "main", "form"):
            continue
        marks = f"{el.get('id', '')} {el.get('class', '')}"
        if (
            tag in rules.drop_tags
            or (el.get("role") or "").lower() in rules.drop_roles
            or el.get("hidden") is not None
            or (el.get("aria-hidden") or "").lower() == "true"
            or "display:none" in (el.get("style") or "").replace(" ", "").lower()
            or (marks.strip() and pattern.search(marks))
        ):
            doomed.append(el)
    for el in doomed:
        _drop(el)


def _drop(node: Any) -> None:
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    previous = node.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


class _PageWalker:
    """Walks the page once, iteratively (deeply nested pages must not exhaust the stack)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.bold: list[tuple[int, int]] = []
        self.length = 0
        self.bold_depth = 0
        self.bold_start = 0
        self.pre_depth = 0
        self.item = False
        self.indent = ""
        self.term = False
        self.lists: list[list[Any]] = []

    def walk(self, root: Any) -> list[Block]:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if event == "start":
                if tag == "table" and _is_data_table(el):
                    self.flush()
                    self._table(el)
                    walker.skip_subtree()
                    self._text(el.tail)
                    continue
                self._open(tag, el)
                self._text(el.text)
            else:
                if tag == "table" and _is_data_table(el):
                    continue  # already written, tail included, at its start event
                self._close(tag)
                self._text(el.tail)
        self.flush()
        return self.blocks

    def _open(self, tag: str, el: Any) -> None:
        if tag in BLOCK_TAGS:
            self.flush()
        if tag in ("ul", "ol"):
            start = el.get("start", "1")
            self.lists.append([tag, int(start) - 1 if start.isdigit() else 0])
        elif tag == "li":
            self.item = True
            # a nested list is indented, as a text export shows it, so its items read as points
            self.indent = INDENT * (len(self.lists) - 1) if self.lists else ""
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                self._text(f"{self.lists[-1][1]}. ", raw=True)
            else:
                self._text("- ", raw=True)
        elif tag == "dt":
            self.term = True
        elif tag == "br":
            self._text("\n", raw=True)
        elif tag in ("td", "th"):
            self._text("\t", raw=True)
        elif tag == "pre":
            self.pre_depth += 1
        if tag in BOLD_TAGS:
            if self.bold_depth == 0:
                self.bold_start = self.length
            self.bold_depth += 1

    def _close(self, tag: str) -> None:
        if tag in BOLD_TAGS and self.bold_depth:
            self.bold_depth -= 1
            if self.bold_depth == 0 and self.length > self.bold_start:
                self.bold.append((self.bold_start, self.length))
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag in BLOCK_TAGS:
            self.flush()

    def _text(self, text: str | None, raw: bool = False) -> None:
        if not text:
            return
        if not raw and not self.pre_depth:
            text = _SPACES.sub(" ", text)
            if not self.parts or self.parts[-1].endswith((" ", "\n", "\t")):
                text = text.lstrip(" ")
        if text:
            self.parts.append(text)
            self.length += len(text)

    def flush(self) -> None:
        """Close the paragraph being written, if it holds any text."""
        if self.bold_depth and self.length > self.bold_start:
            self.bold.append((self.bold_start, self.length))
        text = "".join(self.parts)
        stripped = text.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        if stripped.strip() and stripped.strip() not in ("-",):
            indent = self.indent if self.item else ""
            shift = len(indent) - lead
            ends = len(stripped)
            marks = [(max(a + shift, len(indent)), min(b, ends) + shift) for a, b in self.bold if a < ends]
            marks = [m for m in marks if m[1] > m[0]]
            group = "list" if self.item else "term" if self.term else None
            self.blocks.append(Block(text=indent + stripped[lead:], bold=marks, group=group))
        self.parts, self.bold, self.length, self.bold_start = [], [], 0, 0
        self.item = self.term = False
        self.indent = ""

    def _table(self, table: Any) -> None:
        caption = table.find("caption")
        if caption is not None and caption.text_content().strip():
            self.blocks.append(Block(text=cell_text(caption.text_content()), bold=[]))
        rows: list[tuple[str, ...]] = []
        below: dict[int, int] = {}  # column -> rows still covered by a cell above (rowspan)
        for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
            cells: list[str] = []
            for cell in tr.xpath("./td | ./th"):
                _skip_covered(cells, below)
                across, down = _span(cell.get("colspan")), _span(cell.get("rowspan"))
                for k in range(across):
                    cells.append("" if k else _cell_content(cell))
                    if down > 1:
                        below[len(cells) - 1] = down - 1
            while any(n > 0 for col, n in below.items() if col >= len(cells)):
                _skip_covered(cells, below, pad=True)
            if any(cells):
                rows.append(tuple(cells))
        if rows:
            width = max(len(r) for r in rows)
            self.blocks.append(Block(table=tuple(r + ("",) * (width - len(r)) for r in rows)))


def _span(value: str | None) -> int:
    """A colspan or rowspan, 1 when absent or unreadable, capped (a huge span is damaged markup)."""
    return min(int(value), MAX_SPAN) if value and value.strip().isdigit() and int(value) > 1 else 1


def _skip_covered(cells: list[str], below: dict[int, int], pad: bool = False) -> None:
    """Leave empty the columns a cell above covers at this point of the row, as Word's merged cells
    read (`pad`: the next covered column, further along the row)."""
    if pad:
        col = min(c for c, n in below.items() if n > 0 and c >= len(cells))
        cells.extend([""] * (col - len(cells)))
    while below.get(len(cells), 0) > 0:
        below[len(cells)] -= 1
        cells.append("")


def _is_data_table(table: Any) -> bool:
    """A grid of data, not a table used to lay the page out."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return False
    if table.xpath(".//table | .//h1 | .//h2 | .//h3 | .//ul | .//ol"):
        return False
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    return any(len(tr.xpath("./td | ./th")) >= 2 for tr in rows)


def _cell_content(cell: Any) -> str:
    # Paragraphs and line breaks inside a cell are word boundaries; the cell stays one line.
    for node in cell.iter():
        if isinstance(node.tag, str) and (node.tag.lower() in BLOCK_TAGS or node.tag.lower() == "br"):
            node.text = " " + (node.text or "")
            node.tail = " " + (node.tail or "")
    return cell_text(cell.text_content())
