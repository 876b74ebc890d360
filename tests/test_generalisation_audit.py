"""The audit stages on papers written in wording unlike the seeds, one case per paper and form.

The papers in tests/fixtures/generalisation_audit (committee reports, a plan and a strategic
assessment, 2009-2023) were annotated before the extractor was run on them. Each case checks
statutory status accuracy, partner and funding F1 and the share of gold table cells read,
against floors at what the extractor reaches; the PDF forms were printed from the text with
headless Chromium (tables as HTML tables), so their table floors are lower where the PDF
reader runs narrow columns together.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from audit_scoring import funding_score, partner_score, statutory_hits
from rapidfuzz import fuzz

from pipeline import extract
from pipeline.tables.rules import RULES
from schemas import PerformanceTable, PlanExtraction, TableRow

PAPERS = Path(__file__).parent / "fixtures" / "generalisation_audit"
PAPER_IDS = sorted(p.name.removesuffix(".gold.json") for p in PAPERS.glob("*.gold.json"))
FORMS = ("txt", "pdf")
# Floors: statutory accuracy, partner F1, funding F1, share of gold table cells read.
FLOOR = {"statutory": 1.0, "partners": 1.0, "funding": 1.0, "tables": 1.0, "extra_tables": 0}
# Where a paper falls short of FLOOR, and why.
LOWER = {
    # The Youth Offending Team, named among the specified authorities, is not a partner type.
    ("eastsussex_svd_2023", "txt"): {"partners": 0.92},
    # The header block's wrapped "Contact / Officer:" label leaves its phone number as a table.
    ("eastsussex_svd_2023", "pdf"): {"partners": 0.92, "extra_tables": 1},
    # The PDF reader runs cells closer than 1.2 em together: the label and first figure of the
    # longer rows, and (Havering) the "Budget 2010/11" and "Spend to date" headers, so no money
    # column is found there.
    ("bridgend_partnership_2016", "pdf"): {"tables": 0.66},
    ("havering_plan_2010", "pdf"): {"funding": 0.0},
    ("sandwell_performance_2021", "pdf"): {"tables": 0.7},
    ("swindon_assessment_2019", "pdf"): {"tables": 0.8},
    ("tamworth_cabinet_2012", "pdf"): {"tables": 0.8},
}
CASES = [pytest.param(paper, form, id=f"{paper}.{form}") for paper in PAPER_IDS for form in FORMS]


@cache
def _extracted(path: Path) -> PlanExtraction:
    return extract(path)


def _gold(paper: str) -> dict:
    return json.loads((PAPERS / f"{paper}.gold.json").read_text(encoding="utf-8"))


def _same(a: str, b: str) -> bool:
    return fuzz.ratio(" ".join(a.split()).lower(), " ".join(b.split()).lower()) >= 95


def _row(table: PerformanceTable, label: str) -> TableRow | None:
    return next((r for r in table.rows if _same(r.label, label)), None)


def table_cells(found: list[PerformanceTable], gold: list[dict]) -> tuple[int, int]:
    """(gold cells read right, gold cells) over the gold tables, each in its best-matching table."""
    performance = [t for t in found if t.kind == "performance"]
    right = total = 0
    for table in gold:
        best = max(performance, key=lambda t: sum(_row(t, r[0]) is not None for r in table["rows"]), default=None)
        for gold_row in table["rows"]:
            row = _row(best, gold_row[0]) if best else None
            for i, want in enumerate(gold_row[1:]):
                total += 1
                cell = row.cells[i] if row is not None and i < len(row.cells) else None
                if cell is None:
                    continue
                if isinstance(want, str):
                    right += cell.value == RULES.status_words.get(want.lower(), want)
                else:
                    right += isinstance(cell.value, float) and abs(cell.value - want) < 1e-9
    return right, total


@pytest.mark.parametrize(("paper", "form"), CASES)
def test_generalisation_paper(paper: str, form: str) -> None:
    gold = _gold(paper)
    result = _extracted(PAPERS / f"{paper}.{form}")
    floor = FLOOR | LOWER.get((paper, form), {})
    right, judged, wrong = statutory_hits(result, gold["statutory"])
    assert right / judged >= floor["statutory"], wrong
    partners = partner_score(result.partners, gold["partners"])
    assert partners.f1 >= floor["partners"], [(p.name, p.type) for p in result.partners or []]
    funding = funding_score(result.funding, gold["funding"])
    assert funding.f1 >= floor["funding"], [(f.amount_gbp, f.purpose) for f in result.funding]
    cells, expected = table_cells(result.tables, gold.get("tables", []))
    assert not expected or cells / expected >= floor["tables"], f"{cells}/{expected} table cells"
    extra = [t.title for t in result.tables if t.kind == "performance"][len(gold.get("tables", [])) :]
    assert len(extra) <= floor.get("extra_tables", 0), f"performance tables the gold has not: {extra}"


def test_budget_table_is_not_a_performance_table() -> None:
    result = _extracted(PAPERS / "calderdale_funding_2016.txt")
    assert [t.kind for t in result.tables] == ["other"]
    assert sum(f.amount_gbp for f in result.funding) == 129_250  # the four rows, not their total
