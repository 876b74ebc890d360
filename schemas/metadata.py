"""Document metadata: who wrote it, for which meeting, about which plan."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from schemas.common import Located, Model

DocumentKind = Literal[
    "committee_report",
    "partnership_plan",
    "strategy",
    "strategic_assessment",
    "minutes",
    "decision",
    "other",
]


class Meeting(Located):
    """The committee or decision-maker a report goes to, and when."""

    body: str | None = None
    date: dt.date | None = None


class PlanPeriod(Located):
    """The years a plan covers: "2010/11" is 2010-2011."""

    start_year: int = Field(ge=1990, le=2100)
    end_year: int = Field(ge=1990, le=2100)
    text: str | None = Field(None, description="the period as written")

    @model_validator(mode="after")
    def _ordered(self) -> PlanPeriod:
        if self.end_year < self.start_year:
            raise ValueError("plan period ends before it starts")
        return self


class Contact(Located):
    """Report author or contact officer."""

    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class DocumentMetadata(Model):
    """Everything the metadata stage reads."""

    kind: DocumentKind = "other"
    council: str | None = None
    partnership: str | None = None
    title: str | None = None
    meeting: Meeting | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}(-\d{2})?$")
    plan_period: PlanPeriod | None = None
    contacts: list[Contact] = Field(default_factory=list)
