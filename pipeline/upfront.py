"""Rule data a batch worker builds before its first paper, not while reading it.

Rule files are read, validated and compiled into patterns on first use, and cached for the
process (`functools.cache`, `cached_property`). In a fresh worker that first use falls on its
first papers, which then cost more than the rest (the pattern of every council's name alone
takes about 10 ms to compile). A builder marked here is built by `runner.prepare_worker`, with
every `cached_property` of what it returns, so a worker's first paper costs what its others do.

Some rule data must be built up front in any process, not only for speed: matchers keep spaCy
strings, and strings first added inside a spaCy memory zone are freed when it closes, so a
matcher first built while a paper is read in one would lose its labels and its stage would fail
on every later paper. `nlp.document_scope` builds every marked builder before it opens a zone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TypeVar

BUILDERS: list[Callable[[], object]] = []

_Builder = TypeVar("_Builder", bound=Callable[[], object])


def built_up_front(builder: _Builder) -> _Builder:
    """Mark a cached, argument-free builder of rule data to be built when a worker starts."""
    BUILDERS.append(builder)
    return builder


def build_all() -> None:
    """Build every marked builder's data, and the cached properties of what it returns."""
    for builder in BUILDERS:
        fill_cached_properties(builder())


def fill_cached_properties(value: object) -> None:
    """Compute every `cached_property` of an object now (rule models derive patterns this way)."""
    for klass in type(value).__mro__:
        for name, attribute in vars(klass).items():
            if isinstance(attribute, cached_property):
                getattr(value, name)
