"""Field scores: the gold compared with itself scores full marks; each kind of error is counted."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import evaluate_extractions, evaluate_plan
from pipeline.evaluate.draft import gold_draft
from pipeline.evaluate.fields import compare
from pipeline.evaluate.gold import GoldAnnotation, GoldTable, read_gold
from pipeline.evaluate.matching import TextMatcher
from schemas import (
    Cell,
    Contact,
    Funding,
    Meeting,
    Partner,
    PerformanceTable,
    PlanExtraction,
    PlanPeriod,
    Priority,
    SourceInfo,
    StatutoryFinding,
    TableRow,
    Target,
)
from tests.conftest import GOLD, SEED_IDS

FUZZY = TextMatcher("fuzzy")
STRICT = TextMatcher("strict")


def table_from_gold(table: GoldTable) -> PerformanceTable:
    rows = []
    for row in table.rows:
        cells = [
            Cell(text=str(v), type="status", value=v)
            if isinstance(v, str)
            else Cell(text=f"{v:g}", type="number", value=v)
            for v in row[1:]
        ]
        rows.append(TableRow(label=str(row[0]), cells=cells))
    return PerformanceTable(title=table.title, header=table.header, rows=rows)


def plan_from_gold(gold: GoldAnnotation, suffix: str = ".txt") -> PlanExtraction:
    """The extraction a perfect pipeline would give."""
    return PlanExtraction(
        source=SourceInfo(path=f"x/{gold.stem}{suffix}", sha256="0"),
        kind=gold.kind or "other",
        council=gold.council,
        partnership=gold.partnership,
        title=gold.title,
        meeting=Meeting(body=gold.meeting.body, date=gold.meeting.date) if gold.meeting else None,
        published=gold.published,
        plan_period=PlanPeriod(start_year=gold.plan_period.start_year, end_year=gold.plan_period.end_year)
        if gold.plan_period
        else None,
        contacts=[Contact(name=c.name, email=c.email) for c in gold.contacts],
        priorities=[Priority(text=p.text, themes=p.themes, scope=p.scope, period=p.period) for p in gold.priorities],
        targets=[Target(**t.model_dump()) for t in gold.targets],
        tables=[table_from_gold(t) for t in gold.tables],
        partners=[Partner(name=p.name, type=p.type) for p in gold.partners] if gold.partners is not None else None,
        funding=[Funding(**f.model_dump()) for f in gold.funding],
        statutory=[StatutoryFinding(element=e, status=s) for e, s in gold.statutory.items()],
    )


@pytest.mark.parametrize("seed", SEED_IDS)
def test_gold_against_itself_scores_full_marks(seed):
    gold = read_gold(GOLD / f"{seed}.json")
    for matcher in (STRICT, FUZZY):
        sheet = compare(gold, plan_from_gold(gold), matcher)
        wrong = {name: s for name, s in sheet.scores.items() if s.fp or s.fn}
        assert wrong == {}, [i.model_dump(exclude_none=True) for i in sheet.issues]
        assert [i for i in sheet.issues if i.kind != "near"] == []


def rochford() -> GoldAnnotation:
    return read_gold(GOLD / "004_344879f04729efa5.json")


def test_optional_target_found_is_neither_hit_nor_extra():
    gold = rochford()
    plan = plan_from_gold(gold)
    plan.targets.append(
        Target(metric="residents feeling safe after dark", direction="increase", amount=56.4, unit="percent")
    )
    plan.targets.append(Target(metric="number of bicycles stolen", direction="reduce", amount=3, unit="percent"))
    sheet = compare(gold, plan, FUZZY)
    score = sheet.scores["targets"]
    assert (score.tp, score.fp, score.fn) == (len(gold.targets), 1, 0)
    assert [i.found for i in sheet.issues if i.kind == "extra"] == ["reduce number of bicycles stolen 3%"]


def test_wrong_target_parts_are_counted_on_the_matched_target():
    gold = rochford()
    plan = plan_from_gold(gold)
    first = plan.targets[0]
    plan.targets[0] = first.model_copy(update={"deadline": "2011-03", "target_value": None})
    sheet = compare(gold, plan, FUZZY)
    assert sheet.scores["targets"].fn == 0
    assert (sheet.scores["targets.deadline"].fp, sheet.scores["targets.deadline"].fn) == (1, 1)
    assert (sheet.scores["targets.target_value"].fp, sheet.scores["targets.target_value"].fn) == (0, 1)


def test_shorter_metric_with_the_same_figures_is_the_same_target_in_fuzzy_mode_only():
    gold = GoldAnnotation(
        document="x.txt",
        targets=[{"metric": "knife possession offences by under-18s", "direction": "reduce", "amount": 15,
                  "unit": "percent"}],
    )  # fmt: skip
    short = Target(metric="knife possession offences", direction="reduce", amount=15, unit="percent")
    plan = PlanExtraction(source=SourceInfo(path="x/x.txt", sha256="0"), targets=[short])
    assert compare(gold, plan, FUZZY).scores["targets"].tp == 1
    assert compare(gold, plan, STRICT).scores["targets"].tp == 0
    plan.targets = [short.model_copy(update={"amount": 10})]
    assert compare(gold, plan, FUZZY).scores["targets"].tp == 0


def test_evaluate_plan_reads_a_gold_file_or_dict_alike():
    path = GOLD / "004_344879f04729efa5.json"
    plan = plan_from_gold(read_gold(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["document"]  # a dict without a name takes the extraction's
    data["optional_targets"] = None  # a list written as null holds nothing
    from_file, from_dict = evaluate_plan(path, plan), evaluate_plan(data, plan)
    assert from_file.scores == from_dict.scores
    assert from_dict.document == "004_344879f04729efa5.txt"
    assert all(s.fp == s.fn == 0 for s in from_file.scores["fuzzy"].values())


def test_table_cells_match_by_column_then_by_value():
    gold = read_gold(GOLD / "000_2ad17110b5a37932.json")
    plan = plan_from_gold(gold)
    row = plan.tables[0].rows[0]  # All Crime: 8431, 7494, -11.1, -937
    # a parse that split off an extra column: values shift one place to the right
    row.cells.insert(0, Cell(text="1", type="count", value=1))
    plan.tables[0].rows[1].cells[2] = Cell(text="-15.8%", type="percent", value=None)  # -15.9 read wrong
    sheet = compare(gold, plan, FUZZY)
    cells = sheet.scores["tables.cells"]
    assert (cells.tp, cells.fp, cells.fn) == (4 * 9 - 1, 2, 1)
    miss = next(i for i in sheet.issues if i.field == "tables.cells" and i.kind == "miss")
    assert miss.gold == "% Change = -15.9" and miss.found == "-15.8%"


def test_status_words_match_the_status_they_stand_for_and_trend_words_their_text_cell():
    gold = GoldAnnotation(
        document="x.txt",
        tables=[
            {
                "header": ["Indicator", "2020/21", "Trend", "Status"],
                "rows": [["Burglary", 1108, "Improving", "On track"]],
            }
        ],
    )
    cells = [
        Cell(text="1,108", type="count", value=1108),
        Cell(text="Improving", type="text", value="Improving"),
        Cell(text="On track", type="status", value="Green"),
    ]
    score = compare(gold, _one_row_plan(gold, cells), STRICT).scores["tables.cells"]
    assert (score.tp, score.fp, score.fn) == (3, 0, 0)


def test_a_gold_no_value_mark_matches_an_empty_cell_of_its_column_only():
    gold = GoldAnnotation(
        document="x.txt",
        tables=[{"header": ["Measure", "Q1", "Q2", "Q3"], "rows": [["Re-offending", "n/a", 30.2, "-"]]}],
    )
    cells = [
        Cell(text="-", type="empty"),  # under Q1: a no-value mark, though the gold prints "n/a"
        Cell(text="30.2%", type="percent", value=30.2),
        Cell(text="31.0%", type="percent", value=31.0),  # under Q3: a figure where the gold has "-"
    ]
    score = compare(gold, _one_row_plan(gold, cells), STRICT).scores["tables.cells"]
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)


def _one_row_plan(gold: GoldAnnotation, cells: list[Cell]) -> PlanExtraction:
    """An extraction of the gold's one-row table, with the given cells found in its row."""
    table = gold.tables[0]
    row = TableRow(label=str(table.rows[0][0]), cells=cells)
    return PlanExtraction(
        source=SourceInfo(path="x/x.txt", sha256="0"),
        tables=[PerformanceTable(header=table.header, rows=[row])],
    )


def test_statutory_counts_per_element_and_ignores_elements_the_gold_leaves_out():
    gold = read_gold(GOLD / "000_2ad17110b5a37932.json")
    plan = plan_from_gold(gold)
    plan.statutory = [f for f in plan.statutory if f.element != "substance_misuse"]
    plan.statutory.append(StatutoryFinding(element="information_sharing", status="present"))
    plan.statutory[0] = plan.statutory[0].model_copy(update={"status": "absent"})
    sheet = compare(gold, plan, STRICT)
    total = sheet.scores["statutory"]
    assert (total.tp, total.fp, total.fn) == (len(gold.statutory) - 2, 1, 2)
    assert sheet.scores["statutory.substance_misuse"].fn == 1
    assert "statutory.information_sharing" not in sheet.scores


def test_funding_needs_the_amount_and_the_purpose():
    gold = read_gold(GOLD / "003_08cd4bb102deff76.json")
    plan = plan_from_gold(gold)
    plan.funding = [
        Funding(amount_gbp=75000, purpose="Youth diversion"),
        Funding(amount_gbp=7500, purpose="Community Safety Budget"),
    ]
    sheet = compare(gold, plan, FUZZY)
    assert (sheet.scores["funding"].tp, sheet.scores["funding"].fp) == (0, 2)
    assert sheet.scores["funding.amount"].tp == 1


def test_shorter_purpose_of_the_same_sum_matches_in_fuzzy_mode_only():
    gold = GoldAnnotation(
        document="x.txt", funding=[{"amount_gbp": 96300, "purpose": "Safer Stronger Communities Fund allocation"}]
    )
    plan = PlanExtraction(
        source=SourceInfo(path="x/x.txt", sha256="0"),
        funding=[Funding(amount_gbp=96300, purpose="Safer Stronger Communities Fund")],
    )
    assert compare(gold, plan, FUZZY).scores["funding"].tp == 1
    assert compare(gold, plan, STRICT).scores["funding"].tp == 0


def test_default_kind_other_is_no_answer_and_every_form_is_a_document():
    gold = read_gold(GOLD / "002_cc554ea183c4090a.json")
    empty = PlanExtraction(source=SourceInfo(path=f"seeds/{gold.stem}.pdf", sha256="0"))
    report = evaluate_extractions([gold], [plan_from_gold(gold, ".txt"), empty])
    assert [d.format for d in report.documents] == ["pdf", "txt"]
    kind = report.micro["fuzzy"]["metadata.kind"]
    assert (kind.tp, kind.fp, kind.fn) == (1, 0, 1)
    assert report.by_format["txt"]["strict"]["partners"].f1 == 1.0
    assert report.by_format["pdf"]["strict"]["partners"].f1 == 0.0


@pytest.mark.parametrize("seed", SEED_IDS)
def test_gold_draft_of_a_perfect_extraction_is_the_gold(seed):
    gold = read_gold(GOLD / f"{seed}.json")
    draft = gold_draft(plan_from_gold(gold))
    assert draft.model_dump(exclude={"optional_targets"}) == gold.model_dump(exclude={"optional_targets"})
