"""Where targets are read from: action-plan rows, year columns of tables, the priorities, and every sentence and cell.

Each place gives a `Mention`; the stage merges mentions of one target.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from pipeline.dates import financial_year_end, parse_period
from pipeline.priorities.lines import Line, split_lines
from pipeline.targets.columns import column_targets
from pipeline.targets.reading import Reading, may_state_target, read_targets
from pipeline.targets.rows import Baseline, Block, cells_of, find_blocks
from pipeline.targets.terms import TargetTerms
from schemas import PlanExtraction

# how far a wording is trusted for the metric: indicator rows name the measure best
RANK_INDICATOR, RANK_TARGET_ROW, RANK_PRIORITY, RANK_PROSE = range(4)
_DIGIT = re.compile(r"\d")
# A sentence runs to a full stop, "!" or "?" that no digit follows: a decimal point ("by 2.5%",
# "17.5 per cent") and a paragraph number's points ("3.2") stay inside it. It starts only after
# a stop (or where the paragraph starts) and its runs never back off (each is possessive): the
# plain `[^.!?]+(?:[.!?](?!\d)|$)` retried every position of a run, quadratic in its length.
_SENTENCE = re.compile(r"(?<![^.!?])[^.!?]++(?:[.!?](?=\d)[^.!?]*+)*+(?:[.!?]|$)")


@dataclass(frozen=True, slots=True)
class Mention:
    """One target as stated in one place of the document."""

    reading: Reading
    start: int
    end: int
    rank: int
    block: Block | None = None
    primary: bool = False  # the first target a block's target row states
    priority: str | None = None  # text of the priority whose wording stated it


def collect(text: str, found: PlanExtraction, terms: TargetTerms, lines: list[Line] | None = None) -> list[Mention]:
    """Every mention of a target in a document (`lines`: the text's lines, if split already)."""
    mentions: list[Mention] = []
    known: dict[tuple[str, bool, str | None], list[Reading]] = {}

    def read(wording: str, in_row: bool = False, deadline: str | None = None) -> list[Reading]:
        # a paper restates its targets (an action-plan block on each continuation page, the
        # same cell or sentence in a summary): each wording is read once
        key = (wording, in_row, deadline)
        if key not in known:
            known[key] = read_targets(wording, terms, in_row=in_row, default_deadline=deadline)
        return known[key]

    lines = split_lines(text) if lines is None else lines
    blocks = find_blocks(text, terms, lines)
    in_blocks = _Ranges([(b.start, b.end) for b in blocks])
    for block in blocks:
        for kind, rank in (("indicator", RANK_INDICATOR), ("target", RANK_TARGET_ROW)):
            for index, cell in enumerate(block.cells[kind]):
                readings = read(cell.text, in_row=True)
                for reading in readings:
                    primary = kind == "target" and index == 0 and reading.start == min(r.start for r in readings)
                    mentions.append(
                        Mention(reading, cell.start + reading.start, cell.start + reading.end, rank, block, primary)
                    )
    for target in column_targets(text, found.tables, terms):
        mentions.append(Mention(target.reading, target.start, target.end, RANK_INDICATOR))
    for priority in found.priorities:
        deadline = year_end(priority.period) or _plan_year_end(found)
        start = priority.span.start if priority.span else 0
        end = priority.span.end if priority.span else 0
        for reading in read(priority.text, deadline=deadline):
            mentions.append(Mention(reading, start, end, RANK_PRIORITY, priority=priority.text))
    for start, _end, segment in _segments(text, lines, in_blocks):
        for reading in read(segment):
            mentions.append(Mention(reading, start + reading.start, start + reading.end, RANK_PROSE))
    return mentions


class _Ranges:
    """Character ranges, asked whether an offset lies in one of them (by bisection, not a scan)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [a for a, _ in ranges]
        self.furthest = list(accumulate((b for _, b in ranges), max))  # the furthest end up to each range

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and self.furthest[i] > offset


def year_end(period: str | None) -> str | None:
    """The deadline a one-year period gives: \"2010/2011\" ends 2011-03."""
    years = parse_period(period) if period else None
    return financial_year_end(*years) if years and years[1] - years[0] == 1 else None


def _plan_year_end(found: PlanExtraction) -> str | None:
    """The end of a one-year plan, the deadline of targets stated without one."""
    plan = found.plan_period
    if plan is None or plan.end_year - plan.start_year != 1:
        return None
    return financial_year_end(plan.start_year, plan.end_year)


def _segments(text: str, lines: list[Line], in_blocks: _Ranges | None = None) -> list[tuple[int, int, str]]:
    """Sentences of prose paragraphs, and table cells, with their offsets: those with a figure.

    A sentence or cell without a figure states no target (`read_targets` reads none), and a
    paragraph or table row that cannot state one (`may_state_target`) is passed over unsplit.
    The rows of action-plan blocks (`in_blocks`) are read as blocks, so they are passed over
    here; a block holds table rows only, so no paragraph starts in one.
    """
    segments: list[tuple[int, int, str]] = []
    start = end = -1  # the paragraph being gathered: its first line's body and its last line's end

    def flush() -> None:
        paragraph = text[start:end]
        if may_state_target(paragraph):
            segments.extend((start + a, start + b, s) for a, b, s in sentences(paragraph) if _DIGIT.search(s))

    for line in lines:
        row = "\t" in line.text  # a tab left at a line's end makes a row too
        if line.blank or line.style is not None or row:
            if start >= 0:
                flush()
                start = -1
            if line.blank:
                continue
        if row:
            if (in_blocks is None or line.start not in in_blocks) and may_state_target(line.text):
                segments += [(c.start, c.end, c.text) for c in cells_of(line.text, line.start) if _DIGIT.search(c.text)]
            continue
        if start < 0:
            start = line.body_start
        end = line.end
    if start >= 0:
        flush()
    return segments


def sentences(paragraph: str) -> list[tuple[int, int, str]]:
    """The sentences of a paragraph with their offsets in it (see `_SENTENCE`)."""
    return [(m.start(), m.end(), m.group(0)) for m in _SENTENCE.finditer(paragraph)]


def best_baseline(
    baselines: list[Baseline], metrics: list[str], similarity: Callable[[str, str], float]
) -> Baseline | None:
    """The baseline whose metric best fits the target's metrics (None when none fits)."""
    scored = [(max((similarity(b.metric, m) for m in metrics if m), default=0), -i, b) for i, b in enumerate(baselines)]
    if not scored:
        return None
    score, _, baseline = max(scored)
    return baseline if score >= 70 else None
