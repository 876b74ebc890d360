"""A one-page paper made from any text, as the stages see it (for property tests)."""

from __future__ import annotations

from pipeline import nlp
from pipeline.document import Document, Page
from pipeline.parsed import Parsed
from schemas import PlanExtraction, SourceInfo


def paper_from_text(text: str) -> tuple[Parsed, PlanExtraction]:
    """The parse of a text as a one-page paper, and an empty extraction for stages to fill."""
    source = SourceInfo(path="paper.txt", sha256="0")
    document = Document(text=text, pages=[Page(1, 0, len(text))], source=source)
    return Parsed(document=document, doc=nlp.parse(text)), PlanExtraction(source=source)
