"""The document text as lines with their offsets, ranges of it, and the casing of upper-case text."""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

# Words kept lower case inside a title ("Overview and Scrutiny Management Committee").
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "per",
        "the",
        "to",
        "under",
        "upon",
        "via",
        "with",
        "within",
    ]
)
# Capitals without vowels are acronyms ("CSP", "CDRP"); these few have vowels.
ACRONYMS = frozenset(
    [
        "ASB",
        "CCTV",
        "DAAT",
        "IOM",
        "LAA",
        "LAAs",
        "LSP",
        "MARAC",
        "NHS",
        "NI",
        "PACT",
        "PCC",
        "PPO",
        "SARA",
        "UK",
        "VAWG",
        "YOS",
    ]
)
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_CAPITALS = string.ascii_uppercase.encode()
_ACRONYM = re.compile(r"^(?:[B-DF-HJ-NP-TV-XZ]{2,6}s?|[IVX]{2,4})$")


@dataclass(slots=True)
class Line:
    """One line of the document text: its offsets and its text without the line break.

    Not frozen: a frozen dataclass sets each field through `object.__setattr__`, which doubles
    the cost of making one, and one is made for every line of every paper. Nothing changes a Line.
    """

    index: int
    start: int
    end: int
    text: str
    # spaces only (`not text.strip()`): worked out once, where the line is split off, as the
    # stages ask it of every line several times over
    blank: bool

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def cells(self) -> list[str]:
        """Tab-separated cells, as tables and key-value blocks are written; empty cells dropped."""
        return [cell for raw in self.text.split("\t") if (cell := raw.strip())]


class Ranges:
    """Ranges of the text (start, end), asked whether an offset lies inside one of them."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        # joined where they overlap or touch, so one bisection answers
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(r for r in ranges if r[1] > r[0]):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def split_lines(text: str) -> list[Line]:
    """Every line of a text with its character range (end excludes the line break)."""
    lines: list[Line] = []
    start = 0
    for i, chunk in enumerate(text.split("\n")):
        end = start + len(chunk)
        # blank: `not chunk.strip()` without copying the line (isspace stops at its first letter)
        lines.append(Line(i, start, end, chunk, not chunk or chunk.isspace()))
        start = end + 1
    return lines


def is_upper(text: str) -> bool:
    """True when the letters of a text are (almost) all capitals: "RESOURCE IMPLICATIONS"."""
    if text.isascii():
        # the same counts, with the letters and the capitals deleted at C speed
        raw = text.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        capitals = len(raw) - len(raw.translate(None, _ASCII_CAPITALS))
    else:
        alphabetic = "".join(filter(str.isalpha, text))
        letters, capitals = len(alphabetic), sum(map(str.isupper, alphabetic))
    return letters >= 3 and capitals >= 0.9 * letters


def title_case(text: str) -> str:
    """Upper-case text in title case, small words lower and acronyms kept: "PLAN 2009 TO 2011"."""
    if not is_upper(text):
        return text
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        bare = word.strip("()[]'\",:;")
        if _ACRONYM.match(bare) or bare in ACRONYMS:
            out.append(word)
        elif i > 0 and bare.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def name_case(text: str) -> str:
    """A person's name in upper case written as names are: "CHRIS SMITH" -> "Chris Smith"."""
    if not is_upper(text):
        return text

    def cap(part: str) -> str:
        part = part.lower()
        if part.startswith("mc") and len(part) > 2:
            return "Mc" + part[2:].capitalize()
        return part.capitalize()

    return " ".join("-".join("'".join(cap(p) for p in w.split("'")) for w in word.split("-")) for word in text.split())
