"""Word list numbering: the label ("3.", "2.1", "a)", "- ") Word draws before a numbered paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

BULLET = "-"
INDENT = "    "  # a nested list level, as a text export indents it
_VAL = qn("w:val")


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass(slots=True)
class ListNumbering:
    """Level definitions per list (numId) and the running counters of each list.

    Word counts per list definition (abstractNum): list instances (numIds) that share one go on
    counting where the last stopped ("4." after a pasted list), unless an instance restarts a
    level (w:lvlOverride/w:startOverride) where it is first used.
    """

    levels: dict[str, dict[int, _Level]]
    definition: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level -> start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # per abstractNumId
    begun: set[str] = field(default_factory=set)
    by_style: dict[str | None, tuple[str | None, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, word: Any) -> ListNumbering:
        """Read numbering.xml; a document without one numbers nothing."""
        try:
            numbering = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls(levels={})
        abstract: dict[str, dict[int, _Level]] = {}
        styled: dict[str, str] = {}  # a list style's name -> the definition that holds its levels
        linked: dict[str, str] = {}  # a definition that only points at a list style -> that style
        for an in numbering.iterchildren(qn("w:abstractNum")):
            aid = an.get(qn("w:abstractNumId"))
            abstract[aid] = {int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in an.iterchildren(qn("w:lvl"))}
            if (name := _child_val(an, "w:styleLink", None)) is not None:
                styled[name] = aid
            if (name := _child_val(an, "w:numStyleLink", None)) is not None:
                linked[aid] = name
        for aid, name in linked.items():  # Word's list styles: the levels live in the style's definition
            if not abstract[aid] and styled.get(name) in abstract:
                abstract[aid] = abstract[styled[name]]
        numbering_out = cls(levels={})
        for num in numbering.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = _child_val(num, "w:abstractNumId", "")
            numbering_out.levels[num_id] = abstract.get(ref, {})
            numbering_out.definition[num_id] = ref
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = _child_val(override, "w:startOverride", None)
                if start is not None:
                    ilvl = _int(override.get(qn("w:ilvl"), "0"), 0)
                    numbering_out.restarts.setdefault(num_id, {})[ilvl] = _int(start, 1)
        return numbering_out

    def label(self, para: Paragraph) -> str:
        """The list label of a paragraph, or "" for an ordinary paragraph; advances the counters."""
        num_id, ilvl = self.props(para)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        defs = self.levels[num_id]
        level = defs.get(ilvl)
        if level is None:
            return BULLET
        counters = self.counters.setdefault(self.definition.get(num_id, num_id), {})
        if num_id not in self.begun:
            self.begun.add(num_id)
            for at, start in self.restarts.get(num_id, {}).items():
                counters[at] = start - 1
                for deeper in [k for k in counters if k > at]:
                    del counters[deeper]
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

    def props(self, para: Paragraph) -> tuple[str | None, int]:
        """The list instance (numId) and level of a paragraph, set on it or by its style."""
        num_id, ilvl = _direct_num_props(para)
        if num_id is None:
            style_id = para._p.style
            if style_id not in self.by_style:  # style chains are long to walk; a document has few styles
                self.by_style[style_id] = _style_num_props(para)
            num_id, ilvl = self.by_style[style_id]
        return num_id, ilvl

    def indent(self, para: Paragraph) -> str:
        """The indentation a text export shows before a nested item: one step a level, unless its
        label already shows its depth by carrying the numbers above it ("2.1", "3.2.1")."""
        num_id, ilvl = self.props(para)
        level = self.levels.get(num_id or "", {}).get(ilvl)
        if not ilvl or level is None or level.fmt == "none" or f"%{ilvl}" in level.text:
            return ""
        return INDENT * ilvl


def _level(lvl: Any) -> _Level:
    return _Level(
        fmt=_child_val(lvl, "w:numFmt", "decimal"),
        text=_child_val(lvl, "w:lvlText", ""),
        start=_int(_child_val(lvl, "w:start", "1"), 1),
    )


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
