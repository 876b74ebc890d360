"""Stage: how much of a paper is about community safety (whole, part or none), and where.

A council's committee papers cover everything a council does; a batch over them holds
quarterly performance reports, health strategies and minutes beside the community safety
papers. This stage says which are about community safety, so that a researcher can filter
them, and so that the statutory checklist judges only what is about it: a care plan
"reviewed annually" in a performance report is not a partnership plan revised each year.

A paper is cut into passages at its section headings (the text before a heading belongs to
the section above it). A passage is about community safety when a heading over it holds the
field's wording (pipeline/data/community_safety.json), or when its own words hold enough of
it. The paper is wholly about community safety when its title, partnership or meeting names
the field, or when most of its words are in such passages; partly, when some passages are.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import numpy
from pydantic import BaseModel, ConfigDict, Field, field_validator
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH

from pipeline import nlp, rule_files
from pipeline.cue_index import Columns, WordLookup, columns
from pipeline.cues import CueHit, CueMatcher, Cues
from pipeline.lowered import LowerCaseText
from pipeline.parsed import Parsed
from pipeline.quotes import quote_evidence
from pipeline.upfront import built_up_front
from schemas import CommunitySafety, Evidence, PlanExtraction, Section

RULES_FILE = "community_safety.json"
# A passage is about community safety on its own words when they name the field or hold at least
# this many of its words, and this many in every hundred: a paper on other services mentions the
# police or a crime now and then, a passage about community safety is full of them.
MIN_CUES = 3
PER_HUNDRED = 1.5
# A paper with at least this share of its words in such passages is wholly about it.
WHOLE_SHARE = 0.5
MAX_EVIDENCE = 3


class TopicRules(BaseModel):
    """The wording of community safety: what names the field, and its everyday words."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    description: str = ""
    naming: Cues
    words: list[str] = Field(min_length=1, description="single words, matched on their lower-case lemma")
    other_services: dict[str, list[str]] = Field(
        default_factory=dict, description="per neighbouring service, its own single words (lemmas)"
    )

    @field_validator("words")
    @classmethod
    def _single_words(cls, words: list[str]) -> list[str]:
        _check_single(words)
        return words

    @field_validator("other_services")
    @classmethod
    def _single_service_words(cls, services: dict[str, list[str]]) -> dict[str, list[str]]:
        for words in services.values():
            _check_single(words)
        return services


def _check_single(words: list[str]) -> None:
    several = [w for w in words if len(nlp.lemmas(w)) != 1]
    if several:
        raise ValueError(f"words must be one word each, not {', '.join(several)} (put phrases under naming)")


def parse_rules(text: str, name: str = RULES_FILE) -> TopicRules:
    """Validate the rule file; errors name the file and the field."""
    return rule_files.parse_rules(TopicRules, text, name)


@built_up_front
@lru_cache(maxsize=1)
def rules() -> TopicRules:
    """The packaged rules (loaded and validated once)."""
    return parse_rules(rule_files.packaged(RULES_FILE))


@built_up_front
@lru_cache(maxsize=1)
def matcher() -> CueMatcher:
    """The wording that names the field, compiled."""
    return CueMatcher(rules().naming)


@built_up_front
@lru_cache(maxsize=1)
def word_groups() -> tuple[WordLookup, numpy.ndarray]:
    """The lemma hashes of the field's words (group 0) and of each neighbouring service's
    (groups 1, 2 ...), in one look-up, with each one's group: every token is looked up once."""
    strings = nlp.english().vocab.strings
    r = rules()
    group_of: dict[int, int] = {}
    for group, words in enumerate([r.words, *r.other_services.values()]):
        for word in words:
            group_of.setdefault(strings.add(nlp.lemmas(word)[0]), group)  # a word of two groups is the first's
    lookup = WordLookup(group_of)
    return lookup, numpy.array([group_of[h] for h in lookup.words.tolist()], dtype=numpy.int64)


def _groups(tokens: Columns) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The tokens whose lemma is a word of a group (ascending), and each one's group."""
    lookup, groups = word_groups()
    where, word = lookup.find(tokens[LEMMA])
    return where, groups[word]


class Judged:
    """Where a paper partly about community safety is about it (its passages), for the later
    stages to read only there: a council-wide report's highways budget is no partnership's money.

    A paper with no such passage holds every place: the partner and funding rules need wording
    of the field's own around what they read, and a short notice or a bare list of partners has
    too few words for this stage to judge (the checklist still does not apply to it)."""

    def __init__(self, topic: CommunitySafety | None) -> None:
        self.part = topic is not None and topic.reach == "part"
        passages = topic.passages if topic is not None else []
        self.starts = [p.start for p in passages]
        self.ends = [p.end for p in passages]

    def hold(self, offset: int) -> bool:
        """True when a place in the text lies where the paper is about community safety."""
        if not self.part:
            return True
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def community_safety(parsed: Parsed, found: PlanExtraction) -> CommunitySafety:
    """Whether, and where, the paper is about community safety."""
    tokens = columns(parsed.doc)
    naming = matcher().find(parsed.doc, tokens)
    grouped, group = _groups(tokens)
    field_words = grouped[group == 0]
    words = tokens[IDX][field_words].astype(numpy.int64)
    word_ends = words + tokens[LENGTH][field_words].astype(numpy.int64)
    named_at = numpy.array([h.start for h in naming], dtype=numpy.int64)  # ascending, as `find` orders its hits
    cues = numpy.sort(numpy.concatenate([words, named_at]))
    starts, sections = _passages(parsed)
    bounds = numpy.array([*starts, len(parsed.text)], dtype=numpy.int64)
    word_starts = tokens[IDX][tokens[IS_SPACE] == 0].astype(numpy.int64)
    words_in = numpy.diff(numpy.searchsorted(word_starts, bounds))
    cues_in = numpy.diff(numpy.searchsorted(cues, bounds)).tolist()
    names_in = numpy.diff(numpy.searchsorted(named_at, bounds)).tolist()
    others_in = _other_services_in(tokens, grouped, group, bounds)
    headed = _headed(parsed, cues)
    about = [
        _under_heading(section, headed)
        or ((n >= MIN_CUES or named_in > 0) and n * 100 >= PER_HUNDRED * w and n > other)
        for section, n, named_in, w, other in zip(
            sections, cues_in, names_in, words_in.tolist(), others_in, strict=True
        )
    ]
    total = int(words_in.sum())
    share = float(words_in[numpy.array(about, dtype=bool)].sum()) / total if total else 0.0
    named = _named(parsed, found, cues)
    reach = "whole" if named or share >= WHOLE_SHARE else "part" if share > 0 else "none"
    passages = _merged([(int(bounds[i]), int(bounds[i + 1])) for i, a in enumerate(about) if a])
    return CommunitySafety(
        reach=reach,
        share=round(share, 3),
        passages=[parsed.span(s, e) for s, e in passages],
        sections=list(dict.fromkeys(_label(s) for s, a in zip(sections, about, strict=True) if a and s)),
        evidence=_evidence(parsed, named, naming, list(zip(words.tolist(), word_ends.tolist(), strict=True)), passages),
    )


def _other_services_in(
    tokens: Columns, grouped: numpy.ndarray, group: numpy.ndarray, bounds: numpy.ndarray
) -> list[int]:
    """Per passage, the most words of any one neighbouring service it holds (0 with none)
    (`grouped`, `group`: as `_groups` gives them)."""
    passages, services = len(bounds) - 1, len(rules().other_services)
    if not services:
        return [0] * passages
    of_a_service = group > 0
    # each service word's passage: the last bound at or before it (before the first or at the last
    # bound, none), then the words of every passage and service counted in one pass
    passage = numpy.searchsorted(bounds, tokens[IDX][grouped[of_a_service]], side="right") - 1
    within = (passage >= 0) & (passage < passages)
    cell = passage[within] * services + group[of_a_service][within] - 1
    counts = numpy.bincount(cell, minlength=passages * services).reshape(passages, services)
    return counts.max(axis=1).tolist()


# A paragraph numbered under an item ("6.1", "4.01"), and the item's own line before it ("6.").
_PARAGRAPH_NUMBER = re.compile(r"\n[ \t]*(\d{1,2})\.(\d{1,2})?\.?[ \t]")


def _passages(parsed: Parsed) -> tuple[list[int], list[Section | None]]:
    """Where each passage starts, and its section (None before the first heading).

    A passage is a section, cut again where a numbered report moves on to its next item ("6.",
    "6.1", "6.2", then "7."): a heading the sections stage does not take ("6.   Outcome 4:
    Safer communities", a PDF that lost its layout) must not join a short community safety
    item to the whole report around it.
    """
    cuts = sorted({0, *(s.span.start for s in parsed.sections), *_item_starts(parsed.text)})
    starts: list[int] = []
    sections: list[Section | None] = []
    for start in cuts:
        starts.append(start)
        sections.append(parsed.section_at(start))
    return starts, sections


def _item_starts(text: str) -> list[int]:
    """Where each item of a numbered report starts: the first line numbered under a new item
    number (or the item's own line just before it). Lists numbered 1, 2, 3 inside an item
    have no sub-numbers and cut nothing."""
    starts: list[int] = []
    item, single = None, None  # the current item number; the last single-level line ("6.")
    for m in _PARAGRAPH_NUMBER.finditer(text):
        top, sub = m.group(1), m.group(2)
        if sub is None:
            single = (top, m.start() + 1)
            continue
        if top != item:
            starts.append(single[1] if single and single[0] == top else m.start() + 1)
            item = top
        single = None
    return starts


def _headed(parsed: Parsed, cues: numpy.ndarray) -> dict[str, Section]:
    """The sections whose heading line, or an enclosing section's, holds the field's wording."""
    by_id = {s.id: s for s in parsed.sections}
    text = parsed.text
    starts = [s.span.start for s in parsed.sections]
    line_ends = [text.find("\n", start) % (len(text) + 1) for start in starts]  # -1 (none): the text's end
    first_cue = numpy.searchsorted(cues, starts)
    # a heading holds a cue when the first cue at or after its start lies before its line ends
    holds = numpy.append(cues, len(text) + 1)[first_cue] < line_ends
    headed = {s.id: s for s, h in zip(parsed.sections, holds.tolist(), strict=True) if h}
    # a section under a headed one is headed too
    return {sid: s for sid, s in by_id.items() if _has_headed_ancestor(s, headed, by_id)}


def _has_headed_ancestor(section: Section, headed: dict[str, Section], by_id: dict[str, Section]) -> bool:
    seen: set[str] = set()
    current: Section | None = section
    while current is not None and current.id not in seen:
        if current.id in headed:
            return True
        seen.add(current.id)
        current = by_id.get(current.parent) if current.parent else None
    return False


def _under_heading(section: Section | None, headed: dict[str, Section]) -> bool:
    return section is not None and section.id in headed


def _named(parsed: Parsed, found: PlanExtraction, cues: numpy.ndarray) -> list[tuple[str, int]]:
    """The paper's own names for itself that name the field, and where the text gives them
    (-1: nowhere): its partnership (the metadata stage reads only a community safety
    partnership's name), and its title or meeting where they hold the field's wording.

    The partnership is the paper's own when the paper names it in its head (before its first
    section) or more than once: a council-wide report that gives one paragraph to the
    partnership's work names it once, in that paragraph."""
    lowered = LowerCaseText(parsed.text)
    names = [found.partnership, found.title, found.meeting.body if found.meeting else None]
    head = parsed.sections[0].span.start if parsed.sections else len(lowered)
    named = []
    for i, name in enumerate(names):
        if not name:
            continue
        at = lowered.find(name.lower())
        own = at < head or lowered.find(name.lower(), at + 1) >= 0 if i == 0 else _holds_cue(cues, at, at + len(name))
        if own:
            named.append((name, at))
    return named


def _holds_cue(cues: numpy.ndarray, start: int, end: int) -> bool:
    first = int(numpy.searchsorted(cues, start))
    return start >= 0 and first < len(cues) and int(cues[first]) < end


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and out[-1][1] == start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _label(section: Section | None) -> str:
    return "" if section is None else section.number or section.heading


def _evidence(
    parsed: Parsed,
    named: list[tuple[str, int]],
    naming: list[CueHit],
    words: list[tuple[int, int]],
    passages: list[tuple[int, int]],
) -> list[Evidence]:
    """Where the paper names itself, then in each passage the first sentence that names the
    field (or, failing that, uses its words)."""
    evidence: list[Evidence] = []
    quoted: set[str] = set()

    def keep(e: Evidence) -> None:
        if e.quote not in quoted:
            quoted.add(e.quote)
            evidence.append(e)

    for name, at in named:
        keep(parsed.evidence(at, at + len(name)) if at >= 0 else Evidence(quote=name))
    for start, end in passages:
        if len(evidence) >= MAX_EVIDENCE:
            break
        hit = _first_in([(h.start, h.end) for h in naming], start, end) or _first_in(words, start, end)
        if hit is not None:
            keep(quote_evidence(parsed, *hit))
    return evidence[:MAX_EVIDENCE]


def _first_in(hits: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    return next((h for h in hits if start <= h[0] < end), None)
