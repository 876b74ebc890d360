"""Golden metadata: each seed, as text and as PDF, gives the gold kind, council, partnership,
meeting, plan period, title and contacts. One case per document and format."""

from __future__ import annotations

import re

import pytest

from pipeline.dates import parse_period
from tests.conftest import gold_for
from tests.extractions import SEED_FILES, extracted, seed_case_id

pytestmark = pytest.mark.parametrize("case", SEED_FILES, ids=seed_case_id)


def _loose(text: str | None) -> str | None:
    """Case, whitespace and the kind of dash do not matter in a title."""
    if text is None:
        return None
    return re.sub(r"\s+", " ", re.sub(r"\s*[–—-]\s*", " - ", text)).strip().casefold()


def test_kind_council_partnership(case):
    plan, gold = extracted(*case), gold_for(case[0])
    assert (plan.kind, plan.council, plan.partnership) == (gold["kind"], gold["council"], gold["partnership"])


def test_meeting_body_and_date(case):
    plan, gold = extracted(*case), gold_for(case[0])
    if gold["meeting"] is None:
        assert plan.meeting is None
        return
    assert plan.meeting is not None
    assert plan.meeting.body == gold["meeting"]["body"]
    assert plan.meeting.date is not None and plan.meeting.date.isoformat() == gold["meeting"]["date"]
    assert plan.meeting.stage == "metadata" and plan.meeting.span is not None


def test_plan_period_and_published(case):
    plan, gold = extracted(*case), gold_for(case[0])
    period = plan.plan_period
    assert period is not None
    assert (period.start_year, period.end_year) == (gold["plan_period"]["start_year"], gold["plan_period"]["end_year"])
    assert plan.published == gold.get("published")
    # the period keeps the words it was read from, and they read back as the same years
    assert period.span is not None and period.stage == "metadata"
    assert period.text is not None and parse_period(period.text) == (period.start_year, period.end_year)


def test_title(case):
    plan, gold = extracted(*case), gold_for(case[0])
    assert _loose(plan.title) == _loose(gold["title"])


def test_contacts(case):
    plan, gold = extracted(*case), gold_for(case[0])
    got = {c.name: c.email for c in plan.contacts}
    for contact in gold["contacts"]:
        assert contact["name"] in got, f"missing contact {contact['name']}: got {list(got)}"
        assert got[contact["name"]] == contact["email"]
    for contact in plan.contacts:
        assert contact.stage == "metadata" and contact.span is not None
