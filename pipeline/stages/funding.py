"""Stage: funding. Sums of money allocated, with their purpose and the priority they serve.

Three places say that money is allocated: a resources cell or line ("CSP Resources: 5K CSP
Allocation 10K CSP Problem Solving"), a table column headed budget/funding/allocation, and
prose whose sentence allocates ("a Community Safety Budget (£75k) which the partnership
allocates as grants"). Sums in sentences about savings, cuts, withdrawn grants or estimates are
not allocations. Action-plan blocks repeat on continuation pages, so one sum with the same
purpose under the same priority counts once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, field_validator
from spacy.tokens import Span

from pipeline import nlp, rule_files
from pipeline.cues import CueMatcher, Cues
from pipeline.errors import RuleDataError
from pipeline.funding_headings import PriorityHeadings
from pipeline.funding_lists import allocation_lists
from pipeline.money import Sum, find_sums
from pipeline.needed_words import needed_words
from pipeline.parsed import Parsed
from pipeline.quotes import quote_evidence, quote_range
from pipeline.stages.topic import Judged
from pipeline.upfront import built_up_front
from schemas import Funding, PlanExtraction

FUNDING_FILE = "funding.json"
# In prose, the allocating word stands this close to the sum ("£45,000 has been allocated to").
ALLOCATION_REACH = 5
MAX_PURPOSE_WORDS = 10


class FundingRules(BaseModel):
    """The versioned rules of pipeline/data/funding.json."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    description: str = ""
    labels: list[str] = Field(min_length=1)
    allocation_words: list[str] = Field(min_length=1)
    not_allocation_words: list[str] = Field(default_factory=list)
    columns: list[str] = Field(default_factory=list)
    # each matches one line from its start: begins with ^ and never reads past a line break
    priority_headings: list[str] = Field(default_factory=list)

    @field_validator("priority_headings")
    @classmethod
    def _line_patterns(cls, patterns: list[str]) -> list[str]:
        # the headings of a paper are found line by line (pipeline/funding_headings.py)
        for p in patterns:
            if not p.startswith("^"):
                raise ValueError(f"a priority heading pattern reads a line from its start: {p!r}")
        return patterns


class _Compiled:
    def __init__(self, rules: FundingRules) -> None:
        words = "|".join(re.escape(w) for w in sorted(rules.labels, key=len, reverse=True))
        # A label opens a cell or line: "CSP Resources:", "Budget -".
        self.label = re.compile(rf"(?:^|\t)[ \t]*(?:[A-Z]{{2,6}}[ \t]+)?(?:{words})[ \t]*[:–-][ \t]*", re.I | re.M)
        self.allocation = {lemma for w in rules.allocation_words for lemma in nlp.lemmas(w)}
        self.not_allocation = CueMatcher(Cues(phrases=rules.not_allocation_words))
        self.columns = [c.lower() for c in rules.columns]
        self.headings = [re.compile(p, re.M) for p in rules.priority_headings]
        for heading in self.headings:
            needed_words(heading)  # read with the rules, not on a worker's first paper


@built_up_front
@lru_cache(maxsize=1)
def _rules() -> _Compiled:
    rules = rule_files.parse_rules(FundingRules, rule_files.packaged(FUNDING_FILE), FUNDING_FILE)
    try:
        return _Compiled(rules)
    except re.error as e:  # a pattern of the file that does not compile
        raise RuleDataError(f"{FUNDING_FILE}: {e}") from e


def find_funding(parsed: Parsed, found: PlanExtraction) -> list[Funding]:
    """Every sum the document allocates, once each."""
    judged = Judged(found.community_safety)
    rules = _rules()
    headings = PriorityHeadings(parsed.text, parsed.lines, rules.headings)
    items = _from_labels(parsed, rules, headings) + _from_columns(parsed, rules, headings)
    # A table row read by its columns is not prose: its other sums ("Spend to date") are not read again.
    taken = [_line_of(parsed.text, a.sum.start) for a in items]
    for listed in allocation_lists(parsed, rules.allocation):
        # the sentence's own sum is the list's total
        taken.append((listed.start, listed.end))
        items += [_allocation(headings, i.sum, i.purpose) for i in listed.items]
    prose = _from_prose(parsed, rules, headings)
    items += [a for a in prose if not any(x <= a.sum.start < y for x, y in taken)]
    # in a council-wide report, only the money of its community safety passages
    items = [a for a in items if judged.hold(a.sum.start)]
    return [_funding(parsed, a) for a in _once(sorted(items, key=lambda a: a.sum.start))]


@dataclass(slots=True)
class _Allocation:
    """A sum found allocated, with its purpose and priority: what tells repeats apart. Only the
    sums kept once each become Funding, so a repeat's evidence is never quoted."""

    sum: Sum
    purpose: str | None
    priority: str | None


def _line_of(text: str, pos: int) -> tuple[int, int]:
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def _from_labels(parsed: Parsed, rules: _Compiled, headings: PriorityHeadings) -> list[_Allocation]:
    text = parsed.text
    items: list[_Allocation] = []
    for m in _labels(parsed, rules):
        start, end = _cell_value(text, m.end())
        sums = list(find_sums(text[start:end], start, bare=True))
        if not sums:
            continue
        tail = _continuation(text, end)
        for i, s in enumerate(sums):
            stop = sums[i + 1].start if i + 1 < len(sums) else end
            purpose = text[s.end : stop] + (" " + tail if i + 1 == len(sums) and tail else "")
            items.append(_allocation(headings, s, purpose))
    return items


def _labels(parsed: Parsed, rules: _Compiled) -> Iterator[re.Match[str]]:
    """The resource labels of a paper: what `rules.label.finditer(text)` finds, read line by line.

    A label opens a line or a cell and ends on its line in ":", "-" or "–": a line with none of
    these holds no label, and a line without a tab holds one only at its start, so the pattern
    runs over few lines, and over a paragraph at one place only.
    """
    text = parsed.text
    for line in parsed.lines:
        written = line.text
        if ":" not in written and "-" not in written and "–" not in written:
            continue
        if "\t" in written:
            yield from _labels_of_row(rules.label, text, line.start, line.end)
        elif m := rules.label.match(text, line.start, line.end):
            yield m


def _labels_of_row(label: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What `label.finditer(text, start, end)` finds in a row, tried only where a label may open:
    the pattern opens with the row's start or a tab, so a match starts at one of those and the
    leftmost from each point on is found by trying them in turn, not every character."""
    at, after = start, start  # the place tried; where the last label ended
    while 0 <= at < end:
        if at >= after and (m := label.match(text, at, end)):
            yield m
            after = m.end()
        at = text.find("\t", at + 1, end)


def _from_columns(parsed: Parsed, rules: _Compiled, headings: PriorityHeadings) -> list[_Allocation]:
    """Rows under a header cell such as "Allocation" or "Budget (£)": the row label is the purpose."""
    items: list[_Allocation] = []
    columns: list[int] = []
    in_pounds: set[int] = set()
    for line in parsed.lines:
        written, pos = line.text, line.start
        if "\t" not in written:
            last = list(find_sums(written, pos))[-1:] if columns else []
            if last and not written[last[0].end - pos :].strip() and _row_label(written[: last[0].start - pos]):
                # A row whose cells ran together in the PDF: "Taxi marshals £18,000".
                items.append(_allocation(headings, last[0], written[: last[0].start - pos]))
            else:
                columns = []
            continue
        cells = written.split("\t")
        if _names_a_column(written, rules) and _is_header(cells, rules):
            columns = [j for j, c in enumerate(cells) if _is_header([c], rules)]
            # "Allocation (£)": the cells below hold plain numbers that are pounds.
            in_pounds = {j for j in columns if "£" in cells[j]}
        elif columns:
            label = next((c.strip() for c in cells if c.strip() and next(find_sums(c), None) is None), "")
            at = pos
            # A PDF row may run two cells together: then the sum sits in its last cell.
            whole = len(cells) > max(columns)
            wanted = set(columns) if whole else {len(cells) - 1}
            pounds = in_pounds if whole else ({len(cells) - 1} if max(columns) in in_pounds else set())
            for j, cell in enumerate(cells):
                if j in wanted and not _TOTAL.match(label):
                    sums = list(find_sums(cell, at)) or (_plain_pounds(cell, at, whole) if j in pounds else [])
                    items += [_allocation(headings, s, label) for s in sums]
                at += len(cell) + 1
    return items


# A paragraph number opens prose, not a table row: "5.03 In addition, the grant is £67,250".
_PARAGRAPH_OPENING = re.compile(r"^\s*\d+(?:\.\d+)+\s")
MAX_ROW_LABEL_WORDS = 12


def _row_label(label: str) -> bool:
    """True when the words before a sum can be a row's label, not a sentence below the table."""
    return len(label.split()) <= MAX_ROW_LABEL_WORDS and not _PARAGRAPH_OPENING.match(label)


# A total repeats the sums above it.
_TOTAL = re.compile(r"^(?:grand |sub[- ]?)?totals?\b", re.I)
_PLAIN_NUMBER = re.compile(r"^\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d\d)?\s*$")
_ENDING_NUMBER = re.compile(r"(?:^|\s)(\d{1,3}(?:,\d{3})+|\d+)(\.\d\d)?\s*$")


def _plain_pounds(cell: str, offset: int, whole: bool = True) -> list[Sum]:
    """A cell holding only a number, in a column whose header says it is in pounds; a cell
    that ran together with the one before it ("Anti-social behaviour 18,500") ends with it."""
    m = (_PLAIN_NUMBER if whole else _ENDING_NUMBER).search(cell)
    if m is None:
        return []
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    return [Sum(value, m.group(0).strip(), offset + m.start(1), offset + m.end(2 if m.group(2) else 1))]


_HEADER_MARKS = re.compile(r"[()£:]")


def _names_a_column(line: str, rules: _Compiled) -> bool:
    """False for a row that holds no column word, and so no header cell (most rows of a paper)."""
    low = line.lower()
    # a substring test a word finds what one search for any of them finds, at a memory scan's
    # speed; a loop, as a generator costs more than the tests
    for word in rules.columns:  # noqa: SIM110
        if word in low:
            return True
    return False


# A year or financial year heading a column in pounds: "2013-14 (£)", "£ 2016/17".
_YEAR_IN_POUNDS = re.compile(r"(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?")


def _is_header(cells: list[str], rules: _Compiled) -> bool:
    for cell in cells:
        words = _HEADER_MARKS.sub(" ", cell.lower()).split()
        if next(find_sums(cell), None) is not None:
            continue
        if words and len(words) <= 3 and words[0] in rules.columns:
            return True
        # the year alone says when, the pound sign that the column is money
        if "£" in cell and len(words) == 1 and _YEAR_IN_POUNDS.fullmatch(words[0]):
            return True
    return False


def _from_prose(parsed: Parsed, rules: _Compiled, headings: PriorityHeadings) -> list[_Allocation]:
    items: list[_Allocation] = []
    doc = parsed.doc
    allocating: set[tuple[int, int]] = set()  # sentences that already allocated a sum
    marked: _Marked | None = None
    for s in find_sums(parsed.text):
        a, b = quote_range(parsed, s.start, s.end)
        sentence = doc.char_span(a, b, alignment_mode="expand")
        money = doc.char_span(s.start, s.end, alignment_mode="expand")
        if sentence is None or money is None:
            continue
        marked = marked or _Marked(parsed, rules)
        if _not_allocated(parsed, marked, s, sentence):
            continue
        reach = ALLOCATION_REACH
        near = doc[max(money.start - reach, sentence.start) : min(money.end + reach, sentence.end)]
        # "£45,000 has been allocated to X and £30,000 to Y": the second sum shares the verb.
        if not any(t.lemma_ in rules.allocation for t in near) and (a, b) not in allocating:
            continue
        allocating.add((a, b))
        purpose = _prose_purpose(parsed.text, s, a, b)
        # A sum in prose with nothing to say what it is for is more often context than an allocation.
        if _clean_purpose(purpose):
            items.append(_allocation(headings, s, purpose))
    return items


# Clauses of a sentence: "a grant of £56,000 for 2012/13, a reduction of £12,000 on last year".
_CLAUSE_BREAK = re.compile(r"[,;:()]\s|\s[–-]\s")
# A word that marks savings or estimates this close to a sum speaks of it, whatever the clause.
NOT_ALLOCATION_REACH = 4


class _Marked:
    """Where the document speaks of savings, cuts or estimates: its wording found once, asked per clause.

    A cue found in a span of the document is a cue found in the document that lies within the
    span, so the document is searched once instead of every clause.
    """

    def __init__(self, parsed: Parsed, rules: _Compiled) -> None:
        hits = sorted((h.start, h.end) for h in rules.not_allocation.find(parsed.doc))
        self.starts = [a for a, _ in hits]
        self.ends = [b for _, b in hits]

    def within(self, span: Span) -> bool:
        """True when the wording stands within a span."""
        i = bisect.bisect_left(self.starts, span.start_char)
        while i < len(self.starts) and self.starts[i] < span.end_char:
            if self.ends[i] <= span.end_char:
                return True
            i += 1
        return False


def _not_allocated(parsed: Parsed, marked: _Marked, s: Sum, sentence: Span) -> bool:
    """True when the clause holding the sum, or the words right beside it, speak of savings, cuts or estimates."""
    text = parsed.text
    a, b = sentence.start_char, sentence.end_char
    breaks = [m for m in _CLAUSE_BREAK.finditer(text, a, b)]
    start = max((m.end() for m in breaks if m.end() <= s.start), default=a)
    end = min((m.start() for m in breaks if m.start() >= s.end), default=b)
    doc = parsed.doc
    clause = doc.char_span(start, end, alignment_mode="expand")
    money = doc.char_span(s.start, s.end, alignment_mode="expand")
    if money is None:
        return clause is not None and marked.within(clause)
    reach = NOT_ALLOCATION_REACH
    near = doc[max(money.start - reach, sentence.start) : min(money.end + reach, sentence.end)]
    return any(marked.within(span) for span in (clause, near) if span is not None)


def _allocation(headings: PriorityHeadings, s: Sum, purpose: str) -> _Allocation:
    return _Allocation(s, _clean_purpose(purpose) or None, headings.priority_at(s.start))


def _funding(parsed: Parsed, allocation: _Allocation) -> Funding:
    s = allocation.sum
    return Funding(
        amount_gbp=s.amount_gbp,
        text=s.text,
        purpose=allocation.purpose,
        priority=allocation.priority,
        span=parsed.span(s.start, s.end),
        section=parsed.section_label(s.start),
        stage="funding",
        evidence=[quote_evidence(parsed, s.start, s.end)],
    )


# The cell after a label: up to the next tab or line end, after any empty cells.
_CELL_VALUE = re.compile(r"[\t ]*([^\t\n]*)")


def _cell_value(text: str, pos: int) -> tuple[int, int]:
    """The start and end of the cell after a label."""
    m = _CELL_VALUE.match(text, pos)
    return m.start(1), m.end(1)  # type: ignore[union-attr]  # the pattern matches anywhere


def _continuation(text: str, end: int) -> str:
    """The end of a cell that wrapped onto the next PDF line: a few words, last on that line."""
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip():
        return ""  # the cell was not the last on its row
    nxt_end = text.find("\n", line_end + 1)
    nxt = text[line_end + 1 : nxt_end if nxt_end >= 0 else len(text)]
    cells = [c.strip() for c in nxt.split("\t")]
    if not nxt.startswith("\t") or not any(cells):
        return ""
    last = [c for c in cells if c][-1]
    if len(last.split()) > 4 or ":" in last or next(find_sums(last, bare=True), None):
        return ""
    return last


# "for 2017/18 to the partnership": the year says when, the rest what for.
_LEADING = re.compile(r"^\s*(?:for|towards|to|on|of|as|the|-|–|:|(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?)\s+", re.I)
_TRAILING_PERIOD = re.compile(
    r"\s+(?:for|in|during)\s+(?:the\s+)?(?:year\s+)?(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?\s*$", re.I
)


_ONLY_A_PERIOD = re.compile(r"(?:(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?|the year|this year|next year)?", re.I)


def _clean_purpose(purpose: str) -> str:
    text = " ".join(purpose.split()).strip(" ,;.")
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        text = _TRAILING_PERIOD.sub("", text).strip(" ,;.")
    if _ONLY_A_PERIOD.fullmatch(text):
        return ""  # "for 2013/14" says when, not what for
    words = text.split()
    return " ".join(words[:MAX_PURPOSE_WORDS])


_NAMED_BEFORE = re.compile(r"((?:[A-Z][\w'’&-]*\s+){1,6})(?:\(\s*|of\s+|:\s*|-\s*|–\s*)?$")
_NAMED_RUN = re.compile(r"(?<![\w'’])((?:[A-Z][\w'’&-]+\s+){1,5}(?:Fund|Grant|Budget|Allocation|Programme|Pot))\b")
# "£212,000 through the London Crime Prevention Fund", "£5,000 each year from the Safer Streets Grant"
_FUND_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+){0,2}?(?:from|through|via|under)\s+(?:the\s+|its\s+|their\s+)?"
    r"((?:[A-Z][\w'’&-]*\s+){1,5}(?:Fund|Grant|Budget|Programme|Allocation))\b"
)
_GIVER = re.compile(
    r"(?<![\w'’])((?:[A-Z][\w'’&-]*\s+(?:(?:and|&|of|for|the)\s+)*){1,8})"
    r"(?:has|have|will)\s+(?:also\s+)?(?:awarded|granted|allocated|provided|given|confirmed|agreed)\b"
)
# The partnership as the one paid, not a post or project of it ("Partnership coordinator").
_RECIPIENT = re.compile(
    r"(?:the\s+)?(?:(?:[A-Z][\w'’-]*\s+){0,4}Partnership|CSP|CDRP|partnership)(?:\s+to\b.*)?$", re.S
)
_PURPOSE_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?:has|have)\s+been\s+|was\s+|is\s+|will\s+be\s+)?"
    r"(?:of\s+(?:this|that|it|which|the\s+\w+)\s+)?(?:(?:has|have)\s+been\s+|was\s+|is\s+|will\s+be\s+)?"
    r"(?:allocated\s+|awarded\s+|granted\s+|set\s+aside\s+|committed\s+|passed\s+|given\s+|provided\s+|paid\s+)?"
    r"(?:(?:a|per|each|every)\s+(?:year|annum|month)\s+)?"  # "£15,000 a year from its budget towards"
    r"(?:from\s+[^.;,()£]{3,60}?\s+)?(?:for|towards|to)\s+(?:the\s+)?(?P<p>[^.;,()£]{3,80})",
    re.I,
)


def _prose_purpose(text: str, s: Sum, a: int, b: int) -> str:
    """The named budget before a sum ("Community Safety Budget (£75k)") or what it is for."""
    clause = re.split(r"[,;:]\s", text[a : s.start])[-1]
    before = _NAMED_BEFORE.search(clause)
    fund = _FUND_AFTER.match(text[s.end : b])
    # "has awarded Safer Newport £180,000 from the Community Safety Fund": the fund, not the one paid
    if before and not (fund and not _NAMED_RUN.search(before.group(1))):
        return before.group(1)
    after = _PURPOSE_AFTER.match(text[s.end : b])
    giver = _GIVER.search(clause)
    # "awarded £127,500 to the Community Safety Partnership": the recipient says less than the giver.
    purpose = _clean_purpose(after.group("p")) if after else ""
    if after and purpose and not (giver and _RECIPIENT.match(purpose)):
        return re.sub(r"\s+and\s*$", "", after.group("p"))
    if fund:
        return fund.group(1)
    # "The Safer Stronger Communities Fund allocation for 2009/10 is £212,000": the named fund.
    named = _NAMED_RUN.findall(clause)
    if named:
        return named[-1]
    # "The Police and Crime Commissioner has granted the partnership £182,000": who gives it.
    return giver.group(1) if giver else ""


def _once(items: list[_Allocation]) -> list[_Allocation]:
    """One sum per purpose and priority; a cut-off purpose merges into the full one."""
    kept: list[_Allocation] = []
    for item in items:
        purpose = (item.purpose or "").lower()
        same = [
            k for k in kept
            if k.sum.amount_gbp == item.sum.amount_gbp and k.priority == item.priority
            and ((k.purpose or "").lower().startswith(purpose) or purpose.startswith((k.purpose or "").lower()))
        ]
        if not same:
            kept.append(item)
        elif len(purpose) > len(same[0].purpose or ""):
            same[0].purpose = item.purpose
    return kept
