"""The theme taxonomy (pipeline/data/themes.json) and the matcher that maps a priority to themes.

Matching, in order of trust: synonym phrases on lower-case words (`phrase`), the same phrases
on lemmas so plurals and verb forms match (`lemma`), single keywords on lemmas (`keyword`),
and near-misses of synonyms and keywords with rapidfuzz for misspellings and missing hyphens
(`fuzzy`). A match inside a longer match is dropped ("violence" inside "domestic violence").

The main theme is what the priority is about, not what qualifies it:

1. the head of the phrase ("violent crime" in "Alcohol related violent crime");
2. qualifiers: "X related" modifiers, "including X", parentheses;
3. the generic remit of every partnership ("crime and anti-social behaviour");
4. crime in general (`generic` themes), kept only when nothing more specific matched.

A parenthesis right after a generic head ("crime (night time economy)") names what that
crime is, so it ranks as the head. Within a rank, earlier in the text comes first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from rapidfuzz import fuzz, process
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline import nlp
from pipeline.upfront import built_up_front
from schemas import ThemeAssignment

THEMES_FILE = Path(__file__).parent / "data" / "themes.json"


class Theme(BaseModel):
    """One theme of the taxonomy."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    synonyms: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    generic: bool = False

    @field_validator("keywords")
    @classmethod
    def _single_words(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if " " in w.strip()]
        if bad:
            raise ValueError(f"keywords must be single words (use synonyms for phrases): {bad}")
        return words


class Taxonomy(BaseModel):
    """The versioned theme taxonomy file."""

    model_config = ConfigDict(extra="forbid")

    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    description: str = ""
    fallback: str
    generic_phrases: list[str] = Field(default_factory=list)
    qualifier_words: list[str] = Field(default_factory=list)
    qualifying_participles: list[str] = Field(default_factory=list)
    protective_verbs: list[str] = Field(default_factory=list)
    harm_markers: list[str] = Field(default_factory=list)
    themes: list[Theme]

    @model_validator(mode="after")
    def _consistent(self) -> Taxonomy:
        ids = [t.id for t in self.themes]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate theme ids: {sorted({i for i in ids if ids.count(i) > 1})}")
        if self.fallback not in ids:
            raise ValueError(f"fallback theme {self.fallback!r} is not a theme")
        return self

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)


@built_up_front
@lru_cache(maxsize=4)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """The theme taxonomy, validated (the bundled file unless a path is given)."""
    raw = Path(path or THEMES_FILE).read_text(encoding="utf-8")
    return Taxonomy.model_validate(json.loads(raw))


@dataclass(frozen=True, slots=True)
class _Match:
    theme: str
    term: str
    start: int  # token offsets in the matched text
    end: int
    method: str
    score: float


_RANK_HEAD, _RANK_QUALIFIER, _RANK_REMIT, _RANK_GENERIC = range(4)
_FUZZY_PHRASE = 90
_FUZZY_WORD = 86
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class ThemeMatcher:
    """Assigns theme ids to priority texts, recording the term and method of every match."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        english = nlp.english()
        self._phrases = PhraseMatcher(english.vocab, attr="LOWER")
        self._lemmas = PhraseMatcher(english.vocab, attr="LEMMA")
        self._keywords = PhraseMatcher(english.vocab, attr="LEMMA")
        self._generic = PhraseMatcher(english.vocab, attr="LOWER")
        self._qualifiers = PhraseMatcher(english.vocab, attr="LOWER")
        self._related = Matcher(english.vocab)
        for theme in taxonomy.themes:
            if theme.synonyms:
                self._phrases.add(theme.id, [english.make_doc(p) for p in theme.synonyms])
                self._lemmas.add(theme.id, list(english.pipe(theme.synonyms)))
            if theme.keywords:
                self._keywords.add(theme.id, list(english.pipe(theme.keywords)))
        self._generic.add("remit", [english.make_doc(p) for p in taxonomy.generic_phrases])
        self._qualifiers.add("qualifier", [english.make_doc(p) for p in taxonomy.qualifier_words])
        # "alcohol related", "youth-related": the words before "related" qualify what follows
        self._related.add("related", [[{"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": taxonomy.qualifying_participles}}]])
        self._protective = set(taxonomy.protective_verbs)
        self._harm = PhraseMatcher(english.vocab, attr="LOWER")
        self._harm.add("harm", [english.make_doc(p) for p in taxonomy.harm_markers])
        self._generic_ids = {t.id for t in taxonomy.themes if t.generic}
        self._terms = [(t.id, term) for t in taxonomy.themes for term in (*t.synonyms, *t.keywords)]
        self._fuzzy_terms = _fuzzy_terms(self._terms)
        self._fuzzy_by_start = {
            key: (terms, [target for *_, target in terms]) for key, terms in _by_start(self._fuzzy_terms).items()
        }
        self._fuzzy_sizes_by_letter: dict[str, list[int]] = {}  # the term lengths (in words) by first letter
        for size, letter in sorted(self._fuzzy_by_start):
            self._fuzzy_sizes_by_letter.setdefault(letter, []).append(size)

    def assign(self, text: str) -> list[ThemeAssignment]:
        """Theme assignments for a priority text, main theme first; the fallback when none fits."""
        doc = _parse(" ".join(text.split()))
        matches = _outermost(self._exact(doc) + self._fuzzy(doc))
        marks = self._marks(doc) if matches else None
        ranked = sorted(matches, key=lambda m: (self._rank(doc, m, matches, marks), m.start))
        specific = [m for m in ranked if m.theme not in self._generic_ids]
        chosen = specific or ranked
        out: list[ThemeAssignment] = []
        for m in chosen:
            if all(a.theme != m.theme for a in out):
                out.append(ThemeAssignment(theme=m.theme, term=m.term, method=m.method, score=round(m.score, 3)))
        if not out:
            out.append(ThemeAssignment(theme=self.taxonomy.fallback, term="", method="default", score=0.0))
        return out

    def themes(self, text: str) -> list[str]:
        """Theme ids of a priority text, main theme first."""
        return [a.theme for a in self.assign(text)]

    def _exact(self, doc: Doc) -> list[_Match]:
        strings = doc.vocab.strings
        found: list[_Match] = []
        for matcher, method, score in (
            (self._phrases, "phrase", 1.0),
            (self._lemmas, "lemma", 0.95),
            (self._keywords, "keyword", 0.8),
        ):
            for key, start, end in matcher(doc):
                found.append(_Match(strings[key], doc[start:end].text, start, end, method, score))
        return found

    def _fuzzy(self, doc: Doc) -> list[_Match]:
        """Near-misses of synonyms and keywords (misspellings, "re offenders" for "re-offenders")."""
        # a short text's tokens one by one: numpy's fixed cost outweighs a few words
        kept = [t for t in doc if t.is_alpha or t.like_num]  # the words and numbers
        if not kept:
            return []
        at = [t.i for t in kept]
        words = [t.lower_.replace("-", "") for t in kept]
        # A misspelling keeps its first letter ("offending" is no near-miss of "reoffending"), so a
        # window of the text's words meets only the terms of its length that start as it does.
        found: list[tuple[int, int, _Match]] = []  # (term's place in the taxonomy, window, match)
        # Only the windows whose first letter and length some term has are scored (the order
        # they are scored in does not matter: the matches are sorted by term and window).
        for w, word in enumerate(words):
            for size in self._fuzzy_sizes_by_letter.get(word[:1], ()):
                if w + size > len(words):
                    break
                window = " ".join(words[w : w + size])
                limit = _FUZZY_WORD if size == 1 else _FUZZY_PHRASE
                terms, targets = self._fuzzy_by_start[(size, word[:1])]
                for _, score, k in process.extract(window, targets, scorer=fuzz.ratio, score_cutoff=limit, limit=None):
                    order, theme, term, _ = terms[k]
                    match = _Match(theme, term, at[w], at[w + size - 1] + 1, "fuzzy", score / 100)
                    found.append((order, w, match))
        return [m for _, _, m in sorted(found, key=lambda f: (f[0], f[1]))]

    def _marks(self, doc: Doc) -> _Marks:
        """Where the ranking rules' words stand in a text (each matcher run once)."""
        return _Marks(
            generic=[(s, e) for _, s, e in self._generic(doc)],
            related=[s for _, s, _ in self._related(doc)],
            qualifier_ends=[e for _, _, e in self._qualifiers(doc)],
            harm=[s for _, s, _ in self._harm(doc)],
        )

    def _rank(self, doc: Doc, match: _Match, matches: list[_Match], marks: _Marks | None = None) -> int:
        marks = marks or self._marks(doc)
        if match.theme in self._generic_ids:
            return _RANK_GENERIC
        if any(s <= match.start and match.end <= e for s, e in marks.generic):
            return _RANK_REMIT
        if self._is_qualifier(doc, match, matches, marks):
            return _RANK_QUALIFIER
        return _RANK_HEAD

    def _is_qualifier(self, doc: Doc, match: _Match, matches: list[_Match], marks: _Marks) -> bool:
        span = doc[match.start : match.end]
        if span[-1].lower_ in self.taxonomy.qualifying_participles or any(s == match.end for s in marks.related):
            return True
        if self._protected(doc, match, marks):
            return True
        if any(e <= match.start for e in marks.qualifier_ends):
            return True
        opening = _open_parenthesis(doc, match.start)
        if opening is None:
            return False
        # "crime (night time economy)": the parenthesis names what the generic head is
        glosses_generic = any(m.theme in self._generic_ids and m.end == opening for m in matches)
        return not glosses_generic

    def _protected(self, doc: Doc, match: _Match, marks: _Marks) -> bool:
        """In "protecting X from Y" or "safeguarding X at risk of Y" the priority is about Y."""
        verbs = [t.i for t in doc[: match.end] if t.lower_ in self._protective]
        if not verbs:
            return False
        markers = [s for s in marks.harm if s > verbs[-1]]
        return bool(markers) and verbs[-1] <= match.start and match.end <= markers[0]


@dataclass(frozen=True, slots=True)
class _Marks:
    """Token positions of a text's remit phrases, "X related" words, qualifier words and harm markers."""

    generic: list[tuple[int, int]]
    related: list[int]
    qualifier_ends: list[int]
    harm: list[int]


def _open_parenthesis(doc: Doc | Span, index: int) -> int | None:
    """Token index of the "(" enclosing a token, if any."""
    depth = 0
    for i in range(index - 1, -1, -1):
        text = doc[i].text
        if text == ")":
            depth += 1
        elif text == "(":
            if depth == 0:
                return i
            depth -= 1
    return None


def _outermost(matches: list[_Match]) -> list[_Match]:
    """Drop matches that lie inside a longer match, and weaker duplicates of the same range."""
    best: dict[tuple[int, int, str], _Match] = {}
    for m in matches:
        key = (m.start, m.end, m.theme)
        if key not in best or _trust(m) > _trust(best[key]):
            best[key] = m
    kept = list(best.values())
    return [m for m in kept if not any(_swallows(o, m) for o in kept)]


def _trust(match: _Match) -> tuple[bool, float]:
    return match.method != "fuzzy", match.score


def _swallows(outer: _Match, inner: _Match) -> bool:
    # a guess (fuzzy) never hides an exact match
    if outer is inner or (outer.method == "fuzzy" and inner.method != "fuzzy"):
        return False
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start


def _parse(text: str) -> Doc:
    """Tokens and lemmas of a priority's text, as `nlp.parse` gives them (matching needs no sentences)."""
    english = nlp.english()
    doc = english.make_doc(text)
    for _, step in english.pipeline:
        if not isinstance(step, nlp.RuleSentencizer):
            doc = step(doc)
    return doc


@nlp.rule_data
@lru_cache(maxsize=1)
def default_matcher() -> ThemeMatcher:
    """The matcher over the bundled taxonomy (built once per process, read-only afterwards)."""
    return ThemeMatcher(load_taxonomy())


def _fuzzy_terms(terms: list[tuple[str, str]]) -> list[tuple[str, str, int, str]]:
    """(theme, term, words, the term's words joined) for the terms long enough to match fuzzily."""
    out = []
    for theme, term in terms:
        wanted = [w.replace("-", "") for w in _WORD.findall(term.lower().replace("-", " "))]
        if wanted and sum(map(len, wanted)) >= 6:
            out.append((theme, term, len(wanted), " ".join(wanted)))
    return out


def _by_start(
    fuzzy_terms: list[tuple[str, str, int, str]],
) -> dict[tuple[int, str], list[tuple[int, str, str, str]]]:
    """The fuzzy terms by length in words and first letter, each with its place in the taxonomy."""
    by_start: dict[tuple[int, str], list[tuple[int, str, str, str]]] = {}
    for order, (theme, term, size, target) in enumerate(fuzzy_terms):
        by_start.setdefault((size, target[:1]), []).append((order, theme, term, target))
    return by_start
