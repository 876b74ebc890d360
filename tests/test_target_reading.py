"""How target wordings are read: direction, amount, metric, deadline, resulting value."""

from __future__ import annotations

import pytest

from pipeline.targets.reading import read_deadline, read_targets
from pipeline.targets.terms import load_terms


def _read(text: str, **kwargs: object) -> list[tuple]:
    return [
        (r.direction, r.amount, r.unit, r.metric, r.deadline, r.target_value)
        for r in read_targets(text, load_terms(), **kwargs)
    ]


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("during 2010/2011", "2011-03"),
        ("during 2010/11", "2011-03"),
        ("by March 2012", "2012-03"),
        ("by the end of 2013/14", "2014-03"),
        ("by 2012", "2012-03"),  # a bare year: the financial year that ends in it
        ("by December 2011", "2011-12"),
        ("over the next 12 months (April 2011 – March 2012)", "2012-03"),
    ],
)
def test_deadlines_follow_the_uk_financial_year(text: str, deadline: str) -> None:
    found = read_deadline(text)
    assert found is not None and found[0] == deadline


def test_a_year_named_with_in_is_not_a_deadline() -> None:
    assert read_deadline("recorded in 2011") is None


def test_imperative_target_with_period() -> None:
    assert _read("Reduce Robbery by 5% during 2010/2011") == [("reduce", 5.0, "percent", "robbery", "2011-03", None)]


def test_shared_amount_applies_to_both_coordinated_verbs() -> None:
    found = _read("Reduce repeat incidents of domestic violence and increase reporting rates of domestic abuse by 10%")
    assert [(d, a, m) for d, a, _, m, _, _ in found] == [
        ("reduce", 10.0, "repeat incidents of domestic violence"),
        ("increase", 10.0, "reporting rates of domestic abuse"),
    ]


def test_shared_deadline_applies_to_both_clauses() -> None:
    found = _read("Increase the reporting of hate incidents by 10% and reduce the number of repeats by 10% by 2012.")
    assert [(d, m, dl) for d, _, _, m, dl, _ in found] == [
        ("increase", "reporting of hate incidents", "2012-03"),
        ("reduce", "repeats", "2012-03"),
    ]


def test_action_plan_target_cell_with_resulting_value() -> None:
    assert _read("2% reduction by March 2012 (2048)", in_row=True) == [
        ("reduce", 2.0, "percent", "", "2012-03", 2048.0)
    ]


def test_noun_target_spells_out_abbreviations() -> None:
    found = _read("2% reduction in ASB incidents by March 2012")
    assert found == [("reduce", 2.0, "percent", "anti-social behaviour incidents", "2012-03", None)]


def test_resulting_value_after_to() -> None:
    found = _read("We will reduce burglary by 5% to 1,200 offences by the end of 2013/14.")
    assert found == [("reduce", 5.0, "percent", "burglary", "2014-03", 1200.0)]


def test_future_wording_takes_the_subject_as_metric() -> None:
    found = _read("By 2028, the staff sickness rate will have reduced by 6%.")
    assert found == [("reduce", 6.0, "percent", "staff sickness rate", "2028-03", None)]


@pytest.mark.parametrize(
    "text",
    [
        "this number has reduced by 39% to just 198 offences, almost four times the target of 10%.",
        "the partnership achieved a reduction of 9.4% in the number of offences reported in 2010/2011",
        "There has been a 10% reduction in criminal damage on the previous year",
        "the grant allocation for 2011/2012 has been reduced by 59%",
        "the over 65 population is predicted to grow by 4.50% by 2020",
        "showing a 1.1% increase on the previous year",
        "Last year crime was reduced by 5%",
    ],
)
def test_achieved_results_are_not_targets(text: str) -> None:
    assert _read(text) == []


def test_mid_sentence_target_needs_a_deadline() -> None:
    assert _read("Officers spent the year looking at ways of reducing the queue by 10 people") == []
    assert _read("looking at reducing the number of repeat incidents by 10% during 2010/2011")[0][4] == "2011-03"


def test_baseline_stated_after_the_target() -> None:
    reading = read_targets("Increase reported hate crimes by 15% by March 2018 (from 212 in 2016/17)", load_terms())[0]
    assert (reading.baseline, reading.baseline_period, reading.deadline) == (212.0, "2016/2017", "2018-03")


def test_a_date_after_by_is_not_an_amount() -> None:
    assert _read("Increase the number of Neighbourhood Watch schemes by 1 April 2014") == []
    assert _read("Reduce first time entrants by 50 by March 2014")[0][1:3] == (50.0, "count")


def test_deadline_with_a_day_of_the_month() -> None:
    found = read_deadline("by 31 March 2015 and")
    assert found is not None and found[0] == "2015-03"


def test_indicator_line_names_its_measure_before_the_verb() -> None:
    got = read_targets(
        "NI 16 Serious acquisitive crime - reduce by 12% by 2010/11 from a 2007/08 baseline of 3,120 offences",
        load_terms(),
    )
    assert [(r.metric, r.amount, r.deadline, r.baseline, r.baseline_period) for r in got] == [
        ("serious acquisitive crime", 12.0, "2011-03", 3120.0, "2007/2008")
    ]


def test_count_target_against_a_stated_figure() -> None:
    got = read_targets(
        "to reduce repeat calls by 150 incidents by 2023 against the 2021/22 figure of 2,350.", load_terms()
    )
    assert [(r.unit, r.amount, r.baseline, r.baseline_period) for r in got] == [("count", 150.0, 2350.0, "2021/2022")]


def test_second_nominal_target_joined_by_and_shares_the_deadline() -> None:
    text = "aims to achieve a 10% reduction in knife injuries by March 2026, and a 15% reduction in weapon possession."
    assert [(r.metric, r.deadline) for r in read_targets(text, load_terms())] == [
        ("knife injuries", "2026-03"),
        ("weapon possession", "2026-03"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will maintain the proven re-offending rate at 25% or below by March 2026.",
         ("maintain", None, "percent", "proven re-offending rate", "2026-03", 25.0)),
        ("Maintain repeat referrals to MARAC at or below 28%",
         ("maintain", None, "percent", "repeat referrals to MARAC", None, 28.0)),
        ("- Sustaining victim satisfaction at a level of 90 per cent",
         ("maintain", None, "percent", "victim satisfaction", None, 90.0)),
        ("To maintain the number of first time entrants at 50 or fewer by 2027",
         ("maintain", None, "count", "first time entrants", "2027-03", 50.0)),
    ],
)
def test_a_level_to_hold_is_a_maintain_target(text: str, expected: tuple) -> None:
    assert _read(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Funding was maintained at 2019 levels by 2021.",  # achieved, and a year is no level
        "We will maintain staffing at 1 April 2025 levels.",  # a date
        "The partnership has maintained confidence at 80% since 2019.",  # a result
        "Last year the service, which continued to maintain its offer at 3 sites, grew.",  # no target sentence
    ],
)
def test_what_is_not_a_level_to_hold(text: str) -> None:
    assert _read(text) == []
