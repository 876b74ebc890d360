"""Regression tests for partner, funding and table wording met beyond the seeds, each on a minimal paper."""

from __future__ import annotations

from pathlib import Path

from test_audit_rules import paper, status

from pipeline.tables.cells import type_cell

HEAD = "KIRKFORD BOROUGH COUNCIL\n\nCABINET\n\n14 June 2016\n\nCOMMUNITY SAFETY PLAN\n\n"


def _partners(tmp_path: Path, body: str) -> list[tuple[str, str]]:
    return [(p.name, p.type) for p in paper(tmp_path, HEAD + body).partners or []]


def _funding(tmp_path: Path, body: str) -> list[tuple[float, str | None]]:
    return [(f.amount_gbp, f.purpose) for f in paper(tmp_path, HEAD + body).funding]


def test_places_joined_before_one_body_stay_one_name(tmp_path: Path) -> None:
    found = _partners(
        tmp_path,
        "The responsible authorities are Kirkford Borough Council, Kent Police, Kent Fire and Rescue Service, "
        "the Dorset, Devon and Cornwall Community Rehabilitation Company and Kirkford CCG.\n",
    )
    assert ("Dorset, Devon and Cornwall Community Rehabilitation Company", "probation") in found


def test_list_after_a_paragraph_number_and_a_tab(tmp_path: Path) -> None:
    found = _partners(
        tmp_path, "2.1\tThe partnership comprises Kirkford Borough Council, Kent Police and Kent Fire Service.\n"
    )
    assert [t for _, t in found] == ["unitary_council", "police", "fire_and_rescue"]


def test_cue_cut_off_by_a_clause_names_no_partners(tmp_path: Path) -> None:
    found = _partners(
        tmp_path,
        "These are the responsible authorities of the Safer Kirkford Partnership, with the Kent Police and Crime "
        "Commissioner as a key partner.\n",
    )
    assert found == []


def test_specified_authorities_of_the_serious_violence_duty(tmp_path: Path) -> None:
    found = _partners(
        tmp_path,
        "The specified authorities are the County Council, the district and borough councils, Sussex Police, "
        "East Sussex Fire and Rescue Service, the Probation Service and NHS Sussex Integrated Care Board.\n",
    )
    assert ("district and borough councils", "district_council") in found and len(found) == 6


def test_partner_table_without_a_cue_with_a_wrapped_cell(tmp_path: Path) -> None:
    found = _partners(
        tmp_path,
        "Organisation\tRole\nKirkford Borough Council\tChair; licensing and\nenvironmental health\n"
        "Kent Police\tPolicing\nDurham Tees Valley Community Rehabilitation\tOffender management\nCompany\n"
        "Kirkford CCG\tHealth\n\n",
    )
    assert [t for _, t in found] == ["unitary_council", "police", "probation", "health"]
    assert ("Durham Tees Valley Community Rehabilitation Company", "probation") in found


def test_grant_beside_a_reduction_is_still_a_grant(tmp_path: Path) -> None:
    found = _funding(
        tmp_path,
        "Kent Police Authority has confirmed a grant of £56,000 for 2012/13 to the partnership, a reduction of "
        "£12,000 on the previous year.\n",
    )
    assert [a for a, _ in found] == [56_000]


def test_grant_with_no_purpose_is_named_after_its_giver(tmp_path: Path) -> None:
    found = _funding(tmp_path, "The Police and Crime Commissioner has granted the partnership £182,000 for 2014/15.\n")
    assert found == [(182_000, "Police and Crime Commissioner")]


def test_pound_column_reads_plain_numbers_and_skips_the_total(tmp_path: Path) -> None:
    plan = paper(
        tmp_path,
        HEAD + "Project\tAllocation 2016/17 (£)\nYouth diversion\t18,500\nHate crime centres\t7,500\nTotal\t26,000\n\n"
        "Spend to date is £9,000.\n",
    )
    found = [(f.amount_gbp, f.purpose) for f in plan.funding]
    assert found == [(18_500, "Youth diversion"), (7_500, "Hate crime centres")]
    assert [t.kind for t in plan.tables] == ["other"]
    assert status(plan, "plan_resources") == "present"


def test_spend_to_date_beside_a_budget_is_not_funding(tmp_path: Path) -> None:
    found = _funding(
        tmp_path, "Funding stream\tBudget 2010/11\tSpend to date\nArea Based Grant\t£154,000\t£31,200\n\n"
    )
    assert found == [(154_000, "Area Based Grant")]


def test_rag_letters_are_statuses_only_in_a_rating_column() -> None:
    assert type_cell("G", column="RAG").value == "Green"
    assert type_cell("A", column="Status").value == "Amber"
    assert type_cell("A", column="Ward").type == "text"
