"""Metadata and priorities on papers written in layouts unlike the seeds, one case per paper and form.

The papers in tests/fixtures/generalisation_3/priorities (a scrutiny report with a priority
table, a plan of "Objective N:" headings, a Welsh report of well-being objectives, a report with
lettered priorities wrapped over lines, a cabinet decision notice) were annotated before the
extractor was run on them. Each case checks priority F1, the main theme of the priorities found
and the metadata fields the gold gives, against floors at what the extractor reaches.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from gold_checks import WRONG, evaluation, f1, problems, score

from pipeline import extract
from pipeline.evaluate import DocumentEvaluation

PAPERS = Path(__file__).parent / "fixtures" / "generalisation_3" / "priorities"
PAPER_IDS = sorted(p.name.removesuffix(".gold.json") for p in PAPERS.glob("*.gold.json"))
FORMS = ("txt", "pdf")
METADATA_FIELDS = ("kind", "council", "partnership", "meeting_body", "meeting_date", "title", "plan_period")
METADATA_FIELDS += ("published", "contacts", "contact_email")
# Floors: priority F1, share of matched priorities whose main theme is right, metadata fields wrong.
FLOOR = {"priorities": 1.0, "main_theme": 1.0, "metadata_wrong": 0}
# Where a paper falls short of FLOOR, and why.
LOWER = {
    # outcome statements: "People are safe and feel safe ..., with victims of domestic abuse ..."
    # leads with the generic "feel safe"; "Neighbourhoods are cohesive and people are protected
    # from hate crime" with the place word before what they are protected from
    **{("merthyr_wellbeing_objectives_2017", form): {"main_theme": 0.6} for form in FORMS},
}
CASES = [pytest.param(paper, form, id=f"{paper}.{form}") for paper in PAPER_IDS for form in FORMS]


@cache
def _evaluation(paper: str, form: str) -> DocumentEvaluation:
    gold = json.loads((PAPERS / f"{paper}.gold.json").read_text(encoding="utf-8"))
    return evaluation(gold, extract(PAPERS / f"{paper}.{form}"))


def test_there_are_five_papers_with_both_forms() -> None:
    assert len(PAPER_IDS) == 5
    assert all((PAPERS / f"{paper}.{form}").is_file() for paper in PAPER_IDS for form in FORMS)


@pytest.mark.parametrize(("paper", "form"), CASES)
def test_priorities_of_paper(paper: str, form: str) -> None:
    floor = FLOOR | LOWER.get((paper, form), {})
    doc = _evaluation(paper, form)
    found = score(doc, "priorities")
    assert f1(found) >= floor["priorities"], problems(doc, "priorities")
    main = score(doc, "priorities.main_theme")
    assert main.tp >= floor["main_theme"] * found.tp, problems(doc, "priorities.main_theme")
    assert not problems(doc, "priorities.scope") + problems(doc, "priorities.period")


@pytest.mark.parametrize(("paper", "form"), CASES)
def test_metadata_of_paper(paper: str, form: str) -> None:
    floor = FLOOR | LOWER.get((paper, form), {})
    doc = _evaluation(paper, form)
    wrong = []
    for field in METADATA_FIELDS:
        # every gold contact must be found; extra contacts are not wrong
        kinds = ("miss",) if field == "contacts" else WRONG
        wrong += problems(doc, f"metadata.{field}", kinds, mode="strict")
    assert len(wrong) <= floor["metadata_wrong"], wrong
