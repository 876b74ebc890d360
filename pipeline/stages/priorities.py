"""Stage: priorities (filled by its own issue)."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import Priority, PlanExtraction


def find_priorities(parsed: Parsed, found: PlanExtraction) -> list[Priority]:
    """Not implemented yet: returns nothing."""
    return []
