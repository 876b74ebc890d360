"""The matching of gold items with extracted items, on small hand-made cases."""

from __future__ import annotations

import pytest

from pipeline.evaluate.matching import TextMatcher, assign, normalise
from pipeline.evaluate.sheet import Sheet

STRICT = TextMatcher("strict")
FUZZY = TextMatcher("fuzzy", "token_sort_ratio", 85)


def match(gold: list[str], found: list[str], matcher: TextMatcher = FUZZY) -> tuple[Sheet, object]:
    sheet = Sheet(matcher)
    matching = sheet.items("priorities", gold, found, lambda g: g, lambda f: f)
    return sheet, matching


def test_exact_match_counts_once_in_both_modes():
    for matcher in (STRICT, FUZZY):
        sheet, m = match(["Anti-Social Behaviour"], ["anti-social behaviour."], matcher)
        assert m.pairs == [(0, 0, 1.0)]
        assert sheet.scores["priorities"].model_dump(include={"tp", "fp", "fn"}) == {"tp": 1, "fp": 0, "fn": 0}
        assert sheet.issues == []


def test_near_match_is_a_hit_when_fuzzy_and_a_miss_plus_extra_when_strict():
    gold, found = (
        ["Dealing with crimes committed by re offenders (PPO's)"],
        ["Dealing with crimes committed by re-offenders (PPOs)"],
    )
    sheet, m = match(gold, found, FUZZY)
    assert len(m.pairs) == 1 and 0.85 <= m.pairs[0][2] < 1
    assert [i.kind for i in sheet.issues] == ["near"]
    sheet, m = match(gold, found, STRICT)
    score = sheet.scores["priorities"]
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)
    miss = next(i for i in sheet.issues if i.kind == "miss")
    assert miss.found == f"nearest: {found[0]}" and miss.similarity is not None


def test_miss_is_a_false_negative():
    sheet, m = match(["Serious acquisitive crime", "Youth Issues"], ["Serious acquisitive crime"])
    assert m.misses == [1]
    score = sheet.scores["priorities"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)
    assert score.precision == 1.0 and score.recall == 0.5 and score.f1 == pytest.approx(2 / 3)


def test_extra_is_a_false_positive():
    sheet, m = match(["Youth Issues"], ["Youth Issues", "Contact officer: Steve Parry"])
    assert m.extras == [1]
    assert [(i.kind, i.found) for i in sheet.issues] == [("extra", "Contact officer: Steve Parry")]


def test_duplicate_in_the_extraction_counts_as_an_extra():
    sheet, m = match(["Youth Issues"], ["Youth Issues", "Youth issues"])
    score = sheet.scores["priorities"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)
    assert len(m.pairs) == 1 and len(m.extras) == 1
    assert [(i.kind, i.context) for i in sheet.issues] == [("extra", "duplicate of a matched item")]


def test_assignment_maximises_matches_where_greedy_would_not():
    # a greedy "best pair first" takes (A, X) and leaves B without a partner
    sims = {("A", "X"): 0.95, ("A", "Y"): 0.9, ("B", "X"): 0.9, ("B", "Y"): 0.1}
    m = assign(["A", "B"], ["X", "Y"], lambda g, f: sims[(g, f)], 0.85)
    assert sorted((gi, fi) for gi, fi, _ in m.pairs) == [(0, 1), (1, 0)]


def test_tiebreak_pairs_two_targets_on_one_metric_by_their_parts():
    gold = [("anti-social behaviour", 2), ("anti-social behaviour", 10)]
    found = [("anti-social behaviour", 10), ("anti-social behaviour", 2)]
    m = assign(
        gold, found, lambda g, f: FUZZY.similarity(g[0], f[0]), FUZZY.bar, tiebreak=lambda g, f: float(g[1] == f[1])
    )
    assert sorted((gi, fi) for gi, fi, _ in m.pairs) == [(0, 1), (1, 0)]


def test_admissible_rules_out_pairs_whatever_their_text():
    m = assign([5000.0], [10000.0], lambda g, f: 1.0, 1.0, admissible=lambda g, f: g == f)
    assert m.pairs == [] and m.misses == [0] and m.extras == [0]


def test_normalise_keeps_words_and_drops_marks_around_them():
    assert normalise("  1. Reduce  Robbery by 5% – during 2010/2011. ") == "reduce robbery by 5% - during 2010/2011"
    assert normalise("• ‘Priority areas’") == "'priority areas'"
    assert normalise("offences") == "offences"


def test_value_comparison_counts_a_wrong_value_on_both_sides():
    sheet = Sheet(FUZZY)
    sheet.value("metadata.kind", "committee_report", "partnership_plan")
    sheet.value("metadata.published", None, "2011-09")
    sheet.value("metadata.council", "Rotherham", None)
    kinds = {i.field: i.kind for i in sheet.issues}
    assert kinds == {"metadata.kind": "wrong", "metadata.published": "extra", "metadata.council": "miss"}
    s = sheet.scores
    assert (s["metadata.kind"].fp, s["metadata.kind"].fn) == (1, 1)
    assert (s["metadata.published"].fp, s["metadata.published"].fn) == (1, 0)


def test_unknown_scorer_is_refused():
    with pytest.raises(ValueError):
        TextMatcher("fuzzy", "no_such_scorer")
