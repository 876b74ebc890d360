"""A corpus of bad and awkward input files, generated on the fly (nothing downloaded or committed).

Each case names the file it writes and the documented outcome: either an error code (the
`extract` exit code follows from it) or a readable result with the ingestion problem codes it
must carry. The README's "Bad input" table lists the same cases.
"""

from __future__ import annotations

import os
import random
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline import Settings
from tests.conftest import SEEDS

SEED_PDF = SEEDS / "000_2ad17110b5a37932.pdf"
SEED_TXT = SEEDS / "000_2ad17110b5a37932.txt"
SEED_DOCX = SEEDS / "000_2ad17110b5a37932.docx"

# Limits small enough to test bombs and oversize files quickly; page limits stay at their defaults.
SETTINGS = Settings(max_bytes=3_000_000, max_unpacked_bytes=4_000_000)
INGEST_PREFIXES = ("text.", "pdf.", "html.", "docx.", "ocr.")


@dataclass(frozen=True)
class BadInput:
    """One kind of bad input and what councilplans does with it."""

    name: str
    make: Callable[[Path], Path]
    error: str | None = None  # error code: the file cannot be read at all
    problems: frozenset[str] = frozenset()  # ingestion problem codes of a readable result
    contains: str | None = None  # text the readable result must hold


def _write(name: str, content: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(content)
        return path

    return make


def _noise(n: int, seed: int = 9) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.getrandbits(8) for _ in range(n)) + b"\x00\x00"


def _pypdf():
    import pypdf

    return pypdf


def _encrypted(user_password: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        writer = _pypdf().PdfWriter(clone_from=SEED_PDF)
        writer.encrypt(user_password=user_password, owner_password="owner-secret")
        path = tmp / f"encrypted-{'user' if user_password else 'owner-only'}.pdf"
        writer.write(path)
        return path

    return make


def _many_pages(tmp: Path) -> Path:
    writer = _pypdf().PdfWriter()
    for _ in range(2_500):
        writer.add_blank_page(612, 792)
    path = tmp / "many-pages.pdf"
    writer.write(path)
    return path


def _huge_page(with_normal_page: bool) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        writer = _pypdf().PdfWriter()
        if with_normal_page:
            writer.append(SEED_PDF, pages=[0])
        page = writer.add_blank_page(20_000, 20_000)
        page.merge_page(_pypdf().PdfReader(SEED_PDF).pages[0])  # content on the huge page too
        path = tmp / ("huge-second-page.pdf" if with_normal_page else "huge-page.pdf")
        writer.write(path)
        return path

    return make


def _pdf_bomb(tmp: Path) -> Path:
    """A one-page PDF whose content stream inflates from ~50 KB to 50 MB."""
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * 50_000_000, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path = tmp / "bomb.pdf"
    path.write_bytes(bytes(out))
    return path


def _zip(name: str, members: dict[str, bytes]) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for member, content in members.items():
                zf.writestr(member, content)
        return path

    return make


_CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _docx_bomb(tmp: Path) -> Path:
    body = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    body += b" " * 40_000_000 + b"</w:document>"
    return _zip("bomb.docx", {"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": body})(tmp)


def _entity_bomb_docx(tmp: Path) -> Path:
    """A seed Word file whose document part defines nested entities ("billion laughs")."""
    entities = '<!ENTITY e0 "safety">' + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(SEED_DOCX) as seed:
        parts = {name: seed.read(name) for name in seed.namelist()}
    body = parts["word/document.xml"].decode("utf-8").split("?>", 1)[1].replace("<w:t>", "<w:t>&e9;", 1)
    parts["word/document.xml"] = f'<?xml version="1.0"?><!DOCTYPE d [{entities}]>{body}'.encode()
    return _zip("entity-bomb.docx", parts)(tmp)


def _truncated_docx(tmp: Path) -> Path:
    data = SEED_DOCX.read_bytes()
    return _write("truncated.docx", data[: len(data) // 2])(tmp)


def _unreadable(tmp: Path) -> Path:
    path = _write("unreadable.txt", SEED_TXT.read_bytes())(tmp)
    path.chmod(0)
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "named-pipe.txt"
    os.mkfifo(path)
    return path


def _odd_name(tmp: Path) -> Path:
    folder = tmp / "Committee papers 2024"
    folder.mkdir()
    return _write("Safer Communités – plan (final) ü€.txt", SEED_TXT.read_bytes())(folder)


def _oversize(tmp: Path) -> Path:
    text = SEED_TXT.read_bytes()
    return _write("oversize.txt", text * (SETTINGS.max_bytes // len(text) + 1))(tmp)


_CONTROL_TEXT = (
    "Safer\u200b Communities\u202e Partnership \x07\x1b[31mPlan\x1b[0m 2024\u20132027\n"
    "Priority: re\u0301duce ﬁre-setting \U0001f6a8 and anti\u2011social behaviour\x0b\n"
).encode("utf-8")

CASES: tuple[BadInput, ...] = (
    BadInput("zero-byte file", _write("empty.txt", b""), error="input.empty"),
    BadInput("only whitespace", _write("blank.txt", b" \r\n\t\n\f\n"), error="input.empty"),
    BadInput("binary garbage", _write("garbage.bin", _noise(20_000)), error="input.unsupported_format"),
    BadInput("binary garbage named .pdf", _write("garbage.pdf", _noise(20_000, 3)), error="input.unsupported_format"),
    BadInput("PDF header then garbage", _write("header-garbage.pdf", b"%PDF-1.7\n" + _noise(20_000, 5)),
             error="input.corrupt"),
    BadInput("truncated PDF", _write("truncated.pdf", SEED_PDF.read_bytes()[:3000]), error="input.corrupt"),
    BadInput("PDF needing a user password", _encrypted("secret"), error="input.encrypted"),
    BadInput("PDF encrypted with an owner password only", _encrypted(""), contains="ROTHERHAM"),
    BadInput("PDF with 2,500 pages", _many_pages, error="input.too_large"),
    BadInput("PDF whose only page is huge", _huge_page(False), error="input.too_large"),
    BadInput("PDF with one huge page among normal ones", _huge_page(True), problems=frozenset({"pdf.page_too_large"}),
             contains="ROTHERHAM"),
    BadInput("PDF decompression bomb", _pdf_bomb, error="input.too_large"),
    BadInput("DOCX decompression bomb", _docx_bomb, error="input.too_large"),
    BadInput("DOCX that is a zip of something else", _zip("not-word.docx", {"minutes.txt": b"Minutes of the meeting"}),
             error="input.unsupported_format"),
    BadInput("DOCX with a broken document part",
             _zip("broken.docx", {"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": b"<w:document"}),
             error="input.corrupt"),
    BadInput("truncated DOCX", _truncated_docx, error="input.corrupt"),
    BadInput("DOCX with an XML entity bomb", _entity_bomb_docx, error="input.corrupt"),
    BadInput("file over the size limit", _oversize, error="input.too_large"),
    BadInput("cp1252 text", _write("cp1252.txt", "Budget £120,000 – “ring-fenced”\n".encode("cp1252")),
             contains="£120,000 – “ring-fenced”"),
    BadInput("mixed UTF-8 and cp1252 lines",
             _write("mixed.txt", "Café opening – plan\n".encode() + "Budget £5,000\n".encode("cp1252")),
             problems=frozenset({"text.encoding"}), contains="Café opening – plan\nBudget £5,000"),
    BadInput("bytes in no known encoding", _write("undefined.txt", b"Plan \x81\x8d\x8f\x90\x9d for 2024\n" * 3),
             problems=frozenset({"text.encoding"}), contains="for 2024"),
    BadInput("UTF-16 text with BOM", _write("utf16.txt", "Community safety plan 2024\n".encode("utf-16")),
             contains="Community safety plan 2024"),
    BadInput("control characters and odd Unicode", _write("odd.txt", _CONTROL_TEXT),
             contains="Safer Communities Partnership [31mPlan[0m 2024–2027"),
    BadInput("HTML with scripts around the text",
             _write("scripts.html", b"<html><head><script>var s = '</p><p>injected';</script></head><body>"
                    b"<p onclick=\"steal()\">Community safety plan</p><script>document.write('more')</script>"
                    b"<a href=\"javascript:alert(1)\">link</a></body></html>"),
             contains="Community safety plan"),
    BadInput("HTML with nothing but scripts",
             _write("only-scripts.html", b"<html><head><script>alert(1)</script></head><body><script>x()</script>"
                    b"<style>p{}</style></body></html>"),
             error="input.empty"),
    BadInput("path with spaces and non-ASCII name", _odd_name, contains="ROTHERHAM"),
    BadInput("unreadable file (chmod 000)", _unreadable, error="input.unreadable"),
    BadInput("named pipe instead of a file", _fifo, error="input.not_a_file"),
)
