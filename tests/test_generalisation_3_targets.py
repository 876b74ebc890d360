"""Targets and performance tables on papers written in wordings and layouts unlike the seeds,
one case per paper and form.

The papers in tests/fixtures/generalisation_3/targets (committee reports 2008-2019: year-column
target tables, a quarterly report, a ward table continued over a page break, targets as levels
to reach in prose) were annotated before the extractor was run on them. Each case checks target
F1, the parts of matched targets (direction, amount, unit, deadline, baseline, target value),
the share of gold table cells read and performance tables the gold has not, against floors at
what the extractor reaches; the PDF forms were printed from the text with headless Chromium.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gold_checks import assert_table_floors, evaluation, extracted, f1, paper_cases, paper_gold, problems, score

from pipeline.evaluate.fields import TARGET_PARTS

PAPERS = Path(__file__).parent / "fixtures" / "generalisation_3" / "targets"
PAPER_IDS = sorted(p.name.removesuffix(".gold.json") for p in PAPERS.glob("*.gold.json"))
FORMS = ("txt", "pdf")
# Floors: target F1, wrong parts of matched targets, share of gold table cells read, extra tables.
FLOOR = {"targets": 1.0, "wrong_parts": 0, "tables": 1.0, "extra_tables": 0}
# Where a paper falls short of FLOOR, and why (none now: every form reads in full).
LOWER: dict[tuple[str, str], dict[str, float]] = {}
CASES = paper_cases(PAPERS, FORMS)


def test_there_are_papers_in_both_forms() -> None:
    assert len(PAPER_IDS) >= 4
    assert all((PAPERS / f"{paper}.{form}").exists() for paper in PAPER_IDS for form in FORMS)


@pytest.mark.parametrize(("paper", "form"), CASES)
def test_generalisation_3_targets_paper(paper: str, form: str) -> None:
    gold = paper_gold(PAPERS, paper)
    result = extracted(PAPERS / f"{paper}.{form}")
    floor = FLOOR | LOWER.get((paper, form), {})
    doc = evaluation(gold, result)
    assert f1(score(doc, "targets")) >= floor["targets"], problems(doc, "targets")
    wrong = [line for part in TARGET_PARTS for line in problems(doc, f"targets.{part}")]
    assert len(wrong) <= floor["wrong_parts"], wrong
    assert_table_floors(doc, gold, result, floor)


def test_year_column_targets_carry_their_row_as_evidence() -> None:
    result = extracted(PAPERS / "northtyneside_plan_2011.txt")
    marac = [t for t in result.targets if "marac" in t.metric.lower()]
    assert [(t.deadline, t.target_value) for t in marac] == [("2012-03", 27.0), ("2013-03", 26.0), ("2014-03", 25.0)]
    assert all(t.text and t.text.startswith("Repeat victims referred to MARAC") for t in marac)
    assert all(t.evidence and t.evidence[0].quote.startswith("Repeat victims referred to MARAC 28% 27%") for t in marac)


def test_an_aim_with_no_figure_is_not_a_target() -> None:
    for paper in ("lewisham_annual_2019", "carmarthenshire_scrutiny_2016"):
        result = extracted(PAPERS / f"{paper}.txt")
        assert not [t for t in result.targets if "average" in (t.text or "")], paper


def test_a_table_continued_over_a_page_break_is_one_table() -> None:
    result = extracted(PAPERS / "lewisham_annual_2019.txt")
    (table,) = [t for t in result.tables if t.kind == "performance"]
    assert len(table.rows) == 18 and table.pages == [1, 2]
    assert "header repeated where the table continues" in table.quality
