"""Quotes for evidence: the whole sentence around a finding, kept readable in tables."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import Evidence

# A "sentence" in a table-heavy page can run for a whole grid; past this length the quote is
# the line that holds the finding instead, so an auditor still reads the words that show it.
MAX_QUOTE = 400


def quote_range(parsed: Parsed, start: int, end: int) -> tuple[int, int]:
    """The sentence around a range, or its line(s) when the sentence is a run of table text."""
    s, e = parsed.sentence_around(start, end)
    if e - s <= MAX_QUOTE:
        return _trim(parsed.text, s, e)
    text = parsed.text
    s = max(text.rfind("\n", 0, start) + 1, s)
    line_end = text.find("\n", end)
    e = min(line_end if line_end >= 0 else len(text), e)
    if e - s > MAX_QUOTE:
        # One very long line (a PDF cell run): keep the words around the finding.
        s = max(s, text.rfind(" ", 0, max(start - MAX_QUOTE // 2, s)) + 1)
        cut = text.find(" ", min(end + MAX_QUOTE // 2, e))
        e = min(e, cut if cut >= 0 else e)
    return _trim(text, s, e)


def quote_evidence(parsed: Parsed, start: int, end: int) -> Evidence:
    """Evidence for a finding at a range: its sentence (or line), page, section and span."""
    s, e = quote_range(parsed, start, end)
    return parsed.evidence(s, e)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n-•*":
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
