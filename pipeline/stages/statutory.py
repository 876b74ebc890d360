"""Stage: statutory (filled by its own issue)."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import StatutoryFinding, PlanExtraction


def audit(parsed: Parsed, found: PlanExtraction) -> list[StatutoryFinding]:
    """Not implemented yet: returns nothing."""
    return []
