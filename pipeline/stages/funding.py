"""Stage: funding (filled by its own issue)."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import Funding, PlanExtraction


def find_funding(parsed: Parsed, found: PlanExtraction) -> list[Funding]:
    """Not implemented yet: returns nothing."""
    return []
