"""Find the priorities a paper sets: cued lists here, the other forms in `forms`.

Every candidate keeps its character range, so the stage can give page, section and quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.priorities.candidate import Candidate, clean_text
from pipeline.priorities.cues import PriorityCues, period_label
from pipeline.priorities.forms import other_forms
from pipeline.priorities.lines import PARAGRAPH_START, Line, continues, split_lines, wrap_width

_MAX_BLANKS = 1
_LEAD_IN_LINES = 4
_HEADING_LOOKBACK = 12
_TITLE_WORDS = 22
_PROSE_ITEM_WORDS = 30
# a numbered priority heading with its explanation below it: the heading is this short and the
# explanation this many lines at most
_HEADING_ITEM_WORDS = 12
_EXPLANATION_LINES = 6
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'‘“])")
_TITLE_BREAK = re.compile(r"\s[–—-]\s|(?<=[a-z)'’])\.\s+(?=[A-Z])")


@dataclass(slots=True)
class _Item:
    lines: list[Line]
    scope: str | None
    points: list[Line] = field(default_factory=list)  # sub-points under the item, with their wrapped lines

    @property
    def start(self) -> int:
        return self.lines[0].body_start

    @property
    def end(self) -> int:
        return self.lines[-1].start + len(self.lines[-1].text.rstrip())


def find_candidates(
    text: str, cues: PriorityCues, is_bold: Callable[[int, int], bool], lines: list[Line] | None = None
) -> list[Candidate]:
    """Every priority candidate in a text, in document order (`lines`: the text's, when split already)."""
    lines = split_lines(text) if lines is None else lines
    width = wrap_width(lines)
    found: list[Candidate] = []
    group = 0
    i = 0
    while i < len(lines):
        # A list starts at a marked item or a label, or at the blank line before one: at any
        # other line `_list_at` would stop at once, and most lines are prose or blank.
        if not _may_open_list(lines, i, cues):
            i += 1
            continue
        items, after = _list_at(lines, i, width, cues)
        if not items:
            i += 1
            continue
        lead_in = _lead_in(lines, i)
        # one numbered line after a sentence is a section heading, not a list ("1. Background")
        single = len(items) == 1 and not re.search(r"(?::-?|–|—|-)\s*$", lead_in)
        if cues.is_cue(lead_in) and not single:
            group += 1
            period = period_label(lead_in) or _heading_period(lines, i)
            scope = cues.scope_named(lead_in)
            found += [_item_candidate(text, item, group, period, is_bold, scope) for item in items]
        i = after
    found += other_forms(text, lines, cues, group, is_bold)
    # a "Priority 1: :" with nothing after it names no priority
    return sorted((c for c in found if re.search(r"[^\W\d_]", c.text)), key=lambda c: c.start)


def _may_open_list(lines: list[Line], i: int, cues: PriorityCues) -> bool:
    """Whether a list may start at line i: a marked item, a label, or a blank line before one."""
    opening = lines[i + 1] if lines[i].blank and i + 1 < len(lines) else lines[i]
    return not opening.blank and (opening.is_item or _is_label(opening, cues))


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
        if items and _in_points(line, items[-1], style, width, blanks):
            items[-1].points.append(line)
        elif line.is_item and (style is None or line.style == style):
            if blanks and items and _gap(line) != _gap(items[0].lines[0]):
                break  # "1. Reducing ..." items, then "4.<tab>Targets": a numbered section heading

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
        elif items and blanks and (following := _next_heading_item(lines, j, items[-1], style)) is not None:
            # "1. Violence against women and girls" / its explanation / "2. Gangs ...": the
            # explanation under a numbered priority heading is part of the item
            items[-1].points.extend(n for n in lines[j:following] if not n.blank)
            j = following
            continue
        else:
            break
        blanks = 0
        j += 1
    return _resolve_scopes(items), j


def _next_heading_item(lines: list[Line], j: int, item: _Item, style: str | None) -> int | None:
    """Where the next numbered item starts after the prose under a short numbered item, if it does."""
    head = item.lines[0]
    if style in (None, "bullet") or head.ordinal is None or len(item.lines) > 1 or item.points:
        return None
    if len(head.body.split()) > _HEADING_ITEM_WORDS or head.body.endswith((".", ";", ",")):
        return None
    k, prose = j, 0
    while k < len(lines) and prose <= _EXPLANATION_LINES:
        line = lines[k]
        if line.blank:
            k += 1
            continue
        if line.is_item or line.style is not None:
            return k if line.style == style and line.ordinal == head.ordinal + 1 else None
        if line.is_table_row or PARAGRAPH_START.match(line.text):
            return None
        prose += 1
        k += 1
    return None


def _gap(line: Line) -> str:
    """What parts a list marker from its text: a tab (as word processors number headings) or spaces."""
    return "tab" if "\t" in line.text[: line.body_start - line.start] else "space"


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def _in_points(line: Line, item: _Item, style: str | None, width: int, blanks: int) -> bool:
    """A sub-point under the item, or a wrapped line of its last sub-point."""
    if line.is_item:
        return _is_point(line, item, style)
    return bool(item.points) and not blanks and continues(item.points[-1].text, line, width)


def _is_point(line: Line, item: _Item, style: str | None) -> bool:
    """A sub-point under an item: indented deeper, or a bullet under numbered items."""
    head = item.lines[0]
    if _indent(line) > _indent(head) and not (line.style == style and line.ordinal and head.ordinal):
        return True
    return style not in (None, "bullet") and line.style == "bullet"


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
    if line.style is not None or ":" not in line.text:  # most lines: no strip needed to tell
        return False
    text = line.text.strip()
    if not text.endswith(":") or not 0 < len(text.split()) <= 4 or "\t" in text:
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
        if line.style is not None or line.is_table_row or PARAGRAPH_START.match(line.text):
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
    if description is None and item.points:
        description = "; ".join(_points(item.points)) or None
    title = clean_text(text[start:end])
    return Candidate(title, start, end, "list", group, description, item.scope or scope, period_label(title) or period)


def _points(lines: list[Line]) -> list[str]:
    """Sub-points as texts: a marked line starts one, an unmarked line carries it on."""
    points: list[list[str]] = []
    for line in lines:
        if line.style is not None or not points:
            points.append([])
        points[-1].append(line.body if line.style is not None else line.text.strip())
    return [clean_text(" ".join(p)) for p in points]


def _bold_prefix_end(text: str, start: int, end: int, is_bold: Callable[[int, int], bool]) -> int | None:
    """End of the bold title an item opens with (None when the item is not bold or all bold)."""
    if not is_bold(start, start + 1):
        return None
    position = start
    while position < end and (text[position].isspace() or is_bold(position, position + 1)):
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
