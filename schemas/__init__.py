"""The councilplans data model: Pydantic v2 models, one file per concept."""

from schemas.common import Evidence, Located, Problem, Span, Status
from schemas.extraction import SCHEMA_VERSION, PlanExtraction
from schemas.metadata import Contact, DocumentKind, DocumentMetadata, Meeting, PlanPeriod
from schemas.partners import Funding, Partner, PartnerType
from schemas.priorities import Priority, ThemeAssignment
from schemas.source import Section, SourceInfo
from schemas.statutory import StatutoryFinding, StatutoryStatus
from schemas.tables import Cell, PerformanceTable, TableRow, TimePeriod
from schemas.targets import Target
from schemas.topic import CommunitySafety, Reach

__all__ = [
    "SCHEMA_VERSION",
    "Cell",
    "CommunitySafety",
    "Contact",
    "DocumentKind",
    "DocumentMetadata",
    "Evidence",
    "Funding",
    "Located",
    "Meeting",
    "Partner",
    "PartnerType",
    "PerformanceTable",
    "PlanExtraction",
    "PlanPeriod",
    "Priority",
    "Problem",
    "Reach",
    "Section",
    "SourceInfo",
    "Span",
    "Status",
    "StatutoryFinding",
    "StatutoryStatus",
    "TableRow",
    "Target",
    "ThemeAssignment",
    "TimePeriod",
]
