"""spaCy, offline: blank English, with a rule sentencizer and the lookup lemmatizer.

The document is tokenised and split into sentences once, by the runner; every stage reads
that one parse. No model is downloaded: the lemma table comes from spacy-lookups-data.

Four things keep a long paper fast (see benchmarks/speed.py):
- spaCy's tokenizer caches how it splits each run of non-space characters, but stops saving
  to its cache for the rest of a text once it meets a special case ("Mr.", "isn't", and in
  spaCy's English also every line break and tab). Line breaks and tabs give the very token
  the plain rules give, so they are dropped from the special cases; and before a text is
  read, its words the cache has not seen are given to it in one call of their own, without
  the words that hold a special case. The text is then tokenised whole, from the cache: the
  same tokens as plain spaCy.
- Sentence starts (spaCy's sentencizer rule) and lemmas (looked up as string hashes) are set
  for the whole Doc at once, from one read of its token attributes (`Annotator`), which a long
  Doc keeps as the columns the stages read (`token_columns`).
- A word met for the first time costs most: its affixes are searched for
  (pipeline/affix_search.py) and its attributes computed (pipeline/lexeme_attrs.py) by faster
  equivalents of spaCy's own patterns and functions; a plain word's attributes are worked out
  in one go, and only those it has are set (pipeline/lexeme_getters.py).

Memory: spaCy keeps every new word it meets in its vocabulary for good, so a batch of many
papers would grow without end. Once the vocabulary holds `VOCABULARY_LIMIT` strings, each
further document is read inside a spaCy memory zone (`document_scope`), which frees that
document's new words when it is done; the words met before stay, with their cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from pipeline import upfront
from pipeline.affix_search import faster_infix_finditer, faster_prefix_search, faster_suffix_search, faster_url_match
from pipeline.lexeme_attrs import use_faster_attributes
from pipeline.lexeme_getters import read_new_words_faster

# Committee papers can be long; the default limit guards parser memory, which a blank
# pipeline does not use.
MAX_LENGTH = 25_000_000
# spaCy's English lists these as special cases that give one token of themselves, which is what
# its plain rules give them too; as special cases they would stop the cache at every line.
_PLAIN_SPECIALS = frozenset(["\n", "\t", " "])
# Marks around a word that the tokenizer splits off before it meets a special case ("(e.g.").
_OPENING = "\"'([{“‘«"
_CLOSING = "\"')]}”’»,;:!?"
_ENDING = _CLOSING + "."
_PRIME_FROM = 2_000  # shorter texts are tokenised as they are
# A Doc this short (in tokens) is annotated token by token: numpy's fixed cost would outweigh it.
SHORT_DOC = 256
# Distinct words (runs of non-space) the tokenizer's cache keeps: spaCy's default, 10,000, is
# full after the first few papers of a batch. About 50 bytes each, with the record kept here.
CACHE_SIZE = 100_000
# Strings kept for good (about half a kilobyte each with their lexeme).
VOCABULARY_LIMIT = 200_000
# The token attributes the stages read (pipeline/cue_index.py, pipeline/quotes.py), one numpy
# column each, kept with a parse under this key of spaCy's per-Doc dict for derived data.
COLUMNS = (LEMMA, LOWER, ORTH, IS_SPACE, IDX, LENGTH, SENT_START)
COLUMNS_KEY = "councilplans.columns"
Columns = dict[int, Any]
# What the parse reads of a long Doc: the sentence and lemma rules' attributes and the rest of
# `COLUMNS` but the two the parse writes.
_READ = (ORTH, LOWER, IS_PUNCT, IS_SPACE, IDX, LENGTH)


@lru_cache(maxsize=1)
def english() -> Language:
    """The one spaCy pipeline of the process (loaded once, read-only afterwards)."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_LENGTH
    use_faster_attributes(nlp.vocab)  # the same values for every word, sooner
    read_new_words_faster(nlp.vocab)  # and only those that set something
    nlp.tokenizer = PrimedTokenizer(nlp.tokenizer)
    nlp.add_pipe("councilplans_annotator")
    nlp.initialize()
    return nlp


def parse(text: str) -> Doc:
    """Tokenise, split into sentences and lemmatise a text."""
    return english()(text)


@contextmanager
def document_scope() -> Iterator[None]:
    """Where one document's parse lives: its new words are freed after it once the vocabulary is full.

    Nothing spaCy made inside (Doc, Span, Token) may be kept after the block.
    """
    nlp = english()
    if len(nlp.vocab.strings) < VOCABULARY_LIMIT:
        yield
        return
    # Rule data that keeps spaCy strings (matchers and their labels) must exist before a zone
    # opens: strings added inside one are freed when it closes. Each builder is cached.
    for build in upfront.BUILDERS:
        build()
    with nlp.memory_zone():
        yield


def lemmatised(text: str) -> Doc:
    """Tokens and lemmas of a short text, without sentences."""
    nlp = english()
    annotator = cast(Annotator, nlp.get_pipe("councilplans_annotator"))
    return annotator.lemmatise(nlp.make_doc(text))


def lemmas(text: str) -> list[str]:
    """Lower-case lemmas of a short phrase (for matching rule data against documents)."""
    return [t.lemma_.lower() for t in english()(text) if not t.is_space] if text else []


class PrimedTokenizer:
    """spaCy's English tokenizer, its cache given a text's new words before the text is read (same tokens)."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in _PLAIN_SPECIALS}
        # the same matches, sooner, for the words the cache has not met (pipeline/affix_search.py)
        tokenizer.prefix_search = faster_prefix_search(tokenizer.prefix_search)
        tokenizer.suffix_search = faster_suffix_search(tokenizer.suffix_search)
        tokenizer.infix_finditer = faster_infix_finditer(tokenizer.infix_finditer)
        tokenizer.url_match = faster_url_match(tokenizer.url_match)
        tokenizer.max_cache_size = CACHE_SIZE
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self.specials = frozenset(tokenizer.rules)
        self.seen: set[str] = set()  # words given to the cache (at most CACHE_SIZE)

    def __call__(self, text: str) -> Doc:
        if len(text) >= _PRIME_FROM and len(self.seen) < CACHE_SIZE and not self.vocab.in_memory_zone:
            self._prime(text)
        return self.tokenizer(text)

    def _prime(self, text: str) -> None:
        words = text.split()
        if self.seen.issuperset(words):  # no set built when every word is known
            return
        new = set(words) - self.seen
        # Sorted, so that a run makes the same lexemes in the same order; one space between
        # words is no token (a line break would be one).
        self.tokenizer(" ".join(sorted(self._cacheable(new))))
        self.seen |= new

    def _cacheable(self, words: set[str]) -> set[str]:
        """The words without a special case (see `_holds_special`)."""
        # A word holding a special case is never cached, and stops the cache for the rest of a
        # call: those are left out. Only a word that is one, or that starts or ends with a mark
        # around words, can hold one, so most words are only looked up.
        edged = {w for w in words if w[0] in _OPENING or w[-1] in _ENDING}
        return words - self.specials - {w for w in edged if self._holds_special(w)}

    def _holds_special(self, word: str) -> bool:
        # a guess that may miss a case: a missed one only leaves some words out of the cache
        specials = self.specials
        opened = word.lstrip(_OPENING)
        return (
            word in specials
            or opened in specials
            or opened.rstrip(_CLOSING) in specials
            or opened.rstrip(_ENDING) in specials
        )

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenise a stream of texts."""
        for text in texts:
            yield self(text)


@Language.factory("councilplans_annotator")
def _annotator(nlp: Language, name: str) -> Annotator:
    return Annotator(RuleSentencizer(nlp), LookupLemmatizer(nlp))


class Annotator:
    """Sentence starts and lemmas of a Doc, from one read of its token attributes.

    spaCy reads a token attribute for `to_array` one call at a time (about 0.2 µs each), so the
    attributes are read once for both rules, and a long Doc's are kept with it as the columns the
    stages read (`token_columns`): six attributes a token read from spaCy, not eleven.
    """

    def __init__(self, sentencizer: RuleSentencizer, lemmatizer: LookupLemmatizer) -> None:
        self.sentencizer, self.lemmatizer = sentencizer, lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if len(doc) < SHORT_DOC:
            attrs = doc.to_array([ORTH, IS_PUNCT, LOWER])
            starts = self.sentencizer.short(attrs[:, :2])
            lemmas = self.lemmatizer.short(attrs[:, ::2])
        else:
            read = dict(zip(_READ, doc.to_array(list(_READ)).T, strict=True))
            starts = self.sentencizer.long(read[ORTH], read[IS_PUNCT])
            lemmas = self.lemmatizer.long(read[ORTH], read[LOWER])
            # what `to_array` would read after the write below: the attributes read and the two written
            kept = read | {LEMMA: lemmas, SENT_START: starts}
            doc.user_data[COLUMNS_KEY] = _read_only({attr: kept[attr] for attr in COLUMNS})
        doc.from_array([SENT_START, LEMMA], numpy.column_stack((starts, lemmas)))  # type: ignore[arg-type]
        return doc

    def lemmatise(self, doc: Doc) -> Doc:
        """Lemmas only (for a short phrase that needs no sentences)."""
        if len(doc):
            attrs = doc.to_array([ORTH, LOWER])
            lemmas = self.lemmatizer.short(attrs) if len(doc) < SHORT_DOC else self.lemmatizer.long(*attrs.T)
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


def token_columns(doc: Doc | Span) -> Columns:
    """The token attributes the stages read (`COLUMNS`), as one numpy column each, read-only.

    A whole Doc's are read once and kept with it (the parse keeps a long Doc's as it reads them).
    """
    if not isinstance(doc, Doc):
        return _read_columns(doc)
    kept: Columns | None = doc.user_data.get(COLUMNS_KEY)
    if kept is None or len(kept[LEMMA]) != len(doc):
        kept = doc.user_data[COLUMNS_KEY] = _read_only(_read_columns(doc))
    return kept


def _read_columns(doc: Doc | Span) -> Columns:
    table = doc.to_array(list(COLUMNS))  # type: ignore[union-attr]  # Span.to_array exists; the stubs lack it
    return {attr: table[:, i] for i, attr in enumerate(COLUMNS)}


def _read_only(columns: Columns) -> Columns:
    for column in columns.values():
        column.flags.writeable = False
    return columns


class RuleSentencizer:
    """spaCy's sentencizer rule, for the whole Doc at once from its token attributes.

    The rule: the first token, and every token that is neither punctuation nor a sentence mark
    ("." "!" "?" ...) where a sentence mark stands since the last such token, start a sentence.
    """

    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.marks = numpy.array(sorted({strings.add(c) for c in Sentencizer.default_punct_chars}), dtype="uint64")
        self.mark_set = frozenset(self.marks.tolist())

    def long(self, orth: numpy.ndarray, punct: numpy.ndarray) -> numpy.ndarray:
        """Per token, 1 where a sentence starts and -1 elsewhere (as unsigned), by numpy."""
        mark = numpy.isin(orth, self.marks)
        words = numpy.flatnonzero(~mark & (punct == 0))
        marks_so_far = numpy.cumsum(mark)
        marks_before_last_word = numpy.concatenate(([0], marks_so_far[words[:-1]]))
        starts = numpy.full(len(orth), -1, dtype="int64")
        starts[0] = 1
        starts[words[marks_so_far[words] > marks_before_last_word]] = 1
        return starts.astype("uint64")

    def short(self, attrs: numpy.ndarray) -> numpy.ndarray:
        """`long` token by token (from rows of orth and is-punct): numpy's fixed cost outweighs a short text."""
        starts, after_mark = [], False
        for orth, punct in attrs.tolist():
            is_mark = orth in self.mark_set
            starts.append(after_mark and not punct and not is_mark)
            after_mark = (after_mark or is_mark) and not starts[-1]
        starts[0] = True
        return numpy.where(starts, 1, -1).astype("uint64")


class LookupLemmatizer:
    """spaCy's lookup lemmas, and capitalised words looked up in lower case ("Reducing" -> "reduce").

    The rule: the lemma of a word is the table's entry for it; a word that is not all lower
    case and has no entry other than itself takes the entry of its lower-case form (or that form).
    A word is all lower case (`str.islower`) only if it is its own lower case form, and a word
    that is its own lower case form finds the same entry either way, so the rule is applied as
    "a word that differs from its lower case form": spaCy then reads two attributes a token, not three.
    """

    def __init__(self, nlp: Language) -> None:
        table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        strings = nlp.vocab.strings
        # The table is keyed by string hash already; its lemmas join the string store once.
        keys = numpy.fromiter(table.keys(), dtype="uint64", count=len(table))
        values = numpy.fromiter(map(strings.add, table.values()), dtype="uint64", count=len(table))
        order = numpy.argsort(keys)
        self.keys, self.values = keys[order], values[order]
        self.by_hash: dict[int, int] = dict(zip(keys.tolist(), values.tolist(), strict=True))

    def lookup(self, words: numpy.ndarray) -> numpy.ndarray:
        """The table's entry for each word hash, or the word itself."""
        at = numpy.minimum(numpy.searchsorted(self.keys, words), len(self.keys) - 1)
        return numpy.where(self.keys[at] == words, self.values[at], words)

    def long(self, orth: numpy.ndarray, lower: numpy.ndarray) -> numpy.ndarray:
        """Per token, its lemma's hash, by numpy."""
        # one lookup per distinct word: a word's lower case is the same everywhere, so each of
        # its tokens writes the same one into its slot (asking numpy for each word's first token
        # would make it sort stably, three times slower)
        words, where = numpy.unique(orth, return_inverse=True)
        where = where.reshape(-1)
        word_lower = numpy.empty_like(words)
        word_lower[where] = lower
        lemma = self.lookup(words)
        capitalised = (lemma == words) & (word_lower != words)
        lemma[capitalised] = self.lookup(word_lower[capitalised])
        return lemma[where]

    def short(self, attrs: numpy.ndarray) -> numpy.ndarray:
        """`long` token by token (from rows of orth and lower)."""
        lookup = self.by_hash.get
        lemmas = []
        for orth, lower in attrs.tolist():
            lemma = lookup(orth, orth)
            lemmas.append(lookup(lower, lower) if lemma == orth and lower != orth else lemma)
        return numpy.array(lemmas, dtype="uint64")
