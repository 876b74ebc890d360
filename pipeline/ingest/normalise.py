"""Text normalisation shared by every backend: encodings, control characters, markup marks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import numpy

# Characters that look like spaces or dashes in office documents.
_SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000"), " ")
# Invisible format characters, bidirectional controls included: they break matching and quoting.
_DROP = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
             "\u2066\u2067\u2068\u2069"),
    None,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_TAG = re.compile(r"</?(?:p|br|div|span|b|strong|i|em|u|font|li|ul|ol)\b[^>]{0,200}>", re.I)
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol)\b", re.I)
_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((?:https?|mailto):[^)\s]{1,500}\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!&])")
_MD_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+")
# **bold**, __bold__ and *emphasis* within one line (the closing mark may follow a line break
# when a bold run wraps, as rendered PDFs show). Every alternative starts with its literal mark,
# the look behind at "*emphasis*" included: then the scan skips to the next "*" or "_" at C
# speed (a first alternative that opened with a group, "(\*\*|__)...\1", was tried at every
# position). The one group an alternative has is the emphasised text (`Match.lastindex`).
_EMPHASIS = re.compile(
    r"\*\*(?=\S)(.+?)(?<=\S)\*\*"  # **bold**
    r"|__(?=\S)(.+?)(?<=\S)__"  # __bold__
    r"|\*(?<![\w*]\*)(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])",  # *emphasis*, no word or * before
    re.S,
)


_SPACES_IN_ROW = re.compile(r"(?<=\S) {2,}(?=\S)")


def _strip_tags(line: str) -> str:
    # A block tag inside a table row (a line with tabs) must not split the row.
    if "<" not in line:
        return line
    in_row = "\t" in line
    line = _TAG.sub(lambda m: ("\n" if not in_row and _BLOCK_TAG.match(m.group(0)) else " "), line)
    return _SPACES_IN_ROW.sub(" ", line) if in_row else line


def _strip_tags_of_lines(text: str) -> str:
    """`_strip_tags` of each line of a text: only the lines that hold a "<" are split out and
    read, the others (nearly all) are copied in runs as they are."""
    out: list[str] = []
    copied = 0  # where the text not yet copied starts
    at = text.find("<")
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        out += (text[copied:start], _strip_tags(text[start:end]))
        copied = end
        at = text.find("<", end)
    out.append(text[copied:])
    return "".join(out)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, else cp1252; return the text and a problem note if lossy."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    mixed = _decode_lines(data)
    if mixed is not None:
        return mixed, "lines in UTF-8 and in cp1252 were each decoded in their own encoding"
    try:
        return data.decode("cp1252"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "bytes that are neither UTF-8 nor cp1252 were replaced"


def _decode_lines(data: bytes) -> str | None:
    """Decode line by line when some lines are UTF-8 beyond ASCII and others are not UTF-8 (pasted text)."""
    lines = data.split(b"\n")
    utf8_lines = 0
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
    return "\n".join(out) if utf8_lines else None


def clean_characters(text: str) -> str:
    """Unify line ends, spaces and compatibility characters; drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A long text's characters are read once, in a few numpy passes: which of the tables' few
    # characters it holds is then known without a search for each, and whether it holds a
    # control character without the pattern's scan, which tests its class at every character.
    held = _characters(text) if len(text) >= _LONG_TEXT else None
    dropped = _replace_each(text, _DROP, held)
    text = unicodedata.normalize("NFKC", dropped)
    if text is not dropped and held is not None:
        held = _characters(text)  # NFKC changed some characters (it returns a normal text as it is)
    # NFKC leaves none of the space-like characters, so those held before it are all there may be
    text = _replace_each(text, _SPACE_LIKE, held)
    return _CONTROL.sub("", text) if held is None or held.control else text


# Below this length the pattern's scan and the searches cost less than numpy's set-up (about
# 8 µs): the lines and blocks of a PDF page are read the plain way.
_LONG_TEXT = 4000
# The code points `_CONTROL` keeps below the space; from DEL up, those it deletes run to the
# end of the C1 controls (U+009F) and over the surrogates (U+D800 to U+DFFF).
_KEPT_C0 = tuple(map(numpy.uint32, map(ord, "\t\n\r")))
_SPACE, _DEL = numpy.uint32(0x20), numpy.uint32(0x7F)


@dataclass(frozen=True, slots=True)
class _Characters:
    """What a text holds beyond ASCII's printable characters."""

    control: bool  # a character `_CONTROL` deletes
    above_ascii: frozenset[int]  # the code points from DEL up (a superset, after characters are dropped)


def _characters(text: str) -> _Characters:
    points = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    low = points[points < _SPACE]
    above = frozenset(points[points >= _DEL].tolist())
    control = bool(((low != _KEPT_C0[0]) & (low != _KEPT_C0[1]) & (low != _KEPT_C0[2])).any()) or any(
        code <= 0x9F or 0xD800 <= code <= 0xDFFF for code in above
    )
    return _Characters(control, above)


def _replace_each(text: str, table: Mapping[int, str | None], held: _Characters | None = None) -> str:
    # what text.translate(table) gives: translate looks every character up in the table, which
    # is slow when few of them are in it; a search for each of the table's few characters is
    # not, and none at all is needed for a character the text is known not to hold
    codes = table.keys() if held is None else table.keys() & held.above_ascii
    for code in codes:
        char = chr(code)
        if char in text:
            text = text.replace(char, table[code] or "")
    return text


def strip_markup(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove markdown-ish marks and stray HTML tags; return text and emphasised ranges."""
    text = _strip_tags_of_lines(text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _MD_HEADING.sub("", text) if "#" in text else text
    if "*" not in text and "__" not in text:  # no emphasis mark: spare the costly scan
        return text, []
    out: list[str] = []
    emphasis: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for m in _EMPHASIS.finditer(text):
        inner = m.group(m.lastindex or 0)
        before = text[pos : m.start()]
        out.append(before)
        length += len(before)
        out.append(inner)
        emphasis.append((length, length + len(inner)))
        length += len(inner)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), emphasis


def normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Clean characters, strip markup, and tidy trailing blanks on each line."""
    cleaned, emphasis = strip_markup(clean_characters(text))
    return cleaned, emphasis
