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

import json
from functools import lru_cache
from importlib import resources

import numpy
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.attrs import IDX, IS_SPACE

from pipeline.cue_index import columns
from pipeline.cues import CueHit, CueMatcher, Cues
from pipeline.errors import RuleDataError
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
    words: Cues


def parse_rules(text: str, name: str = RULES_FILE) -> TopicRules:
    """Validate the rule file; errors name the file and the field."""
    try:
        return TopicRules.model_validate(json.loads(text))
    except (ValueError, ValidationError) as e:
        raise RuleDataError(f"{name}: {e}") from e


@built_up_front
@lru_cache(maxsize=1)
def rules() -> TopicRules:
    """The packaged rules (loaded and validated once)."""
    return parse_rules(resources.files("pipeline").joinpath("data", RULES_FILE).read_text(encoding="utf-8"))


@built_up_front
@lru_cache(maxsize=1)
def matcher() -> CueMatcher:
    """One compiled matcher for both kinds of wording."""
    r = rules()
    return CueMatcher({"naming": r.naming, "words": r.words})


def community_safety(parsed: Parsed, found: PlanExtraction) -> CommunitySafety:
    """Whether, and where, the paper is about community safety."""
    tokens = columns(parsed.doc)
    hits = matcher().find_all(parsed.doc, tokens)
    naming, words = hits["naming"], hits["words"]
    cues = numpy.array(sorted(h.start for h in naming + words), dtype=numpy.int64)
    starts, sections = _passages(parsed)
    bounds = numpy.array([*starts, len(parsed.text)], dtype=numpy.int64)
    word_starts = tokens[IDX][~tokens[IS_SPACE].astype(bool)].astype(numpy.int64)
    words_in = numpy.diff(numpy.searchsorted(word_starts, bounds))
    cues_in = numpy.diff(numpy.searchsorted(cues, bounds)).tolist()
    names_in = numpy.diff(numpy.searchsorted([h.start for h in naming], bounds)).tolist()
    headed = _headed(parsed, cues)
    about = [
        _under_heading(section, headed) or ((n >= MIN_CUES or named_in > 0) and n * 100 >= PER_HUNDRED * w)
        for section, n, named_in, w in zip(sections, cues_in, names_in, words_in.tolist(), strict=True)
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
        evidence=_evidence(parsed, named, naming, words, passages),
    )


def _passages(parsed: Parsed) -> tuple[list[int], list[Section | None]]:
    """Where each passage starts, and its section (None before the first heading)."""
    starts: list[int] = [0]
    sections: list[Section | None] = [None]
    for section in parsed.sections:  # sorted by start
        if section.span.start == starts[-1]:
            sections[-1] = section
        elif section.span.start > starts[-1]:
            starts.append(section.span.start)
            sections.append(section)
    return starts, sections


def _headed(parsed: Parsed, cues: numpy.ndarray) -> dict[str, Section]:
    """The sections whose heading line holds the field's wording, and every section by id."""
    by_id = {s.id: s for s in parsed.sections}
    text = parsed.text
    headed = {}
    for section in parsed.sections:
        start = section.span.start
        end = text.find("\n", start)
        line_end = len(text) if end < 0 else end
        if _holds_cue(cues, start, line_end):
            headed[section.id] = section
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
    partnership's name), and its title or meeting where they hold the field's wording."""
    lowered = parsed.text.lower()
    names = [found.partnership, found.title, found.meeting.body if found.meeting else None]
    named = []
    for i, name in enumerate(names):
        at = lowered.find(name.lower()) if name else -1
        if name and (i == 0 or _holds_cue(cues, at, at + len(name))):
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
    words: list[CueHit],
    passages: list[tuple[int, int]],
) -> list[Evidence]:
    """Where the paper names itself, then in each passage the first sentence that names the
    field (or, failing that, uses its words)."""
    evidence: list[Evidence] = []
    for name, at in named:
        evidence.append(parsed.evidence(at, at + len(name)) if at >= 0 else Evidence(quote=name))
    for start, end in passages:
        hit = _first_in(naming, start, end) or _first_in(words, start, end)
        if hit is not None:
            evidence.append(quote_evidence(parsed, hit.start, hit.end))
    kept: list[Evidence] = []
    for e in evidence:
        if len(kept) < MAX_EVIDENCE and all(e.quote != k.quote for k in kept):
            kept.append(e)
    return kept


def _first_in(hits: list[CueHit], start: int, end: int) -> CueHit | None:
    return next((h for h in hits if start <= h.start < end), None)
