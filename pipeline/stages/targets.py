"""Stage: quantified targets, one per promise however often the paper restates it.

Mentions are one target when they move the same way by the same amount, their deadlines do
not disagree, and they measure the same thing: the same action-plan block, metrics whose words
agree, or metrics that name the same theme. The metric is taken from the most telling
mention (one that names a theme; indicator rows first); a metric that names no crime type
("the number of repeats") is completed from the priority it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.parsed import Parsed
from pipeline.priorities.lines import document_lines
from pipeline.targets.collect import RANK_PRIORITY, Mention, best_baseline, collect, year_end
from pipeline.targets.rows import Baseline, Block
from pipeline.targets.terms import load_terms
from pipeline.themes import ThemeMatcher, default_matcher
from schemas import PlanExtraction, Priority, Target

STAGE = "targets"
SAME_METRIC = 80  # rapidfuzz token_set_ratio (0-100) above which two metrics are one measure
_PRIORITY_REACH = 6000  # characters after a priority heading that its action-plan rows may run


class _MetricThemes:
    """The theme matcher of one paper's targets: each distinct metric is read once, not per comparison."""

    def __init__(self, matcher: ThemeMatcher) -> None:
        self.taxonomy = matcher.taxonomy
        self._matcher = matcher
        self._known: dict[str, list[str]] = {}

    def themes(self, text: str) -> list[str]:
        """Theme ids of a metric, main theme first."""
        if text not in self._known:
            self._known[text] = self._matcher.themes(text)
        return self._known[text]


@dataclass(slots=True)
class _Group:
    """The mentions of one target, and what a new mention is compared with, kept as they join.

    Every mention of a paper is compared with every group before it finds its own: the group's
    measure, deadlines, blocks and metrics are gathered once, not at each comparison.
    """

    mentions: list[Mention] = field(default_factory=list)
    measure: tuple[str, float | None, str | None] | None = None  # the lead's direction, amount, unit
    deadlines: set[str] = field(default_factory=set)
    blocks: list[Block] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)  # each metric stated, lower-cased

    @property
    def lead(self) -> Mention:
        return self.mentions[0]

    def add(self, mention: Mention) -> None:
        """Join a mention to the group."""
        reading = mention.reading
        if not self.mentions:
            self.measure = (reading.direction, reading.amount, reading.unit)
        self.mentions.append(mention)
        if reading.deadline is not None:
            self.deadlines.add(reading.deadline)
        if mention.block is not None and not any(b is mention.block for b in self.blocks):
            self.blocks.append(mention.block)
        if reading.metric and reading.metric not in self.metrics:
            self.metrics[reading.metric] = reading.metric.lower()


def find_targets(parsed: Parsed, found: PlanExtraction) -> list[Target]:
    """Every quantified target in the paper, repeats merged, with baseline and priority."""
    matcher = _MetricThemes(default_matcher())
    lines = document_lines(parsed)  # split once, by the priorities stage
    mentions = sorted(collect(parsed.text, found, load_terms(), lines), key=lambda m: (m.rank, m.start))
    groups: list[_Group] = []
    for mention in mentions:
        home = next((g for g in groups if _same_target(g, mention, matcher)), None)
        if home is None:
            home = _Group()
            groups.append(home)
        home.add(mention)
    targets = [_target(parsed, g, found.priorities, matcher) for g in groups]
    return sorted((t for t in targets if t.metric), key=lambda t: t.span.start if t.span else 0)


def _theme(metric: str, matcher: _MetricThemes) -> str | None:
    theme = matcher.themes(metric)[0] if metric else None
    return None if theme == matcher.taxonomy.fallback else theme


def _same_target(group: _Group, mention: Mention, matcher: _MetricThemes) -> bool:
    b = mention.reading
    if group.measure != (b.direction, b.amount, b.unit):
        return False
    if b.deadline and group.deadlines and b.deadline not in group.deadlines:
        return False
    if mention.block is not None and any(block is mention.block for block in group.blocks):
        return True
    if not b.metric or not group.metrics:
        return False
    lowered = b.metric.lower()
    if any(fuzz.token_set_ratio(lowered, m) >= SAME_METRIC for m in group.metrics.values()):
        return True
    theme = _theme(b.metric, matcher)
    return theme is not None and any(_theme(m, matcher) == theme for m in group.metrics)


def _target(parsed: Parsed, group: _Group, priorities: list[Priority], matcher: _MetricThemes) -> Target:
    mentions = group.mentions
    named = [m for m in mentions if m.reading.metric]
    telling = [m for m in named if _theme(m.reading.metric, matcher)] or named
    metric_source = min(telling, key=lambda m: m.rank) if telling else group.lead
    # the most telling statement (an action-plan row before a contents line) is the target's text
    first_place = group.lead
    target = Target(
        metric=metric_source.reading.metric,
        direction=group.lead.reading.direction,
        amount=group.lead.reading.amount,
        unit=group.lead.reading.unit,
        deadline=next((m.reading.deadline for m in mentions if m.reading.deadline), None),
        target_value=next((m.reading.target_value for m in mentions if m.reading.target_value is not None), None),
        text=" ".join(parsed.text[first_place.start : first_place.end].split()),
        evidence=[parsed.evidence(a, b) for a, b in _places(mentions)],
        span=parsed.span(first_place.start, first_place.end),
        section=parsed.section_label(first_place.start),
        stage=STAGE,
    )
    _add_baseline(target, mentions)
    priority = _priority_of(mentions, priorities, target, matcher)
    if priority is not None:
        target.priority = priority.text
        if not _theme(target.metric, matcher) and priority.theme_reasons and priority.theme_reasons[0].term:
            target.metric = f"{target.metric} of {priority.theme_reasons[0].term.lower()}"
    return target


def _places(mentions: list[Mention]) -> list[tuple[int, int]]:
    places: list[tuple[int, int]] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if not any(a < m.end and m.start < b for a, b in places):
            places.append((m.start, m.end))
    return places


def _add_baseline(target: Target, mentions: list[Mention]) -> None:
    # each metric once, lower-cased once (the best fit is a maximum: repeats do not change it)
    metrics = list(dict.fromkeys(m.reading.metric.lower() for m in mentions))
    read: list[tuple[Block, list[Baseline]]] = []  # the blocks read so far, and their baselines
    for mention in mentions:
        block = mention.block
        if block is None:
            continue
        baselines = next((b for seen, b in read if seen is block), None)
        if baselines is None:
            baselines = block.baselines()
            read.append((block, baselines))
            chosen = best_baseline(baselines, metrics, lambda a, b: fuzz.token_set_ratio(a.lower(), b))
        else:  # a block read already fits none of the metrics (it would have ended the loop)
            chosen = None
        if chosen is None and mention.primary and baselines:
            chosen = baselines[0]  # the block's own measure, counted under another name
        if chosen is not None:
            target.baseline, target.baseline_period = chosen.value, chosen.period
            return
    stated = next((m.reading for m in mentions if m.reading.baseline is not None), None)
    if stated is not None:
        target.baseline, target.baseline_period = stated.baseline, stated.baseline_period


def _priority_of(
    mentions: list[Mention], priorities: list[Priority], target: Target, matcher: _MetricThemes
) -> Priority | None:
    """The priority a target belongs to: the one that states it, or whose heading its rows follow."""
    by_text = {p.text: p for p in priorities}
    stated = next((m.priority for m in mentions if m.rank == RANK_PRIORITY and m.priority in by_text), None)
    if stated:
        return by_text[stated]
    for mention in mentions:
        for priority in priorities:
            if any(e.span and e.span.start <= mention.start < e.span.end for e in priority.evidence):
                return priority
    heading = _nearest_heading(mentions, priorities)
    if heading is not None:
        return heading
    theme = _theme(target.metric, matcher)
    same_theme = [p for p in priorities if theme and p.themes and p.themes[0] == theme]
    # of priorities on the same theme, the one set for the year the target ends
    return next((p for p in same_theme if year_end(p.period) == target.deadline), same_theme[0] if same_theme else None)


def _nearest_heading(mentions: list[Mention], priorities: list[Priority]) -> Priority | None:
    best: tuple[int, Priority] | None = None
    for mention in mentions:
        if mention.block is None:
            continue
        for priority in priorities:
            for e in priority.evidence:
                if (
                    e.span
                    and 0 <= mention.start - e.span.end <= _PRIORITY_REACH
                    and (best is None or e.span.end > best[0])
                ):
                    best = (e.span.end, priority)
    return best[1] if best else None
