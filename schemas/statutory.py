"""Statutory plan elements found, missing or not yet in force."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from schemas.common import Evidence, Model

StatutoryStatus = Literal["present", "absent", "not_in_force", "not_applicable"]


class StatutoryFinding(Model):
    """One element of the statutory checklist, judged for one document."""

    element: str
    status: StatutoryStatus
    title: str | None = None
    source: str | None = Field(None, description="the law or guidance the element comes from")
    evidence: list[Evidence] = Field(default_factory=list)
    as_of: dt.date | None = Field(None, description="the document date the duty was judged at")
    in_force_from: dt.date | None = Field(None, description="when the duty began")
    note: str | None = Field(None, description="what an auditor should look at, e.g. a partner missing from the list")
