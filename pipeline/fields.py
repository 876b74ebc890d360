"""Labelled fields of a report's front sheet: "Meeting: / Date: / Title:", "REPORT TO:", "Name:".

Committee papers open with a block of label-value pairs, written one pair a line ("2. Date:
29th November, 2010") or several on a line separated by tabs ("REPORT TO: <tab> HOUSING ... <tab>
AGENDA ITEM: 8"). The labels that matter, and which field each fills, are rule data in
`data/metadata.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline.textlines import Line
from pipeline.upfront import built_up_front

FieldName = Literal["meeting", "date", "title", "contact", "name", "role", "email", "phone", "published"]
Kind = Literal["decision", "minutes", "strategic_assessment", "strategy", "partnership_plan"]


class KindCue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    cues: list[str] = Field(min_length=1)


class MetadataRules(BaseModel):
    """What the metadata stage looks for, validated when loaded."""

    model_config = ConfigDict(extra="forbid")

    version: int
    labels: dict[FieldName, list[str]]
    body_words: list[str] = Field(min_length=1)
    document_words: list[str] = Field(min_length=1)
    kinds: list[KindCue]
    partnership_cues: list[str] = Field(min_length=1)
    generic_partnerships: list[str]
    name_openers: list[str]
    author_openers: list[str] = Field(
        default_factory=list,
        description='a cover line opening so names the author ("Report of the Director"), not the title',
    )
    minutes_pattern: str = Field(description="finds the body of 'Minutes of a meeting of the X held on ...'")

    @field_validator("minutes_pattern")
    @classmethod
    def _has_body(cls, pattern: str) -> str:
        if "body" not in re.compile(pattern).groupindex:
            raise ValueError("minutes_pattern needs a group 'body'")
        return pattern

    @cached_property
    def label_fields(self) -> dict[str, FieldName]:
        """Each label, normalised, and the field it fills (built once: every line of every paper asks)."""
        return {normalise_label(label): name for name, labels in self.labels.items() for label in labels}

    @cached_property
    def longest_label(self) -> int:
        return max(map(len, self.label_fields), default=0)

    def label_field(self, label: str) -> FieldName | None:
        """The field a label fills: "DATE OF MEETING" -> "date"."""
        return self.label_fields.get(normalise_label(label))


@built_up_front
@cache
def rules() -> MetadataRules:
    """The metadata rule data (read and validated once)."""
    text = resources.files("pipeline").joinpath("data", "metadata.json").read_text(encoding="utf-8")
    return MetadataRules.model_validate(json.loads(text))


def normalise_label(label: str) -> str:
    """Case, quotes, dots and the trailing colon of a label do not matter."""
    return " ".join(label.lower().replace("’", "'").strip().rstrip(":?").split())


@dataclass(frozen=True, slots=True)
class LabelledValue:
    """A label and its value as written, with the value's offsets in the document text."""

    field: FieldName
    label: str
    value: str
    start: int
    end: int
    line: int


# "4.", "4.1", "a)", "(ii)": a numbered paragraph's number before a label
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\)|\([a-z0-9]+\))\s+")
# "Label: value" inside one cell; the label is short and has no sentence punctuation
_INLINE = re.compile(r"^(?P<label>[A-Za-z][\w '’()/-]{0,40}?)\s*:\s+(?P<value>\S.*)$")
_LABEL_AFTER_SENTENCE = re.compile(r"[.;]\s+(?P<label>[A-Z][\w '’()/-]{0,40}?)\s*:\s+(?P<value>\S.*)$")


def labelled_values(lines: Iterable[Line]) -> Iterator[LabelledValue]:
    """Every known label with its value on the given lines."""
    r = rules()
    for line in lines:
        if line.blank:
            continue
        text = _without_enumerator(line.text)
        if _may_hold_label(text, r):
            yield from _values_on(line, text, r)


def _may_hold_label(text: str, r: MetadataRules) -> bool:
    """False for a line that holds no label (most lines of a paper), asked before its cells are read."""
    if ":" in text:
        return True
    # without a colon a line holds a label only in its first cell ("Report Author <tab> Will
    # Jack", "CONTACT OFFICER" alone): a row of a table, whose first cell is none, holds none
    first = text.strip().partition("\t")[0].strip()
    return _may_be_label(first, r.longest_label) and r.label_field(first) is not None


def _values_on(line: Line, text: str, r: MetadataRules) -> Iterator[LabelledValue]:
    cells = _cells_with_offsets(text)
    i = 0
    while i < len(cells):
        cell, offset = cells[i]
        if cell.endswith(":") or (len(cells) == 2 and i == 0 and r.label_field(cell)):
            name = r.label_field(cell)
            value, v_offset = cells[i + 1] if i + 1 < len(cells) else ("", len(text))
            if name and value and not (value.endswith(":") and r.label_field(value)):
                yield _labelled(name, cell.rstrip(": "), value, line, v_offset)
                i += 1  # the value cell is used up
            elif name == "contact":
                # "AUTHOR: <tab> Name: ..." or "CONTACT OFFICER" alone: the details follow
                yield _labelled(name, cell.rstrip(": "), "", line, offset + len(cell))
        elif (
            ":" in cell
            and (inline := _INLINE.match(cell))
            and (inline_field := r.label_field(inline.group("label")))
        ):
            value = inline.group("value").strip()
            yield _labelled(inline_field, inline.group("label"), value, line, offset + inline.start("value"))
        elif (
            ":" in cell
            and (later := _LABEL_AFTER_SENTENCE.search(cell))
            and r.label_field(later.group("label")) == "contact"
        ):
            # "Background papers: the Strategy 2005-2008. Report author: Anne Marsh, ...": an author
            # named at the end of a paragraph
            value = later.group("value").strip()
            yield _labelled("contact", later.group("label"), value, line, offset + later.start("value"))
        elif len(cells) == 1 and r.label_field(cell) == "contact":
            yield _labelled("contact", cell, "", line, len(line.text))
        i += 1


def _without_enumerator(text: str) -> str:
    # the enumerator is blanked, so that offsets in the line stay as they are
    first = text[:1]
    if not (first.isspace() or first.isdecimal() or first == "(" or "a" <= first <= "z"):
        return text  # opens with no space and no character an enumerator opens with: most lines
    m = _ENUMERATOR.match(text)  # a match costs less than a substitution
    return " " * m.end() + text[m.end() :] if m else text


def _may_be_label(text: str, longest: int) -> bool:
    # a normalised label keeps every character but spaces and a trailing "?"
    if len(text) <= longest:
        return True
    # in printable text the only space is " " (others are separators or controls): counted at C speed
    spaces = text.count(" ") if text.isprintable() else len(text) - len("".join(text.split()))
    return len(text) - spaces - text.count("?") <= longest


def _labelled(name: FieldName, label: str, value: str, line: Line, offset: int) -> LabelledValue:
    start = line.start + offset
    return LabelledValue(name, label, value, start, start + len(value), line.index)


def _cells_with_offsets(text: str) -> list[tuple[str, int]]:
    cells = []
    start = 0
    for raw in text.split("\t"):
        stripped = raw.strip()
        if stripped:
            cells.append((stripped, start + len(raw) - len(raw.lstrip())))
        start += len(raw) + 1
    return cells
