"""Levels to reach and year-column targets: the wordings and table layouts, in invented wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract
from pipeline.targets.reading import read_targets
from pipeline.targets.terms import load_terms


def _read(text: str) -> list[tuple]:
    return [
        (r.direction, r.amount, r.unit, r.metric, r.deadline, r.target_value, r.baseline, r.baseline_period)
        for r in read_targets(text, load_terms())
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Reduce theft of pedal cycles to fewer than 300 offences by March 2019.",
            ("reduce", None, "count", "theft of pedal cycles", "2019-03", 300.0, None, None),
        ),
        (
            "The board agreed to raise the number of hate incidents reported to at least 250 by 2017/18.",
            ("increase", None, "count", "hate incidents", "2018-03", 250.0, None, None),
        ),
        (
            "We aim to cut arson in the district to 90 by March 2016, from 131 in 2014/15.",
            ("reduce", None, "count", "arson in the district", "2016-03", 90.0, 131.0, "2014/2015"),
        ),
        (
            "Reduce the re-offending rate of the cohort to below 30% by March 2021.",
            ("reduce", None, "percent", "re-offending rate of the cohort", "2021-03", 30.0, None, None),
        ),
    ],
)
def test_a_verb_with_a_level_to_reach(text: str, expected: tuple) -> None:
    assert _read(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "4.2.1 No more than 45 young people to enter the youth justice system in 2018/19, against 52 in 2017/18.",
            (
                "reduce",
                None,
                "count",
                "young people to enter the youth justice system",
                "2019-03",
                45.0,
                52.0,
                "2017/2018",
            ),
        ),
        (
            "At least 70% of callers to be satisfied with the helpline by March 2020 (64% in 2018/19).",
            ("increase", None, "percent", "callers satisfied with the helpline", "2020-03", 70.0, 64.0, "2018/2019"),
        ),
    ],
)
def test_a_stated_ceiling_or_floor(text: str, expected: tuple) -> None:
    assert _read(text) == [expected]


def test_halve_states_a_fifty_percent_reduction() -> None:
    assert _read(
        "The partnership will halve the number of repeat missing episodes by March 2018, from 240 in 2016/17."
    ) == [("reduce", 50.0, "percent", "repeat missing episodes", "2018-03", None, 240.0, "2016/2017")]


def test_a_percent_baseline_with_its_year() -> None:
    assert _read("A 4 percentage point reduction in repeat referrals by March 2019 (from 31% in 2017/18).") == [
        ("reduce", 4.0, "percent", "repeat referrals", "2019-03", None, 31.0, "2017/2018")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Reduce the rate of vehicle crime to below the regional average by 2019.",  # no figure
        "At least 40 people were injured in 2016/17.",  # a count of what happened
        "Anti-social behaviour fell to 1,250 incidents by March 2016.",  # an achieved result
        "Reduce the number of offenders aged 18 to 24 who re-offend.",  # an age range, no deadline
        "Increase the share of repeat victims to 2015/16 levels.",  # a year, not a level
    ],
)
def test_what_is_not_a_level_to_reach(text: str) -> None:
    assert _read(text) == []


def _targets(tmp_path: Path, text: str) -> list[tuple]:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return [
        (t.metric, t.direction, t.amount, t.unit, t.deadline, t.target_value, t.baseline, t.baseline_period)
        for t in extract(path).targets
    ]


def test_year_columns_set_a_target_a_year(tmp_path: Path) -> None:
    text = (
        "Targets\n\n"
        "Measure\tBaseline 2014/15\tTarget 2015/16\tTarget 2016/17\n"
        "Shoplifting offences\t940\t900\t860\n"
        "Repeat missing episodes\t31%\t31%\t29%\n"
        "Hate incidents reported\t120\t130\t140\n"
    )
    assert _targets(tmp_path, text) == [
        ("shoplifting offences", "reduce", None, "count", "2016-03", 900.0, 940.0, "2014/2015"),
        ("shoplifting offences", "reduce", None, "count", "2017-03", 860.0, 940.0, "2014/2015"),
        ("repeat missing episodes", "maintain", None, "percent", "2016-03", 31.0, 31.0, "2014/2015"),
        ("repeat missing episodes", "reduce", None, "percent", "2017-03", 29.0, 31.0, "2014/2015"),
        ("hate incidents reported", "increase", None, "count", "2016-03", 130.0, 120.0, "2014/2015"),
        ("hate incidents reported", "increase", None, "count", "2017-03", 140.0, 120.0, "2014/2015"),
    ]


def test_a_signed_target_cell_is_a_change_and_words_set_none(tmp_path: Path) -> None:
    text = (
        "Measures\n\n"
        "Measure\t2016/17 Outturn\t2017/18 Target\tQ1\tQ2\n"
        "Cycle thefts\t1,204\t-4%\t301\t288\n"
        "Rough sleepers\t35\tReduce\t31\t30\n"
        "Noise complaints\t2,410\tn/a\t602\t-\n"
    )
    assert _targets(tmp_path, text) == [
        ("cycle thefts", "reduce", 4.0, "percent", "2018-03", None, 1204.0, "2016/2017"),
    ]


def test_a_spanning_targets_header_over_year_columns_and_an_indicator_code(tmp_path: Path) -> None:
    text = (
        "LAA targets\n\n"
        "\t\t\tTargets\t\n"
        "Code\tIndicator\tBaseline 2009/10\t2010/11\t2011/12\n"
        "PI 7\tTheft from shops (offences)\t515\t500\t480\n"
    )
    found = _targets(tmp_path, text)
    assert [t[0] for t in found] == ["theft from shops (offences)"] * 2
    assert [(t[4], t[5]) for t in found] == [("2011-03", 500.0), ("2012-03", 480.0)]


def test_a_level_without_a_baseline_sets_no_target(tmp_path: Path) -> None:
    text = "Targets\n\nMeasure\tTarget 2015/16\tTarget 2016/17\nShoplifting offences\t900\t860\n"
    assert _targets(tmp_path, text) == []
