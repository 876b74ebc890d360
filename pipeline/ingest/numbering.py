"""Word list numbering: the label ("3.", "2.1", "a)", "- ") Word draws before a numbered paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

BULLET = "-"
_VAL = qn("w:val")


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass(slots=True)
class ListNumbering:
    """Level definitions per list (numId) and the running counters of each list."""

    levels: dict[str, dict[int, _Level]]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    by_style: dict[str | None, tuple[str | None, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, word: Any) -> ListNumbering:
        """Read numbering.xml; a document without one numbers nothing."""
        try:
            numbering = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls(levels={})
        abstract: dict[str, dict[int, _Level]] = {}
        for an in numbering.iterchildren(qn("w:abstractNum")):
            abstract[an.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")): _Level(
                    fmt=_child_val(lvl, "w:numFmt", "decimal"),
                    text=_child_val(lvl, "w:lvlText", ""),
                    start=_int(_child_val(lvl, "w:start", "1"), 1),
                )
                for lvl in an.iterchildren(qn("w:lvl"))
            }
        levels = {}
        for num in numbering.iterchildren(qn("w:num")):
            ref = _child_val(num, "w:abstractNumId", "")
            levels[num.get(qn("w:numId"))] = abstract.get(ref, {})
        return cls(levels=levels)

    def label(self, para: Paragraph) -> str:
        """The list label of a paragraph, or "" for an ordinary paragraph; advances the counters."""
        num_id, ilvl = _direct_num_props(para)
        if num_id is None:
            style_id = para._p.style
            if style_id not in self.by_style:  # style chains are long to walk; a document has few styles
                self.by_style[style_id] = _style_num_props(para)
            num_id, ilvl = self.by_style[style_id]
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        defs = self.levels[num_id]
        level = defs.get(ilvl)
        if level is None:
            return BULLET
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return BULLET
        if level.fmt == "none":
            return ""
        text = level.text or f"%{ilvl + 1}."
        for n in range(1, 10):
            token = f"%{n}"
            if token in text:
                lvl_def = defs.get(n - 1, level)
                value = counters.get(n - 1, lvl_def.start)
                text = text.replace(token, _format(value, lvl_def.fmt))
        return text.strip() or BULLET


def _direct_num_props(para: Paragraph) -> tuple[str | None, int]:
    return _read_num_pr(para._p.pPr)


def _style_num_props(para: Paragraph) -> tuple[str | None, int]:
    """numId and level from the paragraph's style chain (e.g. "List Number", numbered headings)."""
    style = para.style
    while style is not None:
        num_id, ilvl = _read_num_pr(style.element.pPr)
        if num_id is not None:
            return num_id, ilvl
        style = style.base_style
    return None, 0


def _read_num_pr(ppr: Any) -> tuple[str | None, int]:
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is None:
        return None, 0
    return _child_val(num_pr, "w:numId", None), _int(_child_val(num_pr, "w:ilvl", "0"), 0)


def _child_val(el: Any, tag: str, default: Any) -> Any:
    child = el.find(qn(tag))
    return child.get(_VAL, default) if child is not None else default


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)
