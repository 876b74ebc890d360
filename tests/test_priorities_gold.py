"""Priorities against the seed gold, one case per document and format, and corpus-wide floors."""

from __future__ import annotations

import pytest
from scoring import PRIORITY_MATCH, Score, field_accuracy, main_theme, score_priorities
from seed_plans import FIXTURE_IDS, SEED_CASES, fixture_gold, fixture_plan, seed_gold, seed_plan

PRIORITIES_F1 = 0.95
MAIN_THEME_ACCURACY = 0.9


def _score(seed: str, suffix: str) -> Score:
    return score_priorities(seed_gold(seed)["priorities"], seed_plan(seed, suffix).priorities)


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_priorities_match_gold(seed: str, suffix: str) -> None:
    score = _score(seed, suffix)
    missed = [g["text"] for g in score.missed]
    extra = [p.text for p in score.extra]
    assert score.f1 >= PRIORITIES_F1, f"F1 {score.f1:.2f} (match >= {PRIORITY_MATCH}); missed {missed}; extra {extra}"


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_priority_main_theme_scope_and_period(seed: str, suffix: str) -> None:
    pairs = _score(seed, suffix).pairs
    wrong_theme = [(p.text, p.themes, g["themes"]) for g, p in pairs if main_theme(p) != g["themes"][0]]
    assert len(wrong_theme) <= (1 - MAIN_THEME_ACCURACY) * len(pairs), wrong_theme
    for name in ("scope", "period"):
        right, judged = field_accuracy(pairs, name)
        assert right == judged, f"{name} right for {right} of {judged}"
    for g, p in pairs:
        if "scope" not in g:
            assert p.scope is None, f"scope {p.scope} where the paper does not group priorities: {p.text}"


def test_priorities_corpus_floor() -> None:
    total = Score()
    for seed, suffix in SEED_CASES:
        total = total.add(_score(seed, suffix))
    themes_right = sum(main_theme(p) == g["themes"][0] for g, p in total.pairs)
    assert total.f1 >= PRIORITIES_F1
    assert themes_right / len(total.pairs) >= MAIN_THEME_ACCURACY


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_every_priority_has_evidence_and_reasons(seed: str, suffix: str) -> None:
    for priority in seed_plan(seed, suffix).priorities:
        assert priority.evidence and priority.span and priority.stage == "priorities"
        assert all(e.page for e in priority.evidence)
        assert [r.theme for r in priority.theme_reasons] == priority.themes


def test_repeated_priority_is_one_priority_with_every_place() -> None:
    # Rochford states each 2011/12 priority in the contents, the body and the appendix pages
    plan = seed_plan("004_344879f04729efa5", ".pdf")
    asb = [p for p in plan.priorities if p.period == "2011/2012" and p.themes[0] == "anti_social_behaviour"]
    assert len(asb) == 1
    pages = {e.page for e in asb[0].evidence}
    assert {1, 9, 11} <= pages


def test_bold_title_is_text_and_explanation_is_description() -> None:
    for suffix in (".txt", ".pdf"):
        plan = seed_plan("003_08cd4bb102deff76", suffix)
        drugs = next(p for p in plan.priorities if p.themes[0] == "substance_misuse")
        assert drugs.text.startswith("Reduce the harms caused by drugs and alcohol")
        assert drugs.description and drugs.description.startswith("This recognises")


def test_statutory_duties_and_assessment_contents_are_not_priorities() -> None:
    # South Derbyshire lists plan requirements and what the assessment details, never priorities
    for suffix in (".txt", ".pdf"):
        assert seed_plan("002_cc554ea183c4090a", suffix).priorities == []


@pytest.mark.parametrize("name", FIXTURE_IDS)
def test_held_out_fixture_priorities(name: str) -> None:
    gold = fixture_gold(name)
    score = score_priorities(gold["priorities"], fixture_plan(name).priorities)
    assert score.f1 >= PRIORITIES_F1, ([g["text"] for g in score.missed], [p.text for p in score.extra])
    wrong = [(p.text, p.themes, g["themes"]) for g, p in score.pairs if main_theme(p) != g["themes"][0]]
    assert not wrong
    for name_ in ("scope", "period"):
        right, judged = field_accuracy(score.pairs, name_)
        assert right == judged, name_
