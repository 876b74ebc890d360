"""Quantified targets."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Evidence, Located


class Target(Located):
    """A promise to move a measure by an amount by a date."""

    metric: str
    direction: Literal["reduce", "increase", "maintain"]
    amount: float | None = None
    unit: Literal["percent", "count"] | None = None
    deadline: str | None = Field(None, pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    baseline: float | None = None
    baseline_period: str | None = None
    target_value: float | None = None
    priority: str | None = Field(None, description="text of the priority the target belongs to")
    text: str | None = Field(None, description="the sentence or cell the target was read from")
    evidence: list[Evidence] = Field(default_factory=list)
