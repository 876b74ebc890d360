"""A vocabulary walked by pipeline/lexeme_getters.py makes the very lexemes plain spaCy makes."""

from __future__ import annotations

import random
import string
import sys
import threading
import unicodedata

import pytest
import spacy
import srsly
from spacy.attrs import IS_SPACE, LANG, LOWER
from spacy.vocab import Vocab

from pipeline import nlp
from pipeline.lexeme_attrs import use_faster_attributes
from pipeline.lexeme_getters import AttributeGetters, read_new_words_faster
from tests.conftest import SEEDS

# every field of spaCy's lexeme struct (its length is that of orth's string)
FIELDS = ("orth", "lower", "norm", "shape", "prefix", "suffix", "lang", "flags", "rank")


def _vocabularies() -> tuple[Vocab, Vocab]:
    """One vocabulary as the pipeline's, one as plain spaCy's."""
    ours = spacy.blank("en").vocab
    use_faster_attributes(ours)
    read_new_words_faster(ours)
    return ours, spacy.blank("en").vocab


def _fields(vocab: Vocab, words: list[str]) -> list[tuple[object, ...]]:
    return [tuple(getattr(vocab[w], f) for f in FIELDS) for w in words]


def _made_up_words(count: int) -> list[str]:
    # words of letters in every case mix and length (up to spaCy's "LONG" shape and past it),
    # and words of letters, digits and marks
    rng = random.Random(8)
    letters = "aeiouxyzAEIOUXYZsStTnN"
    others = letters + string.digits + ".,-'/@£$%()[]\"“”é²ß"
    lengths = [1, 2, 3, 4, 5, 6, 9, 99, 100, 101, 140]
    words = ["".join(rng.choice(letters) for _ in range(rng.choice(lengths))) for _ in range(count // 2)]
    words += ["".join(rng.choice(others) for _ in range(rng.choice(lengths[:7]))) for _ in range(count // 2)]
    return words


def test_lexemes_of_every_corpus_word_and_made_up_word_are_spacys():
    ours, plain = _vocabularies()
    corpus = sorted({w for path in SEEDS.glob("*.txt") for w in path.read_text(encoding="utf-8").split()})
    tokens = sorted({t.text for path in SEEDS.glob("*.txt") for t in spacy.blank("en")(path.read_text("utf-8"))})
    # number words, stop words, symbols' names, words that are marks ("``" is not of letters)
    named = ["ten", "Tenth", "TWENTY", "the", "The", "THE", "a", "I", "ADJ", "nsubj", "en", "EN", "cannot"]
    words = corpus + tokens + _made_up_words(20_000) + named
    assert _fields(ours, words) == _fields(plain, words)
    # met again: read from the vocabulary, the same
    assert _fields(ours, words[:500]) == _fields(plain, words[:500])


@pytest.mark.slow
def test_lexemes_of_every_character_are_spacys():
    # every character Unicode assigns, and every 97th other code point
    codes = [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    chars = [chr(c) for c in codes if unicodedata.category(chr(c)) not in ("Cn", "Co") or c % 97 == 0]
    ours, plain = _vocabularies()
    for start in range(0, len(chars), 50_000):
        part = chars[start : start + 50_000]
        with ours.memory_zone(), plain.memory_zone():  # freed after each part
            assert _fields(ours, part) == _fields(plain, part), part[0]


def test_words_met_inside_a_memory_zone_leave_no_string_behind():
    ours, plain = _vocabularies()
    with ours.memory_zone(), plain.memory_zone():
        inside = ["Qwzkv", "qwzkvs", "QWZKVS"]  # new endings and lower cases, freed with the zone
        assert _fields(ours, inside) == _fields(plain, inside)
    getters = ours.lex_attr_getters
    assert not {"wzkv", "kvs", "qwzkv"} & set(getters.known)  # type: ignore[attr-defined]
    after = ["Pqwzkv", "pqwzkvs", "PQWZKVS", "Qwzkv"]  # the same strings, needed again
    assert _fields(ours, after) == _fields(plain, after)
    assert [ours[w].suffix_ for w in after] == ["zkv", "kvs", "KVS", "zkv"]


def test_the_getters_read_as_spacys_mapping():
    ours, plain = _vocabularies()
    getters = ours.lex_attr_getters
    assert isinstance(getters, AttributeGetters)
    assert set(getters) == set(plain.lex_attr_getters)
    assert getters.get(LANG)("word") == "en"
    walked = dict(getters.items())  # a reader that calls no function while walking sees every pair
    assert set(walked) == set(getters)
    assert all(walked[a]("Word") == getters[a]("Word") for a in walked)
    assert all(walked[a] is getters[a] for a in walked if a != IS_SPACE)


def test_a_reader_calling_the_first_function_walks_only_what_a_plain_word_sets():
    ours, _ = _vocabularies()
    walk = ours.lex_attr_getters.items()
    attr, first = next(walk)
    assert attr == IS_SPACE and first("Partnership") is False
    rest = dict(walk)
    assert LOWER in rest and IS_SPACE not in rest and len(rest) < len(ours.lex_attr_getters) // 2


def test_a_flag_added_later_is_set_and_the_rest_stays_spacys():
    ours, plain = _vocabularies()
    flags = [v.add_flag(lambda text: text.startswith("Q")) for v in (ours, plain)]
    assert flags[0] == flags[1]
    words = ["Quiet", "quiet", "Quorum", "loud", "Q4", "QQ"]
    assert _fields(ours, words) == _fields(plain, words)
    assert [ours[w].check_flag(flags[0]) for w in words] == [True, False, True, False, True, True]


def test_a_pickled_vocabulary_keeps_its_functions():
    ours, _ = _vocabularies()
    # as spaCy pickles a vocabulary (cloudpickle, which takes the local functions too)
    restored = srsly.pickle_loads(srsly.pickle_dumps(ours.lex_attr_getters))
    assert type(restored) is dict and set(restored) == set(ours.lex_attr_getters)
    vocab = srsly.pickle_loads(srsly.pickle_dumps(ours))
    assert (vocab["Partnership"].shape_, vocab["Partnership"].lang_) == ("Xxxxx", "en")


def test_the_pipeline_vocabulary_uses_them():
    assert isinstance(nlp.english().vocab.lex_attr_getters, AttributeGetters)


def test_threads_sharing_the_vocabulary_make_spacys_lexemes():
    # A Dask worker runs papers in threads that share one pipeline: only the thread that made the
    # mapping walks it the quick way, and switches between threads mid-walk change nothing.
    ours, plain = _vocabularies()
    words = _made_up_words(6_000)
    parts = [words[i::4] for i in range(4)]
    threads = [threading.Thread(target=lambda part=part: [ours[w] for w in part]) for part in parts[1:]]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch as often as the interpreter can
    try:
        for thread in threads:
            thread.start()
        for w in parts[0]:  # the owner thread, at the same time
            ours[w]
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert _fields(ours, words) == _fields(plain, words)
