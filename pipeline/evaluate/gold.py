"""The gold annotation format (corpus/gold/README.md) as a validated model, and its loader."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.errors import GoldError
from schemas.metadata import DocumentKind
from schemas.partners import PartnerType
from schemas.statutory import StatutoryStatus


class GoldModel(BaseModel):
    """Base of the gold models: unknown keys are annotation typos, so they are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldMeeting(GoldModel):
    body: str | None = None
    date: dt.date | None = None


class GoldPeriod(GoldModel):
    start_year: int
    end_year: int


class GoldContact(GoldModel):
    name: str | None = None
    email: str | None = None


class GoldPriority(GoldModel):
    text: str
    themes: list[str] = Field(default_factory=list, description="theme ids, main theme first")
    scope: Literal["county", "local"] | None = None
    period: str | None = None


class GoldTarget(GoldModel):
    metric: str
    direction: Literal["reduce", "increase", "maintain"]
    amount: float | None = None
    unit: Literal["percent", "count"] | None = None
    deadline: str | None = Field(None, pattern=r"^\d{4}-\d{2}$")
    baseline: float | None = None
    baseline_period: str | None = None
    target_value: float | None = None


class GoldOptionalTarget(GoldTarget):
    """A figure that may be read as a target: only its metric is required."""

    direction: Literal["reduce", "increase", "maintain"] | None = None  # type: ignore[assignment]


GoldCell = float | str


class GoldTable(GoldModel):
    title: str | None = None
    header: list[str] = Field(default_factory=list)
    rows: list[list[GoldCell]] = Field(default_factory=list, description="row label first, then values")


class GoldPartner(GoldModel):
    name: str
    type: PartnerType


class GoldFunding(GoldModel):
    amount_gbp: float
    purpose: str | None = None
    priority: str | None = None


class GoldAnnotation(GoldModel):
    """What a correct extraction of one document contains."""

    document: str = Field(description="file name of the source, e.g. 000_x.txt")
    kind: DocumentKind | None = None
    council: str | None = None
    partnership: str | None = None
    meeting: GoldMeeting | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}(-\d{2})?$")
    title: str | None = None
    plan_period: GoldPeriod | None = None
    contacts: list[GoldContact] = Field(default_factory=list)
    priorities: list[GoldPriority] = Field(default_factory=list)
    targets: list[GoldTarget] = Field(default_factory=list)
    optional_targets: list[GoldOptionalTarget] = Field(default_factory=list, description="neither required nor wrong")
    tables: list[GoldTable] = Field(default_factory=list)
    partners: list[GoldPartner] | None = None
    funding: list[GoldFunding] = Field(default_factory=list)
    statutory: dict[str, StatutoryStatus] = Field(default_factory=dict)

    @property
    def stem(self) -> str:
        """The document name without its format suffix: every form of the paper shares it."""
        return Path(self.document).stem


def read_gold(path: Path) -> GoldAnnotation:
    """Read and validate one gold file; a bad file is a GoldError naming the file and field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise GoldError(f"{path}: cannot be read ({e.strerror})") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise GoldError(f"{path}: not valid JSON ({e})") from e
    try:
        return GoldAnnotation.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise GoldError(f"{path}: {where}: {first['msg']} ({e.error_count()} problem(s))") from e


def load_gold(directory: str | Path) -> list[GoldAnnotation]:
    """Every gold file (*.json) of a directory, sorted by document name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldError(f"{directory}: not a directory of gold files")
    golds = [read_gold(p) for p in sorted(directory.glob("*.json"))]
    if not golds:
        raise GoldError(f"{directory}: holds no gold files (*.json)")
    names = [g.document for g in golds]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise GoldError(f"{directory}: more than one gold file for {', '.join(duplicates)}")
    return golds
