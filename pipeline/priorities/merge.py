"""One priority however often a paper repeats it: summary, body, contents and appendix pages.

Two mentions are the same priority when their words agree once list marks, "Priority N:"
labels, dates and years are set aside, and their percentages and years do not disagree
("by 10% during 2010/2011" is not "by 2% during 2011/2012").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy
from rapidfuzz import fuzz, process

from pipeline.dates import find_periods
from pipeline.priorities.candidate import Candidate
from pipeline.priorities.lines import Line, split_lines

SAME_PRIORITY = 88  # rapidfuzz score (0-100) above which two wordings are one priority
_SOURCE_TRUST = {"list": 0, "inline": 1, "table": 2, "heading": 3}
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


@dataclass(slots=True)
class Mention:
    """A priority with every place it was found."""

    first: Candidate
    places: list[tuple[int, int]] = field(default_factory=list)
    groups: set[int] = field(default_factory=set)


def comparable(text: str) -> str:
    """The words of a priority that identify it (no label, dates, punctuation or fillers)."""
    return _words(_DEADLINE.sub(" ", _unlabelled(text).lower()))


_SEPARATOR = "\x00"  # no pattern of `comparable` matches it, and it is no whitespace


def comparable_all(texts: list[str]) -> list[str]:
    """`comparable` of many texts, the date pattern run once over them all (the same words)."""
    if not texts or any(_SEPARATOR in t for t in texts):
        return [comparable(t) for t in texts]
    joined = _DEADLINE.sub(" ", _SEPARATOR.join(map(_unlabelled, texts)).lower())
    return [_words(piece) for piece in joined.split(_SEPARATOR)]


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


@dataclass(frozen=True, slots=True)
class Wording:
    """What of a priority's wording decides whether two wordings are one priority."""

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
    if a.percents != b.percents:
        return False
    if a.years and b.years and not a.years & b.years:
        return False
    ca, cb = a.words, b.words
    if not ca or not cb:
        return False
    score = fuzz.token_sort_ratio(ca, cb)
    if min(len(ca.split()), len(cb.split())) >= 3:
        score = max(score, fuzz.token_set_ratio(ca, cb) if _lengths_close(ca, cb) else 0)
    return score >= SAME_PRIORITY


def _lengths_close(a: str, b: str) -> bool:
    shorter, longer = sorted((len(a.split()), len(b.split())))
    return longer <= 2 * shorter


def merge(candidates: list[Candidate]) -> list[Mention]:
    """Group candidates that are one priority; the most trusted wording (a list item) leads."""
    mentions: list[Mention] = []
    wordings = {c.text: Wording.of(c.text) for c in candidates}  # a wording is read once, not per comparison
    for candidate in sorted(candidates, key=lambda c: (_SOURCE_TRUST[c.source], c.start)):
        home = next((m for m in mentions if _mergeable(m, candidate, wordings)), None)
        if home is None:
            mentions.append(Mention(candidate, [(candidate.start, candidate.end)], {candidate.group}))
        else:
            home.places.append((candidate.start, candidate.end))
            home.groups.add(candidate.group)
    return sorted(mentions, key=lambda m: m.first.start)


def _mergeable(mention: Mention, candidate: Candidate, wordings: dict[str, Wording]) -> bool:
    """One priority: not from the same list, no different scope or year, and the same words."""
    first = mention.first
    if candidate.group in mention.groups:
        return False
    if first.scope and candidate.scope and first.scope != candidate.scope:
        return False  # "Reducing ASB" county-wide and locally are two priorities
    if first.period and candidate.period and first.period != candidate.period:
        return False
    return same_wording(wordings[first.text], wordings[candidate.text])


def add_repeats(text: str, mentions: list[Mention], lines: list[Line] | None = None) -> None:
    """Add every other line (or first table cell) that restates a priority as one more place."""
    if not mentions:
        return
    longest = 3 * max(len(m.first.text) for m in mentions)
    bodies: list[tuple[int, str]] = []  # (offset, text) of each line's content, as long as a priority may be
    for line in split_lines(text) if lines is None else lines:
        rest = line.text[line.body_start - line.start :]
        body = rest.strip().split("\t")[0].strip()
        if body and len(body) <= longest:
            # the body starts at the first character of the line's content that is no space
            bodies.append((line.body_start + len(rest) - len(rest.lstrip()), body))
    leads = [Wording.of(m.first.text) for m in mentions]
    for i, j in _near_pairs([w.words for w in leads], comparable_all([b for _, b in bodies])):
        mention, (start, body) = mentions[i], bodies[j]
        if len(body) > 3 * len(mention.first.text) or _overlaps(mention.places, start, start + len(body)):
            continue
        if same_wording(leads[i], Wording.of(body)):
            mention.places.append((start, start + len(body)))
    for mention in mentions:
        mention.places.sort()


def _near_pairs(leads: list[str], others: list[str]) -> list[tuple[int, int]]:
    """(lead, other) pairs whose words score near `SAME_PRIORITY` or above; no other pair can be the same.

    Both scores for every pair that can count, at once; the margin below the threshold covers
    the matrix's single-precision scores, and `same_wording` decides each pair kept.
    """
    if not leads or not others:
        return []
    cutoff = SAME_PRIORITY - 2
    # token_sort_ratio is the plain ratio of the words sorted; sorted once per text, the
    # matrix runs the plain ratio, which compares one text with many far quicker.
    near = (
        process.cdist(
            [_sorted_words(w) for w in leads],
            [_sorted_words(w) for w in others],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            workers=1,
        )
        >= cutoff
    )
    # The set score counts only between wordings of three words or more whose lengths are
    # close (see `same_wording`): each lead is scored against those others only.
    other_lengths = numpy.array([len(words.split()) for words in others])
    for i, words in enumerate(leads):
        length = len(words.split())
        if length < 3:
            continue
        close = numpy.flatnonzero((other_lengths >= 3) & (other_lengths <= 2 * length) & (length <= 2 * other_lengths))
        if len(close):
            by_set = process.cdist(
                [words],
                [others[j] for j in close.tolist()],
                scorer=fuzz.token_set_ratio,
                score_cutoff=cutoff,
                workers=1,
            )
            near[i, close] |= by_set[0] >= cutoff
    rows, cols = near.nonzero()
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def _sorted_words(words: str) -> str:
    return " ".join(sorted(words.split()))


def _overlaps(places: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in places)
