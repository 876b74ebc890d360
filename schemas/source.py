"""What was read: the source file and its sections."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Model, Span

SourceFormat = Literal["txt", "md", "pdf", "docx", "html"]


class SourceInfo(Model):
    """The input file, identified by its content hash."""

    path: str
    sha256: str
    format: SourceFormat | None = None
    pages: int = Field(0, ge=0)
    bytes: int = Field(0, ge=0)
    url: str | None = Field(None, description="web address the document came from, where known")
    ids: dict[str, str] = Field(default_factory=dict, description="publisher ids, e.g. ModernGov")
    ocr_pages: list[int] = Field(default_factory=list, description="pages read through OCR")


class Section(Model):
    """A heading of the document and the text it governs."""

    id: str = Field(description="unique key within the document: the number, or s<offset>")
    number: str | None = Field(None, description='e.g. "3.1", "5", "Appendix 1"')
    heading: str
    level: int = Field(ge=1)
    parent: str | None = Field(None, description="id of the enclosing section")
    page: int | None = None
    span: Span = Field(description="from the heading to the start of the next heading")
    kind: Literal["numbered", "heading", "appendix"] = "numbered"
