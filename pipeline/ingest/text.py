"""Plain text and markdown-ish papers."""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Document, Page
from pipeline.ingest.normalise import decode_text, normalise
from schemas import Problem, SourceInfo

# A form feed is how text exports of PDFs mark page breaks.
PAGE_BREAK = "\f"


def read_text(path: Path, data: bytes, source: SourceInfo) -> Document:
    """Decode, normalise and paginate a text file (form feeds start new pages)."""
    raw, note = decode_text(data)
    problems = [Problem(code="text.encoding", message=note)] if note else []
    chunks = raw.replace("\r\n", "\n").split(PAGE_BREAK)
    texts: list[str] = []
    pages: list[Page] = []
    emphasis: list[tuple[int, int]] = []
    offset = 0
    for number, chunk in enumerate(chunks, start=1):
        text, marks = normalise(chunk)
        if texts:
            texts.append("\n")
            offset += 1
        pages.append(Page(number=number, start=offset, end=offset + len(text)))
        emphasis.extend((offset + a, offset + b) for a, b in marks)
        texts.append(text)
        offset += len(text)
    source = source.model_copy(update={"pages": len(pages)})
    return Document(text="".join(texts), pages=pages, source=source, emphasis=emphasis, problems=problems)
