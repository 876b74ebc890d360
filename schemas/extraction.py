"""The whole extraction of one document."""

from __future__ import annotations

from pydantic import Field

from schemas.common import Problem, Status
from schemas.metadata import DocumentMetadata
from schemas.partners import Funding, Partner
from schemas.priorities import Priority
from schemas.source import Section, SourceInfo
from schemas.statutory import StatutoryFinding
from schemas.tables import PerformanceTable
from schemas.targets import Target
from schemas.topic import CommunitySafety

SCHEMA_VERSION = "1.1"


class PlanExtraction(DocumentMetadata):
    """Everything councilplans extracts from one council paper."""

    schema_version: str = SCHEMA_VERSION
    source: SourceInfo
    status: Status = Status.ok
    problems: list[Problem] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    community_safety: CommunitySafety | None = Field(
        None, description="how much of the paper is about community safety (null where it could not be read)"
    )
    priorities: list[Priority] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    tables: list[PerformanceTable] = Field(default_factory=list)
    partners: list[Partner] | None = Field(None, description="null where the document lists none")
    funding: list[Funding] = Field(default_factory=list)
    statutory: list[StatutoryFinding] = Field(default_factory=list)
