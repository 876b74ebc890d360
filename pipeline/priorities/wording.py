"""What of a priority's wording tells whether two wordings are one priority.

Two wordings are the same priority when their words agree once list marks, "Priority N:"
labels, dates and years are set aside, and their percentages and years do not disagree
("by 10% during 2010/2011" is not "by 2% during 2011/2012").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz

from pipeline.dates import find_periods

SAME_PRIORITY = 88  # rapidfuzz score (0-100) above which two wordings are one priority
_LABEL = re.compile(
    r"^\s*(?:[\w ]{0,25}\s)?priority\s+\(?(?:\d{1,2}|[ivx]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)\)?"
    r"\s*[:.–\-]\s*",
    re.I,
)
# The look at the first letter gives the same matches; the regex engine skips most positions at once.
_DEADLINE = re.compile(
    r"\b(?=[bdifou])(?:by|during|in|for|over|before|until)\s+(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:(?:[a-z]+\s+)?(?:19|20)\d\d(?:\s*[/\-]\s*(?:19|20)?\d\d)?)",
    re.I,
)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)", re.I)
_FILLER_WORDS = frozenset(["the", "number", "of", "a", "an"])
_FILLER = re.compile(rf"\b(?:{'|'.join(sorted(_FILLER_WORDS))})\b")
_ALPHANUMERIC = re.compile(r"[a-z0-9%]+")


def comparable(text: str) -> str:
    """The words of a priority that identify it (no label, dates, punctuation or fillers)."""
    return _words(_DEADLINE.sub(" ", _unlabelled(text).lower()))


def _unlabelled(text: str) -> str:
    label = _LABEL.match(text)
    return text[label.end() :] if label else text


def _words(text: str) -> str:
    """The letters, digits and percent signs of a lower-case text, filler words dropped."""
    words: list[str] = []
    for word in _ALPHANUMERIC.findall(text):
        if "%" in word:
            words += _FILLER.sub(" ", word).split()  # "%" is no word character: "a%" loses its "a"
        elif word not in _FILLER_WORDS:
            words.append(word)
    return " ".join(words)


def _percents(text: str) -> set[str]:
    return {m.group(1) for m in _PERCENT.finditer(text)}


def _years(text: str) -> set[tuple[int, int]]:
    return {(a, b) for a, b, _, _ in find_periods(text)}


class Wording(NamedTuple):
    """What of a priority's wording decides whether two wordings are one priority.

    A tuple: one is made for every line of a paper, and looked up by value.
    """

    percents: frozenset[str]
    years: frozenset[tuple[int, int]]
    words: str

    @classmethod
    def of(cls, text: str) -> Wording:
        """The percentages, years and comparable words of a text."""
        return cls(frozenset(_percents(text)), frozenset(_years(text)), comparable(text))


def same_priority(a: str, b: str) -> bool:
    """True when two wordings name the same priority."""
    return same_wording(Wording.of(a), Wording.of(b))


def same_wording(a: Wording, b: Wording) -> bool:
    """`same_priority` on wordings read once (a text is compared with many others)."""
    if not may_be_same(a, b):
        return False
    ca, cb = a.words, b.words
    if not ca or not cb:
        return False
    score = fuzz.token_sort_ratio(ca, cb)
    if min(len(ca.split()), len(cb.split())) >= 3:
        score = max(score, fuzz.token_set_ratio(ca, cb) if _lengths_close(ca, cb) else 0)
    return score >= SAME_PRIORITY


def may_be_same(a: Wording, b: Wording) -> bool:
    """False when the percentages or years of two wordings disagree, whatever their words."""
    return a.percents == b.percents and not (a.years and b.years and not a.years & b.years)


def _lengths_close(a: str, b: str) -> bool:
    shorter, longer = sorted((len(a.split()), len(b.split())))
    return longer <= 2 * shorter


_SEPARATOR = "\x00"  # no pattern here matches it, and it is no whitespace
_YEAR = re.compile(r"(?:19|20)\d\d")  # every deadline and year range holds one
# Each character that is no part of a comparable word (only a-z, 0-9 and "%" are) as a space,
# the separator kept: for the text encoded as ASCII, where any other letter is a "?".
_PLAIN = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789%" + _SEPARATOR else ord(" ") for c in range(256))
_NO_PERCENT: frozenset[str] = frozenset()
_NO_YEARS: frozenset[tuple[int, int]] = frozenset()


def wordings(texts: list[str]) -> list[Wording]:
    """`Wording.of` of many texts, such as every line of a paper (the same wordings).

    Each distinct text is read once, and each pattern only where it can match: most lines
    hold no year, no percentage and no "Priority N:" label.
    """
    unique = list(dict.fromkeys(texts))
    if not unique or any(_SEPARATOR in t for t in unique):
        return [Wording.of(t) for t in texts]
    lowered = [t.lower() for t in unique]  # one by one, most take str.lower's quick path for ASCII
    dated = [("19" in low or "20" in low) and bool(_YEAR.search(low)) for low in lowered]
    # Outside ASCII a letter may match "i" case-blind without lower-casing to it ("ı"): such a
    # text is read in full.
    plain = [t.isascii() for t in unique]
    unlabelled = [
        low if is_ascii and "priorit" not in low else _unlabelled(t).lower()
        for t, low, is_ascii in zip(unique, lowered, plain, strict=True)
    ]
    undated = [_DEADLINE.sub(" ", u) if d else u for u, d in zip(unlabelled, dated, strict=True)]
    words = _plain_words(_SEPARATOR.join(undated).encode("ascii", "replace").translate(_PLAIN).decode("ascii"))
    # A percentage holds "%" or "cent", and no letter outside ASCII matches one of "cent" case-blind.
    found = {
        text: _new_wording(
            Wording,
            (
                frozenset(_percents(text)) if "%" in low or "cent" in low else _NO_PERCENT,
                frozenset(_years(text)) if d else _NO_YEARS,
                w,
            ),
        )
        for text, low, d, w in zip(unique, lowered, dated, words, strict=True)
    }
    return [found[t] for t in texts]


# Each made as the tuple it is: a NamedTuple's __new__ is a Python function, run for every line.
_new_wording = tuple.__new__


def _plain_words(plain: str) -> list[str]:
    """`_words` of each text between separators in a text of a-z, 0-9, "%", spaces and separators."""
    # There a word is a run of characters that are no space; most texts hold no filler word,
    # and a filler inside a word with "%" goes too ("a%" is "%"): those few texts are read by `_words`.
    found = []
    for piece in plain.split(_SEPARATOR):
        if "%" in piece:
            found.append(_words(piece))
            continue
        words = piece.split()
        if not _FILLER_WORDS.isdisjoint(words):
            words = [w for w in words if w not in _FILLER_WORDS]
        found.append(" ".join(words))
    return found
