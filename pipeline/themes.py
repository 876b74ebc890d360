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
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from rapidfuzz import fuzz, process
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

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
    place_terms: list[str] = Field(
        default_factory=list,
        description="synonyms naming where, not what ('town centre'): counted only when no other theme matched",
    )
    place_kept_with: list[str] = Field(
        default_factory=list,
        description="words that make a place term count beside other themes ('night', 'alcohol')",
    )
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


class _Match(NamedTuple):
    """A term of a theme found in a text (a tuple: a text has dozens, most dropped at once)."""

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
        for theme in taxonomy.themes:
            if theme.synonyms:
                self._phrases.add(theme.id, [english.make_doc(p) for p in theme.synonyms])
                self._lemmas.add(theme.id, list(english.pipe(theme.synonyms)))
            if theme.keywords:
                self._keywords.add(theme.id, list(english.pipe(theme.keywords)))
        self._generic.add("remit", [english.make_doc(p) for p in taxonomy.generic_phrases])
        self._qualifiers.add("qualifier", [english.make_doc(p) for p in taxonomy.qualifier_words])
        # "alcohol related", "youth-related": the words before "related" qualify what follows
        self._participles = frozenset(taxonomy.qualifying_participles)
        self._protective = set(taxonomy.protective_verbs)
        self._harm = PhraseMatcher(english.vocab, attr="LOWER")
        self._harm.add("harm", [english.make_doc(p) for p in taxonomy.harm_markers])
        self._generic_ids = {t.id for t in taxonomy.themes if t.generic}
        self._place_terms = frozenset(" ".join(term.lower().split()) for term in taxonomy.place_terms)
        self._place_kept_with = frozenset(word.lower() for word in taxonomy.place_kept_with)
        self._terms = [(t.id, term) for t in taxonomy.themes for term in (*t.synonyms, *t.keywords)]
        self._fuzzy_terms = _fuzzy_terms(self._terms)
        # by first letter: for each term length in words (shortest first), its score limit and
        # the terms a window of so many characters may score that limit against
        self._fuzzy_by_letter: dict[str, list[tuple[int, int, dict[int, _NearTerms]]]] = {}
        for (size, letter), terms in sorted(_by_start(self._fuzzy_terms).items()):
            limit = _FUZZY_WORD if size == 1 else _FUZZY_PHRASE
            self._fuzzy_by_letter.setdefault(letter, []).append((size, limit, _near_by_length(terms, limit)))

    def assign(self, text: str) -> list[ThemeAssignment]:
        """Theme assignments for a priority text, main theme first; the fallback when none fits."""
        found = [
            ThemeAssignment(theme=m.theme, term=m.term, method=m.method, score=round(m.score, 3))
            for m in self._chosen(text)
        ]
        return found or [ThemeAssignment(theme=self.taxonomy.fallback, term="", method="default", score=0.0)]

    def themes(self, text: str) -> list[str]:
        """Theme ids of a priority text, main theme first (as `assign` gives them, without making its models)."""
        return [m.theme for m in self._chosen(text)] or [self.taxonomy.fallback]

    def _chosen(self, text: str) -> list[_Match]:
        """The match that names each theme of a text, main theme first; none when no theme fits."""
        tokens = _Tokens.of(" ".join(text.split()))
        matches = _outermost(self._exact(tokens) + self._fuzzy(tokens))
        if (
            self._place_terms
            and len({m.theme for m in matches if m.theme not in self._generic_ids}) > 1
            and self._place_kept_with.isdisjoint(tokens.lowers)
        ):
            # "anti-social behaviour in the town centre" is about ASB there, not the night-time
            # economy; "the town centre ... at night" is
            matches = [m for m in matches if " ".join(m.term.lower().split()) not in self._place_terms] or matches
        if len(matches) > 1:
            marks = self._marks(tokens)
            ranked = sorted(matches, key=lambda m: (self._rank(tokens, m, matches, marks), m.start))
        else:
            ranked = matches  # one match or none: nothing to rank, so the ranking words are not looked for
        specific = [m for m in ranked if m.theme not in self._generic_ids]
        chosen: dict[str, _Match] = {}  # the first match of each theme, in order
        for m in specific or ranked:
            chosen.setdefault(m.theme, m)
        return list(chosen.values())

    def _exact(self, tokens: _Tokens) -> list[_Match]:
        strings = tokens.doc.vocab.strings
        found: list[_Match] = []
        for matcher, method, score in (
            (self._phrases, "phrase", 1.0),
            (self._lemmas, "lemma", 0.95),
            (self._keywords, "keyword", 0.8),
        ):
            for key, start, end in matcher(tokens.doc):
                found.append(_Match(strings[key], tokens.span_text(start, end), start, end, method, score))
        return found

    def _fuzzy(self, tokens: _Tokens) -> list[_Match]:
        """Near-misses of synonyms and keywords (misspellings, "re offenders" for "re-offenders")."""
        at = tokens.words  # the words and numbers
        words = [tokens.lowers[i].replace("-", "") for i in at]
        # A misspelling keeps its first letter ("offending" is no near-miss of "reoffending"), so a
        # window of the text's words meets only the terms of its length that start as it does.
        found: list[tuple[int, int, _Match]] = []  # (term's place in the taxonomy, window, match)
        # Only the windows whose first letter and length some term has are scored (the order
        # they are scored in does not matter: the matches are sorted by term and window).
        for w, word in enumerate(words):
            for size, limit, near in self._fuzzy_by_letter.get(word[:1], ()):
                if w + size > len(words):
                    break
                window = " ".join(words[w : w + size]) if size > 1 else word
                if (reachable := near.get(len(window))) is None:
                    continue
                terms, targets = reachable
                # all of a window's terms in one call (the scores fuzz.ratio gives each), in no order
                for _, score, k in process.extract(window, targets, scorer=fuzz.ratio, score_cutoff=limit, limit=None):
                    order, theme, term, _ = terms[k]
                    match = _Match(theme, term, at[w], at[w + size - 1] + 1, "fuzzy", score / 100)
                    found.append((order, w, match))
        return [m for _, _, m in sorted(found, key=lambda f: (f[0], f[1]))]

    def _marks(self, tokens: _Tokens) -> _Marks:
        """Where the ranking rules' words stand in a text (each matcher run once)."""
        doc, lowers = tokens.doc, tokens.lowers
        # "alcohol related", "alcohol-related": a qualifying participle, or a hyphen before one
        related = [i for i, lower in enumerate(lowers) if lower in self._participles]
        related += [i - 1 for i in related if i and lowers[i - 1] == "-"]
        return _Marks(
            generic=[(s, e) for _, s, e in self._generic(doc)],
            related=related,
            qualifier_ends=[e for _, _, e in self._qualifiers(doc)],
            harm=[s for _, s, _ in self._harm(doc)],
        )

    def _rank(self, tokens: _Tokens, match: _Match, matches: list[_Match], marks: _Marks) -> int:
        if match.theme in self._generic_ids:
            return _RANK_GENERIC
        if any(s <= match.start and match.end <= e for s, e in marks.generic):
            return _RANK_REMIT
        if self._is_qualifier(tokens, match, matches, marks):
            return _RANK_QUALIFIER
        return _RANK_HEAD

    def _is_qualifier(self, tokens: _Tokens, match: _Match, matches: list[_Match], marks: _Marks) -> bool:
        if tokens.lowers[match.end - 1] in self._participles or any(s == match.end for s in marks.related):
            return True
        if self._protected(tokens, match, marks):
            return True
        if any(e <= match.start for e in marks.qualifier_ends):
            return True
        opening = _open_parenthesis(tokens.texts, match.start)
        if opening is None:
            return False
        # "crime (night time economy)": the parenthesis names what the generic head is
        glosses_generic = any(m.theme in self._generic_ids and m.end == opening for m in matches)
        return not glosses_generic

    def _protected(self, tokens: _Tokens, match: _Match, marks: _Marks) -> bool:
        """In "protecting X from Y" or "safeguarding X at risk of Y" the priority is about Y."""
        verbs = [i for i, lower in enumerate(tokens.lowers[: match.end]) if lower in self._protective]
        if not verbs:
            return False
        markers = [s for s in marks.harm if s > verbs[-1]]
        return bool(markers) and verbs[-1] <= match.start and match.end <= markers[0]


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A priority text's parse with its tokens' texts as lists: the rules look at each token
    several times, and spaCy makes a new Token object for every look."""

    text: str
    doc: Doc
    texts: list[str]
    lowers: list[str]
    starts: list[int]  # character offset of each token
    words: list[int]  # indexes of the tokens that are words or numbers

    @classmethod
    def of(cls, text: str) -> _Tokens:
        """The tokens of a text."""
        doc = nlp.lemmatised(text)  # matching needs no sentences
        texts, lowers, starts, words = [], [], [], []
        for token in doc:
            texts.append(token.text)
            lowers.append(token.lower_)
            starts.append(token.idx)
            if token.is_alpha or token.like_num:
                words.append(token.i)
        return cls(text, doc, texts, lowers, starts, words)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens start to end (as `doc[start:end].text`, without joining every token
        of the Doc anew as Doc.text does)."""
        return self.text[self.starts[start] : self.starts[end - 1] + len(self.texts[end - 1])]


@dataclass(frozen=True, slots=True)
class _Marks:
    """Token positions of a text's remit phrases, "X related" words, qualifier words and harm markers."""

    generic: list[tuple[int, int]]
    related: list[int]
    qualifier_ends: list[int]
    harm: list[int]


def _open_parenthesis(texts: list[str], index: int) -> int | None:
    """Token index of the "(" enclosing a token, if any (`texts`: the tokens' texts)."""
    depth = 0
    for i in range(index - 1, -1, -1):
        text = texts[i]
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


@built_up_front
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


_FuzzyTerm = tuple[int, str, str, str]  # (place in the taxonomy, theme, term, the term's words joined)
_NearTerms = tuple[list[_FuzzyTerm], list[str]]  # terms, and their words joined as scored


def _near_by_length(terms: list[_FuzzyTerm], limit: int) -> dict[int, _NearTerms]:
    """The terms a text of each length (in characters) may score `limit` or more against, with
    their words joined.

    fuzz.ratio is 200 * (characters in common) / (both lengths) at most, so a term of length b
    scores `limit` against a text of length a only when 200 * min(a, b) >= limit * (a + b).
    """
    longest = max(len(target) for *_, target in terms)
    by_length: dict[int, _NearTerms] = {}
    for length in range(1, longest * 200 // limit + 1):
        near = [t for t in terms if 200 * min(length, len(t[3])) >= limit * (length + len(t[3]))]
        if near:
            by_length[length] = (near, [t[3] for t in near])
    return by_length


def _by_start(fuzzy_terms: list[tuple[str, str, int, str]]) -> dict[tuple[int, str], list[_FuzzyTerm]]:
    """The fuzzy terms by length in words and first letter, each with its place in the taxonomy."""
    by_start: dict[tuple[int, str], list[_FuzzyTerm]] = {}
    for order, (theme, term, size, target) in enumerate(fuzzy_terms):
        by_start.setdefault((size, target[:1]), []).append((order, theme, term, target))
    return by_start
