"""The format comes from the content, not the file name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import CorruptDocument, UnsupportedFormat
from pipeline.ingest import load
from pipeline.ingest.sniff import sniff_format
from tests.conftest import SEEDS

STEM = "002_cc554ea183c4090a"


@pytest.mark.parametrize(
    ("source", "disguise", "expected"),
    [("pdf", "paper.docx", "pdf"), ("docx", "paper.pdf", "docx"), ("txt", "paper.html", "txt"),
     ("docx", "paper", "docx")],
)
def test_format_is_sniffed_from_content(tmp_path: Path, source: str, disguise: str, expected: str) -> None:
    path = tmp_path / disguise
    shutil.copy(SEEDS / f"{STEM}.{source}", path)
    document = load(path)
    assert document.source.format == expected
    assert "Community Safety" in document.text or "community safety" in document.text.lower()


@pytest.mark.parametrize(
    "head",
    [b"<!DOCTYPE html>\n<html lang='en'>", b"\xef\xbb\xbf  <html>", b"<head><title>Decision</title>", b"<BODY><P>x",
     b"<!-- saved from url=(0060)https://democracy.example.gov.uk/ieDecisionDetails.aspx?ID=1 -->\n<html>"],
)
def test_html_heads(head: bytes) -> None:
    assert sniff_format(Path("page.txt"), head) == "html"


def test_markdown_suffix_is_kept_for_text(tmp_path: Path) -> None:
    assert sniff_format(Path("notes.md"), b"# Plan\n\n**Priority**") == "md"


def test_truncated_word_file_is_corrupt_not_unknown(tmp_path: Path) -> None:
    data = (SEEDS / f"{STEM}.docx").read_bytes()
    path = tmp_path / "cut.bin"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptDocument):
        sniff_format(path, data[:8192])


def test_other_zip_is_unsupported(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormat):
        sniff_format(path, path.read_bytes()[:8192])
