"""Decompression-bomb guards: look at what a compressed part would inflate to before a library reads it."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from pipeline.errors import CorruptDocument, LimitExceeded
from pipeline.settings import Settings

# Deflate cannot beat about 1032:1, so a stream shorter than limit/1032 bytes cannot exceed it.
_DEFLATE_MAX_RATIO = 1032
_CHUNK = 1 << 20


def check_zip(path: Path, data: bytes, settings: Settings) -> None:
    """Refuse a zip (DOCX) whose members would inflate beyond the limit, before reading any."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise CorruptDocument(f"{path.name}: the Word file is a damaged zip archive") from e
    total = sum(m.file_size for m in members)
    if total > settings.max_unpacked_bytes:
        limit = settings.max_unpacked_bytes
        raise LimitExceeded(f"{path.name}: the archive would inflate to {total:,} bytes, over the limit of {limit:,}")
    if len(members) > 10_000:
        raise LimitExceeded(f"{path.name}: the archive holds {len(members):,} parts, over the limit of 10,000")


def check_pdf_streams(path: Path, data: bytes, settings: Settings) -> None:
    """Refuse a PDF with a compressed stream that would inflate beyond the limit (a PDF bomb)."""
    limit = settings.max_unpacked_bytes
    floor = limit // _DEFLATE_MAX_RATIO
    for keyword, start in _stream_starts(data):
        end = data.find(b"endstream", start)
        if end < 0:
            return
        if end - start < floor or b"Fl" not in data[max(0, keyword - 512) : keyword]:
            continue  # too short to exceed the limit, or not deflated (/FlateDecode, /Fl): images stay packed
        if _inflated_size(data, start, end, limit) > limit:
            raise LimitExceeded(
                f"{path.name}: a compressed stream at byte {start:,} inflates beyond the limit of {limit:,} bytes"
            )


def _stream_starts(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each `stream` keyword stands and where its data starts (`endstream` left out).

    bytes.find is many times as fast as a regex scan over a file of several megabytes.
    """
    at = data.find(b"stream")
    while at >= 0:
        after = at + 6
        if at < 3 or data[at - 3 : at] != b"end":
            if data[after : after + 1] == b"\n":
                yield at, after + 1
            elif data[after : after + 2] == b"\r\n":
                yield at, after + 2
        at = data.find(b"stream", after)


def _inflated_size(data: bytes, start: int, end: int, limit: int) -> int:
    inflater = zlib.decompressobj()
    size = 0
    try:
        for pos in range(start, end, _CHUNK):
            chunk = data[pos : min(pos + _CHUNK, end)]
            while chunk:
                size += len(inflater.decompress(chunk, _CHUNK))
                if size > limit:
                    return size
                chunk = inflater.unconsumed_tail
    except zlib.error:
        return size  # not deflate, or damaged: the PDF reader reports it on its own
    return size
