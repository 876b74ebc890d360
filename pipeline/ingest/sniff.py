"""Tell a file's format from its content, not its name."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pipeline.errors import CorruptDocument, UnsupportedFormat

TEXT_SUFFIXES = {".md": "md", ".markdown": "md"}
# Saved web pages often open with a comment ("<!-- saved from url=... -->") before <html>.
_LEADING_COMMENTS = re.compile(rb"^(?:\s*<!--.*?-->)+\s*", re.S)


def sniff_format(path: Path, head: bytes) -> str:
    """Return 'pdf', 'docx', 'html', 'md' or 'txt', from the first bytes of the file."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path, head)
    lower = _LEADING_COMMENTS.sub(b"", stripped[:4096]).lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head[:4096].lower():
        return "html"
    if lower.startswith((b"<head", b"<body", b"<meta", b"<title")):
        return "html"
    if _looks_like_text(head):
        return TEXT_SUFFIXES.get(path.suffix.lower(), "txt")
    raise UnsupportedFormat(f"{path.name}: not a PDF, Word, HTML or text file")


def _zip_format(path: Path, head: bytes) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        # The first local headers still name the parts of a truncated Word file.
        if b"word/" in head or b"[Content_Types].xml" in head:
            raise CorruptDocument(f"{path.name}: a damaged Word document (truncated zip archive)") from e
        raise UnsupportedFormat(f"{path.name}: a damaged zip archive, not a Word document") from e
    if "word/document.xml" in names:
        return "docx"
    raise UnsupportedFormat(f"{path.name}: a zip archive that is not a Word (.docx) document")


# Control bytes other than tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    sample = head[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) < 0.05
