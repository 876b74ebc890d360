"""ModernGov pages: the page's own fields fill the metadata the text leaves open."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline import extract
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "html"


@pytest.mark.parametrize(
    ("page", "kind", "title", "body", "date"),
    [
        (
            "ieDecisionDetails.html",
            "decision",
            "The Safer Rotherham Partnership – Partnership Plan 2010/11",
            "Cabinet Member for Safe and Attractive Neighbourhoods",
            dt.date(2010, 11, 29),
        ),
        ("ieIssueDetails.html", "decision", "Community Safety Partnership Plan 2024-2027", None, None),
        (
            "mgAi.html",
            "committee_report",
            "Community Safety Strategic Assessment and Partnership Plan",
            "Overview and Scrutiny Committee",
            dt.date(2012, 7, 12),
        ),
    ],
)
def test_moderngov_page_fields_give_kind_title_and_meeting(
    page: str, kind: str, title: str, body: str | None, date: dt.date | None
) -> None:
    plan = extract(PAGES / page)
    assert plan.kind == kind
    assert plan.title == title
    if body is None:
        assert plan.meeting is None
    else:
        assert plan.meeting is not None
        assert (plan.meeting.body, plan.meeting.date) == (body, date)
