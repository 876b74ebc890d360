"""Scanned pages: a PDF page with images but no text layer, read through tesseract when asked.

tesseract is driven as a program (apt-get install tesseract-ocr), not through a Python binding,
so OCR needs no extra dependency and is simply unavailable when the program is missing.
"""

from __future__ import annotations

import dataclasses
import math
import shutil
import subprocess
from io import BytesIO
from typing import Any

from pipeline.document import Document
from pipeline.settings import Settings
from schemas import Problem

# A problem code starting with "note." does not make the result partial.
OCR_NOTE = "note.ocr"
NO_TEXT_LAYER = "pdf.no_text_layer"
RESOLUTION_DPI = 300
MAX_PIXELS = 40_000_000  # a huge page is rendered at a lower resolution rather than exhaust memory
TIMEOUT_SECONDS = 120


def tesseract() -> str | None:
    """Path of the tesseract program, or None when it is not installed."""
    return shutil.which("tesseract")


def read_scanned_page(page: Any, number: int, settings: Settings, problems: list[Problem]) -> list[str]:
    """Lines of a page that has no text layer: OCR text when enabled and possible, else [] and a problem."""
    scanned = "page has images but no text layer (scanned?)"
    if not settings.ocr:
        problems.append(Problem(code=NO_TEXT_LAYER, message=f"{scanned}; read it with --ocr", page=number))
        return []
    program = tesseract()
    if program is None:
        problems.append(Problem(code=NO_TEXT_LAYER, message=scanned, page=number))
        problems.append(Problem(code="ocr.unavailable", message="--ocr needs tesseract (apt-get install tesseract-ocr)",
                                page=number))
        return []
    try:
        png = _render(page)
        done = subprocess.run([program, "stdin", "stdout", "-l", "eng"], input=png, capture_output=True,
                              timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError, ValueError, MemoryError) as e:
        problems.append(Problem(code="ocr.failed", message=f"OCR of the page failed ({type(e).__name__})", page=number))
        return []
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        problems.append(Problem(code="ocr.failed", message=f"tesseract failed: {detail[0][:200]}", page=number))
        return []
    problems.append(Problem(code=OCR_NOTE, message="page read through OCR (tesseract)", page=number))
    return [line for line in done.stdout.decode("utf-8", "replace").splitlines() if line.strip()]


def _render(page: Any) -> bytes:
    area_inches = float(page.width) * float(page.height) / (72 * 72)
    resolution = min(RESOLUTION_DPI, int(math.sqrt(MAX_PIXELS / max(area_inches, 1e-6))))
    image = page.to_image(resolution=max(resolution, 30)).original
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def mark_ocr_pages(document: Document) -> Document:
    """Flag the pages read through OCR, in the page map and in the source record."""
    numbers = sorted({p.page for p in document.problems if p.code == OCR_NOTE and p.page is not None})
    if not numbers:
        return document
    document.pages = [dataclasses.replace(p, ocr=p.number in numbers) for p in document.pages]
    document.source = document.source.model_copy(update={"ocr_pages": numbers})
    return document
