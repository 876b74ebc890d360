"""Stage: statutory audit. Is each element of the checklist shown, missing, or not yet a duty?

`present`: the document shows the element (its own words, or what an earlier stage found),
with whole-sentence evidence. `absent`: in force at the document's date but not shown.
`not_in_force`: the duty began after the document's date (the evidence is still kept when
the words occur, so an auditor sees why the question came up). `not_applicable`: the paper is
not about community safety (pipeline/stages/topic.py), so the checklist does not apply to it.

Of a paper that is only partly about community safety (a council's quarterly performance
report with a community safety section), only those passages are read: a care plan "reviewed
annually" elsewhere in it is no plan revised each year.

For a report about a plan, "shown" means the report itself says it: a report that describes
the plan's action plan shows `plan_steps`; a report that never names the partners leaves
`responsible_authorities` absent, whatever the plan it covers may say.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from pipeline import dates
from pipeline.checklist import Element, checklist, matcher
from pipeline.cue_index import columns
from pipeline.cues import CueHit
from pipeline.parsed import Parsed
from pipeline.quotes import Quotes, words_read_as_sentence
from pipeline.stages.topic import Judged
from schemas import Evidence, PlanExtraction, StatutoryFinding

MAX_EVIDENCE = 3
# The first page or so of a paper carries its own date (meeting, publication).
HEAD_CHARS = 2500
# Strongest wording first when choosing which quotes to keep.
_METHOD_RANK = {"phrase": 0, "fuzzy": 1, "near": 2}


def audit(parsed: Parsed, found: PlanExtraction) -> list[StatutoryFinding]:
    """Judge every checklist element for this document."""
    on = document_date(parsed, found)
    elements = checklist().elements
    topic = found.community_safety
    if topic is not None and topic.reach == "none":
        return [not_applicable(e, on) for e in elements]
    tokens = columns(parsed.doc)
    hits = matcher().find_all(parsed.doc, tokens)
    quotes = Quotes(parsed, tokens)  # elements share sentences: each is quoted once
    shown = {e.id: _from_findings(e, quotes, found) for e in elements}
    if topic is not None and topic.reach == "part":
        within = Judged(topic)
        hits = {key: [h for h in found_hits if within.hold(h.start)] for key, found_hits in hits.items()}
        shown = {key: [e for e in quoted if e.span and within.hold(e.span.start)] for key, quoted in shown.items()}
    # The wording is quoted, all at once, only for elements whose findings leave room for it.
    worded = [e for e in elements if not e.findings_only and len(shown[e.id]) < MAX_EVIDENCE]
    quotes.quote_all((h.start, h.end) for e in worded for h in hits[e.id])
    return [judge(e, parsed, found, hits[e.id], on, quotes, shown[e.id]) for e in elements]


def judge(
    element: Element,
    parsed: Parsed,
    found: PlanExtraction,
    hits: list[CueHit],
    on: dt.date | None,
    quotes: Quotes | None = None,
    from_findings: list[Evidence] | None = None,
) -> StatutoryFinding:
    """One element: evidence from what earlier stages found and from the wording, then status.

    `from_findings`: the evidence `_from_findings` gives for the element, when already read.
    """
    quotes = quotes or Quotes(parsed)
    evidence = list(_from_findings(element, quotes, found) if from_findings is None else from_findings)
    if not element.findings_only:
        evidence += _from_wording(quotes, hits, exclude=evidence)
    evidence = evidence[:MAX_EVIDENCE]
    in_force = on is None or element.in_force_on(on)
    note = _membership_note(element, found, on) if evidence and in_force else None
    status = ("present" if evidence else "absent") if in_force else "not_in_force"
    return StatutoryFinding(
        element=element.id,
        status=status,
        title=element.title,
        source=element.source,
        evidence=evidence,
        as_of=on,
        in_force_from=element.in_force_from,
        note=note,
    )


def not_applicable(element: Element, on: dt.date | None) -> StatutoryFinding:
    """An element of a paper that is not about community safety."""
    return StatutoryFinding(
        element=element.id,
        status="not_applicable",
        title=element.title,
        source=element.source,
        as_of=on,
        in_force_from=element.in_force_from,
        note="no passage of the paper is about community safety",
    )


def _membership_note(element: Element, found: PlanExtraction, on: dt.date | None) -> str | None:
    """Name the partner types a list misses, or names after they stopped being members."""
    if not element.members or on is None or not found.partners:
        return None
    listed = {p.type for p in found.partners}
    missing = [m.type for m in element.members if m.member_on(on) and m.type not in listed]
    former = [m.type for m in element.members if m.type in listed and not m.member_on(on)]
    notes = []
    if missing:
        notes.append(f"not listed though a responsible authority on {on}: {', '.join(missing)}")
    if former:
        notes.append(f"listed though not a responsible authority on {on}: {', '.join(former)}")
    return "; ".join(notes) or None


def document_date(parsed: Parsed, found: PlanExtraction) -> dt.date | None:
    """The date that decides which duties applied: meeting, publication, the paper's head, plan period."""
    if found.meeting is not None and found.meeting.date is not None:
        return found.meeting.date
    if found.published:
        year, month = (int(p) for p in found.published.split("-")[:2])
        return dt.date(year, month, 1)
    head = parsed.text[:HEAD_CHARS]
    first = next(dates.find_dates(head), None)
    if first is not None:
        return first.date
    month_year = dates.parse_month_year(head)
    if month_year is not None:
        return dt.date(month_year[0], month_year[1], 1)
    if found.plan_period is not None:
        return dt.date(found.plan_period.start_year, 4, 1)
    period = dates.parse_period(head)
    if period is not None:
        return dt.date(period[0], 4, 1)
    stated = [f.date for f in dates.find_dates(parsed.text) if f.date <= dt.date.today()]
    return max(stated, default=None)


def _from_findings(element: Element, quotes: Quotes, found: PlanExtraction) -> list[Evidence]:
    if not element.findings:
        return []
    items: list[Any] = getattr(found, element.findings) or []
    evidence: list[Evidence] = []
    for item in items:
        own = getattr(item, "evidence", None) or []
        if own:
            evidence.append(own[0])
        elif getattr(item, "span", None) is not None:
            evidence.append(quotes.evidence(item.span.start, item.span.end))
        if len(evidence) >= MAX_EVIDENCE:
            break
    return _distinct(evidence)


def _from_wording(quotes: Quotes, hits: list[CueHit], exclude: list[Evidence]) -> list[Evidence]:
    """The best quotes for the hits: whole sentences before headings and table cells."""
    room = max(MAX_EVIDENCE - len(exclude), 0)
    if not room or not hits:
        return []
    quoted = [quotes.quoted(h.start, h.end) for h in hits]  # the quote's range, and its words as Evidence has them
    # A sentence that shows the element in several ways is the clearest evidence.
    said = [q for _, q in quoted]
    weight = Counter(said)
    prose = {q: words_read_as_sentence(q) for q in weight}
    rank = [(not prose[q], -weight[q], _METHOD_RANK.get(h.method, 1), h.start) for q, h in zip(said, hits, strict=True)]
    order = sorted(range(len(hits)), key=rank.__getitem__)
    seen = {_key(e.quote) for e in exclude}
    kept: list[Evidence] = []
    for i in order:
        if len(kept) >= room:
            break
        key = said[i].lower()  # `_key` of words already one space apart
        if key and key not in seen:
            seen.add(key)
            kept.append(quotes.parsed.evidence(*quoted[i][0], quote=said[i]))
    return kept


def _key(quote: str) -> str:
    return " ".join(quote.lower().split())


def _distinct(evidence: list[Evidence]) -> list[Evidence]:
    """Drop quotes that repeat one already kept (continuation pages repeat table headers)."""
    kept: list[Evidence] = []
    seen: set[str] = set()
    for e in evidence:
        key = _key(e.quote)
        if key and key not in seen:
            seen.add(key)
            kept.append(e)
    return kept
