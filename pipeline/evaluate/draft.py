"""A gold annotation drafted from an extraction, for an annotator to correct."""

from __future__ import annotations

from pathlib import Path

from pipeline.evaluate.gold import (
    GoldAnnotation,
    GoldCell,
    GoldContact,
    GoldFunding,
    GoldMeeting,
    GoldPartner,
    GoldPeriod,
    GoldPriority,
    GoldTable,
    GoldTarget,
)
from pipeline.evaluate.tables import cell_value, scored_cells
from schemas import PerformanceTable, PlanExtraction


def _table(table: PerformanceTable) -> GoldTable:
    rows: list[list[GoldCell]] = []
    for row in table.rows:
        values = [cell_value(c) for _, c in scored_cells(row)]
        rows.append([row.label, *(v for v in values if v is not None)])
    return GoldTable(title=table.title, header=table.header, rows=rows)


def gold_draft(plan: PlanExtraction) -> GoldAnnotation:
    """What the extraction found, in the gold format: a draft to check against the paper."""
    m, p = plan.meeting, plan.plan_period
    return GoldAnnotation(
        document=Path(plan.source.path).name,
        kind=None if plan.kind == "other" else plan.kind,
        council=plan.council,
        partnership=plan.partnership,
        meeting=GoldMeeting(body=m.body, date=m.date) if m else None,
        published=plan.published,
        title=plan.title,
        plan_period=GoldPeriod(start_year=p.start_year, end_year=p.end_year) if p else None,
        contacts=[GoldContact(name=c.name, email=c.email) for c in plan.contacts],
        priorities=[
            GoldPriority(text=x.text, themes=x.themes, scope=x.scope, period=x.period) for x in plan.priorities
        ],
        targets=[GoldTarget.model_validate(t.model_dump(include=set(GoldTarget.model_fields))) for t in plan.targets],
        tables=[_table(t) for t in plan.tables if t.kind == "performance"],
        partners=[GoldPartner(name=x.name, type=x.type) for x in plan.partners] if plan.partners else None,
        funding=[GoldFunding(amount_gbp=f.amount_gbp, purpose=f.purpose, priority=f.priority) for f in plan.funding],
        statutory={f.element: f.status for f in plan.statutory},
    )
