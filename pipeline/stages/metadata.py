"""Stage: metadata. What the paper is, whose it is, for which meeting, about which plan.

Read, in this order of trust: the labelled front-sheet fields ("Meeting:", "REPORT TO:",
"DECISION-MAKER:"); the cover lines before the first section (council, committee, a date line,
the title); then the body (partnership names, plan periods next to the word "Plan", emails).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline import councils
from pipeline.contacts import find_emails, read_contacts
from pipeline.dates import find_dates, find_periods, parse_date, parse_month_year
from pipeline.fields import LabelledValue, labelled_values, rules
from pipeline.headings import heading_shaped
from pipeline.parsed import Parsed
from pipeline.scan import finditer_before
from pipeline.textlines import Line, title_case
from pipeline.upfront import built_up_front
from schemas import Contact, DocumentMetadata, Meeting, PlanExtraction, PlanPeriod

STAGE = "metadata"
# Without a section structure the front sheet is taken to be this many non-blank lines.
FRONT_LINES = 15
# ... and with one, never more than this many lines.
MAX_FRONT_LINES = 80
# A cover line longer than this is no title.
TITLE_WORDS = 20
# A period belongs to a plan when "Plan" stands this close to it on its line.
PLAN_WINDOW = 40


@dataclass(frozen=True, slots=True)
class Front:
    """The front sheet: labelled fields and the unlabelled cover lines before the first section."""

    lines: Sequence[Line]
    values: list[LabelledValue]
    cover: list[Line]


def read_metadata(parsed: Parsed, found: PlanExtraction) -> DocumentMetadata:
    """Kind, council, partnership, title, meeting, published date, plan period and contacts."""
    text = parsed.text
    lines = parsed.lines
    values = list(labelled_values(lines))
    front = _front(parsed, lines, values)
    field = {v.field: v for v in reversed([v for v in values if v.line < _front_end(front)])}

    title, title_start = _title(front, field.get("title"))
    meeting = _meeting(parsed, front, field.get("meeting"), field.get("date"))
    kind = _kind(front, title, meeting)
    page = dict(parsed.document.fields)
    if page:
        title, meeting, kind = _with_page_fields(page, title, meeting, kind)
    if kind not in ("committee_report", "minutes", "decision") and meeting is not None and meeting.body is None:
        meeting = None  # a date on a plan's cover is its publication date, not a meeting
    partnership = _partnership(text, front, title)
    period = _plan_period(parsed, title, title_start, meeting.date if meeting else None)
    return DocumentMetadata(
        kind=kind,
        council=_council(text, front, partnership),
        partnership=partnership,
        title=title,
        meeting=meeting,
        published=_stated_publication(values) or (_published(front) if meeting is None else None),
        plan_period=period,
        contacts=[
            Contact(
                name=c.name,
                role=c.role,
                email=c.email,
                phone=c.phone,
                stage=STAGE,
                span=parsed.span(*c.name_span) if c.name_span else None,
                section=parsed.section_label(c.name_span[0]) if c.name_span else None,
            )
            for c in read_contacts(text, lines, values, _heading_lines(parsed, lines))
        ],
    )


def _heading_lines(parsed: Parsed, lines: Sequence[Line]) -> frozenset[int]:
    """The lines on which a section starts (a line runs on to the start of the next)."""
    starts = [ln.start for ln in lines]
    return frozenset(bisect.bisect_right(starts, s.span.start) - 1 for s in parsed.sections)


def _front(parsed: Parsed, lines: Sequence[Line], values: list[LabelledValue]) -> Front:
    # a paper that numbers its sections starts at its first numbered one; a cover may have
    # unnumbered headings of its own ("KENT COUNTY COUNCIL" above "MINUTES of a meeting ...")
    numbered = [s.span.start for s in parsed.sections if s.kind == "numbered"]
    # headings in the block that opens the text are the cover's own lines, not sections of the body
    first = len(parsed.text) - len(parsed.text.lstrip())
    # page furniture ("Agenda Item 9" / "Page 41") printed above the cover is no block of it
    while (furniture := _PAGE_FURNITURE.match(parsed.text, first)) is not None:
        first = furniture.end()
    opening = parsed.text.find("\n\n", first) % (len(parsed.text) + 1)
    labelled = {v.line for v in values}
    # a heading over labelled fields ("DECISION NOTICE" / "Decision taken by: ...") is the cover's
    after = (s.span.start for s in parsed.sections if s.span.start > opening)
    first_unnumbered = next((start for start in after if not _heads_fields(lines, start, labelled)), None)
    first_section = min(numbered) if numbered else first_unnumbered
    if first_section is not None:
        front = [ln for ln in lines[:MAX_FRONT_LINES] if ln.end <= first_section]
    else:
        front, seen = [], 0
        for ln in lines:
            seen += not ln.blank
            if seen > FRONT_LINES:
                break
            front.append(ln)
    cover = [ln for ln in front if not ln.blank and ln.index not in labelled and len(ln.cells) == 1]
    return Front(front, values, cover)


_PAGE_FURNITURE = re.compile(r"(?i:agenda\s+item|item|page)\s+(?:no\.?\s*)?\d{1,3}(?:\s+of\s+\d{1,3})?[ \t]*\n\s*")


def _heads_fields(lines: Sequence[Line], start: int, labelled: set[int]) -> bool:
    """True when the line after the heading starting at `start` holds a labelled front-sheet field."""
    if not labelled:
        return False
    at = bisect.bisect_right(lines, start, key=lambda ln: ln.start) - 1
    following = next((ln for ln in lines[at + 1 : at + 3] if not ln.blank), None)
    return following is not None and following.index in labelled


def _front_end(front: Front) -> int:
    return front.lines[-1].index + 1 if front.lines else 0


def _date_line(line: Line) -> dt.date | None:
    """The date of a line that is nothing but a date ("19TH OCTOBER 2009")."""
    return _date_alone(line.text)


@lru_cache(maxsize=1024)  # the title, meeting and publication date each ask of the same cover lines
def _date_alone(text: str) -> dt.date | None:
    for d in find_dates(text):
        if d.end - d.start >= 0.6 * len(text.strip()):
            return d.date
    return None


def _has_word(text: str, words: list[str]) -> bool:
    return bool(words) and _any_word(tuple(words)).search(text.lower()) is not None


@built_up_front
@cache
def _rule_word_patterns() -> tuple[re.Pattern[str], ...]:
    """The searches for the rule data's word lists, compiled before a worker's first paper."""
    r = rules()
    lists = [r.body_words, r.document_words, *(cue.cues for cue in r.kinds), _ASSESSMENT, _PLAN_OR_STRATEGY]
    return (*(_any_word(tuple(words)) for words in lists if words), _any_word(tuple(r.partnership_cues), False))


@lru_cache(maxsize=64)  # a few word lists of the rule data, asked of every cover line
def _any_word(words: tuple[str, ...], literal: bool = True) -> re.Pattern[str]:
    # one search for all: an alternation tries each word where the one before fails its boundary
    alternatives = map(re.escape, words) if literal else words
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _title(front: Front, labelled: LabelledValue | None) -> tuple[str | None, int | None]:
    if labelled:
        return title_case(labelled.value), labelled.start
    r = rules()
    dated = next((i for i, ln in enumerate(front.cover) if _date_line(ln)), None)
    after = front.cover[dated + 1 :] if dated is not None else []
    titles = [
        ln
        for ln in [*after, *front.cover]
        if _title_shaped(ln.stripped) and not _date_line(ln) and not _names_author(ln.stripped)
    ]
    for line in titles:
        if _has_word(line.stripped, r.document_words):
            return title_case(line.stripped), line.start + line.text.index(line.stripped)
    if after and after[0] in titles:
        return title_case(after[0].stripped), after[0].start
    return None, None


def _title_shaped(text: str) -> bool:
    """A heading-shaped line, or a document's name with a subtitle after a colon ("... Plan
    2014-2017: Annual Refresh"); a field ("Date of meeting: ...") names no document before it."""
    if heading_shaped(text, TITLE_WORDS):
        return True
    name, colon, subtitle = text.partition(":")
    return (
        bool(colon and subtitle.strip())
        and len(name.split()) >= 3
        and _has_word(name, rules().document_words)
        and heading_shaped(f"{name} – {subtitle.strip()}", TITLE_WORDS)
    )


def _names_author(text: str) -> bool:
    """'REPORT OF THE DIRECTOR OF HOUSING': a line naming who wrote the report."""
    lowered = text.lower()
    return any(lowered.startswith(opener + " ") for opener in rules().author_openers)


def _dated_body(line: Line) -> tuple[str, dt.date] | None:
    """'Cabinet - Wednesday 18th October 2023', 'SCRUTINY COMMITTEE<tab>21 JUNE 2011': a body and its date."""
    dates = list(find_dates(line.text))
    if len(dates) != 1:
        return None
    rest = " ".join((line.text[: dates[0].start] + " " + line.text[dates[0].end :]).split()).strip(" -–—,:")
    if not rest or not heading_shaped(rest, TITLE_WORDS) or not _is_body(rest):
        return None
    return rest, dates[0].date


def _is_body(text: str) -> bool:
    """A line naming a meeting body: a body word, and neither a council's name nor a document's."""
    r = rules()
    return (
        _has_word(text, r.body_words)
        and not _has_word(text, r.document_words)
        and not _names_author(text)
        and not any(True for _ in councils.find_council_mentions(text))
    )


def _meeting(parsed: Parsed, front: Front, body: LabelledValue | None, date: LabelledValue | None) -> Meeting | None:
    when = next((d.date for d in find_dates(date.value)), None) if date else None
    anchor = body or date
    minutes = re.search(rules().minutes_pattern, " ".join(ln.text for ln in front.lines[:FRONT_LINES]))
    if body is None and minutes:
        # "MINUTES of a meeting of the County Council held ... on Thursday, 13 March 2025"
        start = parsed.text.find(minutes.group("body"))
        held = next(find_dates(minutes.string[minutes.end() : minutes.end() + 200]), None)
        name = " ".join(minutes.group("body").split())
        return _meeting_at(parsed, name, held.date if held else when, max(start, 0), max(start, 0) + len(name))
    if body is None:
        labelled = {v.line for v in front.values}
        for line in front.lines:
            if line.index not in labelled and (named := _dated_body(line)):
                start = line.start + line.text.index(named[0].split()[0])
                return _meeting_at(parsed, title_case(named[0]), named[1], start, start + len(named[0]))
    if body is None and date is not None:
        # a cover line names the body ("CABINET") above a labelled "Date of meeting:"
        for line in front.cover:
            addressed = _REPORT_TO_BODY.sub("", line.stripped)  # "CABINET REPORT", "Report to Cabinet"
            if line.index < date.line and addressed and _is_body(addressed) and heading_shaped(addressed, TITLE_WORDS):
                start = line.start + line.text.index(addressed)
                return _meeting_at(parsed, title_case(addressed), when, start)
    if body is None:
        # a cover: the committee's name stands on the line before the date line
        for i, line in enumerate(front.cover):
            found = _date_line(line)
            if found:
                when = when or found
                previous = front.cover[i - 1] if i else None
                if previous and _has_word(previous.stripped, rules().body_words) and not _names_council(previous):
                    return _meeting_at(parsed, title_case(previous.stripped), when, previous.start)
                return _meeting_at(parsed, None, when, line.start)
    if anchor is None:
        return None
    body_name = body.value if body else None
    if body_name and (dated := next(find_dates(body_name), None)):
        # "To: Cabinet – 4 March 2025"
        body_name = (body_name[: dated.start] + body_name[dated.end :]).strip(" -–—,")
        when = when or dated.date
    return _meeting_at(parsed, title_case(body_name) if body_name else None, when, anchor.start, anchor.end)


def _meeting_at(parsed: Parsed, body: str | None, when: dt.date | None, start: int, end: int | None = None) -> Meeting:
    end = end if end is not None else start + len(body or "")
    if body:  # "Overview and Scrutiny Committee (Item 5)": the item number is no part of the body
        body = _ITEM_AFTER_BODY.sub("", body) or body
    return Meeting(body=body, date=when, span=parsed.span(start, end), section=parsed.section_label(start), stage=STAGE)


def _names_council(line: Line) -> bool:
    return any(True for _ in councils.find_council_mentions(line.text))


# A title that names an assessment and no plan or strategy is no plan's title.
_ASSESSMENT = ["assessment"]
_PLAN_OR_STRATEGY = ["plan", "strategy"]
# Patterns compiled with the module, not on a worker's first paper.
_DATE_BEFORE_BODY = re.compile(r"^[\d/.\s]+[-–]\s*")
# "(Item 5)", "(Item 52.)": ModernGov writes a minute number with its full stop
_ITEM_AFTER_BODY = re.compile(r"\s*\((?:agenda\s+)?item\s+\w+\.?\)\s*$", re.I)
# A cover line naming the body a report goes to: "CABINET REPORT", "Report to the Cabinet"
_REPORT_TO_BODY = re.compile(r"^report\s+to\s+(?:the\s+)?|\s+report$", re.I)
_PLAN_WORD = re.compile(r"\bplan\b", re.I)

# What a web page's own fields (ModernGov decision, issue and agenda pages) say outranks
# nothing the paper states itself; they fill what the text left open.
_PAGE_KINDS = {"decision": "decision", "minutes": "minutes", "agenda item": "committee_report"}


def _with_page_fields(
    page: dict[str, str], title: str | None, meeting: Meeting | None, kind: str
) -> tuple[str | None, Meeting | None, str]:
    title = title or page.get("Title")
    kind = _PAGE_KINDS.get(page.get("ModernGov page", ""), kind)
    body = page.get("Decision maker") or page.get("Meeting")
    if body and parse_date(body):  # "29/11/2010 - Cabinet Member for ..."
        body = _DATE_BEFORE_BODY.sub("", body)
    if body:
        body = _ITEM_AFTER_BODY.sub("", body)
    when = parse_date(page.get("Decision date") or page.get("Date") or page.get("Meeting") or "")
    if meeting is None and (body or when):
        meeting = Meeting(body=body, date=when, stage=STAGE)
    elif meeting is not None:
        meeting = meeting.model_copy(update={"body": meeting.body or body, "date": meeting.date or when})
    return title, meeting, kind


def _kind(front: Front, title: str | None, meeting: Meeting | None) -> str:
    r = rules()
    opening = " ".join(ln.stripped for ln in front.cover[:6]).lower()
    for cue in r.kinds:
        if cue.kind in ("decision", "minutes") and _has_word(opening, cue.cues):
            return cue.kind
    if meeting is not None and meeting.body is not None:
        return "committee_report"
    for cue in r.kinds:
        if title and _has_word(title, cue.cues):
            return cue.kind
    return "committee_report" if meeting is not None else "other"


def _stated_publication(values: list[LabelledValue]) -> str | None:
    """The date a "Published:" field gives, wherever it stands (a decision notice's is its footer)."""
    for value in values:
        if value.field == "published":
            when = _date_alone(value.value)
            if when:
                return when.isoformat()
            month = parse_month_year(value.value.strip())
            if month:
                return f"{month[0]:04d}-{month[1]:02d}"
    return None


def _published(front: Front) -> str | None:
    for line in front.cover:
        date = _date_line(line)
        if date:
            return date.isoformat()
        month = parse_month_year(line.stripped)
        if month and len(line.stripped) <= 20:
            return f"{month[0]:04d}-{month[1]:02d}"
    return None


# words of a name are parted by spaces and at most one line break: a blank line ends the name,
# and a name holds no earlier "Partnership" ("Ashford Community Safety Partnership" above a title)
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_PARTNERSHIP = re.compile(
    rf"(?<![\w-])((?:(?!(?i:partnership)\b)[A-Z][\w'’&-]*{_GAP}(?:(?i:and|&|of|for){_GAP})?){{1,6}})(?i:partnership)\b"
)
# where a name can end, and what no name holds (see pipeline/scan.py)
# (what `(?<=[ \t\n])(?i:partnership)\b` finds, opened with its first letter in either case, so
# that the scan skips to the next "p" instead of trying the look-behind at every position)
_PARTNERSHIP_END = re.compile(r"[Pp](?<=[ \t\n][Pp])(?i:artnership)\b")
_NO_NAME = re.compile(r"[^\w'’&\- \t\n]|\n[ \t]*\n")


def partnership_names(text: str) -> list[tuple[str, int]]:
    """Names of community safety partnerships in a text, as written (title-cased if in capitals)."""
    r = rules()
    out = []
    for m in finditer_before(_PARTNERSHIP, text, _PARTNERSHIP_END, _NO_NAME):
        words = m.group(0).split()
        while words and words[0].lower() in r.name_openers:
            words.pop(0)
        name = title_case(" ".join(words))
        lowered = name.lower()
        if not r.partnership_cues or not _any_word(tuple(r.partnership_cues), literal=False).search(lowered):
            continue
        if lowered in r.generic_partnerships or len(words) < 2:
            continue
        out.append((name, m.start() + m.group(0).index(words[0])))
    return out


def _partnership(text: str, front: Front, title: str | None) -> str | None:
    if title:
        named = partnership_names(title)
        if named:
            return named[0][0]
    for line in front.cover:
        named = partnership_names(line.stripped)
        if named:
            return named[0][0]
    counts = Counter(name for name, _ in partnership_names(text))
    if not counts:
        return _safer_place(text)
    # the most frequent; a name that extends another ("Southampton Safe City ...") counts for it too
    return max(counts, key=lambda n: (sum(c for m, c in counts.items() if m.endswith(n)), counts[n]))


# "Safer Merthyr Tydfil", "Safer Cornwall": a partnership named after its council's area alone
_SAFER_PLACE = re.compile(r"\bSafer?\s+[A-Z][\w'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]*){0,3}")


def _safer_place(text: str) -> str | None:
    """The most written "Safer <council area>" name, for a partnership whose name has no "Partnership"."""
    counts: Counter[str] = Counter()
    for m in _SAFER_PLACE.finditer(text):
        words = m.group(0).split()
        # the longest run of words after "Safer" that names a council ("Safer Merthyr Tydfil Community ...")
        for end in range(len(words), 1, -1):
            if words[end - 1] != "and" and councils.canonical(" ".join(words[1:end])):
                counts[" ".join(words[:end])] += 1
                break
    return counts.most_common(1)[0][0] if counts else None


def _council(text: str, front: Front, partnership: str | None) -> str | None:
    # a known council first: a bilingual cover names it in Welsh ("Cyngor Sir Ddinbych") too
    on_cover = [m for line in front.cover for m in councils.find_council_mentions(line.text)]
    for mention in sorted(on_cover, key=lambda m: not m.known):
        return mention.name
    if partnership:
        places = [p for p, _, _ in councils.find_places(partnership)]
        if places:
            return places[0]
    domains = Counter(
        name
        for m in find_emails(text)
        if (name := councils.from_domain(m.group(0).split("@", 1)[1])) and ".gov.uk" in m.group(0).lower()
    )
    if domains:
        return domains.most_common(1)[0][0]
    named = Counter(m.name for m in councils.find_council_mentions(text) if m.known)
    if named:
        return named.most_common(1)[0][0]
    mentioned = Counter(p for p, _, _ in councils.find_places(text))
    best = mentioned.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


def _contains(period: tuple[int, int], when: dt.date) -> bool:
    start, end = period
    if end == start + 1:  # one financial year, April to March
        return dt.date(start, 4, 1) <= when <= dt.date(end, 3, 31)
    return start <= when.year <= end


def _plan_period(parsed: Parsed, title: str | None, title_start: int | None, when: dt.date | None) -> PlanPeriod | None:
    text = parsed.text
    # the year of an assessment in its title is not the period of the plan it informs
    assessment_title = (
        title is not None and _has_word(title, _ASSESSMENT) and not _has_word(title, _PLAN_OR_STRATEGY)
    )
    in_title = None
    if title and title_start is not None:
        for a, b, s, e in find_periods(title):
            # the title as written in the text (title casing keeps offsets)
            in_title = _period(parsed, a, b, title_start + s, title_start + e)
            break
    if in_title is not None and not assessment_title:
        return in_title
    near_plan = []
    for a, b, s, e in find_periods(text):
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e) % (len(text) + 1)
        before = text[max(line_start, s - PLAN_WINDOW) : s]
        after = text[e : min(line_end, e + PLAN_WINDOW)]
        if _PLAN_WORD.search(before + " " + after):
            near_plan.append((a, b, s, e))
    if not near_plan:
        return in_title
    counts = Counter((a, b) for a, b, _, _ in near_plan)
    best = max(counts, key=lambda p: (when is not None and _contains(p, when), counts[p]))
    a, b, s, e = next(c for c in near_plan if (c[0], c[1]) == best)
    return _period(parsed, a, b, s, e)


def _period(parsed: Parsed, start_year: int, end_year: int, start: int, end: int) -> PlanPeriod:
    return PlanPeriod(
        start_year=start_year,
        end_year=end_year,
        text=parsed.text[start:end],
        span=parsed.span(start, end),
        section=parsed.section_label(start),
        stage=STAGE,
    )
