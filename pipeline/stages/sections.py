"""Stage: sections (to be written)."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import PlanExtraction, Section


def find_sections(parsed: Parsed, found: PlanExtraction) -> list[Section]:
    """Not implemented yet."""
    return []
