"""The emphasis scan that starts at its marks finds what the plain pattern finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import normalise
from tests.conftest import SEEDS

# The pattern as first written: the look-behind of *emphasis* before its mark.
PLAIN = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"
    r"|(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])",
    re.S,
)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="*_a1é. \n\t", max_size=40))
def test_emphasis_marks_found_as_the_plain_pattern_finds_them(text):
    assert _matches(normalise._EMPHASIS, text) == _matches(PLAIN, text)


def test_emphasis_of_every_seed_text_found_as_the_plain_pattern_finds_it():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _matches(normalise._EMPHASIS, text) == _matches(PLAIN, text), path.name
