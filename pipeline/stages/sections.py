"""Stage: sections. The headings of a paper, their hierarchy and the text each governs.

Headings are found line by line: numbered ("5. Summary", "3.0 Detail", "Section 4:"),
appendices ("Appendix A – ..."), upper-case lines ("BRIEF SUMMARY") and, where a document
writes them so, short title-case lines standing alone ("Community Forums"). A contents page is
kept as one section called "Contents"; its entries are not sections of their own, but they
confirm the headings they list. Lines before the first numbered heading of a numbered paper
(its cover and front-sheet fields) belong to no section.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from pipeline import councils
from pipeline import headings as h
from pipeline.document import RawTable
from pipeline.parsed import Parsed
from pipeline.textlines import Line
from schemas import PlanExtraction, Section

# A paper written with blank lines between paragraphs (text exports) shows a heading as a line
# standing alone; a PDF text has no blank lines, so there a heading must follow a finished line.
BLANK_LINE_STYLE = 0.15
_ENDS_PARAGRAPH = tuple('.:;!?)”"')
REPEATED_LABEL = 3
# A heading line this long may be the first line of a contents entry that wraps.
LONG_ENTRY = 30
# A line of this many words is prose.
PARAGRAPH_WORDS = 12


@dataclass(slots=True)
class Heading:
    """A heading line found, before spans and parents are known."""

    line: Line
    number: str | None
    heading: str
    level: int
    kind: str
    structural: bool = True  # numbered, appendix or upper-case: sets the level of what follows
    wrapped: int = 0  # further lines the heading takes
    weak: bool = False  # counted among repeated labels, then dropped


def find_sections(parsed: Parsed, found: PlanExtraction) -> list[Section]:
    """The document's sections in order, with level, parent and span."""
    lines = parsed.lines
    contents, listed = _contents(lines)
    found_headings = _headings(parsed, lines, contents, listed)
    return _sections(parsed, lines, found_headings, contents)


class ContentsEntries(dict[str, int]):
    """The entries of a contents page (their `h.entry_key`) and the level each is listed at."""

    @cached_property
    def _ordered(self) -> list[str]:
        return sorted(self)

    @cached_property
    def openings(self) -> frozenset[str]:
        """The first characters of the entries."""
        return frozenset(key[:1] for key in self)

    def begins_with(self, key: str) -> bool:
        """True when an entry begins with a key (a heading line may be the first of a wrapped entry)."""
        # the entries that begin with a key sort together, from where the key itself would
        i = bisect.bisect_left(self._ordered, key)
        return i < len(self._ordered) and self._ordered[i].startswith(key)


def _contents(lines: Sequence[Line]) -> tuple[tuple[int, int] | None, ContentsEntries]:
    """The contents page as a line range, and its entries with the level they are listed at."""
    for i, line in enumerate(lines):
        if not h.contents_title(line.text):
            continue
        entries: dict[str, bool] = {}  # entry -> numbered (or an appendix)
        last = i
        j = i + 1
        while j < len(lines):
            text = lines[j].stripped
            entry = h.contents_entry(text)
            if entry:
                is_numbered = h.numbered(entry) is not None or h.heading_rules().appendix_re.match(entry)
                entries[h.entry_key(entry)] = bool(is_numbered)
                last = j
            elif (
                text and text.lower() != "page" and not (j + 1 < len(lines) and h.contents_entry(lines[j + 1].stripped))
            ):
                break  # a wrapped entry is followed by the rest of it with its page number
            j += 1
        if len(entries) >= 3:
            # unnumbered entries among numbered ones are subsections ("Community Forums" under 3)
            mixed = any(entries.values())
            levels = {key: 1 if is_numbered or not mixed else 2 for key, is_numbered in entries.items()}
            return (i, last), ContentsEntries(levels)
    return None, ContentsEntries()


def _headings(
    parsed: Parsed, lines: Sequence[Line], contents: tuple[int, int] | None, listed: ContentsEntries
) -> list[Heading]:
    blank_style = sum(ln.blank for ln in lines) >= BLANK_LINE_STYLE * max(len(lines), 1)
    in_table = _table_lines(lines, parsed.document.tables)
    out: list[Heading] = []
    skip_to = 0
    for i, line in enumerate(lines):
        if i < skip_to or line.blank or (contents and contents[0] <= i <= contents[1]) or i in in_table:
            continue
        found = _heading(parsed, lines, i, blank_style, listed, out)
        if found:
            out.append(found)
            skip_to = i + 1 + found.wrapped
    # a label repeated on every page of a form ("Key Actions to Mitigate Risk:") is no heading
    keys = [None if x.structural else h.entry_key(x.heading) for x in out]  # each worked out once
    repeated = Counter(k for k in keys if k is not None)
    out = [x for x, k in zip(out, keys, strict=True) if k is None or (repeated[k] < REPEATED_LABEL and not x.weak)]
    if contents:
        # unnumbered lines above the contents page are the cover: "Improving Health and / Wellbeing ~ ..."
        first = lines[contents[0]].start
        out = [x for x in out if x.kind != "heading" or x.line.start > first]
    out = _numbering_runs_on(out)
    numbered_top = [x for x in out if x.kind == "numbered" and x.level == 1]
    if len(numbered_top) >= 2:
        # a numbered paper: unnumbered lines before its first numbered heading are its cover,
        # unless prose follows them ("EXECUTIVE SUMMARY" and its paragraphs before "1. Introduction")
        first = numbered_top[0].line.start
        out = [x for x in out if x.kind == "numbered" or x.line.start >= first or _heads_prose(lines, x)]
    return out


def _table_lines(lines: Sequence[Line], tables: Sequence[RawTable]) -> set[int]:
    """The lines that start inside a table a backend found (a set, asked of every line)."""
    starts = [ln.start for ln in lines]
    inside: set[int] = set()
    for table in tables:
        inside.update(range(bisect.bisect_left(starts, table.start), bisect.bisect_left(starts, table.end)))
    return inside


def _numbering_runs_on(found: list[Heading]) -> list[Heading]:
    """Top-level section numbers only go up: "1. Reducing burglary" under "3. Priorities" is a list item.

    A number at or below the last section's is a list item. A list's next number that would also
    go on with the sections stays a heading but does not move the section count, so "2. Background"
    after the items "1. A", "2. B" of section 1 is still read as a section.
    """
    kept: list[Heading] = []
    last: int | None = None
    run: int | None = None  # the last number of a list seen inside a section
    for x in found:
        number = _top_number(x)
        if number is None:
            kept.append(x)
        elif last is not None and number <= last:
            run = number
        elif run is not None and number == run + 1:
            kept.append(x)
            run = number
        else:
            kept.append(x)
            last, run = number, None
    return kept


def _top_number(heading: Heading) -> int | None:
    if heading.kind != "numbered" or heading.level != 1 or not heading.number:
        return None
    digits = heading.number.strip(".) ").split(".")[0]
    return int(digits) if digits.isdigit() else None


def _heads_prose(lines: Sequence[Line], heading: Heading) -> bool:
    """True when a paragraph follows a heading; a council's name on a cover heads nothing."""
    if any(True for _ in councils.find_council_mentions(heading.heading)):
        return False
    following = _neighbour(lines, heading.line.index + heading.wrapped, 1)
    return following is not None and len(following.cells) == 1 and len(following.text.split()) >= PARAGRAPH_WORDS


def _neighbour(lines: Sequence[Line], i: int, step: int) -> Line | None:
    j = i + step
    while 0 <= j < len(lines) and lines[j].blank:
        j += step
    return lines[j] if 0 <= j < len(lines) else None


def _heading(
    parsed: Parsed, lines: Sequence[Line], i: int, blank_style: bool, listed: ContentsEntries, before: list[Heading]
) -> Heading | None:
    line = lines[i]
    rules = h.heading_rules()
    cells = len(line.cells) if "\t" in line.text else 1  # the line is not blank
    stripped = line.stripped
    if cells > 2 or stripped.startswith(rules.bullet_marks):  # a list item (h.is_bulleted)
        return None
    text = stripped.replace("\t", " ").strip()
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and nxt.text.lstrip()[:1].islower():
        return None  # the line wraps on: a sentence, not a heading
    if cells == 2 and not _two_cell_heading(lines, i):
        return None
    appendix = rules.appendix_re.match(text)
    if appendix:
        previous = _neighbour(lines, i, -1)
        wrapped = not blank_style and previous is not None and not previous.stripped.endswith(_ENDS_PARAGRAPH)
        if _is_list_of_appendices(lines, i) or (wrapped and not any(x.line is previous for x in before[-1:])):
            return None
        label = f"{appendix.group('word').capitalize()} {appendix.group('label')}"
        return Heading(line, label, (appendix.group("heading") or "").strip() or label, 1, "appendix")

    if h.ends_as_prose(text) and not listed:
        return None  # no numbered or unlisted heading is (h.heading_shaped): most lines of prose
    number = h.numbered(text)
    if number:
        if h.heading_shaped(number.heading) and (number.heading[:1].isupper() or number.heading[:1].isdigit()):
            return Heading(line, number.number, number.heading.rstrip(":").strip(), len(number.parts), "numbered")
        return None

    if len(text) > 2 * rules.max_chars or (len(text) > rules.max_chars and not listed):
        return None  # too long for any heading below (a listed one may be up to twice as long)
    shaped = h.heading_shaped(text)  # asked once for both kinds below
    if h.upper_case_heading(text, shaped):
        return Heading(line, None, text.rstrip(":").strip(), 1, "heading")
    listed_level = _listed(listed, text) if listed else None
    if listed_level is not None:
        level = max(listed_level, _context(before) + 1) if listed_level > 1 else 1
        text, extra_lines = _wrapped_entry(lines, i, text, listed)
        return Heading(line, None, text.rstrip(":").strip(), level, "heading", listed_level == 1, extra_lines)
    if not h.title_case_heading(text, shaped):
        return None
    context = _context(before)
    emphasised = parsed.document.is_emphasised(line.start + line.text.index(line.text.strip()[:1]), line.end)
    if emphasised or _stands_alone(lines, i, blank_style, before):
        following = _neighbour(lines, i, 1)
        if not (blank_style or emphasised or len(text.split()) > 1) and not (
            following is not None and h.numbered(following.stripped) is not None
        ):
            # one capitalised word alone on a PDF line is as often a caption or a name; it heads
            # numbered paragraphs ("Capital" / "11. None as a direct result ...") as a heading does
            return Heading(line, None, text.rstrip(":").strip(), context + 1, "heading", False, weak=True)
        return Heading(line, None, text.rstrip(":").strip(), context + 1, "heading", structural=False)
    return None


def _context(before: list[Heading]) -> int:
    """The level of the last heading that sets the level of what follows (0 before any)."""
    return next((x.level for x in reversed(before) if x.structural), 0)


def _wrapped_entry(lines: Sequence[Line], i: int, text: str, listed: ContentsEntries) -> tuple[str, int]:
    """A contents entry whose heading wraps: the whole heading and the number of lines it takes."""
    taken = 0
    while h.entry_key(text) not in listed and i + taken + 1 < len(lines):
        joined = f"{text} {lines[i + taken + 1].stripped}"
        if not listed.begins_with(h.entry_key(joined)):
            break
        text, taken = joined, taken + 1
    return text, taken


_KEPT_IN_KEYS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")  # what h.entry_key keeps of a text


def _listed(listed: ContentsEntries, text: str) -> int | None:
    """The contents level of a heading line; a long heading may wrap onto a second line."""
    # A listed line's key is an entry or the start of one, so it opens as an entry does; a key
    # opens with the line's first character lower-cased where that is a letter or digit it keeps
    # (a character lowers alone at the start): the line is ruled out before its key is made.
    first = text[:1].lower()[:1]
    if first in _KEPT_IN_KEYS and first not in listed.openings:
        return None
    key = h.entry_key(text)
    if key in listed:
        return listed[key]
    if len(key) >= LONG_ENTRY and listed.begins_with(key):
        return next(level for entry, level in listed.items() if entry.startswith(key))  # the first listed
    return None


def _two_cell_heading(lines: Sequence[Line], i: int) -> bool:
    """'5.<tab>Summary' is a heading; a row of a table or a 'Label:<tab>value' pair is not."""
    first, _ = lines[i].cells
    if h.numbered(first + " x") is None or first.endswith(":"):
        return False
    around = (_neighbour(lines, i, -1), _neighbour(lines, i, 1))
    return not any(n is not None and _table_row(n) for n in around)


def _table_row(line: Line) -> bool:
    """A row of cells; a numbered paragraph ("1.1<tab>To present the plan to ...") is prose, not
    a row, where a numbered line that could be a heading ("2.<tab>Reduce violence") is one of a list."""
    cells = line.cells
    if len(cells) != 2:
        return len(cells) > 2
    return h.numbered(cells[0] + " x") is None or h.heading_shaped(cells[1])


def _is_list_of_appendices(lines: Sequence[Line], i: int) -> bool:
    """ "Appendix 1 – ...", "Appendix 2 – ..." one under the other list appendices, they do not start one."""
    pattern = h.heading_rules().appendix_re
    return any(n is not None and pattern.match(n.stripped) for n in (_neighbour(lines, i, -1), _neighbour(lines, i, 1)))


def _stands_alone(lines: Sequence[Line], i: int, blank_style: bool, before: list[Heading]) -> bool:
    if blank_style:
        prev_blank = i == 0 or lines[i - 1].blank
        next_blank = i + 1 >= len(lines) or lines[i + 1].blank
        return prev_blank and next_blank
    previous, following = _neighbour(lines, i, -1), _neighbour(lines, i, 1)
    previous_ends = (
        previous is None
        or previous.stripped.endswith(_ENDS_PARAGRAPH)
        or len(previous.cells) > 1
        or h.is_bulleted(previous.stripped)
        or any(x.line is previous for x in before[-1:])
    )
    # a line after an unfinished one ends a wrapped paragraph; short lines in a row are an address
    return previous_ends and (
        following is None or not (following.stripped[:1].islower() or h.title_case_heading(following.stripped))
    )


def _sections(
    parsed: Parsed, lines: Sequence[Line], found: list[Heading], contents: tuple[int, int] | None
) -> list[Section]:
    items: list[tuple[int, str | None, str, int, str]] = [
        (x.line.start + len(x.line.text) - len(x.line.text.lstrip()), x.number, x.heading, x.level, x.kind)
        for x in found
    ]
    if contents:
        items.append((lines[contents[0]].start, None, "Contents", 1, "heading"))
    items.sort(key=lambda t: t[0])
    ids: set[str] = set()
    sections: list[Section] = []
    stack: list[Section] = []
    ends = _section_ends([(start, level) for start, _, _, level, _ in items], len(parsed.text))
    for (start, number, heading, level, kind), end in zip(items, ends, strict=True):
        key = number if number and number not in ids else f"s{start}"
        ids.add(key)
        while stack and stack[-1].level >= level:
            stack.pop()
        page = parsed.document.page_at(start)
        section = Section(
            id=key,
            number=number,
            heading=heading,
            level=level,
            parent=stack[-1].id if stack else None,
            page=page,
            span={"page": page, "start": start, "end": end},  # validated with the section: parsed.span
            kind=kind,
        )
        sections.append(section)
        stack.append(section)
    return sections


def _section_ends(starts: list[tuple[int, int]], text_end: int) -> list[int]:
    """Where each section ends: at the start of the next at its level or above (of (start, level)s in order)."""
    ends: list[int] = []
    following: list[tuple[int, int]] = []  # later sections that may end an earlier one
    for start, level in reversed(starts):
        while following and following[-1][1] > level:
            following.pop()  # deeper than this one: it ends no section before this one either
        ends.append(following[-1][0] if following else text_end)
        following.append((start, level))
    return ends[::-1]
