"""Properties of the priorities and targets stages on any text: they never raise, and every
item they return points into the text with a quote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.priorities.wording import Wording, wordings
from pipeline.stages.priorities import find_priorities
from pipeline.stages.targets import find_targets
from tests.papers import paper_from_text

# Pieces of priority lists and action plans, so that random texts hit the rules.
PIECES = [
    "The priorities are:",
    "the following priorities:",
    "the four priorities were: ",
    "County:",
    "Local:",
    "Priority 1: ",
    "PRIORITY ONE",
    "Priority\tLead",
    "- ",
    "• ",
    "1. ",
    "(ii) ",
    "a) ",
    "Reduce anti-social behaviour",
    "Increase reporting of hate crime",
    " by 10%",
    " by 2",
    " by March 2012",
    " during 2010/11",
    " (2048)",
    " and ",
    ", ",
    "Target:\t",
    "Baseline\t",
    "Performance Indicator\t",
    "ASB incidents 2010/2011 (2090)",
    "5% reduction in burglary",
    " will have reduced by 6%",
    "**",
    "\t",
    "\n",
    "\n\n",
    "(",
    ")",
    ":",
]
papers = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=80, deadline=None)
@given(papers)
def test_priorities_and_targets_accept_any_text(text: str) -> None:
    parsed, found = paper_from_text(text)
    found.priorities = find_priorities(parsed, found)
    for priority in found.priorities:
        assert priority.text and priority.themes and priority.evidence
        assert all(0 <= e.span.start <= e.span.end <= len(text) for e in priority.evidence if e.span)
    for target in find_targets(parsed, found):
        assert target.metric and target.direction in ("reduce", "increase", "maintain")
        assert target.span is not None and 0 <= target.span.start <= target.span.end <= len(text)
        assert target.deadline is None or len(target.deadline) == 7


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(papers, st.sampled_from(["Priority 10: the 5 PER CENT", "prıorıty 2: a% of 2011/12"]))))
def test_wordings_of_many_lines_equal_each_read_alone(texts: list[str]) -> None:
    assert wordings(texts) == [Wording.of(t) for t in texts]
