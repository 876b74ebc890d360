"""Score floors: the least F1 each field may reach on the corpus before a test fails.

Floors are written from a run on explicit request (`councilplans evaluate ... --write-floors`),
a small margin under the current scores, and never by the test that checks them.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.evaluate.model import EvaluationReport, Mode

DEFAULT_MARGIN = 0.02


class Floors(BaseModel):
    """The floors file: which evaluation it was set on, and a floor per mode and field."""

    model_config = ConfigDict(extra="forbid")

    gold: str = Field(description="gold directory, relative to the repository")
    docs: str = Field(description="documents directory, relative to the repository")
    scorer: str
    threshold: float
    margin: float
    set_on: str = Field(description="date the floors were set")
    floors: dict[Mode, dict[str, float]]


def floors_from(
    report: EvaluationReport, *, gold: str, docs: str, scorer: str, threshold: float, margin: float = DEFAULT_MARGIN
) -> Floors:
    """Floors a margin under the report's micro F1 (fields with no F1 get none)."""
    floors: dict[Mode, dict[str, float]] = {}
    for mode, scores in report.micro.items():
        floors[mode] = {
            name: max(0.0, math.floor((s.f1 - margin) * 1000) / 1000) for name, s in scores.items() if s.f1 is not None
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


def below_floors(report: EvaluationReport, floors: Floors) -> list[tuple[Mode, str, float | None, float]]:
    """Every (mode, field, F1 now, floor) where the F1 fell under its floor or vanished."""
    failures = []
    for mode, fields in floors.floors.items():
        for name, floor in fields.items():
            score = report.micro.get(mode, {}).get(name)
            f1 = score.f1 if score is not None else None
            if f1 is None or f1 < floor - 1e-9:
                failures.append((mode, name, f1, floor))
    return failures
