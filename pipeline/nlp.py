"""spaCy, offline: blank English, a rule sentencizer and the lookup lemmatizer.

The document is tokenised and split into sentences once, by the runner; every stage reads
that one parse. No model is downloaded: the lemma table comes from spacy-lookups-data.

Two things keep a long paper fast (see benchmarks/speed.py):
- spaCy's tokenizer stops caching the rest of a text once it meets its first special case
  (an abbreviation, "'s" ...), so a long paper is tokenised word by word through the affix
  regexes. Tokenising it in pieces that start after a line break, and joining the tokens,
  gives the very same tokens with the cache at work.
- Lemmas are looked up as string hashes for the whole Doc at once, not token by token.

Memory: spaCy keeps every new word it meets in its vocabulary for good, so a batch of many
papers would grow without end. Once the vocabulary holds `VOCABULARY_LIMIT` strings, each
further document is read inside a spaCy memory zone (`document_scope`), which frees that
document's new words when it is done; the words met before stay, with their cache.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import pairwise

import numpy
import spacy
from spacy.attrs import IS_LOWER, LEMMA, LOWER, NORM, ORTH, SPACY
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# Committee papers can be long; the default limit guards parser memory, which a blank
# pipeline does not use.
MAX_LENGTH = 25_000_000
# A piece starts at a non-space character after a line break: the tokenizer splits text at
# whitespace first, so no token ever spans such a point.
_PIECE_START = re.compile(r"(?<=\n)(?=\S)")
_PIECES_FROM = 2_000  # shorter texts are tokenised in one call
# Strings kept for good (about half a kilobyte each with their lexeme).
VOCABULARY_LIMIT = 200_000


@lru_cache(maxsize=1)
def english() -> Language:
    """The one spaCy pipeline of the process (loaded once, read-only afterwards)."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_LENGTH
    nlp.tokenizer = PieceTokenizer(nlp.tokenizer)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("councilplans_lemmatizer")
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
    with nlp.memory_zone():
        yield


def lemmas(text: str) -> list[str]:
    """Lower-case lemmas of a short phrase (for matching rule data against documents)."""
    return [t.lemma_.lower() for t in english()(text) if not t.is_space] if text else []


class PieceTokenizer:
    """spaCy's English tokenizer applied piece by piece (same tokens, its cache kept warm)."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if len(text) < _PIECES_FROM:
            return self.tokenizer(text)
        starts = [0, *(m.start() for m in _PIECE_START.finditer(text)), len(text)]
        pieces = [text[a:b] for a, b in pairwise(starts) if b > a]
        parts = [doc.to_array([ORTH, SPACY, NORM]) for doc in self.tokenizer.pipe(pieces) if len(doc)]
        if not parts:
            return Doc(self.vocab)
        attrs = numpy.concatenate(parts)
        strings = self.vocab.strings
        words = [strings[h] for h in attrs[:, 0].tolist()]
        doc = Doc(self.vocab, words=words, spaces=attrs[:, 1].astype(bool).tolist())
        doc.from_array([NORM], attrs[:, 2:3])  # type: ignore[arg-type]  # tokenizer exceptions set norms ("n't" -> "not")
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenise a stream of texts."""
        for text in texts:
            yield self(text)


@Language.factory("councilplans_lemmatizer")
def _lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)


class LookupLemmatizer:
    """spaCy's lookup lemmas, and capitalised words looked up in lower case ("Reducing" -> "reduce").

    The rule: the lemma of a word is the table's entry for it; a word that is not all lower
    case and has no entry other than itself takes the entry of its lower-case form (or that form).
    """

    def __init__(self, nlp: Language) -> None:
        table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        strings = nlp.vocab.strings
        # The table is keyed by string hash already; its lemmas join the string store once.
        self.by_hash: dict[int, int] = {int(key): strings.add(value) for key, value in table.items()}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        attrs = doc.to_array([ORTH, LOWER, IS_LOWER])
        # One lookup per distinct word: a word's lower case and flags are the same everywhere.
        words, first, where = numpy.unique(attrs[:, 0], return_index=True, return_inverse=True)
        lookup = self.by_hash.get
        lemmas = []
        for orth, (lower, is_lower) in zip(words.tolist(), attrs[first, 1:].tolist(), strict=True):
            lemma = lookup(orth, orth)
            if lemma == orth and not is_lower:
                lemma = lookup(lower, lower)
            lemmas.append(lemma)
        lemma_column = numpy.array(lemmas, dtype="uint64")[where.reshape(-1)].reshape(-1, 1)
        doc.from_array([LEMMA], lemma_column)  # type: ignore[arg-type]
        return doc
