"""The fast tokenisation and lemma lookup give what plain spaCy gives."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy
from spacy.lookups import load_lookups

from pipeline import nlp, runner
from tests.conftest import ROOT, SEEDS


def _plain_tokens(text: str) -> list[tuple[str, int, str, str]]:
    plain = spacy.blank("en")
    return [(t.text, t.idx, t.whitespace_, t.norm_) for t in plain.make_doc(text)]


def test_piecewise_tokens_equal_spacys_on_every_seed_text():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp.parse(text)
        assert [(t.text, t.idx, t.whitespace_, t.norm_) for t in doc] == _plain_tokens(text), path.name


def test_piecewise_tokens_keep_whitespace_runs_and_exceptions():
    text = ("Mr. Smith's plan isn't new.\n\n  \n\tThe CSP's  aims:\n" * 200) + "end"
    doc = nlp.parse(text)
    assert doc.text == text
    assert [(t.text, t.idx, t.whitespace_, t.norm_) for t in doc] == _plain_tokens(text)


def test_lemmas_follow_the_lookup_table_and_lower_case_capitals():
    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    doc = nlp.parse("Reducing reoffending. REDUCING Crimes were reduced by Partners")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["Reducing"] == "reduce"  # capitalised: looked up in lower case
    assert lemmas["reoffending"] == table.get("reoffending", "reoffending")
    assert lemmas["were"] == table.get("were")
    assert lemmas["Partners"] == "partner"
    assert lemmas["REDUCING"] == "reduce"


def test_sentences_of_every_seed_text_are_spacys():
    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected = [(s.start, s.end) for s in plain(text).sents]
        assert [(s.start, s.end) for s in nlp.parse(text).sents] == expected, path.name


def test_sentence_marks_and_punctuation_between_sentences_split_as_spacy_does():
    text = '"Done." (Yes!) ... next? "Quoted?" - then; done.\n\n• Item one. • Item two!!! Mr. Smith ...'
    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    assert [s.text for s in nlp.parse(text).sents] == [s.text for s in plain(text).sents]


def test_a_text_full_of_special_cases_is_tokenised_as_spacy_does():
    # every line holds words the tokenizer treats as special cases, inside brackets and quotes
    text = "(e.g. Mr. Smith's) isn't — “i.e.” don't. O.K.? 10a.m. 'cause\n\tVs. shes\xa0here\n" * 150
    assert [(t.text, t.idx, t.whitespace_, t.norm_) for t in nlp.parse(text)] == _plain_tokens(text)


def test_sentences_of_a_long_text_are_spacys():
    text = "The partnership will reduce crime. It will also support victims.\n" * 100
    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    assert [s.text for s in nlp.parse(text).sents] == [s.text for s in plain(text).sents]


def test_a_full_vocabulary_frees_each_documents_new_words(monkeypatch):
    strings = nlp.english().vocab.strings
    monkeypatch.setattr(nlp, "VOCABULARY_LIMIT", 0)
    with nlp.document_scope():
        doc = nlp.parse("The partnership met the zqxvbnmwordone group.")
        assert doc[4].lemma_ == "zqxvbnmwordone"
    assert "zqxvbnmwordone" not in strings
    assert "partnership" in strings  # words met before stay


def test_documents_are_read_whole_once_the_vocabulary_is_full(monkeypatch):
    import pipeline

    monkeypatch.setattr(nlp, "VOCABULARY_LIMIT", 0)
    path = SEEDS / "000_2ad17110b5a37932.txt"
    assert pipeline.process(path).model_dump() == pipeline.process(path).model_dump()
    monkeypatch.setattr(nlp, "VOCABULARY_LIMIT", 10**9)
    full = pipeline.process(path).model_dump()
    monkeypatch.setattr(nlp, "VOCABULARY_LIMIT", 0)
    assert pipeline.process(path).model_dump() == full


@pytest.mark.parametrize("short_doc", [0, 10**9], ids=["arrays", "token by token"])
def test_sentences_and_lemmas_are_the_same_read_either_way(monkeypatch, short_doc):
    text = (SEEDS / "001_af8bf309ee297552.txt").read_text(encoding="utf-8")
    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    reference = [(t.is_sent_start, t.lemma_) for t in nlp.parse(text)]
    monkeypatch.setattr(nlp, "SHORT_DOC", short_doc)
    doc = nlp.parse(text)
    assert [s.text for s in doc.sents] == [s.text for s in plain(text).sents]
    assert [(t.is_sent_start, t.lemma_) for t in doc] == reference



def test_rule_data_first_built_in_a_memory_zone_keeps_its_strings():
    """A fresh process whose vocabulary counts as full from the first paper: its matchers are
    built before any memory zone, so a later paper reads as the first (regression: a matcher
    built inside a zone lost its labels, and its stage failed on every later paper)."""
    script = (
        "import json, sys; from pipeline import nlp, process; nlp.VOCABULARY_LIMIT = 0; "
        "runs = [process(sys.argv[1]).model_dump(mode='json') for _ in range(2)]; "
        "print(json.dumps([r['problems'] for r in runs] + [runs[0] == runs[1]]))"
    )
    out = subprocess.run([sys.executable, "-c", script, str(SEEDS / "000_2ad17110b5a37932.txt")],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [[], [], True]


def test_a_prepared_worker_keeps_its_pipeline_out_of_full_collections():
    """What a batch worker holds for good is frozen once (gc.freeze), so a full collection in
    the middle of a batch walks only the papers' own objects."""
    script = (
        "import gc, json; from pipeline.runner import prepare_worker; prepare_worker(); "
        "frozen = gc.get_freeze_count(); prepare_worker(); "
        "print(json.dumps([frozen, gc.get_freeze_count(), len(gc.get_objects()), gc.get_threshold()]))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    frozen, again, tracked, threshold = json.loads(out.stdout.strip().splitlines()[-1])
    assert frozen > 20_000 and again == frozen  # spaCy and the rule data; a second call changes nothing
    assert tracked < frozen / 10
    assert threshold[0] == runner.YOUNG_OBJECTS > 700  # and the collector runs less often


def test_a_batch_of_papers_leaves_no_reference_cycles_behind():
    """Why a worker's collector may run seldom: reading papers makes (almost) no cyclic garbage."""
    script = (
        "import gc, json, pathlib; from pipeline import extract; from pipeline.runner import prepare_worker; "
        "prepare_worker(); papers = sorted(pathlib.Path('corpus/seeds').glob('*.txt')); extract(papers[0]); "
        "gc.collect(); gc.disable(); [extract(p) for p in papers]; print(json.dumps(gc.collect()))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == 0


def test_a_word_all_in_lower_case_is_its_own_lower_case_form():
    """Why the lemmatizer may read "differs from its lower case form" for "not all lower case"."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        for word in (char, "a" + char, char + "a"):
            assert not word.islower() or word.lower() == word, hex(code)


def test_lemmas_of_every_seed_text_follow_the_rule_read_with_is_lower():
    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    for path in sorted(SEEDS.glob("*.txt")):
        doc = nlp.parse(path.read_text(encoding="utf-8"))
        expected = []
        for t in doc:
            lemma = table.get(t.text, t.text)
            if lemma == t.text and not t.is_lower:
                lemma = table.get(t.lower_, t.lower_)
            expected.append(lemma)
        assert [t.lemma_ for t in doc] == expected, path.name


def test_the_words_given_to_the_cache_are_those_without_a_special_case():
    tokenizer = nlp.english().tokenizer
    specials = sorted(tokenizer.specials)
    marks = ["", "(", '"', "“", "((", "'"], ["", ")", ".", ",", "”", ").", "!?", "'"]
    edged = [f"{a}{w}{b}" for w in [*specials[::7], "plan", "e.g", "Mr", "x"] for a in marks[0] for b in marks[1]]
    seeds = [w for path in SEEDS.glob("*.txt") for w in path.read_text(encoding="utf-8").split()]
    words = set(seeds + specials + edged)
    assert tokenizer._cacheable(words) == {w for w in words if not tokenizer._holds_special(w)}


def test_the_columns_kept_with_a_parse_are_what_spacy_reads_back():
    for path in sorted(SEEDS.glob("*.txt")):
        doc = nlp.parse(path.read_text(encoding="utf-8"))
        kept = doc.user_data[nlp.COLUMNS_KEY]
        read = doc.to_array(list(nlp.COLUMNS))
        assert all((kept[attr] == read[:, i]).all() for i, attr in enumerate(nlp.COLUMNS)), path.name
        assert nlp.token_columns(doc) is kept


def test_a_short_docs_columns_are_read_when_asked_for():
    doc = nlp.parse("The partnership will reduce crime. It will support victims.")
    assert nlp.COLUMNS_KEY not in doc.user_data  # below SHORT_DOC tokens: read only if a stage asks
    read = doc.to_array(list(nlp.COLUMNS))
    columns = nlp.token_columns(doc)
    assert all((columns[attr] == read[:, i]).all() for i, attr in enumerate(nlp.COLUMNS))


@pytest.mark.parametrize("short_doc", [0, 10**9], ids=["arrays", "token by token"])
def test_a_phrase_lemmatised_alone_has_the_lemmas_of_a_parse(monkeypatch, short_doc):
    text = sorted(SEEDS.glob("*.txt"))[2].read_text(encoding="utf-8")
    reference = [(t.text, t.lemma_) for t in nlp.parse(text)]
    monkeypatch.setattr(nlp, "SHORT_DOC", short_doc)
    assert [(t.text, t.lemma_) for t in nlp.lemmatised(text)] == reference
