"""The corpus scores hold the floors kept in eval/floors.json.

The floors are set by `councilplans evaluate ... --write-floors eval/floors.json` (see the
README), never by this test. One case per mode and field, so the field that fell is named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import process
from pipeline.evaluate import EvaluationReport, evaluate_extractions, load_gold
from pipeline.evaluate.floors import Floors, floor_cases, read_floors, score_of
from pipeline.evaluate.sources import document_paths
from schemas import PlanExtraction
from tests.conftest import ROOT, SEED_IDS, SEEDS
from tests.extractions import FORMATS, extracted

FLOORS_FILE = ROOT / "eval" / "floors.json"


def _floors() -> Floors | None:
    return read_floors(FLOORS_FILE) if FLOORS_FILE.exists() else None


def _cases() -> list[tuple[str, str, str, float]]:
    floors = _floors()
    if floors is None:
        return [("missing", "floors", "file", 0.0)]
    return floor_cases(floors)


def _extraction(path: Path) -> PlanExtraction:
    # the session's shared extraction where there is one, so the corpus is read once
    stem, fmt = path.stem, path.suffix.lstrip(".")
    if fmt in FORMATS and stem in SEED_IDS and path.parent == SEEDS:
        return extracted(stem, fmt)
    return process(path)


@pytest.fixture(scope="module")
def corpus_evaluation() -> EvaluationReport:
    floors = _floors()
    assert floors is not None, f"missing {FLOORS_FILE}"
    golds = load_gold(ROOT / floors.gold)
    plans = [_extraction(path) for _, path in document_paths(golds, ROOT / floors.docs)]
    return evaluate_extractions(golds, plans, scorer=floors.scorer, threshold=floors.threshold)


@pytest.mark.parametrize(("scope", "mode", "field", "floor"), _cases(), ids=lambda v: v if isinstance(v, str) else None)
def test_corpus_score_holds_its_floor(corpus_evaluation, scope, mode, field, floor):
    f1 = score_of(corpus_evaluation, scope, mode, field)
    assert f1 is not None, f"{scope} {mode} {field} is no longer scored"
    assert f1 >= floor - 1e-9, (
        f"{scope} {mode} {field} F1 {f1:.3f} < floor {floor:.3f}; misses and extras: "
        f"councilplans evaluate --gold corpus/gold --docs corpus/seeds"
    )
