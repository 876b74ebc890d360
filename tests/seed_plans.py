"""Extractions of the seed corpus and the held-out fixtures, made once per test session."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pipeline import extract
from schemas import PlanExtraction

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
GOLD = ROOT / "corpus" / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "priorities"

SEED_IDS = sorted(p.stem for p in GOLD.glob("*.json"))
FORMATS = (".txt", ".pdf")
SEED_CASES = [(seed, suffix) for seed in SEED_IDS for suffix in FORMATS]
FIXTURE_IDS = sorted(p.stem for p in FIXTURES.glob("*.txt"))


@cache
def seed_plan(seed_id: str, suffix: str) -> PlanExtraction:
    """The extraction of one seed paper in one format."""
    return extract(SEEDS / f"{seed_id}{suffix}")


@cache
def fixture_plan(name: str) -> PlanExtraction:
    """The extraction of one held-out fixture paper."""
    return extract(FIXTURES / f"{name}.txt")


def seed_gold(seed_id: str) -> dict:
    path = GOLD / f"{seed_id}.json"
    assert path.exists(), f"missing gold file {path}"
    return json.loads(path.read_text(encoding="utf-8"))


def fixture_gold(name: str) -> dict:
    path = FIXTURES / f"{name}.json"
    assert path.exists(), f"missing expected file {path}"
    return json.loads(path.read_text(encoding="utf-8"))
