"""Targets against the seed gold, one case per document and format, and corpus-wide floors."""

from __future__ import annotations

import pytest
from gold_checks import assert_f1, assert_right, evaluation, f1, seed_evaluation, seed_evaluations, total
from seed_plans import FIXTURE_IDS, SEED_CASES, fixture_gold, fixture_plan, seed_plan

TARGETS_F1 = 0.9
# a matched target must agree on these with its gold, as well as on its metric
MATCHED_PARTS = [
    f"targets.{part}"
    for part in ("direction", "amount", "unit", "deadline", "baseline", "baseline_period", "target_value")
]


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_targets_match_gold(seed: str, suffix: str) -> None:
    assert_f1(seed_evaluation(seed, suffix), "targets", TARGETS_F1)


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


@pytest.mark.parametrize(("seed", "suffix"), SEED_CASES)
def test_target_direction_amount_deadline_baseline_and_value(seed: str, suffix: str) -> None:
    assert_right(seed_evaluation(seed, suffix), MATCHED_PARTS)


@pytest.mark.parametrize("name", FIXTURE_IDS)
def test_held_out_fixture_targets(name: str) -> None:
    doc = evaluation(fixture_gold(name), fixture_plan(name))
    assert_f1(doc, "targets", TARGETS_F1)
    assert_right(doc, MATCHED_PARTS)


@pytest.mark.parametrize("suffix", sorted({suffix for _, suffix in SEED_CASES}))
def test_targets_corpus_floor(suffix: str) -> None:
    assert f1(total(seed_evaluations(suffix), "targets")) >= TARGETS_F1
