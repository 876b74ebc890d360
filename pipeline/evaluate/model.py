"""The evaluation report: counts per field, the issues behind them, per document and in all."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

Mode = Literal["strict", "fuzzy"]
MODES: tuple[Mode, ...] = ("strict", "fuzzy")


class Score(BaseModel):
    """True positives, false positives and false negatives of one field, and P/R/F1.

    A measure with nothing to divide is null (no gold and nothing found): it is unknown,
    not perfect and not zero.
    """

    model_config = ConfigDict(extra="forbid")

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def add(self, other: Score) -> None:
        """Add another score's counts to this one (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


IssueKind = Literal["miss", "extra", "wrong", "near"]


class Issue(BaseModel):
    """One thing a rule writer can act on.

    miss: in the gold, not found (with the nearest unmatched candidate, if any);
    extra: found, not in the gold (duplicates included); wrong: a matched item or a
    single-valued field with another value; near: matched only thanks to fuzzy matching.
    """

    model_config = ConfigDict(extra="forbid")

    field: str
    kind: IssueKind
    gold: str | None = None
    found: str | None = None
    similarity: float | None = Field(None, description="text similarity, 0..1, of the pair or nearest candidate")
    where: str | None = Field(None, description="page and section of the found item")
    context: str | None = Field(None, description="the matched item the part belongs to")


class DocumentEvaluation(BaseModel):
    """One form of one gold document (e.g. its PDF), compared with the gold."""

    model_config = ConfigDict(extra="forbid")

    document: str = Field(description="the gold `document` name")
    source: str = Field(description="the file evaluated, or the source path recorded in the results")
    format: str | None = None
    status: str = Field(description="status of the extraction: ok, partial, failed, skipped")
    problems: list[str] = Field(default_factory=list, description="problem codes of the extraction")
    scores: dict[Mode, dict[str, Score]]
    issues: dict[Mode, list[Issue]]


class EvaluationReport(BaseModel):
    """Everything `councilplans evaluate` measured."""

    model_config = ConfigDict(extra="forbid")

    generated: dt.datetime
    version: str
    gold: str = Field(description="the gold directory")
    extractions: str = Field(description="the documents directory or results file evaluated")
    text_matching: dict[Mode, str] = Field(description="how texts are compared in each mode")
    documents: list[DocumentEvaluation] = Field(default_factory=list)
    unmatched_gold: list[str] = Field(default_factory=list, description="gold documents with no extraction")
    micro: dict[Mode, dict[str, Score]] = Field(default_factory=dict, description="summed over all documents")
    by_format: dict[str, dict[Mode, dict[str, Score]]] = Field(default_factory=dict)
