"""One search for any of a list of words finds what a search for each word finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.fields import rules
from pipeline.stages.metadata import _any_word, _has_word

WORD = st.text(alphabet="ab .-'é", min_size=0, max_size=5)


def _plain(text: str, words: list[str]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abAB .-'é\n", max_size=25), st.lists(WORD, max_size=4))
def test_any_word_search_answers_as_a_search_for_each(text, words):
    assert _has_word(text, words) == _plain(text, words)


def test_the_rule_word_lists_on_their_own_words():
    r = rules()
    for words in (r.body_words, r.document_words, *(cue.cues for cue in r.kinds)):
        for text in [*words, *(f"The {w.upper()}s of" for w in words), "nothing here"]:
            assert _has_word(text, words) == _plain(text, words), (text, words)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="safe rcimdo-'", max_size=30))
def test_partnership_cues_searched_at_once_as_one_by_one(text):
    cues = rules().partnership_cues
    one_by_one = any(re.search(rf"\b{c}\b", text) for c in cues)
    assert (_any_word(tuple(cues), literal=False).search(text) is not None) == one_by_one
