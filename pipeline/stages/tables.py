"""Stage: tables (filled by its own issue)."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import PerformanceTable, PlanExtraction


def find_tables(parsed: Parsed, found: PlanExtraction) -> list[PerformanceTable]:
    """Not implemented yet: returns nothing."""
    return []
