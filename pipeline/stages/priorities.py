"""Stage: the priorities a partnership sets, each with its themes and every place it occurs."""

from __future__ import annotations

from pipeline.parsed import Parsed
from pipeline.priorities.cues import load_cues
from pipeline.priorities.lines import document_lines
from pipeline.priorities.lists import find_candidates
from pipeline.priorities.merge import Mention, add_repeats, merge
from pipeline.themes import ThemeMatcher, default_matcher
from schemas import PlanExtraction, Priority, ThemeAssignment

STAGE = "priorities"


def find_priorities(parsed: Parsed, found: PlanExtraction) -> list[Priority]:
    """Every priority the paper sets, repeats merged, with themes, scope, period and evidence."""
    lines = document_lines(parsed)
    candidates = find_candidates(parsed.text, load_cues(), parsed.document.is_emphasised, lines)
    mentions = merge(candidates)
    add_repeats(parsed.text, mentions, lines)
    matcher = default_matcher()
    priorities = [_priority(parsed, m, _reasons(m, matcher)) for m in mentions]
    return _only_distinguishing(priorities)


def _reasons(mention: Mention, matcher: ThemeMatcher) -> list[ThemeAssignment]:
    """Themes of the priority's text; when its title names none, of its explanation."""
    reasons = matcher.assign(mention.first.text)
    if reasons[0].theme == matcher.taxonomy.fallback and mention.first.description:
        from_description = matcher.assign(mention.first.description)
        if from_description[0].theme != matcher.taxonomy.fallback:
            return from_description
    return reasons


def _priority(parsed: Parsed, mention: Mention, reasons: list[ThemeAssignment]) -> Priority:
    first = mention.first
    return Priority(
        text=first.text,
        description=first.description,
        themes=[r.theme for r in reasons],
        theme_reasons=reasons,
        scope=first.scope,
        period=first.period,
        evidence=[parsed.evidence(a, b) for a, b in mention.places],
        span=parsed.span(first.start, first.end),
        section=parsed.section_label(first.start),
        stage=STAGE,
    )


def _only_distinguishing(priorities: list[Priority]) -> list[Priority]:
    """Keep scope and period only where a paper sets priorities for several scopes or years."""
    if not {p.scope for p in priorities} >= {"county", "local"}:
        for p in priorities:
            p.scope = None
    if len({p.period for p in priorities if p.period}) < 2:
        for p in priorities:
            p.period = None
    return priorities
