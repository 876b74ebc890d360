"""The audit stages against the seed gold and the held-out papers, one case per document and form.

Floors pinned here: statutory status accuracy >= 0.9, partners F1 >= 0.9 (types must agree),
funding F1 >= 0.9, over the seeds in .txt and .pdf form. Held-out papers in tests/fixtures/audit
were written for these tests in wording unlike the corpus, with their own gold beside them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from conftest import SEED_IDS, SEEDS, gold_for
from gold_checks import evaluation, f1, problems, score, statutory_accuracy, total, typed_partners

from pipeline import extract
from pipeline.evaluate import DocumentEvaluation
from pipeline.evaluate.model import Score
from schemas import PlanExtraction

FORMS = ("txt", "pdf")
HELD_OUT = Path(__file__).parent / "fixtures" / "audit"
HELD_OUT_IDS = sorted(p.name.removesuffix(".gold.json") for p in HELD_OUT.glob("*.gold.json"))
FLOOR = 0.9


@cache
def extracted(path: str) -> PlanExtraction:
    return extract(path)


def _cases() -> list[tuple[Path, dict]]:
    seeds = [(SEEDS / f"{s}.{form}", gold_for(s)) for s in SEED_IDS for form in FORMS]
    held = [
        (HELD_OUT / f"{h}.{form}", json.loads((HELD_OUT / f"{h}.gold.json").read_text()))
        for h in HELD_OUT_IDS
        for form in FORMS
    ]
    return seeds + held


CASES = _cases()
IDS = [p.name for p, _ in CASES]


def _evaluation(path: Path, gold: dict) -> DocumentEvaluation:
    return evaluation(gold, extracted(str(path)))


@pytest.mark.parametrize(("path", "gold"), CASES, ids=IDS)
def test_statutory_status(path: Path, gold: dict) -> None:
    doc = _evaluation(path, gold)
    assert statutory_accuracy(score(doc, "statutory")) >= FLOOR, problems(doc, "statutory", ("wrong", "miss"))
    assert score(doc, "statutory").tp + score(doc, "statutory").fn == len(gold["statutory"])


@pytest.mark.parametrize(("path", "gold"), CASES, ids=IDS)
def test_partners(path: Path, gold: dict) -> None:
    plan = extracted(str(path))
    if gold["partners"] is None:
        assert plan.partners is None, [p.name for p in plan.partners or []]
        return
    doc = _evaluation(path, gold)
    assert f1(typed_partners(doc)) >= FLOOR, problems(doc, "partners") + problems(doc, "partners.type")


@pytest.mark.parametrize(("path", "gold"), CASES, ids=IDS)
def test_funding(path: Path, gold: dict) -> None:
    doc = _evaluation(path, gold)
    assert f1(score(doc, "funding")) >= FLOOR, problems(doc, "funding")


@pytest.mark.parametrize("form", FORMS)
def test_seed_floors(form: str) -> None:
    """The whole seed set, per form: the floors the issue sets."""
    docs = [_evaluation(SEEDS / f"{seed}.{form}", gold_for(seed)) for seed in SEED_IDS]
    assert statutory_accuracy(total(docs, "statutory")) >= FLOOR
    partners = Score()
    for doc in docs:
        partners.add(typed_partners(doc))
    assert f1(partners) >= FLOOR
    assert f1(total(docs, "funding")) >= FLOOR


def test_present_elements_quote_whole_sentences_with_page() -> None:
    plan = extracted(str(SEEDS / "004_344879f04729efa5.pdf"))
    present = [f for f in plan.statutory if f.status == "present"]
    assert present
    for finding in present:
        assert finding.evidence, finding.element
        first = finding.evidence[0]
        assert first.page and first.span and len(first.quote.split()) >= 3, finding


def test_funding_priority_is_the_action_plan_block() -> None:
    plan = extracted(str(SEEDS / "004_344879f04729efa5.txt"))
    sanctuary = next(f for f in plan.funding if f.purpose == "Sanctuary Scheme")
    assert sanctuary.priority and "Domestic Abuse" in sanctuary.priority
    assert sanctuary.evidence and "Sanctuary Scheme" in sanctuary.evidence[0].quote
