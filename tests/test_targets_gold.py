"""Targets against the seed gold, one case per document and format, and corpus-wide floors."""

from __future__ import annotations

import pytest
from scoring import Score, field_accuracy, score_targets
from seed_plans import FIXTURE_IDS, SEED_CASES, fixture_gold, fixture_plan, seed_gold, seed_plan

TARGETS_F1 = 0.9


def _score(seed: str, suffix: str) -> Score:
    gold = seed_gold(seed)
    return score_targets(gold["targets"] or [], seed_plan(seed, suffix).targets, gold.get("optional_targets") or [])


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_targets_match_gold(seed: str, suffix: str) -> None:
    score = _score(seed, suffix)
    extra = [(t.metric, t.amount, t.deadline) for t in score.extra]
    assert score.f1 >= TARGETS_F1, f"F1 {score.f1:.2f}; missed {score.missed}; extra {extra}"


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_target_deadline_baseline_and_value(seed: str, suffix: str) -> None:
    pairs = _score(seed, suffix).pairs
    for name in ("deadline", "baseline", "baseline_period", "target_value"):
        right, judged = field_accuracy(pairs, name)
        wrong = [(t.metric, getattr(t, name), g[name]) for g, t in pairs if name in g and getattr(t, name) != g[name]]
        assert right == judged, f"{name}: {wrong}"


def test_targets_corpus_floor() -> None:
    total = Score()
    for seed, suffix in SEED_CASES:
        total = total.add(_score(seed, suffix))
    assert total.f1 >= TARGETS_F1


def test_targets_repeated_on_continuation_pages_are_one_target() -> None:
    plan = seed_plan("004_344879f04729efa5", ".pdf")
    asb = [t for t in plan.targets if t.amount == 2 and t.deadline == "2012-03" and "anti-social" in t.metric]
    assert len(asb) == 1
    assert len({e.page for e in asb[0].evidence}) >= 3
    assert asb[0].priority and asb[0].priority.startswith("Reduce anti-social behaviour by 2%")


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_every_target_has_evidence_and_priority(seed: str, suffix: str) -> None:
    plan = seed_plan(seed, suffix)
    texts = {p.text for p in plan.priorities}
    for target in plan.targets:
        assert target.evidence and target.span and target.stage == "targets"
        assert target.priority is None or target.priority in texts


@pytest.mark.parametrize("name", FIXTURE_IDS)
def test_held_out_fixture_targets(name: str) -> None:
    gold = fixture_gold(name)
    score = score_targets(gold["targets"], fixture_plan(name).targets, gold.get("optional_targets") or [])
    assert score.f1 >= TARGETS_F1, (score.missed, [(t.metric, t.amount, t.text) for t in score.extra])
    for field in ("deadline", "baseline", "baseline_period", "target_value"):
        right, judged = field_accuracy(score.pairs, field)
        assert right == judged, field
