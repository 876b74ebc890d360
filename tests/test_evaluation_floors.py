"""The corpus scores hold the floors kept in eval/floors.json.

The floors are set by `councilplans evaluate ... --write-floors eval/floors.json` (see the
README), never by this test. One case per mode and field, so the field that fell is named.
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import EvaluationReport, evaluate_corpus
from pipeline.evaluate.floors import Floors, read_floors
from tests.conftest import ROOT

FLOORS_FILE = ROOT / "eval" / "floors.json"


def _floors() -> Floors | None:
    return read_floors(FLOORS_FILE) if FLOORS_FILE.exists() else None


def _cases() -> list[tuple[str, str, float]]:
    floors = _floors()
    if floors is None:
        return [("missing", "floors file", 0.0)]
    return [(mode, name, floor) for mode, fields in floors.floors.items() for name, floor in fields.items()]


@pytest.fixture(scope="module")
def corpus_evaluation() -> EvaluationReport:
    floors = _floors()
    assert floors is not None, f"missing {FLOORS_FILE}"
    return evaluate_corpus(
        ROOT / floors.gold, docs=ROOT / floors.docs, scorer=floors.scorer, threshold=floors.threshold, jobs=2
    )


@pytest.mark.parametrize(("mode", "field", "floor"), _cases(), ids=lambda v: v if isinstance(v, str) else None)
def test_corpus_score_holds_its_floor(corpus_evaluation, mode, field, floor):
    score = corpus_evaluation.micro[mode].get(field)
    assert score is not None and score.f1 is not None, f"{field} is no longer scored"
    assert score.f1 >= floor - 1e-9, (
        f"{mode} {field} F1 {score.f1:.3f} < floor {floor:.3f}; misses and extras: "
        f"councilplans evaluate --gold corpus/gold --docs corpus/seeds"
    )
