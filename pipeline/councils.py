"""Local authority names: from "ROTHERHAM BOROUGH COUNCIL" to the canonical short name "Rotherham".

The list of English and Welsh authorities lives in `data/authorities.json`; the council-type
words that are stripped ("Metropolitan Borough Council", "London Borough of" ...) live in
`data/council_types.json`. A name that is not on the list is still returned, cleaned, so that a
council created after the list was written is not lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from pipeline.upfront import built_up_front

# A misspelt name ("Rochfrod") still matches when this similar (rapidfuzz ratio, 0-100).
FUZZY_CUTOFF = 85
FUZZY_MIN_LENGTH = 7

AuthorityType = Literal["county", "district", "unitary", "metropolitan", "london", "welsh"]


class Authority(BaseModel):
    """One principal council."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=2)
    type: AuthorityType
    aliases: tuple[str, ...] = ()


class AuthorityList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    about: str = ""
    authorities: list[Authority] = Field(min_length=1)


class CouncilTypes(BaseModel):
    """Words that say what kind of council a name is, not which one."""

    model_config = ConfigDict(extra="forbid")

    version: int
    suffixes: list[str] = Field(min_length=1, description='e.g. "Metropolitan Borough Council"')
    prefixes: list[str] = Field(default_factory=list, description='e.g. "London Borough of"')


def _load(name: str) -> str:
    return resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")


@built_up_front
@cache
def authorities() -> tuple[Authority, ...]:
    """Every authority on the list (validated when first read)."""
    return tuple(AuthorityList.model_validate(json.loads(_load("authorities.json"))).authorities)


@built_up_front
@cache
def council_types() -> CouncilTypes:
    return CouncilTypes.model_validate(json.loads(_load("council_types.json")))


_NOT_LETTERS = re.compile(r"[^a-z]+")


def _key(name: str) -> str:
    """Comparison key: case, '&', 'St.', hyphens and spaces do not matter."""
    name = name.lower().replace("&", " and ").replace("st.", "st ")
    return _NOT_LETTERS.sub("", name)


@built_up_front
@cache
def _by_key() -> dict[str, Authority]:
    table: dict[str, Authority] = {}
    for authority in authorities():
        for name in (authority.name, *authority.aliases):
            table.setdefault(_key(name), authority)
    return table


@built_up_front
@cache
def _council_phrase() -> re.Pattern[str]:
    types = council_types()
    word = r"[A-Z][\w'’.-]*"
    joiner = r"(?:\s+|\s*-\s*|\s+(?i:and|&|upon|on|in|of|with|le|under)\s+)"
    name = rf"{word}(?:{joiner}{word}){{0,4}}"
    suffix = "|".join(re.escape(s) for s in sorted(types.suffixes, key=len, reverse=True))
    prefix = "|".join(re.escape(p) for p in sorted(types.prefixes, key=len, reverse=True))
    return re.compile(rf"(?:\b(?i:{prefix})\s+(?P<pre>{name})|\b(?P<name>{name}?)\s+(?P<suffix>(?i:{suffix})))\b")


def canonical(name: str) -> str | None:
    """The canonical short name of a council written any common way, or None if it is no council name."""
    cleaned = strip_council_type(name)
    if not cleaned:
        return None
    found = _by_key().get(_key(cleaned))
    if found:
        return found.name
    key = _key(cleaned)
    if len(key) < FUZZY_MIN_LENGTH:
        return None  # a short name one letter off is another place ("Bury", "BurY"...)
    best = process.extractOne(key, list(_by_key()), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return _by_key()[best[0]].name if best else None


def strip_council_type(name: str) -> str:
    """'ROTHERHAM METROPOLITAN BOROUGH COUNCIL' -> 'Rotherham'; keeps the place, in title case."""
    text = " ".join(name.split()).strip(" -–—,.")
    types = council_types()
    for prefix in sorted(types.prefixes, key=len, reverse=True):
        if text.lower().startswith(prefix.lower() + " "):
            text = text[len(prefix) :].strip()
    for suffix in sorted(types.suffixes, key=len, reverse=True):
        if text.lower().endswith(" " + suffix.lower()):
            text = text[: -len(suffix)].strip()
    if text.isupper():
        text = " ".join(w if w in {"and", "upon", "on", "of"} else w.capitalize() for w in text.lower().split())
    return text.strip(" -–—,.")


@dataclass(frozen=True, slots=True)
class CouncilMention:
    """A council named in the text, e.g. "Rochford District Council"."""

    name: str
    known: bool
    start: int
    end: int


def find_council_mentions(text: str) -> Iterator[CouncilMention]:
    """Every "<Place> <type> Council" / "London Borough of <Place>" in a text."""
    pattern, pos = _council_phrase(), 0
    while m := pattern.search(text, pos):
        pos = m.end()
        if m.group("pre"):
            # "London Borough of Tower Hamlets and ..." reads forwards: the longest known name
            words = m.group("pre").split()
            for i in range(len(words), 0, -1):
                found = canonical(" ".join(words[:i]))
                if found:
                    pos = m.start("pre") + len(" ".join(words[:i]))
                    yield CouncilMention(found, True, m.start(), pos)
                    break
            else:
                yield CouncilMention(strip_council_type(m.group("pre")), False, m.start(), m.end())
            continue
        # "the Safer Rotherham Borough Council" reads backwards
        found = next((c for c in map(canonical, _trailing_names(m.group("name"))) if c), None)
        if found:
            yield CouncilMention(found, True, m.start(), m.end())
        elif " " in m.group("suffix").strip():
            # an unlisted place is kept only where a council type says it is a council
            yield CouncilMention(strip_council_type(m.group("name")), False, m.start(), m.end())


def _trailing_names(raw: str) -> Iterator[str]:
    """'the Safer Rotherham' -> 'the Safer Rotherham', 'Safer Rotherham', 'Rotherham' (longest first)."""
    words = raw.split()
    for i in range(len(words)):
        yield " ".join(words[i:])


@built_up_front
@cache
def _place_pattern() -> re.Pattern[str]:
    names = sorted({n for a in authorities() for n in (a.name, *a.aliases)}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def find_places(text: str) -> Iterator[tuple[str, int, int]]:
    """Authority names written in a text (case as written), longest name first at each place."""
    for m in _place_pattern().finditer(text):
        found = canonical(m.group(1))
        if found:
            yield found, m.start(), m.end()


def from_domain(domain: str) -> str | None:
    """'southampton.gov.uk' -> 'Southampton' (the first label of a council web or mail domain)."""
    label = domain.lower().split(".")[0]
    found = _by_key().get(_NOT_LETTERS.sub("", label))
    return found.name if found else None
