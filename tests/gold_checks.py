"""Gold tests read the project's own evaluation (pipeline.evaluate): these helpers pick out the
fuzzy-mode counts and issues of one field, so a failing assertion names what went wrong."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipeline.evaluate import DocumentEvaluation, evaluate_plan
from pipeline.evaluate.model import Issue, Mode, Score
from schemas import PlanExtraction

MODE: Mode = "fuzzy"
WRONG = ("miss", "extra", "wrong")  # "near" is a match, reported only to explain it


def evaluation(gold: Any, plan: PlanExtraction) -> DocumentEvaluation:
    """The evaluation of one extraction against one gold dict or file."""
    return evaluate_plan(gold, plan)


def score(doc: DocumentEvaluation, field: str, mode: Mode = MODE) -> Score:
    """The counts of one field (zero when the field was not scored)."""
    return doc.scores[mode].get(field, Score())


def f1(s: Score) -> float:
    """F1, where nothing expected and nothing found is a perfect score."""
    return 1.0 if s.f1 is None else s.f1


def problems(doc: DocumentEvaluation, field: str, kinds: Iterable[str] = WRONG, mode: Mode = MODE) -> list[str]:
    """The issues of one field, one line each."""
    kinds = set(kinds)
    return [_line(i) for i in doc.issues[mode] if i.field == field and i.kind in kinds]


def total(docs: Iterable[DocumentEvaluation], field: str) -> Score:
    """The counts of one field summed over documents."""
    summed = Score()
    for doc in docs:
        summed.add(score(doc, field))
    return summed


def _line(issue: Issue) -> str:
    about = f" [{issue.context}]" if issue.context else ""
    return f"{issue.field} {issue.kind}: gold {issue.gold!r} found {issue.found!r}{about}"
