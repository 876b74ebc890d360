"""The count of capitals in ASCII text gives what the count letter by letter gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import textlines


def _letter_by_letter(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 3 and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="aAbBzZ09 -()'\\t", max_size=40))
def test_is_upper_of_ascii_text_counts_as_letter_by_letter(text):
    assert textlines.is_upper(text) == _letter_by_letter(text)


def test_is_upper_of_every_ascii_character_in_capitals_around_it():
    for code in range(128):
        for text in (chr(code), "AB" + chr(code), "ABCDEFGHI" + chr(code), chr(code) * 3, "abc" + chr(code)):
            assert textlines.is_upper(text) == _letter_by_letter(text), repr(text)
