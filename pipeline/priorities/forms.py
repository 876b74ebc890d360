"""Priorities written other than as a cued list: inline lists, "Priority N" headings, tables.

"the five priorities would be: A, B, C and D."
"Priority 1: Reducing violent crime" / "PRIORITY ONE" with its title on the next line
a table whose first header cell is "Priority" and whose other columns are words
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from pipeline.priorities.candidate import Candidate, clean_text
from pipeline.priorities.cues import PriorityCues
from pipeline.priorities.lines import PARAGRAPH_START, UNFINISHED, Line

_TITLE_WORDS = 22
_SHORT_LINE_WORDS = 12
# a heading over bold priority sub-headings is this short ("Key priorities for 2019/20")
_HEADING_WORDS = 8
_FIGURE = re.compile(r"[-+]?\s*[£$]?\d[\d,]*(?:\.\d+)?\s*%?(?:\s*\([^)]*\))?|n/?a|green|amber|red", re.I)


def other_forms(
    text: str,
    lines: list[Line],
    cues: PriorityCues,
    group: int,
    is_bold: Callable[[int, int], bool] = lambda a, b: False,
) -> list[Candidate]:
    """Inline lists, headings, bold sub-headings and tables of priorities; `group` numbers each place found."""
    naming = _naming_priorities(text, lines, cues)
    found: list[Candidate] = []
    # An inline list is led by a sentence that names priorities: only the paragraphs that hold a
    # line naming them are read, in order (each numbers its own group by its first line).
    read_to, may_name = -1, set(naming)  # the last line of the paragraphs read
    for index in naming:
        if index > read_to and (paragraph := _paragraph_around(lines, index, cues, may_name)) is not None:
            first, read_to, start, end = paragraph
            found += _inline_candidates(text, start, end, cues, group + first + 1)
    # Each other form opens with a line that names priorities (each line numbers its own group).
    for index in naming:
        line_group = group + len(lines) + index + 1
        found += _heading_candidates(lines, index, cues, line_group)
        found += _table_candidates(lines, index, cues, line_group)
        found += _bold_subheading_candidates(text, lines, index, cues, line_group, is_bold)
    return found


def _naming_priorities(text: str, lines: list[Line], cues: PriorityCues) -> list[int]:
    """Indexes of the lines that may name priorities, in order (one search over the text)."""
    starts = [line.start for line in lines]
    lower = lower_by_line(text)
    if len(lower) == len(text) and not any(c in text for c in _FOLDED_APART):
        # the lower-case text keeps every offset: its words are found by plain search
        at = [i for word in cues.priority_line_words for i in _occurrences(lower, word)]
        at += [m.start(1) for pair in cues.priority_line_pairs for m in pair.finditer(lower)]
    else:
        at = [m.start() for m in cues.priority_line_hint.finditer(text)]
        at += [m.start(1) for pair in cues.priority_line_pairs_any_case for m in pair.finditer(text)]
    found = {bisect.bisect_right(starts, i) - 1 for i in at}
    return sorted(i for i in found if i >= 0)


# Letters a case-blind pattern matches to a-z that lower() does not turn into a-z.
_FOLDED_APART = "İıſ"


def lower_by_line(text: str) -> str:
    """`text.lower()`, each line lowered on its own (the same text: no rule of lower-casing looks
    past a line break). str.lower takes its quick path on a line of ASCII, where a paper with a
    few curly quotes in it would go character by character through Unicode's case tables."""
    return "\n".join([line.lower() for line in text.split("\n")])


def _occurrences(text: str, word: str) -> list[int]:
    found = []
    i = text.find(word)
    while i >= 0:
        found.append(i)
        i = text.find(word, i + 1)
    return found


def _bold_subheading_candidates(
    text: str, lines: list[Line], index: int, cues: PriorityCues, group: int, is_bold: Callable[[int, int], bool]
) -> list[Candidate]:
    """Under a heading such as "KEY PRIORITIES FOR 2019/20", each bold line standing alone, with
    the prose below it as its description, up to the next line that is neither bold nor prose."""
    heading = lines[index]
    # a line that names priorities is often a long paragraph: its words are counted only as far as needed
    words = heading.text.split(None, _HEADING_WORDS)
    if heading.style is not None or not 0 < len(words) <= _HEADING_WORDS or heading.text.strip()[-1] in ".,;":
        return []
    if not cues.is_cue(heading.text) or cues.heading_pattern.match(heading.text):
        return []
    found: list[Candidate] = []
    for line in lines[index + 1 :]:
        if line.blank:
            continue
        stripped = line.text.strip()
        start = line.start + line.text.index(stripped)
        if is_bold(start, start + len(stripped)):
            if len(stripped.split()) > _SHORT_LINE_WORDS:
                break
            found.append(Candidate(clean_text(stripped), start, start + len(stripped), "heading", group))
        elif found and len(stripped.split()) > _SHORT_LINE_WORDS and found[-1].description is None:
            found[-1].description = clean_text(stripped)
        elif found or len(stripped.split()) <= _SHORT_LINE_WORDS:
            break
    return found if len(found) >= 2 else []


def _heading_candidates(lines: list[Line], index: int, cues: PriorityCues, group: int) -> list[Candidate]:
    """ "Priority 1: Reduce ...", or a bare "PRIORITY ONE" line with its title on the next line."""
    line = lines[index]
    heading = cues.heading_pattern.match(line.text)
    if heading and not cues.not_cue_pattern.search(heading.group("text")):
        start = line.start + heading.start("text")
        return [Candidate(clean_text(heading.group("text")), start, line.start + heading.end("text"), "heading", group)]
    if not cues.bare_heading_pattern.match(line.text):
        return []
    title = next((n for n in lines[index + 1 : index + 3] if not n.blank), None)
    if title is None or title.is_table_row or not 0 < len(title.text.split()) <= _SHORT_LINE_WORDS:
        return []
    return [Candidate(clean_text(title.text), title.body_start, title.end, "heading", group)]


def _table_candidates(lines: list[Line], index: int, cues: PriorityCues, group: int) -> list[Candidate]:
    """The first column of a table headed "Priority" whose other columns are words, not figures.

    A table of figures under "Priority" reports performance against priorities, not new ones.
    """
    header = lines[index].text.split("\t")
    if not lines[index].is_table_row or not cues.table_header_pattern.match(header[0].strip()):
        return []
    rows: list[Line] = []
    for line in lines[index + 1 :]:
        # a PDF wraps a cell over lines: a line of one cell may be the end of a wrapped first cell
        if not line.is_table_row and not (rows and not line.blank and _wraps_on(rows[-1].text.split("\t")[0])):
            break
        rows.append(line)
    other_cells = [cell.strip() for row in rows for cell in row.text.split("\t")[1:] if cell.strip()]
    figures = [cell for cell in other_cells if _FIGURE.fullmatch(cell)]
    if not rows or (other_cells and len(figures) > 0.3 * len(other_cells)):
        return []
    found: list[Candidate] = []
    written = ""  # the first cell of the last priority, as written over its lines
    for row in rows:
        first = row.text.split("\t")[0]
        text = first.strip()
        if not text:
            continue
        start = row.start + first.index(text)
        if found and (_wraps_on(written) or text[0].islower()):
            # the rest of a first cell the PDF wrapped onto this line
            written = f"{written} {text}"
            found[-1] = Candidate(clean_text(written), found[-1].start, start + len(text), "table", group)
        elif len(text.split()) <= _TITLE_WORDS:
            written = text
            found.append(Candidate(clean_text(text), start, start + len(text), "table", group))
    return found


def _wraps_on(cell: str) -> bool:
    """A cell cut off mid-phrase ("Reducing re-offending by"): its text goes on in the next row."""
    return bool(UNFINISHED.search(cell.strip()))


def _paragraph_around(
    lines: list[Line], index: int, cues: PriorityCues, naming: set[int]
) -> tuple[int, int, int, int] | None:
    """The prose paragraph that holds a line: its first and last lines, start and end (None for a
    blank line or table row). `naming`: the lines that may name priorities.

    A paragraph is a run of unmarked lines (a PDF wraps one sentence over several); a marked
    line, a numbered paragraph ("3.6 The current plan") or a "Priority One: ..." line starts one.
    """
    if _outside_prose(lines[index]):
        return None
    first = index
    while first > 0 and _carries_on(lines, first, cues, naming) and not _outside_prose(lines[first - 1]):
        first -= 1
    last = index
    while last + 1 < len(lines) and _carries_on(lines, last + 1, cues, naming):
        last += 1
    marked = lines[first].style is not None and not _starts_paragraph(lines, first, cues, naming)
    start = lines[first].body_start if marked else lines[first].start
    return first, last, start, lines[last].end


def _starts_paragraph(lines: list[Line], index: int, cues: PriorityCues, naming: set[int]) -> bool:
    # a "Priority One: ..." heading names priorities: only the lines that may are tried
    text = lines[index].text
    return bool(PARAGRAPH_START.match(text) or (index in naming and cues.heading_pattern.match(text)))


def _carries_on(lines: list[Line], index: int, cues: PriorityCues, naming: set[int]) -> bool:
    """An unmarked line of prose, which carries on the paragraph of the line before it, if any."""
    line = lines[index]
    return line.style is None and not (_outside_prose(line) or _starts_paragraph(lines, index, cues, naming))


def _outside_prose(line: Line) -> bool:
    return line.blank or line.is_table_row


def _inline_candidates(text: str, start: int, end: int, cues: PriorityCues, group: int) -> list[Candidate]:
    """ "... the six priorities were: A, B, C and D." inside one sentence."""
    found: list[Candidate] = []
    if text.find(":", start, end) < 0:
        return found  # no lead-in ends in a colon
    for sentence in re.finditer(r"[^.!?]+[.!?]?", text[start:end]):
        lead, colon, rest = sentence.group(0).partition(":")
        if not colon or not rest.strip() or not cues.is_cue(lead + ":"):
            continue
        if cues.bare_heading_pattern.match(lead):
            continue  # "Priority One: Reducing burglary, especially ..." is one priority, not a list
        base = start + sentence.start() + len(lead) + 1
        parts = _split_inline(rest, _stated_count(lead))
        if len(parts) < 2:
            continue
        for part_start, part_end in parts:
            raw = rest[part_start:part_end]
            found.append(Candidate(clean_text(raw), base + part_start, base + part_end, "inline", group))
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
