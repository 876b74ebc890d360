"""Responsible authorities and money."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Evidence, Located

PartnerType = Literal[
    "police",
    "police_authority",
    "police_and_crime_commissioner",
    "fire_and_rescue",
    "probation",
    "health",
    "county_council",
    "district_council",
    "unitary_council",
    "other",
]


class Partner(Located):
    """A responsible authority / statutory partner the document lists."""

    name: str
    type: PartnerType
    evidence: list[Evidence] = Field(default_factory=list)


class Funding(Located):
    """A sum of money allocated, in pounds."""

    amount_gbp: float = Field(ge=0)
    text: str | None = Field(None, description='the sum as written, e.g. "5K"')
    purpose: str | None = None
    priority: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
