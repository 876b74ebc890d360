"""Stage: targets (filled by its own issue)."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import Target, PlanExtraction


def find_targets(parsed: Parsed, found: PlanExtraction) -> list[Target]:
    """Not implemented yet: returns nothing."""
    return []
