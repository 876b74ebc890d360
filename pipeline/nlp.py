"""spaCy, offline: blank English, a rule sentencizer and the lookup lemmatizer.

The document is tokenised and split into sentences once, by the runner; every stage reads
that one parse. No model is downloaded: the lemma table comes from spacy-lookups-data.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Committee papers can be long; the default limit guards parser memory, which a blank
# pipeline does not use.
MAX_LENGTH = 25_000_000


@lru_cache(maxsize=1)
def english() -> Language:
    """The one spaCy pipeline of the process (loaded once, read-only afterwards)."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("councilplans_lower_lemmas")
    nlp.initialize()
    return nlp


def parse(text: str) -> Doc:
    """Tokenise, split into sentences and lemmatise a text."""
    return english()(text)


def lemmas(text: str) -> list[str]:
    """Lower-case lemmas of a short phrase (for matching rule data against documents)."""
    return [t.lemma_.lower() for t in english()(text) if not t.is_space] if text else []


@Language.factory("councilplans_lower_lemmas")
def _lower_lemmas(nlp: Language, name: str) -> LowerLemmas:
    return LowerLemmas(nlp)


class LowerLemmas:
    """Look capitalised words up in lower case, so "Reducing" has the lemma "reduce"."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        table = self.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
        for token in doc:
            if token.lemma_ == token.text and not token.is_lower:
                token.lemma_ = table.get(token.lower_, token.lower_)
        return doc
