"""The document as lines with list markers, and the rules that join a wrapped line to its item.

Text exports write one paragraph a line; PDF text wraps paragraphs and list items over
several lines with no blank line between them. Both are read alike here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from pipeline import textlines

if TYPE_CHECKING:
    from pipeline.parsed import Parsed

# "- ", "• ", "1. ", "1) ", "(1) ", "(ii) ", "iv. ", "a) ", "(b) "
_BULLETS = "-•●▪■□◦*–·o»>✓✔➢➤◆◇\uf0a7\uf0b7\uf0d8\uf076\uf0fc"  # the last are Symbol-font bullets of PDFs
_MARKER = re.compile(
    rf"^[ \t]*(?:(?P<bullet>[{re.escape(_BULLETS)}])|\(?(?P<number>\d{{1,2}})[.)]|\(?(?P<roman>[ivx]{{1,5}})[.)]"
    r"|\((?P<letter>[a-h])\)|(?P<letter2>[a-h])[.)])[ \t]+(?=\S)",
    re.I,
)
# "3.6 The current plan ...": a paragraph number, not a list item
PARAGRAPH_START = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s")
UNFINISHED = re.compile(r"(?:\b(?:and|or|of|by|the|to|in|for|with|a|an|on|at|from|its|their|our)|[,\-–(&/])$", re.I)
_TERMINAL = re.compile(r"[.!?;:]['\")]?$")
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
    "xi": 11,
    "xii": 12,
}


class Line(NamedTuple):
    """A line of the document text with its list marker and where its content begins.

    A tuple, its flags read once: one is made for every line of a paper, and the rules look at
    each line many times.
    """

    number: int  # of the line in the text, from 0 (a tuple's `index` is a method)
    start: int
    end: int
    text: str  # without the line break
    body_start: int  # offset of the content after any list marker
    style: str | None  # "bullet", "number", "roman", "letter" or None
    ordinal: int | None  # 1 for "1.", "i)", "(a)"
    blank: bool  # spaces only
    is_item: bool  # a marked list line whose content is not a numbered paragraph of the paper
    is_table_row: bool  # cells joined by tabs

    @property
    def body(self) -> str:
        return self.text[self.body_start - self.start :].strip()


def split_lines(text: str) -> list[Line]:
    """The text's lines with their offsets and list markers."""
    return marked(textlines.split_lines(text))


def marked(lines: Iterable[textlines.Line]) -> list[Line]:
    """Lines with their list markers read."""
    out: list[Line] = []
    for line in lines:
        text = line.text
        stripped = text.strip()
        # a marker stands before a word: a blank line has none
        found = _MARKER.match(text) if stripped else None
        if found is None:
            style, ordinal, body_start, is_item = None, None, len(text) - len(text.lstrip()), False
        else:
            style, ordinal = _marker(found)
            body_start = found.end()
            is_item = not PARAGRAPH_START.match(text[body_start:].strip())
        fields = (line.index, line.start, line.end, text, line.start + body_start, style, ordinal)
        # a tab after a list marker ("(2)<tab>That the ...") is how a word processor numbers a
        # paragraph: only tabs between the words make a table row
        in_table = "\t" in stripped and (found is None or "\t" in text[body_start:].strip())
        # made as the tuple it is: a NamedTuple's __new__ is a Python function, run for every line
        out.append(_new_line(Line, (*fields, not stripped, is_item, in_table)))
    return out


_new_line = tuple.__new__


# Where a parse keeps its marked lines (spaCy's own per-Doc dict for derived data).
_LINES_KEY = "councilplans.list_lines"


def document_lines(parsed: Parsed) -> list[Line]:
    """The parse's lines (`Parsed.lines`) with their list markers, read once per parse: the
    priorities and targets stages both read them."""
    kept: tuple[Line, ...] | None = parsed.doc.user_data.get(_LINES_KEY)
    if kept is None:
        kept = parsed.doc.user_data[_LINES_KEY] = tuple(marked(parsed.lines))
    return list(kept)


def _marker(found: re.Match[str]) -> tuple[str, int | None]:
    """The style and ordinal of a list marker."""
    if found.group("bullet"):
        return "bullet", None
    if found.group("number"):
        return "number", int(found.group("number"))
    if found.group("roman"):
        return "roman", _ROMAN.get(found.group("roman").lower())
    letter = (found.group("letter") or found.group("letter2")).lower()
    return "letter", ord(letter) - ord("a") + 1


def wrap_width(lines: list[Line]) -> int:
    """The length a wrapped paragraph line reaches (a high percentile of prose line lengths)."""
    lengths = []
    for line in lines:
        # a line of six words or more, not of a table (split drops the spaces around a line itself)
        if not line.is_table_row and len(line.text.split(None, 5)) == 6:
            lengths.append(len(line.text.strip()))
    lengths.sort()
    if not lengths:
        return 10**6
    return lengths[int(len(lengths) * 0.9) - 1 if len(lengths) >= 10 else -1]


def continues(previous: str, line: Line, width: int) -> bool:
    """True when an unmarked line carries on the item or paragraph of the line before it."""
    text = line.text.strip()
    if not text or line.style is not None or line.is_table_row or PARAGRAPH_START.match(text):
        return False
    before = previous.strip()
    if UNFINISHED.search(before):
        return True
    if text[0].islower() or text[0] in "(&":
        return True
    # a line that reaches the wrap width was cut by the page, not ended by the writer
    return (len(before) >= 0.8 * width and not _TERMINAL.search(before)) or len(before) >= 0.9 * width
