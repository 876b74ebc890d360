"""The markup scans that skip to their marks find what the plain scans find: emphasis, tags."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import normalise
from tests.conftest import ROOT, SEEDS

# The pattern as first written: the look-behind of *emphasis* before its mark.
PLAIN = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"
    r"|(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])",
    re.S,
)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    """Each match's range and its emphasised text (the one group of its alternative that took part)."""
    return [(m.span(), next(g for g in m.groups()[::-1] if g is not None)) for m in pattern.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="*_a1é. \n\t", max_size=40))
def test_emphasis_marks_found_as_the_plain_pattern_finds_them(text):
    assert _matches(normalise._EMPHASIS, text) == _matches(PLAIN, text)


def test_emphasis_of_every_seed_text_found_as_the_plain_pattern_finds_it():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _matches(normalise._EMPHASIS, text) == _matches(PLAIN, text), path.name


def test_emphasised_ranges_of_every_markdown_fixture_as_the_plain_pattern_finds_them():
    for path in sorted((ROOT / "tests/fixtures").rglob("*.md")) + sorted((ROOT / "tests/fixtures").rglob("*.txt")):
        text = normalise.clean_characters(path.read_text(encoding="utf-8", errors="replace"))
        assert _matches(normalise._EMPHASIS, text) == _matches(PLAIN, text), path.name


def _tags_stripped_line_by_line(text: str) -> str:
    return "\n".join(normalise._strip_tags(line) for line in text.split("\n"))


_PIECES_OF_TAGGED_LINES = ["<b>", "</p>", "<br/>", "<", ">", "\n", "\t", "  ", "a", " "]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES_OF_TAGGED_LINES), max_size=30).map("".join))
def test_tags_stripped_from_the_lines_with_a_tag_as_from_every_line(text):
    assert normalise._strip_tags_of_lines(text) == _tags_stripped_line_by_line(text)


def test_tags_of_every_fixture_stripped_as_line_by_line():
    for path in sorted((ROOT / "tests/fixtures").rglob("*")):
        if path.suffix in {".txt", ".md", ".html"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert normalise._strip_tags_of_lines(text) == _tags_stripped_line_by_line(text), path.name


# The edges of the ranges the control pattern deletes, and of those it keeps.
_CONTROL_EDGES = [0, 8, 9, 10, 11, 12, 13, 14, 0x1F, 0x20, 0x7E, 0x7F, 0x9F, 0xA0, 0xD7FF, 0xD800, 0xDFFF, 0xE000]
# Characters the cleaning drops, replaces or changes (NFKC), and some it keeps.
_TO_CLEAN = "\u200b\u00ad\u2066\u00a0\u3000\u2009\ufb01\u00bd\u2460 a£’\U0001f600\n\t"


def _plain_clean(text: str) -> str:
    """`clean_characters` as first written: each table applied by `str.translate`, the pattern run."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFKC", text.translate(normalise._DROP)).translate(normalise._SPACE_LIKE)
    return normalise._CONTROL.sub("", text)


def test_a_control_character_is_looked_for_as_the_control_pattern_finds_it_at_every_edge():
    for code in _CONTROL_EDGES + list(range(0x100)) + [0xFFFF, 0x10000, 0x10FFFF]:
        for text in (chr(code), f"ab\n{chr(code)}\tc", f"£ {chr(code)} ’"):
            assert normalise._characters(text).control == bool(normalise._CONTROL.search(text)), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in _CONTROL_EDGES] + list(_TO_CLEAN + "\r")), max_size=30))
def test_a_long_text_is_cleaned_as_the_plain_translations_clean_it(tail):
    for text in (tail, "a" * normalise._LONG_TEXT + tail):  # a short text is read the plain way
        assert normalise.clean_characters(text) == _plain_clean(text)


def test_every_seed_text_is_cleaned_as_the_plain_translations_clean_it():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert normalise.clean_characters(text) == _plain_clean(text), path.name
