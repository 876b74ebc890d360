"""Partner-name rules (pipeline/data/partners.json): list cues and name patterns per partner type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline import rule_files
from pipeline.cues import CueMatcher, Cues
from pipeline.needed_words import Word, holds_one, lowered_as_re_reads, needed_words
from pipeline.upfront import built_up_front
from schemas import PartnerType

PARTNERS_FILE = "partners.json"
# Up to five capitalised words (or "&") before the body: "West Mercia", "Hereford & Worcestershire".
# Case-sensitive even though the rest of a pattern is not, so prose words are not swallowed.
PLACE = r"(?-i:(?:(?:[A-Z][\w'’.-]*|&)(?:[ \t]+|[ \t]*\n[ \t]*)){0,5})"
PLACE_WORDS = r"(?-i:[A-Z][\w'’.-]*(?:\s+(?:&\s+)?[A-Z][\w'’.-]*){0,4})"
NameType = PartnerType | Literal["council"]


class TypeRule(BaseModel):
    """Name patterns for one partner type; `council` is a council whose tier the name leaves open."""

    model_config = ConfigDict(extra="forbid")

    type: NameType
    patterns: list[str] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            compile_name(p)
        return patterns


class ListCues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    strong: list[str] = Field(min_length=1)
    weak: list[str] = Field(default_factory=list)


class PartnerRules(BaseModel):
    """The versioned partner rules."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    description: str = ""
    cues: ListCues
    types: list[TypeRule] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A partner name found in a text: where, as written, and its type."""

    start: int
    end: int
    name: str
    type: NameType


def compile_name(pattern: str) -> re.Pattern[str]:
    """A name pattern with its {place} placeholders filled in, matched case-insensitively."""
    # A name may wrap onto the next line of a PDF: a space in a pattern matches any whitespace.
    spaced = pattern.replace(" ", r"\s+")
    return re.compile(spaced.replace("{place_words}", PLACE_WORDS).replace("{place}", PLACE), re.I)


@built_up_front
@lru_cache(maxsize=1)
def partner_rules() -> PartnerRules:
    """The packaged partner rules (validated once)."""
    return rule_files.parse_rules(PartnerRules, rule_files.packaged(PARTNERS_FILE), PARTNERS_FILE)


# A name pattern, the body's part of it after {place} (None when it has none), and the words
# one of which any match holds (empty when none is known).
_NamePattern = tuple[re.Pattern[str], re.Pattern[str] | None, tuple[Word, ...]]


@built_up_front
@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[NameType, tuple[_NamePattern, ...]], ...]:
    return tuple((rule.type, tuple(_name_pattern(p) for p in rule.patterns)) for rule in partner_rules().types)


def _name_pattern(pattern: str) -> _NamePattern:
    # A pattern that opens with {place} may start at any word, and tried at every position it is
    # slow; the body after it ("Police Authority") is quick to look for, and without it there is
    # no match to find.
    body = compile_name(pattern.removeprefix("{place}")) if pattern.startswith("{place}") else None
    compiled = compile_name(pattern)
    return compiled, body, tuple(sorted(needed_words(compiled)))


@built_up_front
@lru_cache(maxsize=1)
def list_cues() -> tuple[CueMatcher, CueMatcher]:
    """Matchers for the strong and the weak cues that introduce a list of partners."""
    cues = partner_rules().cues
    return CueMatcher(Cues(phrases=cues.strong)), CueMatcher(Cues(phrases=cues.weak))


def find_names(text: str, offset: int = 0) -> list[NameMatch]:
    """Every partner name in a text; earlier types claim a stretch of text first."""
    claimed: list[tuple[int, int]] = []
    found: list[NameMatch] = []
    lowered = lowered_as_re_reads(text)
    for type_, patterns in _compiled():
        for pattern, body, needs in patterns:
            # a pattern runs only where a word it needs stands: most lists name few of the kinds
            if needs and not holds_one(text, lowered, needs):
                continue
            if body is not None and body.search(text) is None:
                continue
            for m in pattern.finditer(text):
                start, end = _strip_article(text, m.start(), m.end())
                if start >= end or any(a < end and start < b for a, b in claimed):
                    continue
                claimed.append((start, end))
                found.append(NameMatch(start + offset, end + offset, " ".join(text[start:end].split()), type_))
    return _joined_places(text, sorted(found, key=lambda n: n.start), offset)


# Places joined before one body: "Staffordshire and Stoke-on-Trent Probation Trust",
# "the Dorset, Devon and Cornwall Community Rehabilitation Company". Each joined place is one
# word, and the run opens the item (after a comma, an article or the start of the text).
_JOINED_PLACES = re.compile(
    r"(?-i:(?:^|(?<=, )|(?<=\bthe )|(?<=: )|(?<=\n))((?:[A-Z][\w'’.-]*(?:,[ \t]+|[ \t]+(?:and|&)[ \t]+))+)$)"
)


def _joined_places(text: str, names: list[NameMatch], offset: int) -> list[NameMatch]:
    joined: list[NameMatch] = []
    previous_end = 0
    for n in names:
        start = n.start - offset
        m = _JOINED_PLACES.search(text, previous_end, start) if start > previous_end else None
        if m is not None and text[start : start + 1].isupper() and not text[start:].lower().startswith(("nhs", "the ")):
            first = m.start(1)
            n = NameMatch(first + offset, n.end, " ".join(text[first : n.end - offset].split()), n.type)
        joined.append(n)
        previous_end = n.end - offset
    return joined


def _strip_article(text: str, start: int, end: int) -> tuple[int, int]:
    while text[start:end].lower().startswith(("the ", "and ", "& ")):
        start += text[start:end].index(" ") + 1
    while end > start and text[end - 1] in " \t.-":
        end -= 1
    return start, end
