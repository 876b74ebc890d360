"""Gold tests read the project's own evaluation (pipeline.evaluate): these helpers pick out the
fuzzy-mode counts and issues of one field, so a failing assertion names what went wrong."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from seed_plans import SEED_CASES, seed_gold, seed_plan

from pipeline.evaluate import DocumentEvaluation, evaluate_plan
from pipeline.evaluate.model import Issue, Mode, Score
from schemas import PlanExtraction

MODE: Mode = "fuzzy"
WRONG = ("miss", "extra", "wrong")  # "near" is a match, reported only to explain it


def evaluation(gold: Any, plan: PlanExtraction) -> DocumentEvaluation:
    """The evaluation of one extraction against one gold dict or file."""
    return evaluate_plan(gold, plan)


@cache
def seed_evaluation(seed: str, suffix: str) -> DocumentEvaluation:
    """The evaluation of one seed paper in one format (made once per session)."""
    return evaluation(seed_gold(seed), seed_plan(seed, suffix))


def seed_evaluations(suffix: str) -> list[DocumentEvaluation]:
    """The evaluations of every seed paper in one format."""
    return [seed_evaluation(seed, sfx) for seed, sfx in SEED_CASES if sfx == suffix]


def assert_f1(doc: DocumentEvaluation, field: str, floor: float) -> None:
    """Fail, listing the misses and extras, when a field's F1 is under its floor."""
    got = f1(score(doc, field))
    assert got >= floor, f"{field} F1 {got:.2f} < {floor}; {problems(doc, field)}"


def assert_right(doc: DocumentEvaluation, fields: Iterable[str]) -> None:
    """Fail, listing them, when any of the fields has a miss, an extra or a wrong value."""
    wrong = [line for field in fields for line in problems(doc, field)]
    assert not wrong, wrong


def assert_audit_floors(doc: DocumentEvaluation, judged: int, floor: dict[str, float]) -> None:
    """Fail when statutory status accuracy, typed partner F1 or funding F1 is under its floor, or
    when the statutory score did not count every one of the `judged` gold elements."""
    statutory = score(doc, "statutory")
    assert statutory_accuracy(statutory) >= floor["statutory"], problems(doc, "statutory", ("wrong", "miss"))
    assert statutory.tp + statutory.fn == judged
    partners = typed_partners(doc)
    assert f1(partners) >= floor["partners"], problems(doc, "partners") + problems(doc, "partners.type")
    assert f1(score(doc, "funding")) >= floor["funding"], problems(doc, "funding")


def statutory_accuracy(s: Score) -> float:
    """Share of the elements the gold judges whose status is right (every one has a gold status)."""
    return 1.0 if s.recall is None else s.recall


def typed_partners(doc: DocumentEvaluation) -> Score:
    """Partners right by name and type: a partner matched by name with the wrong type counts as wrong."""
    named, typed = score(doc, "partners"), score(doc, "partners.type")
    mistyped = named.tp - typed.tp
    return Score(tp=typed.tp, fp=named.fp + mistyped, fn=named.fn + mistyped)


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
