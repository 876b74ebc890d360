"""One priority however often a paper repeats it: summary, body, contents and appendix pages.

Whether two wordings are one priority is told in `wording`; here the mentions of one priority
are grouped, and every other line of the paper that restates one is added to it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy
from rapidfuzz import fuzz, process

from pipeline.priorities.candidate import Candidate
from pipeline.priorities.lines import Line, split_lines
from pipeline.priorities.wording import SAME_PRIORITY, Wording, may_be_same, same_wording, wordings

_SOURCE_TRUST = {"list": 0, "inline": 1, "table": 2, "heading": 3}


@dataclass(slots=True)
class Mention:
    """A priority with every place it was found."""

    first: Candidate
    places: list[tuple[int, int]] = field(default_factory=list)
    groups: set[int] = field(default_factory=set)
    wording: Wording | None = None  # of the first candidate's text, as `merge` read it


def merge(candidates: list[Candidate]) -> list[Mention]:
    """Group candidates that are one priority; the most trusted wording (a list item) leads."""
    mentions: list[Mention] = []
    texts = [c.text for c in candidates]
    read = dict(zip(texts, wordings(texts), strict=True))  # a wording is read once, not per comparison
    for candidate in sorted(candidates, key=lambda c: (_SOURCE_TRUST[c.source], c.start)):
        home = next((m for m in mentions if _mergeable(m, candidate, read)), None)
        if home is None:
            places = [(candidate.start, candidate.end)]
            mentions.append(Mention(candidate, places, {candidate.group}, read[candidate.text]))
        else:
            home.places.append((candidate.start, candidate.end))
            home.groups.add(candidate.group)
    return sorted(mentions, key=lambda m: m.first.start)


def _mergeable(mention: Mention, candidate: Candidate, read: dict[str, Wording]) -> bool:
    """One priority: not from the same list, no different scope or year, and the same words."""
    first = mention.first
    if candidate.group in mention.groups:
        return False
    if first.scope and candidate.scope and first.scope != candidate.scope:
        return False  # "Reducing ASB" county-wide and locally are two priorities
    if first.period and candidate.period and first.period != candidate.period:
        return False
    return same_wording(read[first.text], read[candidate.text])


def add_repeats(text: str, mentions: list[Mention], lines: list[Line] | None = None) -> None:
    """Add every other line (or first table cell) that restates a priority as one more place."""
    if not mentions:
        return
    longest = 3 * max(len(m.first.text) for m in mentions)
    bodies: list[tuple[int, str]] = []  # (offset, text) of each line's content, as long as a priority may be
    for line in split_lines(text) if lines is None else lines:
        # a line's content opens at its body start, with a character that is no space
        body = line.text[line.body_start - line.start :].rstrip().partition("\t")[0].rstrip()
        if body and len(body) <= longest:
            bodies.append((line.body_start, body))
    leads = [Wording.of(m.first.text) if m.wording is None else m.wording for m in mentions]
    others = wordings([b for _, b in bodies])
    for i, j in _near_pairs(leads, others):
        mention, (start, body) = mentions[i], bodies[j]
        if len(body) > 3 * len(mention.first.text) or _overlaps(mention.places, start, start + len(body)):
            continue
        if same_wording(leads[i], others[j]):
            mention.places.append((start, start + len(body)))
    for mention in mentions:
        mention.places.sort()


def _near_pairs(leads: list[Wording], others: list[Wording]) -> list[tuple[int, int]]:
    """(lead, other) pairs that may be one priority; no other pair can be.

    Only wordings whose percentages and years agree are scored (most lines have none, and a
    priority with a target has), each distinct wording once, with both scores of `same_wording`
    for every pair that can count; the margin below the threshold covers the single-precision
    scores of the matrix, and `same_wording` decides each pair kept.
    """
    distinct = list(dict.fromkeys(o for o in others if o.words))  # page headers repeat; no words, no pair
    near = numpy.zeros((len(leads), len(distinct)), dtype=bool)
    others_by_kind = _by_kind(distinct)
    for rows in _by_kind(leads).values():
        lead = leads[rows[0]]  # of the kind of every lead in the rows
        columns = sorted(k for kind in others_by_kind.values() if may_be_same(lead, distinct[kind[0]]) for k in kind)
        if columns:
            near[numpy.ix_(rows, columns)] = _near([leads[i] for i in rows], [distinct[k] for k in columns])
    # back to every other, in order: the last column, of no pair, stands for those without words
    column = {wording: k for k, wording in enumerate(distinct)}
    at = numpy.array([column.get(o, len(distinct)) for o in others], dtype=numpy.intp)
    lead_at, other_at = numpy.hstack([near, numpy.zeros((len(leads), 1), dtype=bool)])[:, at].nonzero()
    return list(zip(lead_at.tolist(), other_at.tolist(), strict=True))


def _by_kind(read: list[Wording]) -> dict[tuple[frozenset[str], frozenset[tuple[int, int]]], list[int]]:
    """Indexes of the wordings by their percentages and years (a paper has few kinds)."""
    kinds: dict[tuple[frozenset[str], frozenset[tuple[int, int]]], list[int]] = {}
    for k, wording in enumerate(read):
        kinds.setdefault((wording.percents, wording.years), []).append(k)
    return kinds


def _near(leads: list[Wording], others: list[Wording]) -> numpy.ndarray:
    """Which (lead, other) pairs score near `SAME_PRIORITY` or above, by either score."""
    cutoff = SAME_PRIORITY - 2
    near = numpy.zeros((len(leads), len(others)), dtype=bool)
    # Only the others of a length some lead can reach the cutoff against are scored (token_sort_ratio
    # is the plain ratio of the words sorted, and sorting keeps the length).
    shortest, longest = min(len(w.words) for w in leads), max(len(w.words) for w in leads)
    reach = [j for j, w in enumerate(others) if _lengths_may_score(shortest, longest, len(w.words), cutoff)]
    if reach:
        near[:, reach] = (
            process.cdist(
                [w.words for w in leads],
                [others[j].words for j in reach],
                scorer=fuzz.token_sort_ratio,
                score_cutoff=cutoff,
                workers=1,
            )
            >= cutoff
        )
    # The set score counts only between wordings of three words or more whose lengths are
    # close (see `same_wording`): each lead is scored against those others only, a run of the
    # others ordered by their number of words.
    words = [w.words.count(" ") + 1 for w in others]  # words, one space apart
    by_words = sorted(range(len(others)), key=words.__getitem__)
    counts = [words[j] for j in by_words]
    texts = [others[j].words for j in by_words]
    columns = numpy.array(by_words, dtype=numpy.intp)
    for i, lead in enumerate(leads):
        length = lead.words.count(" ") + 1
        if length < 3:
            continue
        low = bisect.bisect_left(counts, max(3, (length + 1) // 2))  # neither twice as long as the other
        high = bisect.bisect_right(counts, 2 * length)
        if low < high:
            by_set = process.cdist(
                [lead.words], texts[low:high], scorer=fuzz.token_set_ratio, score_cutoff=cutoff, workers=1
            )
            near[i, columns[low:high]] |= by_set[0] >= cutoff
    return near


def _lengths_may_score(shortest: int, longest: int, length: int, cutoff: int) -> bool:
    """True when a text of `length` characters may score `cutoff` by fuzz.ratio against a text
    of some length from `shortest` to `longest`.

    fuzz.ratio is 200 * (characters in common) / (both lengths) at most, so lengths a <= b
    allow `cutoff` only when 200 * a >= cutoff * (a + b).
    """
    if length < shortest:
        return (200 - cutoff) * length >= cutoff * shortest
    if length > longest:
        return (200 - cutoff) * longest >= cutoff * length
    return True


def _overlaps(places: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in places)
