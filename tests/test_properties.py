"""Property-based tests: random text and bytes never make a parser or stage raise outside the project's errors."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import dates
from pipeline.document import Document, Page
from pipeline.errors import CouncilPlansError
from pipeline.ingest import load
from pipeline.ingest.normalise import decode_text, normalise
from pipeline.runner import run_stages
from schemas import SourceInfo

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text that looks a little like council papers: words, numbers, dates, markup marks, tabs, odd characters.
PAPER_WORDS = st.sampled_from(
    ["Community", "Safety", "Partnership", "Plan", "2010/11", "2024-2027", "29th November, 2010", "£1,200",
     "-11.1%", "Priority", "1.", "3.2", "**", "*", "<p>", "</b>", "\t", "\n", "\n\n", "\f", "Meeting:", "Date:",
     "March 2011", "reduce", "by 5%", "\u200b", "\u202e", "ﬁ", "\x00", "\x1b", "é", "—"]
)
PAPER_TEXT = st.one_of(st.text(max_size=400), st.lists(PAPER_WORDS, max_size=80).map(" ".join))
MAGIC = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"<?xml version='1.0'?><html>", b"\xef\xbb\xbf",
         b"\xff\xfe", b"{\\rtf1"]


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _load_bytes(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        document = load(path)
    except CouncilPlansError:
        return
    assert isinstance(document.text, str)
    assert all(0 <= a <= b <= len(document.text) for a, b in document.emphasis)
    assert all(p.start <= p.end <= len(document.text) for p in document.pages)


@FAST
@given(magic=st.sampled_from(MAGIC), body=st.binary(max_size=3000))
def test_random_bytes_to_every_backend(scratch: Path, magic: bytes, body: bytes) -> None:
    _load_bytes(scratch, "random.bin", magic + body)


@FAST
@given(member=st.binary(max_size=2000), with_types=st.booleans())
def test_random_word_document_part(scratch: Path, member: bytes, with_types: bool) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        if with_types:
            zf.writestr("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", member)
    _load_bytes(scratch, "random.docx", buffer.getvalue())


@FAST
@given(text=PAPER_TEXT, encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_random_text_files(scratch: Path, text: str, encoding: str) -> None:
    _load_bytes(scratch, "random.txt", text.encode(encoding, errors="replace"))


@FAST
@given(texts=st.lists(PAPER_TEXT, max_size=6), tags=st.lists(st.sampled_from(
    ["p", "div", "table", "tr", "td", "th", "ul", "ol", "li", "b", "h2", "script", "nav", "pre", "br"]), max_size=6))
def test_random_html_pages(scratch: Path, texts: list[str], tags: list[str]) -> None:
    body = "".join(f"<{tag}>{text}" for tag, text in zip(tags, texts, strict=False)) + "".join(texts[len(tags):])
    _load_bytes(scratch, "random.html", f"<html><body>{body}</body></html>".encode("utf-8", errors="replace"))


@FAST
@given(text=PAPER_TEXT)
def test_normaliser_keeps_emphasis_inside_the_text(text: str) -> None:
    cleaned, emphasis = normalise(text)
    assert all(0 <= a <= b <= len(cleaned) for a, b in emphasis)
    assert "\x00" not in cleaned and "\u202e" not in cleaned


@FAST
@given(data=st.binary(max_size=2000))
def test_decoder_accepts_any_bytes(data: bytes) -> None:
    text, note = decode_text(data)
    assert isinstance(text, str) and (note is None or isinstance(note, str))


@FAST
@given(text=PAPER_TEXT)
def test_dates_never_raise(text: str) -> None:
    list(dates.find_dates(text))
    list(dates.find_periods(text))
    dates.parse_date(text)
    dates.parse_month_year(text)
    dates.parse_period(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PAPER_TEXT)
def test_stages_never_fail_on_random_text(text: str) -> None:
    cleaned, emphasis = normalise(text)
    middle = len(cleaned) // 2
    document = Document(
        text=cleaned,
        pages=[Page(number=1, start=0, end=middle), Page(number=2, start=middle, end=len(cleaned))],
        source=SourceInfo(path="random.txt", sha256="0" * 64, format="txt", pages=2),
        emphasis=emphasis,
    )
    plan = run_stages(document)
    assert not [p for p in plan.problems if p.code.startswith("stage.")], plan.problems
    plan.model_dump_json()
