"""How much of a paper is about community safety."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Evidence, Model, Span

Reach = Literal["whole", "part", "none"]


class CommunitySafety(Model):
    """Whether a paper is about community safety: all of it, some passages, or none.

    A council's committee papers are about many things. A batch over all of them needs to
    know which ones to read as community safety papers, and the statutory checklist applies
    only to what is about community safety.
    """

    reach: Reach = Field(
        description="whole: the paper is about community safety; part: some of its sections are; none: no section is"
    )
    share: float = Field(ge=0, le=1, description="share of the paper's words in passages about community safety")
    passages: list[Span] = Field(default_factory=list, description="the passages about community safety")
    sections: list[str] = Field(default_factory=list, description="the sections of those passages (number or heading)")
    evidence: list[Evidence] = Field(default_factory=list, description="the strongest signs: where the paper names it")
