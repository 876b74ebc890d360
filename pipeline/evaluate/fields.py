"""Field by field comparison of one extraction with its gold annotation.

Field names (the rows of every report):
  metadata.*        kind, council, partnership, title, meeting_body, meeting_date, published,
                    plan_period, contacts (matched by name), contact_email (on matched contacts)
  priorities        priority texts matched one-to-one
  priorities.*      main_theme, themes (theme-set members), scope, period: on matched priorities
  targets           targets matched by metric (amount, deadline and direction break ties);
                    a found target matching an `optional_targets` entry is not counted at all
  targets.*         direction, amount, unit, deadline, baseline, baseline_period, target_value
  tables.rows, tables.cells   see pipeline.evaluate.tables
  partners, partners.type     partners matched by name, then their type
  funding           sums matched by equal amount and purpose text; funding.amount: by amount only
                    (the gold's `priority` of a sum, a short topic, is not scored)
  statutory         every element the gold judges; statutory.<element> per element. Elements
                    the gold does not list are not counted (the gold lists confident ones only)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.dates import parse_period
from pipeline.evaluate.gold import GoldAnnotation, GoldFunding, GoldTarget
from pipeline.evaluate.matching import TextMatcher, assign, normalise
from pipeline.evaluate.sheet import Sheet, same_number
from pipeline.evaluate.tables import compare_tables
from schemas import Funding, PlanExtraction, Target

FIELDS = (
    "metadata.kind", "metadata.council", "metadata.partnership", "metadata.title", "metadata.meeting_body",
    "metadata.meeting_date", "metadata.published", "metadata.plan_period", "metadata.contacts",
    "metadata.contact_email",
    "priorities", "priorities.main_theme", "priorities.themes", "priorities.scope", "priorities.period",
    "targets", "targets.direction", "targets.amount", "targets.unit", "targets.deadline", "targets.baseline",
    "targets.baseline_period", "targets.target_value",
    "tables.rows", "tables.cells",
    "partners", "partners.type",
    "funding", "funding.amount",
    "statutory",
)  # fmt: skip
TARGET_PARTS = ("direction", "amount", "unit", "deadline", "baseline", "baseline_period", "target_value")
NUMERIC_PARTS = {"amount", "baseline", "target_value"}


def in_field_order(names: list[str]) -> list[str]:
    """Field names in report order: FIELDS first, then the rest (statutory elements) by name."""
    rank = {name: i for i, name in enumerate(FIELDS)}
    return sorted(names, key=lambda n: (rank.get(n, len(FIELDS)), n))


def compare(gold: GoldAnnotation, plan: PlanExtraction, matcher: TextMatcher) -> Sheet:
    """Score one extraction against its gold annotation under one text matcher."""
    sheet = Sheet(matcher, FIELDS)
    _metadata(sheet, gold, plan)
    _priorities(sheet, gold, plan)
    _targets(sheet, gold, plan)
    compare_tables(sheet, gold.tables, plan.tables)
    _partners(sheet, gold, plan)
    _funding(sheet, gold, plan)
    _statutory(sheet, gold, plan)
    return sheet


def same_period(a: str | None, b: str | None) -> bool:
    """Two periods are the same years however written ("2011/12" == "2011/2012")."""
    pa, pb = parse_period(a or ""), parse_period(b or "")
    if pa and pb:
        return pa == pb
    return normalise(a) == normalise(b)


def _metadata(sheet: Sheet, gold: GoldAnnotation, plan: PlanExtraction) -> None:
    # "other" is the schema's default, so it means the stage gave no answer
    sheet.value("metadata.kind", gold.kind, None if plan.kind == "other" else plan.kind)
    for name in ("council", "partnership", "title"):
        sheet.text(f"metadata.{name}", getattr(gold, name), getattr(plan, name))
    gm, fm = gold.meeting, plan.meeting
    sheet.text("metadata.meeting_body", gm.body if gm else None, fm.body if fm else None, located=fm)
    sheet.value("metadata.meeting_date", gm.date if gm else None, fm.date if fm else None, located=fm)
    sheet.value("metadata.published", gold.published, plan.published)
    gp, fp = gold.plan_period, plan.plan_period
    sheet.value(
        "metadata.plan_period",
        (gp.start_year, gp.end_year) if gp else None,
        (fp.start_year, fp.end_year) if fp else None,
        located=fp,
    )
    matching = sheet.items("metadata.contacts", gold.contacts, plan.contacts, lambda c: c.name, lambda c: c.name)
    for gi, fi, _ in matching.pairs:
        g, f = gold.contacts[gi], plan.contacts[fi]
        sheet.value(
            "metadata.contact_email",
            g.email,
            f.email,
            same=lambda a, b: a.casefold() == b.casefold(),
            context=g.name,
            located=f,
        )


def _priorities(sheet: Sheet, gold: GoldAnnotation, plan: PlanExtraction) -> None:
    matching = sheet.items("priorities", gold.priorities, plan.priorities, lambda p: p.text, lambda p: p.text)
    for gi, fi, _ in matching.pairs:
        g, f = gold.priorities[gi], plan.priorities[fi]
        sheet.value(
            "priorities.main_theme",
            g.themes[0] if g.themes else None,
            f.themes[0] if f.themes else None,
            context=g.text,
            located=f,
        )
        sheet.sets("priorities.themes", set(g.themes), set(f.themes), context=g.text)
        sheet.value("priorities.scope", g.scope, f.scope, context=g.text, located=f)
        sheet.value("priorities.period", g.period, f.period, same=same_period, context=g.text, located=f)


def _same_part(part: str) -> Callable[[Any, Any], bool]:
    """How one part of a target is compared: numbers up to float noise, periods as years."""
    if part in NUMERIC_PARTS:
        return same_number
    if part == "baseline_period":
        return same_period
    return lambda a, b: a == b


def _part_agrees(g: GoldTarget, f: Target, part: str) -> bool:
    a, b = getattr(g, part), getattr(f, part)
    return a is b if a is None or b is None else _same_part(part)(a, b)


def _show_target(t: GoldTarget | Target) -> str:
    amount = "" if t.amount is None else f" {t.amount:g}{'%' if t.unit == 'percent' else ''}"
    deadline = f" by {t.deadline}" if t.deadline else ""
    return f"{t.direction or '?'} {t.metric}{amount}{deadline}"


def _metric(t: GoldTarget | Target) -> str:
    return t.metric


def _agreement(g: GoldTarget, f: Target) -> float:
    return sum(_part_agrees(g, f, p) for p in ("direction", "amount", "deadline")) / 3


def _targets(sheet: Sheet, gold: GoldAnnotation, plan: PlanExtraction) -> None:
    matching = sheet.items(
        "targets",
        gold.targets,
        plan.targets,
        _metric,
        _metric,
        show_gold=_show_target,
        show_found=_show_target,
        tiebreak=_agreement,
        count_extras=False,
    )
    # A found target matching no required target may match an optional one: that one is
    # neither counted nor listed; the others are extras.
    leftovers = [plan.targets[i] for i in matching.extras]
    optional = assign(
        gold.optional_targets,
        leftovers,
        lambda g, f: sheet.matcher.similarity(g.metric, f.metric),
        sheet.matcher.bar,
        tiebreak=_agreement,
    )
    for fi in optional.extras:
        sheet.extra("targets", _show_target(leftovers[fi]), leftovers[fi])
    for gi, fi, _ in matching.pairs:
        g, f = gold.targets[gi], plan.targets[fi]
        for part in TARGET_PARTS:
            sheet.value(
                f"targets.{part}",
                getattr(g, part),
                getattr(f, part),
                same=_same_part(part),
                context=_show_target(g),
                located=f,
            )


def _partners(sheet: Sheet, gold: GoldAnnotation, plan: PlanExtraction) -> None:
    golds, found = gold.partners or [], plan.partners or []
    matching = sheet.items("partners", golds, found, lambda p: p.name, lambda p: p.name)
    for gi, fi, _ in matching.pairs:
        sheet.value("partners.type", golds[gi].type, found[fi].type, context=golds[gi].name, located=found[fi])


def _show_funding(f: GoldFunding | Funding) -> str:
    return f"£{f.amount_gbp:,.0f} {f.purpose or ''}".strip()


def _funding(sheet: Sheet, gold: GoldAnnotation, plan: PlanExtraction) -> None:
    def purpose(g: GoldFunding, f: Funding) -> float:
        return 1.0 if g.purpose is None else sheet.matcher.similarity(g.purpose, f.purpose)

    def amount(g: GoldFunding, f: Funding) -> bool:
        return same_number(g.amount_gbp, f.amount_gbp)

    sheet.items(
        "funding", gold.funding, plan.funding, _show_funding, _show_funding, similarity=purpose, admissible=amount
    )
    sheet.items(
        "funding.amount",
        gold.funding,
        plan.funding,
        _show_funding,
        _show_funding,
        similarity=lambda g, f: float(amount(g, f)),
        quiet=True,
    )


def _statutory(sheet: Sheet, gold: GoldAnnotation, plan: PlanExtraction) -> None:
    found: dict[str, str] = {}
    for finding in plan.statutory:
        found.setdefault(finding.element, finding.status)
    total = sheet.scores["statutory"]
    for element, status in sorted(gold.statutory.items()):
        name = f"statutory.{element}"
        sheet.value(name, status, found.get(element))
        total.add(sheet.scores[name])  # one element per document: its counts are this comparison's
