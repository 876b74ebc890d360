"""Priorities a partnership sets, and the themes they map to."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Evidence, Located, Model


class ThemeAssignment(Model):
    """Why a priority was given a theme: the term matched and how."""

    theme: str
    term: str = Field(description="the synonym or keyword that matched")
    method: Literal["phrase", "lemma", "fuzzy", "keyword", "default"] = "phrase"
    score: float = Field(1.0, ge=0, le=1)


class Priority(Located):
    """One priority, as written, with its themes and every place it occurs."""

    text: str
    description: str | None = None
    themes: list[str] = Field(default_factory=list, description="theme ids, main theme first")
    theme_reasons: list[ThemeAssignment] = Field(default_factory=list)
    scope: Literal["county", "local"] | None = None
    period: str | None = Field(None, description='the year the priority is set for, e.g. "2011/2012"')
    evidence: list[Evidence] = Field(default_factory=list)
