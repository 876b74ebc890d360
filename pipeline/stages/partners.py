"""Stage: partners (filled by its own issue)."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import Partner, PlanExtraction


def find_partners(parsed: Parsed, found: PlanExtraction) -> list[Partner] | None:
    """Not implemented yet: returns None (no partner list found)."""
    return None
