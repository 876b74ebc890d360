"""The PDF-bomb guard finds every stream's data, and only stream data."""

from __future__ import annotations

import re
import zlib

import pytest

from pipeline.errors import LimitExceeded
from pipeline.ingest.guards import _stream_starts, check_pdf_streams
from pipeline.settings import Settings
from tests.conftest import REAL_PDFS, SEEDS

# The keyword as the PDF syntax defines it: `stream` (not `endstream`) and an end of line.
_STREAM = re.compile(rb"(?<!end)stream\r?\n")


@pytest.mark.parametrize("path", [*sorted(SEEDS.glob("*.pdf")), *sorted(REAL_PDFS.glob("*.pdf"))], ids=lambda p: p.name)
def test_stream_starts_are_the_keywords_of_the_file(path):
    data = path.read_bytes()
    assert list(_stream_starts(data)) == [(m.start(), m.end()) for m in _STREAM.finditer(data)]


def test_stream_keyword_at_the_edges_and_after_endstream():
    data = b"stream\r\nabc endstream\nstream\nxyz\nendstream"
    assert [data[start : start + 3] for _, start in _stream_starts(data)] == [b"abc", b"xyz"]
    assert list(_stream_starts(b"endstream\n")) == []
    assert list(_stream_starts(b"streamlined text")) == []


def test_deflated_stream_over_the_limit_is_refused(tmp_path):
    settings = Settings(max_unpacked_bytes=10_000_000)
    packed = zlib.compress(b"\0" * 20_000_000, 9)
    data = b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\n" + packed + b"\nendstream\nendobj\n"
    with pytest.raises(LimitExceeded):
        check_pdf_streams(tmp_path / "bomb.pdf", data, settings)
    check_pdf_streams(tmp_path / "fine.pdf", data, Settings(max_unpacked_bytes=30_000_000))
