"""Regression tests for the statutory, partner and funding rules, each on a minimal paper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOLD

from pipeline import extract
from pipeline.checklist import checklist, parse_checklist
from pipeline.errors import RuleDataError
from pipeline.money import find_sums
from schemas import PlanExtraction


def paper(tmp_path: Path, text: str, name: str = "paper.txt") -> PlanExtraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path)


def status(plan: PlanExtraction, element: str) -> str:
    return next(f.status for f in plan.statutory if f.element == element)


def test_checklist_covers_every_gold_element() -> None:
    readme = (GOLD / "README.md").read_text(encoding="utf-8")
    ids = [e.id for e in checklist().elements]
    assert len(ids) == 13 and all(f"`{i}`" in readme for i in ids)


@pytest.mark.parametrize(
    "change",
    [
        {"patterns": [[{"NOT_A_TOKEN_ATTR": "x"}]]},
        {"phrases": [], "near": [], "fuzzy": [], "patterns": [], "findings": None},
        {"in_force_from": "13 April 2011"},
        {"colour": "red"},
    ],
    ids=["bad-pattern", "no-cues", "bad-date", "unknown-field"],
)
def test_broken_checklist_is_a_data_error(change: dict) -> None:
    data = json.loads(checklist().model_dump_json())
    data["elements"][0].update(change)
    with pytest.raises(RuleDataError) as caught:
        parse_checklist(json.dumps(data))
    assert caught.value.code == "data.invalid"


def test_domestic_homicide_reviews_not_in_force_before_13_april_2011(tmp_path: Path) -> None:
    body = "\n\nThe partnership will commission a domestic homicide review where a death meets the criteria.\n"
    before = paper(tmp_path, "REPORT TO CABINET\n\nDate: 2 March 2011" + body, "before.txt")
    after = paper(tmp_path, "REPORT TO CABINET\n\nDate: 5 May 2011" + body, "after.txt")
    assert status(before, "domestic_homicide_reviews") == "not_in_force"
    assert status(after, "domestic_homicide_reviews") == "present"
    # The words are still quoted when the duty did not yet apply, so the auditor sees them.
    assert next(f for f in before.statutory if f.element == "domestic_homicide_reviews").evidence


def test_reducing_reoffending_duty_begins_1_april_2010(tmp_path: Path) -> None:
    body = "\n\nWe will reduce re-offending through the prolific and priority offender scheme.\n"
    assert status(paper(tmp_path, "Meeting: 15 January 2010" + body, "a.txt"), "reducing_reoffending") == "not_in_force"
    assert status(paper(tmp_path, "Meeting: 15 June 2010" + body, "b.txt"), "reducing_reoffending") == "present"
    other = "\n\nThe partnership will tackle anti-social behaviour in the town centre.\n"
    assert status(paper(tmp_path, "Meeting: 15 June 2010" + other, "c.txt"), "reducing_reoffending") == "absent"


def test_misspelt_domestic_homicide_reviews_still_found(tmp_path: Path) -> None:
    plan = paper(
        tmp_path, "Published: 1 June 2012\n\nThe CSP must now carry out Domestic Homestic Reviews when asked.\n"
    )
    assert status(plan, "domestic_homicide_reviews") == "present"


def test_phrase_wrapped_over_a_line_break(tmp_path: Path) -> None:
    plan = paper(
        tmp_path,
        "Date: 1 June 2012\n\nThe community safety plan builds on the Joint Strategic\nIntelligence Assessment.\n",
    )
    assert status(plan, "strategic_assessment") == "present"


def test_report_that_names_no_partners_leaves_responsible_authorities_absent(tmp_path: Path) -> None:
    plan = paper(tmp_path, "Date: 1 June 2012\n\nThe council works with partners to reduce crime.\n")
    assert plan.partners is None
    assert status(plan, "responsible_authorities") == "absent"


def test_other_partners_and_subgroup_members_are_not_responsible_authorities(tmp_path: Path) -> None:
    plan = paper(
        tmp_path,
        "Other partners: The Home Office, Victim Support and local voluntary groups.\n\n"
        "Membership of the hate crime panel includes Barset Police, Barset District Council and faith groups.\n",
    )
    assert plan.partners is None


PARTNER_LISTS = {
    "the-council-in-a-two-tier-list-is-the-district": (
        "REPORT OF WYVERN DISTRICT COUNCIL\n\nWyvern District Council leads the partnership.\n\n"
        "The main contributors to the budget are the Council, Police, Barset County Council, PCT and Fire Service.\n",
        [
            ("Wyvern District Council", "district_council"),
            ("Police", "police"),
            ("Barset County Council", "county_council"),
            ("PCT", "health"),
            ("Fire Service", "fire_and_rescue"),
        ],
    ),
    "police-authority-is-not-the-police": (
        "The statutory partners are: Barset Police Authority, Barset Constabulary and NHS Barset.\n",
        [("Barset Police Authority", "police_authority"), ("Barset Constabulary", "police"), ("NHS Barset", "health")],
    ),
    "youth-justice-teams-are-other-partners": (
        "The statutory partners are Barset Police, Barset County Council, the Barset Youth Offending Team "
        "and the YOS.\n",
        [
            ("Barset Police", "police"),
            ("Barset County Council", "county_council"),
            ("Barset Youth Offending Team", "other"),
            ("YOS", "other"),
        ],
    ),
    "lower-case-list-after-responsible-authorities": (
        "The responsible authorities (the council, police, fire and rescue service, health and probation) "
        "meet every quarter as the strategy group.\n",
        [
            ("council", "unitary_council"),
            ("police", "police"),
            ("fire and rescue service", "fire_and_rescue"),
            ("health", "health"),
            ("probation", "probation"),
        ],
    ),
}


@pytest.mark.parametrize(("text", "expected"), PARTNER_LISTS.values(), ids=PARTNER_LISTS.keys())
def test_partner_lists(tmp_path: Path, text: str, expected: list[tuple[str, str]]) -> None:
    plan = paper(tmp_path, text)
    assert [(p.name, p.type) for p in plan.partners or []] == expected
    assert all(p.evidence and p.evidence[0].quote for p in plan.partners or [])


@pytest.mark.parametrize(
    ("text", "value"),
    [("£107,400", 107400), ("£75k", 75000), ("£1.2m", 1_200_000), ("£ 3,500.50", 3500.5), ("£2 million", 2_000_000)],
)
def test_money_values(text: str, value: float) -> None:
    assert [s.amount_gbp for s in find_sums(text)] == [value]


def test_bare_k_is_money_only_when_asked() -> None:
    assert list(find_sums("5K CSP Allocation")) == []
    assert [s.amount_gbp for s in find_sums("5K CSP Allocation 3k for X", bare=True)] == [5000, 3000]


def test_risk_note_about_exceeding_5k_is_not_funding(tmp_path: Path) -> None:
    plan = paper(tmp_path, "Key Risks to Achieving:\tAllocated funding for outreach work exceeds 5K.\n")
    assert plan.funding == []


def test_savings_and_withdrawn_grants_are_not_funding(tmp_path: Path) -> None:
    plan = paper(
        tmp_path,
        "A saving of £12,000 was made by merging two posts.\n\n"
        "The Home Office grant of £40,000 was withdrawn in 2013.\n\n"
        "The district has a population of 83,200 and 33,700 homes.\n",
    )
    assert plan.funding == []


def test_resources_repeated_on_continuation_pages_count_once(tmp_path: Path) -> None:
    block = (
        "Strategic Priority 1: Reduce burglary by 5%\n\n"
        "Lead:\tBarset Police\tCSP Resources:\t4K CSP Allocation 2K for Cocoon Watch for 2012/2013\n"
        "Key Milestones\tOutcomes\n"
    )
    plan = paper(tmp_path, block + "Continued\n" + block.split("\n\n", 1)[1])
    assert [(f.amount_gbp, f.purpose, f.priority) for f in plan.funding] == [
        (4000, "CSP Allocation", "Reduce burglary by 5%"),
        (2000, "Cocoon Watch", "Reduce burglary by 5%"),
    ]


def test_budget_table_rows_are_allocations(tmp_path: Path) -> None:
    plan = paper(
        tmp_path, "Project\tLead\tBudget (£)\nSanctuary scheme\tBarset Council\t£6,500\nCCTV\tPolice\t£2,000\n"
    )
    assert [(f.amount_gbp, f.purpose) for f in plan.funding] == [(6500, "Sanctuary scheme"), (2000, "CCTV")]


def test_weak_cue_naming_one_body_is_not_a_partner_list(tmp_path: Path) -> None:
    plan = paper(tmp_path, "Our partners are Victim Support, Neighbourhood Watch and the police.\n")
    assert plan.partners is None


def test_partner_list_missing_probation_after_april_2010_gets_a_note(tmp_path: Path) -> None:
    plan = paper(
        tmp_path,
        "Date: 4 June 2014\n\nThe statutory partners are: Barset Police, Barset Fire and Rescue Service, "
        "NHS Barset Clinical Commissioning Group and Barset Police Authority.\n",
    )
    finding = next(f for f in plan.statutory if f.element == "responsible_authorities")
    assert finding.status == "present"
    assert finding.note and "probation" in finding.note and "police_authority" in finding.note
