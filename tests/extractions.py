"""One extraction per seed file, shared by the tests of a session (extraction is the slow part)."""

from __future__ import annotations

from functools import cache

from pipeline import extract
from schemas import PlanExtraction
from tests.conftest import SEED_IDS, SEEDS

FORMATS = ("txt", "pdf")
SEED_FILES = [(seed, fmt) for seed in SEED_IDS for fmt in FORMATS]


@cache
def extracted(seed: str, fmt: str) -> PlanExtraction:
    """The extraction of a seed in one format (computed once per test session)."""
    return extract(SEEDS / f"{seed}.{fmt}")


def seed_case_id(case: tuple[str, str]) -> str:
    return f"{case[0]}.{case[1]}"
