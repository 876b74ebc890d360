"""Stage: metadata (to be written)."""

from __future__ import annotations

from pipeline.parsed import Parsed
from schemas import DocumentMetadata, PlanExtraction


def read_metadata(parsed: Parsed, found: PlanExtraction) -> DocumentMetadata:
    """Not implemented yet."""
    return DocumentMetadata()
