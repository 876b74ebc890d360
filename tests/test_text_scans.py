"""Patterns read only where they can match give what they give over the whole text."""

from __future__ import annotations

import random

import pytest

from pipeline.contacts import EMAIL, find_emails
from pipeline.fields import labelled_values, rules
from pipeline.scan import finditer_before
from pipeline.stages.metadata import _NO_NAME, _PARTNERSHIP, _PARTNERSHIP_END
from pipeline.textlines import split_lines
from tests.conftest import SEEDS

SEED_TEXTS = sorted(SEEDS.glob("*.txt"))
_PIECES = [
    "Partnership", "partnership", "PARTNERSHIP", "Partnerships", "Partnership's", "Co-partnership",
    "Safer", "Community", "Safety", "Kent", "and", "of", "for", "&", "A", "the", "’", ".", ",", "-",
]


def _spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.stem)
def test_partnership_names_read_before_their_end_word_are_those_of_the_whole_text(path):
    text = path.read_text(encoding="utf-8")
    whole = _spans(_PARTNERSHIP.finditer(text))
    assert whole  # the seeds name their partnerships
    assert _spans(finditer_before(_PARTNERSHIP, text, _PARTNERSHIP_END, _NO_NAME)) == whole


def test_partnership_names_read_before_their_end_word_in_made_up_texts():
    rng = random.Random(8)
    for _ in range(2000):
        gaps = [" ", "", "\n", "\t", "  ", "\n\n", " \n "]
        text = "".join(rng.choice(_PIECES) + rng.choice(gaps) for _ in range(rng.randint(1, 30)))
        found = _spans(finditer_before(_PARTNERSHIP, text, _PARTNERSHIP_END, _NO_NAME))
        assert found == _spans(_PARTNERSHIP.finditer(text)), text


def test_emails_read_on_lines_with_an_at_sign_are_those_of_the_whole_text():
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEED_TEXTS)
    text += "\nmail a@b.gov.uk,c.d@e.org\n@x.com\njo@\n e@f.co.uk"
    assert _spans(find_emails(text)) == _spans(EMAIL.finditer(text))


def test_a_contact_label_standing_alone_on_a_line_is_read():
    lines = split_lines("CONTACT  OFFICER\n(a)   Contact Officer?\nContact officer for the partnership plan")
    assert [(v.field, v.line) for v in labelled_values(lines)] == [("contact", 0), ("contact", 1)]
    assert rules().label_field(" Contact\u00a0Officer ?") == "contact"
