"""The priority a sum of money serves: the last priority heading above it in the paper.

The heading patterns (`priority_headings` of pipeline/data/funding.json) each match one line
from its start ("Priority 2: Reduce re-offending"). The plain reading runs every pattern over
the window above each sum; here each pattern is run once over the paper's lines and every sum
asks by bisection. The window's matches are the paper's matches on the lines that lie in it,
and the line that holds the sum is read only up to the sum, as the window reads it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cached_property

from pipeline.needed_words import Word, needed_words
from pipeline.textlines import Line

# How far above a sum its priority heading may stand.
PRIORITY_REACH = 12_000


class PriorityHeadings:
    """The priority headings of one paper, asked for the one that a sum at an offset serves."""

    def __init__(self, text: str, lines: Sequence[Line], patterns: Sequence[re.Pattern[str]]) -> None:
        self.text = text
        self.lines = lines
        self.patterns = tuple(patterns)

    @cached_property
    def _found(self) -> list[tuple[list[int], list[re.Match[str]]]]:
        """Each pattern's headings (their starts, and the matches), read when a sum first asks."""
        found = []
        for pattern in self.patterns:
            lines = self._lines_holding(needed_words(pattern))
            matches = [m for line in lines if (m := pattern.match(self.text, line.start, line.end))]
            found.append(([m.start() for m in matches], matches))
        return found

    def _lines_holding(self, words: frozenset[Word]) -> Sequence[Line]:
        """The lines that hold one of the words a pattern needs ("Priority"), in order: a heading
        lies within its line, so no other line holds one. Each word is found by a scan of the
        text, not a pattern tried at every line; every line when no word is known or any case of
        one will do (the text is not lowered for it)."""
        if not words or any(blind for _, blind in words):
            return self.lines
        starts = [line.start for line in self.lines]
        held: set[int] = set()
        for word, _ in words:
            at = self.text.find(word)
            while at >= 0:
                held.add(bisect.bisect_right(starts, at) - 1)
                at = self.text.find(word, at + 1)
        return [self.lines[i] for i in sorted(held)]

    def priority_at(self, pos: int) -> str | None:
        """The heading text of the priority a sum at `pos` serves, or None."""
        best = self.last_above(pos)
        if best is None or self._in_a_list(best):
            return None
        heading = re.sub(r"[ .…]{3,}\s*\d*\s*$", "", best.group("text")).strip()
        return heading or None

    def last_above(self, pos: int) -> re.Match[str] | None:
        """The last heading within reach above `pos`: what searching the window gives, found by bisection."""
        window_start = max(0, pos - PRIORITY_REACH)
        line_start = self.text.rfind("\n", 0, pos) + 1
        if line_start < window_start:
            return None  # no line starts in the window
        best: re.Match[str] | None = None
        for pattern, (starts, matches) in zip(self.patterns, self._found, strict=True):
            m = pattern.match(self.text, line_start, pos)  # the sum's own line, up to the sum
            if m is None:
                i = bisect.bisect_left(starts, line_start) - 1
                m = matches[i] if i >= 0 and starts[i] >= window_start else None
            if m is not None and (best is None or m.start() > best.start()):
                best = m
        return best

    def _in_a_list(self, heading: re.Match[str]) -> bool:
        """True when the heading is one line of a list of priorities, not the head of a block."""
        text = self.text
        line_start = text.rfind("\n", 0, heading.start()) + 1
        line_end = text.find("\n", heading.start())
        line_end = len(text) if line_end < 0 else line_end
        before = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)]
        after_end = text.find("\n", line_end + 1)
        after = text[line_end + 1 : after_end if after_end >= 0 else len(text)]
        return any(p.match(line) for p in self.patterns for line in (before, after) if line.strip())
