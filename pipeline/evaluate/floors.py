"""Score floors: the least F1 each field may reach on the corpus before a test fails.

Floors are written from a run on explicit request (`councilplans evaluate ... --write-floors`),
a small margin under the current scores, and never by the test that checks them.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.evaluate.model import EvaluationReport, Mode, Score

DEFAULT_MARGIN = 0.02


ALL = "all"  # the scope of the micro-average over every document; other scopes are formats


class Floors(BaseModel):
    """The floors file: which evaluation it was set on, and a floor per scope, mode and field.

    Scopes are "all" (every document) and each format (txt, pdf ...): a regression in one
    format shows even while the others hold the overall score up.
    """

    model_config = ConfigDict(extra="forbid")

    gold: str = Field(description="gold directory, relative to the repository")
    docs: str = Field(description="documents directory, relative to the repository")
    scorer: str
    threshold: float
    margin: float
    set_on: str = Field(description="date the floors were set")
    floors: dict[str, dict[Mode, dict[str, float]]]


def _scopes(report: EvaluationReport) -> dict[str, dict[Mode, dict[str, Score]]]:
    return {ALL: report.micro, **report.by_format}


def floors_from(
    report: EvaluationReport, *, gold: str, docs: str, scorer: str, threshold: float, margin: float = DEFAULT_MARGIN
) -> Floors:
    """Floors a margin under the report's F1 in every scope (fields with no F1 get none)."""
    floors = {
        scope: {
            mode: {
                name: max(0.0, math.floor((s.f1 - margin) * 1000) / 1000)
                for name, s in scores.items()
                if s.f1 is not None
            }
            for mode, scores in modes.items()
        }
        for scope, modes in _scopes(report).items()
    }
    return Floors(
        gold=gold,
        docs=docs,
        scorer=scorer,
        threshold=threshold,
        margin=margin,
        set_on=f"{report.generated:%Y-%m-%d}",
        floors=floors,
    )


def write_floors(floors: Floors, path: Path) -> None:
    """Write a floors file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(floors.model_dump_json(indent=2) + "\n", encoding="utf-8")


def read_floors(path: Path) -> Floors:
    """Read a floors file."""
    return Floors.model_validate(json.loads(path.read_text(encoding="utf-8")))


def floor_cases(floors: Floors) -> list[tuple[str, Mode, str, float]]:
    """Every (scope, mode, field, floor) of a floors file."""
    return [
        (scope, mode, name, floor)
        for scope, modes in floors.floors.items()
        for mode, fields in modes.items()
        for name, floor in fields.items()
    ]


def score_of(report: EvaluationReport, scope: str, mode: Mode, name: str) -> float | None:
    """The F1 of a field in a scope of the report, None where it is not scored."""
    score = _scopes(report).get(scope, {}).get(mode, {}).get(name)
    return score.f1 if score is not None else None


def below_floors(report: EvaluationReport, floors: Floors) -> list[tuple[str, Mode, str, float | None, float]]:
    """Every (scope, mode, field, F1 now, floor) where the F1 fell under its floor or vanished."""
    failures = []
    for scope, mode, name, floor in floor_cases(floors):
        f1 = score_of(report, scope, mode, name)
        if f1 is None or f1 < floor - 1e-9:
            failures.append((scope, mode, name, f1, floor))
    return failures
