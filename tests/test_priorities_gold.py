"""Priorities against the seed gold, one case per document and format, and corpus-wide floors."""

from __future__ import annotations

import pytest
from gold_checks import (
    assert_f1,
    assert_right,
    evaluation,
    f1,
    problems,
    score,
    seed_evaluation,
    seed_evaluations,
    total,
)
from seed_plans import FIXTURE_IDS, SEED_CASES, fixture_gold, fixture_plan, seed_plan

from pipeline.evaluate import DocumentEvaluation

PRIORITIES_F1 = 0.95
MAIN_THEME_ACCURACY = 0.9


def _assert_priority_parts(doc: DocumentEvaluation, main_theme_accuracy: float) -> None:
    """Main theme right on enough matched priorities; scope and period right on every one
    (a scope where the gold groups none is wrong too)."""
    wrong_theme = problems(doc, "priorities.main_theme")
    assert len(wrong_theme) <= (1 - main_theme_accuracy) * score(doc, "priorities").tp, wrong_theme
    assert_right(doc, ("priorities.scope", "priorities.period"))


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_priorities_match_gold(seed: str, suffix: str) -> None:
    assert_f1(seed_evaluation(seed, suffix), "priorities", PRIORITIES_F1)


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_priority_main_theme_scope_and_period(seed: str, suffix: str) -> None:
    _assert_priority_parts(seed_evaluation(seed, suffix), MAIN_THEME_ACCURACY)


@pytest.mark.parametrize("suffix", sorted({suffix for _, suffix in SEED_CASES}))
def test_priorities_corpus_floor(suffix: str) -> None:
    docs = seed_evaluations(suffix)
    matched, themes = total(docs, "priorities"), total(docs, "priorities.main_theme")
    assert f1(matched) >= PRIORITIES_F1
    assert themes.tp / matched.tp >= MAIN_THEME_ACCURACY


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
    doc = evaluation(fixture_gold(name), fixture_plan(name))
    assert_f1(doc, "priorities", PRIORITIES_F1)
    _assert_priority_parts(doc, 1.0)
