"""One validated settings object, built from defaults, a dict, a config file or CLI flags."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """How councilplans reads documents. Every field has a safe default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ocr: bool = Field(False, description="read pages with no text layer through tesseract")
    max_bytes: int = Field(200_000_000, gt=0, description="largest input file accepted")
    max_pages: int = Field(2_000, gt=0, description="most pages read from one document")
    max_page_area: float = Field(
        14_400.0 * 14_400.0, gt=0, description="largest page (points squared) accepted; PDF's own limit"
    )
    max_text_chars: int = Field(20_000_000, gt=0, description="longest normalised text accepted")
    max_unpacked_bytes: int = Field(
        300_000_000, gt=0, description="largest size a compressed part (a PDF stream, a DOCX member) may inflate to"
    )
    tables: bool = Field(True, description="look for tables on PDF pages")
    pdf_engine: Literal["auto", "pdfplumber"] = Field(
        "auto", description="'auto' reads PDF pages through PDFium where it can; 'pdfplumber' reads every page with it"
    )

    @classmethod
    def resolve(cls, value: Settings | dict[str, Any] | str | Path | None) -> Settings:
        """Accept None (defaults), a dict, a JSON file path or an instance."""
        if value is None:
            return cls()
        if isinstance(value, Settings):
            return value
        if isinstance(value, (str, Path)):
            return cls.model_validate(json.loads(Path(value).read_text(encoding="utf-8")))
        return cls.model_validate(value)
