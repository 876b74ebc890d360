"""The statutory checklist: elements, their legal source, dates in force and cue wording.

The rules live in pipeline/data/statutory.json and are validated when loaded; a broken file
is a `data.invalid` error naming the file, never a half-loaded checklist.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipeline import rule_files
from pipeline.cues import CueMatcher, Cues
from pipeline.upfront import built_up_front
from schemas import PartnerType

CHECKLIST_FILE = "statutory.json"


class Member(BaseModel):
    """A partner type the law names as a responsible authority, and when."""

    model_config = ConfigDict(extra="forbid")

    type: PartnerType
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None

    def member_on(self, date: dt.date) -> bool:
        return self.from_ <= date and (self.to is None or date <= self.to)


class Element(Cues):
    """One statutory element: what it is, where it comes from, when it applies, what shows it."""

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    title: str
    summary: str
    source: str
    in_force_from: dt.date
    in_force_to: dt.date | None = None
    findings: Literal["priorities", "targets", "partners", "funding", "tables"] | None = Field(
        None, description="a field of the extraction whose items also show the element"
    )
    findings_only: bool = Field(False, description="only those findings show it, not wording alone")
    members: list[Member] = Field(default_factory=list, description="partner types expected in the list")

    @model_validator(mode="after")
    def _has_a_cue(self) -> Element:
        if self.findings_only and not self.findings:
            raise ValueError(f"{self.id}: findings_only needs findings")
        if not (self.phrases or self.patterns or self.near or self.fuzzy or self.findings):
            raise ValueError(f"{self.id}: no wording and no findings would ever show it")
        if self.in_force_to and self.in_force_to < self.in_force_from:
            raise ValueError(f"{self.id}: in force to {self.in_force_to} before from {self.in_force_from}")
        return self

    def in_force_on(self, date: dt.date) -> bool:
        """True when the duty applied on a date."""
        return self.in_force_from <= date and (self.in_force_to is None or date <= self.in_force_to)


class Checklist(BaseModel):
    """The versioned list of elements."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    description: str = ""
    elements: list[Element] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Checklist:
        ids = [e.id for e in self.elements]
        if len(set(ids)) != len(ids):
            raise ValueError("element ids repeat")
        return self


def parse_checklist(text: str, name: str = CHECKLIST_FILE) -> Checklist:
    """Validate checklist JSON; errors name the file and the field."""
    return rule_files.parse_rules(Checklist, text, name)


@built_up_front
@lru_cache(maxsize=1)
def checklist() -> Checklist:
    """The packaged checklist (loaded and validated once)."""
    return parse_checklist(rule_files.packaged(CHECKLIST_FILE))


@built_up_front
@lru_cache(maxsize=1)
def matcher() -> CueMatcher:
    """One compiled matcher for every element of the packaged checklist, keyed by element id."""
    elements = checklist().elements
    return CueMatcher({e.id: e.model_copy(update={"patterns": list(map(_across_lines, e.patterns))}) for e in elements})


# Wording wraps onto the next line wherever a paper's lines end ("reviewed each / year"): the
# parse keeps the line break as a token of its own, which a token pattern may step over.
_LINE_BREAK: dict[str, Any] = {"IS_SPACE": True, "OP": "?"}


def _across_lines(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for token in pattern:
        if out:
            out.append(_LINE_BREAK)
        out.append(token)
    return out
