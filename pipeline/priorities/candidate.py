"""A priority as found in one place, before repeats are merged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TRAILING = re.compile(r"[\s.;,:]+$|\s+(?:and|or)$", re.I)


@dataclass(slots=True)
class Candidate:
    """A priority as found in one place, before repeats are merged."""

    text: str
    start: int
    end: int
    source: str  # "list", "inline", "heading" or "table"
    group: int  # candidates of one list share a group and are never merged with each other
    description: str | None = None
    scope: str | None = None
    period: str | None = None
    places: list[tuple[int, int]] = field(default_factory=list)


def clean_text(raw: str) -> str:
    """A priority as written: one line, no bold marks, no list punctuation at its end."""
    text = " ".join(raw.split()).strip("*").strip()
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING.sub("", text)
    return text
