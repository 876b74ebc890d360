"""Provenance shared by every extracted item: where in the document it came from."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Model(BaseModel):
    """Base of every schema model: strict about unknown fields, JSON-friendly."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(Model):
    """A character range in the normalised document text, and the page it starts on."""

    page: int | None = Field(None, ge=1, description="1-based page of the start offset")
    start: int = Field(ge=0, description="start offset into the document text")
    end: int = Field(ge=0, description="end offset (exclusive)")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


class Evidence(Model):
    """A quotation that supports a finding, with its page, section and span."""

    quote: str
    page: int | None = None
    section: str | None = None
    span: Span | None = None


class Status(str, Enum):
    """Outcome of one document."""

    ok = "ok"
    partial = "partial"
    failed = "failed"
    skipped = "skipped"


class Problem(Model):
    """Something that went wrong or looked doubtful while reading a document."""

    code: str = Field(description="stable machine-readable code, e.g. 'pdf.encrypted'")
    message: str
    page: int | None = None


class Located(Model):
    """An extracted item: it records its span, section and the stage that produced it."""

    span: Span | None = None
    section: str | None = Field(None, description="number or heading of the enclosing section")
    stage: str | None = Field(None, description="pipeline stage that produced the item")
