"""The quick paths of the priorities stage give what the plain ones give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.priorities.forms import lower_by_line
from tests.conftest import SEEDS

SEED_TEXTS = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_text_lowered_by_line_equals_lowered_whole(path):
    text = path.read_text(encoding="utf-8")
    assert lower_by_line(text) == text.lower()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ΣσςAaİIıKſ \n\t.'’-\u0345\u00ad", "ΟΔΟΣ", "Σ\n", "\nΣ"]), max_size=30).map("".join))
def test_lowering_by_line_keeps_the_final_sigma_rule(text):
    # the one rule of lower-casing that looks at neighbouring letters: a capital sigma ends a word
    assert lower_by_line(text) == text.lower()
