"""Ingestion: one backend per input format behind one Document model."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline.document import Document
from pipeline.errors import EmptyInput, InputNotFound, LimitExceeded, NotAFile, UnreadableInput
from pipeline.ingest.sniff import sniff_format
from pipeline.settings import Settings
from schemas import SourceInfo


def load(path: str | os.PathLike[str], settings: Settings | None = None) -> Document:
    """Read a council paper of any supported format into a normalised Document."""
    settings = settings or Settings()
    path = Path(path)
    data = _read_bytes(path, settings)
    fmt = sniff_format(path, data[:8192])
    source = SourceInfo(path=str(path), sha256=hashlib.sha256(data).hexdigest(), format=fmt, bytes=len(data))
    document = _BACKENDS[fmt](path, data, source, settings)
    if len(document.text) > settings.max_text_chars:
        raise LimitExceeded(f"{path.name}: {len(document.text):,} characters of text, over the limit")
    if not document.text.strip():
        codes = {p.code for p in document.problems}
        if "pdf.page_too_large" in codes:
            raise LimitExceeded(f"{path.name}: every page with content is larger than the page size limit")
        if "pdf.no_text_layer" not in codes:  # a scanned paper is a partial result, not an empty one
            raise EmptyInput(f"{path.name}: the file holds no text")
    return document


def file_sha256(path: Path) -> str:
    """Content hash of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError as e:
        raise InputNotFound(f"{path}: no such file") from e
    except OSError as e:
        raise UnreadableInput(f"{path}: cannot be read ({e.strerror})") from e
    if not path.is_file():
        raise NotAFile(f"{path}: not a regular file" + (" (a directory: use 'batch')" if path.is_dir() else ""))
    if st.st_size == 0:
        raise EmptyInput(f"{path.name}: the file is empty (0 bytes)")
    if st.st_size > settings.max_bytes:
        raise LimitExceeded(f"{path.name}: {st.st_size:,} bytes, over the limit of {settings.max_bytes:,}")
    try:
        return path.read_bytes()
    except OSError as e:
        raise UnreadableInput(f"{path}: cannot be read ({e.strerror})") from e


def _read_pdf(path: Path, data: bytes, source: SourceInfo, settings: Settings) -> Document:
    from pipeline.ingest.guards import check_pdf_streams
    from pipeline.ingest.ocr import mark_ocr_pages
    from pipeline.ingest.pdf import read_pdf

    check_pdf_streams(path, data, settings)
    return mark_ocr_pages(read_pdf(path, source, settings))


def _read_text(path: Path, data: bytes, source: SourceInfo, settings: Settings) -> Document:
    from pipeline.ingest.text import read_text

    return read_text(path, data, source)


def _read_docx(path: Path, data: bytes, source: SourceInfo, settings: Settings) -> Document:
    from pipeline.ingest.docx import read_docx

    return read_docx(path, data, source, settings)


def _read_html(path: Path, data: bytes, source: SourceInfo, settings: Settings) -> Document:
    from pipeline.ingest.html import read_html

    return read_html(path, data, source, settings)


_BACKENDS = {
    "pdf": _read_pdf,
    "txt": _read_text,
    "md": _read_text,
    "docx": _read_docx,
    "html": _read_html,
}
