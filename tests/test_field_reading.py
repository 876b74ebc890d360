"""The quick tests of a line in field reading answer as the plain ones do."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import fields


def _plain_may_be_label(text: str, longest: int) -> bool:
    return len(text) <= longest or len("".join(text.split())) - text.count("?") <= longest


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab?: \t\u00a0\u2003\x0b\x1f\x85é", max_size=30), st.integers(0, 20))
def test_may_be_label_answers_as_the_plain_count(text, longest):
    assert fields._may_be_label(text, longest) == _plain_may_be_label(text, longest)


def test_the_only_printable_space_is_the_ascii_space():
    assert [c for c in range(sys.maxunicode + 1) if chr(c).isspace() and chr(c).isprintable()] == [0x20]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="1a.)( :\t", max_size=12))
def test_enumerator_blanked_as_a_substitution_blanks_it(text):
    plain = fields._ENUMERATOR.sub(lambda m: " " * len(m.group(0)), text, count=1)
    assert fields._without_enumerator(text) == plain


def test_enumerator_pattern_is_anchored_at_the_start():
    # what lets one match at the start stand for a substitution anywhere
    assert fields._ENUMERATOR.pattern.startswith("^") and not fields._ENUMERATOR.flags & re.M
