"""Find the priorities a paper sets: cued lists, inline lists and "Priority N:" headings.

Every candidate keeps its character range, so the stage can give page, section and quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.priorities.cues import PriorityCues, period_label
from pipeline.priorities.lines import Line, continues, split_lines, wrap_width

_MAX_BLANKS = 1
_LEAD_IN_LINES = 4
_HEADING_LOOKBACK = 12
_TITLE_WORDS = 22
_PROSE_ITEM_WORDS = 30
_SHORT_LINE_WORDS = 12
_TRAILING = re.compile(r"[\s.;,:]+$|\s+(?:and|or)$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'‘“])")
_FIGURE = re.compile(r"[-+]?\s*[£$]?\d[\d,]*(?:\.\d+)?\s*%?(?:\s*\([^)]*\))?|n/?a|green|amber|red", re.I)
_PARAGRAPH_START = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s")
_TITLE_BREAK = re.compile(r"\s[–—-]\s|(?<=[a-z)'’])\.\s+(?=[A-Z])")


@dataclass(slots=True)
class Candidate:
    """A priority as found in one place, before repeats are merged."""

    text: str
    start: int
    end: int
    source: str  # "list", "inline", "heading" or "table"
    group: int  # candidates of one list share a group and are never merged with each other
    description: str | None = None
    scope: str | None = None
    period: str | None = None
    places: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Item:
    lines: list[Line]
    scope: str | None

    @property
    def start(self) -> int:
        return self.lines[0].body_start

    @property
    def end(self) -> int:
        return self.lines[-1].start + len(self.lines[-1].text.rstrip())


def find_candidates(text: str, cues: PriorityCues, is_bold: Callable[[int, int], bool]) -> list[Candidate]:
    """Every priority candidate in a text, in document order."""
    lines = split_lines(text)
    width = wrap_width(lines)
    found: list[Candidate] = []
    group = 0
    i = 0
    while i < len(lines):
        items, after = _list_at(lines, i, width, cues)
        if not items:
            i += 1
            continue
        lead_in = _lead_in(lines, i)
        if cues.is_cue(lead_in):
            group += 1
            period = period_label(lead_in) or _heading_period(lines, i)
            scope = cues.scope_named(lead_in)
            found += [_item_candidate(text, item, group, period, is_bold, scope) for item in items]
        i = after
    for start, end in _paragraphs(lines):
        group += 1
        found += _inline_candidates(text, start, end, cues, group)
    for index in range(len(lines)):
        group += 1
        found += _heading_candidates(lines, index, cues, group)
        found += _table_candidates(lines, index, cues, group)
    return sorted(found, key=lambda c: c.start)


def _heading_candidates(lines: list[Line], index: int, cues: PriorityCues, group: int) -> list[Candidate]:
    """ "Priority 1: Reduce ...", or a bare "PRIORITY ONE" line with its title on the next line."""
    line = lines[index]
    heading = cues.heading_pattern.match(line.text)
    if heading and not cues.not_cue_pattern.search(heading.group("text")):
        start = line.start + heading.start("text")
        return [Candidate(_clean(heading.group("text")), start, line.start + heading.end("text"), "heading", group)]
    if not cues.bare_heading_pattern.match(line.text):
        return []
    title = next((n for n in lines[index + 1 : index + 3] if not n.blank), None)
    if title is None or title.is_table_row or not 0 < len(title.text.split()) <= _SHORT_LINE_WORDS:
        return []
    return [Candidate(_clean(title.text), title.body_start, title.end, "heading", group)]


def _table_candidates(lines: list[Line], index: int, cues: PriorityCues, group: int) -> list[Candidate]:
    """The first column of a table headed "Priority" whose other columns are words, not figures.

    A table of figures under "Priority" reports performance against priorities, not new ones.
    """
    header = lines[index].text.split("\t")
    if not lines[index].is_table_row or not cues.table_header_pattern.match(header[0].strip()):
        return []
    rows: list[Line] = []
    for line in lines[index + 1 :]:
        if not line.is_table_row:
            break
        rows.append(line)
    other_cells = [cell.strip() for row in rows for cell in row.text.split("\t")[1:] if cell.strip()]
    figures = [cell for cell in other_cells if _FIGURE.fullmatch(cell)]
    if not rows or (other_cells and len(figures) > 0.3 * len(other_cells)):
        return []
    found: list[Candidate] = []
    for row in rows:
        first = row.text.split("\t")[0]
        text = first.strip()
        if text and len(text.split()) <= _TITLE_WORDS:
            start = row.start + first.index(text)
            found.append(Candidate(_clean(text), start, start + len(text), "table", group))
    return found


def _list_at(lines: list[Line], i: int, width: int, cues: PriorityCues) -> tuple[list[_Item], int]:
    """The list that starts at line i (marked items, group labels, wrapped lines), and where it ends."""
    items: list[_Item] = []
    scope: str | None = None
    labelled = False
    blanks = 0
    style: str | None = None
    j = i
    while j < len(lines):
        line = lines[j]
        if line.blank:
            blanks += 1
            if blanks > _MAX_BLANKS:
                break
            j += 1
            continue
        if line.is_item and (style is None or line.style == style):
            if line.ordinal is not None and line.style != "bullet":
                # numbering runs on from the last item, or starts again under a group label
                previous = items[-1] if items and items[-1].scope == scope else None
                expected = previous.lines[0].ordinal + 1 if previous and previous.lines[0].ordinal else 1
                if line.ordinal != expected:
                    break
            style = line.style
            items.append(_Item([line], scope))
        elif _is_label(line, cues) and (not items or labelled or blanks):
            if not labelled and items:
                break  # a label after unlabelled items starts another list
            labelled = True
            scope = cues.scope_of(line.text) or "unnamed"
        elif items and not blanks and continues(items[-1].lines[-1].text, line, width):
            items[-1].lines.append(line)
        else:
            break
        blanks = 0
        j += 1
    return _resolve_scopes(items), j


def _resolve_scopes(items: list[_Item]) -> list[_Item]:
    # a group named after a place ("Bromsgrove:") beside a county group is the local one
    scopes = {item.scope for item in items}
    if labelled_scopes := scopes - {None, "unnamed"}:
        other = "local" if labelled_scopes == {"county"} else "county" if labelled_scopes == {"local"} else None
        for item in items:
            if item.scope == "unnamed":
                item.scope = other
    else:
        for item in items:
            item.scope = None
    return items


def _is_label(line: Line, cues: PriorityCues) -> bool:
    """A group name such as "County:" or "Bromsgrove:" (not a lead-in such as "the following priorities:")."""
    text = line.text.strip()
    if line.style is not None or not text.endswith(":") or not 0 < len(text.split()) <= 4 or "\t" in text:
        return False
    return text[0].isupper() and not cues.is_cue(text) and "following" not in text.lower()


def _lead_in(lines: list[Line], i: int) -> str:
    """The sentence that leads into the list starting at line i (skipping one blank line)."""
    j = i - 1
    if j >= 0 and lines[j].blank:
        j -= 1
    collected: list[str] = []
    while j >= 0 and len(collected) < _LEAD_IN_LINES and not lines[j].blank:
        line = lines[j]
        collected.insert(0, line.body if line.style else line.text.strip())
        if line.style is not None or line.is_table_row or _PARAGRAPH_START.match(line.text):
            break
        j -= 1
    paragraph = " ".join(collected)
    return _SENTENCE_END.split(paragraph)[-1] if paragraph else ""


def _heading_period(lines: list[Line], i: int) -> str | None:
    """The year of the nearest heading above a list ("Strategic Priorities for 2011/2012")."""
    for line in reversed(lines[max(0, i - _HEADING_LOOKBACK) : i]):
        text = line.text.strip()
        if text and len(text.split()) <= 10 and not text.endswith(".") and line.style is None:
            period = period_label(text)
            if period:
                return period
    return None


def _item_candidate(
    text: str, item: _Item, group: int, period: str | None, is_bold: Callable[[int, int], bool], scope: str | None
) -> Candidate:
    start, end = item.start, item.end
    body = " ".join(text[start:end].split())
    title_end = _bold_prefix_end(text, start, end, is_bold)
    description = None
    if title_end is None and len(body.split()) > _PROSE_ITEM_WORDS:
        title_end = _title_break(text, start, end)
    if title_end is not None and title_end < end:
        description = " ".join(text[title_end:end].split()).lstrip("–—-.:; ") or None
        end = title_end
    title = _clean(text[start:end])
    return Candidate(title, start, end, "list", group, description, item.scope or scope, period_label(title) or period)


def _bold_prefix_end(text: str, start: int, end: int, is_bold: Callable[[int, int], bool]) -> int | None:
    """End of the bold title an item opens with (None when the item is not bold or all bold)."""
    if not is_bold(start, start + 1):
        return None
    position = start
    while position < end and (is_bold(position, position + 1) or text[position].isspace()):
        position += 1
    if not text[position:end].strip():
        return None
    return position


def _title_break(text: str, start: int, end: int) -> int | None:
    """In a long prose item without bold, the title ends at its first dash or full stop."""
    m = _TITLE_BREAK.search(text, start, end)
    if m and len(text[start : m.start()].split()) <= _TITLE_WORDS:
        return m.start() + (1 if text[m.start()] == "." else 0)
    return None


def _paragraphs(lines: list[Line]) -> list[tuple[int, int]]:
    """Ranges of prose paragraphs: runs of unmarked lines (a PDF wraps one sentence over several)."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for line in lines:
        if line.blank or line.is_table_row or _PARAGRAPH_START.match(line.text):
            if start is not None:
                found.append((start, end))
            start = None if line.blank or line.is_table_row else line.start
            end = line.end
            continue
        if line.style is not None:
            if start is not None:
                found.append((start, end))
            start = line.body_start
        elif start is None:
            start = line.start
        end = line.end
    if start is not None:
        found.append((start, end))
    return found


def _inline_candidates(text: str, start: int, end: int, cues: PriorityCues, group: int) -> list[Candidate]:
    """ "... the six priorities were: A, B, C and D." inside one sentence."""
    found: list[Candidate] = []
    for sentence in re.finditer(r"[^.!?]+[.!?]?", text[start:end]):
        lead, colon, rest = sentence.group(0).partition(":")
        if not colon or not rest.strip() or not cues.is_cue(lead + ":"):
            continue
        base = start + sentence.start() + len(lead) + 1
        parts = _split_inline(rest, _stated_count(lead))
        if len(parts) < 2:
            continue
        for part_start, part_end in parts:
            raw = rest[part_start:part_end]
            found.append(Candidate(_clean(raw), base + part_start, base + part_end, "inline", group))
    return found


def _split_inline(rest: str, count: int | None) -> list[tuple[int, int]]:
    """Ranges of the items of an inline list: split on semicolons, else commas and a final "and"."""
    separator = ";" if ";" in rest else ","
    pieces: list[tuple[int, int]] = []
    position = 0
    for chunk in rest.split(separator):
        pieces.append((position, position + len(chunk)))
        position += len(chunk) + 1
    last_start, last_end = pieces[-1]
    # the last piece splits at its first "and": "ASB and drug and alcohol misuse"
    final = re.search(r"\s+(?:and|&)\s+", rest[last_start:last_end])
    if final and (count is None or count == len(pieces) + 1) and (len(pieces) > 1 or count == 2):
        pieces[-1] = (last_start, last_start + final.start())
        pieces.append((last_start + final.end(), last_end))
    pieces = [(a, b) for a, b in pieces if rest[a:b].strip(" .;,")]
    if count is not None and len(pieces) != count:
        return []
    return [_strip_range(rest, a, b) for a, b in pieces]


def _strip_range(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\n'\"‘“":
        a += 1
    while b > a and text[b - 1] in " \t\n.;,'\"’”":
        b -= 1
    return a, b


_COUNT_WORDS = {
    w: i for i, w in enumerate(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], start=2)
}


def _stated_count(lead: str) -> int | None:
    m = re.search(r"\b(\d{1,2}|" + "|".join(_COUNT_WORDS) + r")\s+(?:\w+\s+){0,2}?priorit", lead, re.I)
    if not m:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def _clean(raw: str) -> str:
    text = " ".join(raw.split()).strip("*").strip()
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING.sub("", text)
    return text
