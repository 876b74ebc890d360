"""A name found in a paper's ASCII bytes stands where `text.lower().find` finds it."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

import pipeline.lowered as lowered_module
from pipeline.lowered import SPECIAL, LowerCaseText
from tests.conftest import SEEDS


def test_only_the_listed_non_ascii_characters_lower_to_ascii() -> None:
    # every character there is: the bytes stand in for the lowered text only if this holds
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    to_ascii = [c for c in every[128:] if any(x.isascii() for x in c.lower())]
    to_two = [c for c in every if len(c.lower()) != 1]
    assert to_ascii == ["\u0130", "\u212a"] and to_two == ["\u0130"]
    assert all(c.lower().isascii() for c in every[:128])
    # a character lowers alone (within a text as on its own) but for the capital sigma
    sample = "".join(every[:0x3000]).replace("\u03a3", "")
    assert sample.lower() == "".join(c.lower() for c in sample)
    assert "\u03a3".lower() != "a\u03a3".lower()[-1:]
    assert set(SPECIAL) == {"\u0130", "\u212a", "\u03a3"}


def _same(text: str, name: str) -> None:
    lowered, fast = text.lower(), LowerCaseText(text)
    wanted = name.lower()
    assert len(fast) == len(lowered)
    for start in range(-2, len(text) + 2):
        assert fast.find(wanted, start) == lowered.find(wanted, start), (text, name, start)


# Letters in both cases, the characters that need the lowered text, "?" and a few non-ASCII ones.
_CHARS = st.sampled_from([*"aAbBkKiI sS?-\n", "\u0130", "\u212a", "\u2013", "\u03a3", "\u00e9", "\u00c9"])


@given(st.text(_CHARS, max_size=30), st.text(_CHARS, min_size=1, max_size=4), st.sampled_from([1, 3, 4096]))
def test_names_found_as_in_the_lowered_text(text: str, name: str, first_read: int) -> None:
    kept = lowered_module._FIRST_READ
    lowered_module._FIRST_READ = first_read  # small: names across the end of what is read
    try:
        _same(text, name)
    finally:
        lowered_module._FIRST_READ = kept


def test_names_found_past_the_first_reading() -> None:
    # the bytes are read a piece at a time: names that stand across a piece's end, or only late
    text = "x\u2013" * 3000 + "Safer TOWN \u2013 Plan" + "y" * 5000 + "safer town \u2013 plan" + "\u03a3"
    for name in ("Safer Town \u2013 Plan", "SAFER TOWN", "\u2013 plan", "plan\u03c2", "zz"):
        _same(text[4000:], name)
        lowered = text.lower()
        assert LowerCaseText(text).find(name.lower(), 10) == lowered.find(name.lower(), 10)


def test_names_in_the_seed_texts_found_as_in_the_lowered_text() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lowered, fast = text.lower(), LowerCaseText(text)
        for name in ("Community Safety Partnership", "SAFER", "crime \u2013 disorder", "plan?", "zzz", "\u2013"):
            at = lowered.find(name.lower())
            assert fast.find(name.lower()) == at
            assert fast.find(name.lower(), at + 1) == lowered.find(name.lower(), at + 1)
