"""The audit stages and the community safety field on round-3 held-out papers, one case per paper and form.

The papers in tests/fixtures/generalisation_3/audit (four partnership papers 2011-2022, three
papers on other services that share community safety's words, and a council-wide report with one
short community safety item) were annotated before the extractor was run on them. Each case
checks whether the paper is about community safety (whole, part, none: a field the gold format
has no place for, so it is taken out of the gold and scored here), statutory status accuracy,
and partner and funding F1, against floors at what the extractor reaches. Below them, the rules
these papers led to, each on invented wording.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from gold_checks import assert_audit_floors, evaluation

from pipeline import extract
from schemas import PlanExtraction

PAPERS = Path(__file__).parent / "fixtures" / "generalisation_3" / "audit"
CASES = [
    pytest.param(paper, path.suffix[1:], id=path.name)
    for paper in sorted(p.name.removesuffix(".gold.json") for p in PAPERS.glob("*.gold.json"))
    for path in sorted(PAPERS.glob(f"{paper}.*"))
    if path.suffix in {".txt", ".pdf"}
]
# Floors: statutory accuracy, partner F1, funding F1.
FLOOR = {"statutory": 1.0, "partners": 1.0, "funding": 1.0}
# Where a paper falls short of FLOOR, and why (none now: every form reads in full).
LOWER: dict[tuple[str, str], dict[str, float]] = {}


@cache
def _extracted(path: Path) -> PlanExtraction:
    return extract(path)


def _gold(paper: str) -> tuple[dict, str]:
    gold = json.loads((PAPERS / f"{paper}.gold.json").read_text(encoding="utf-8"))
    return gold, gold.pop("community_safety")


@pytest.mark.parametrize(("paper", "form"), CASES)
def test_generalisation_3_paper(paper: str, form: str) -> None:
    gold, reach = _gold(paper)
    result = _extracted(PAPERS / f"{paper}.{form}")
    floor = FLOOR | LOWER.get((paper, form), {})
    assert result.community_safety is not None
    assert result.community_safety.reach == reach, result.community_safety.sections
    assert_audit_floors(evaluation(gold, result), len(gold["statutory"]), floor)


def test_community_safety_precision_and_recall_on_the_held_out_papers() -> None:
    """Papers about community safety (whole or part) against the rest, over every paper and form."""
    pairs = [(_gold(paper)[1], _extracted(PAPERS / f"{paper}.{form}").community_safety) for paper, form in _ids()]
    found = [(gold != "none", topic is not None and topic.reach != "none") for gold, topic in pairs]
    tp = sum(g and f for g, f in found)
    assert tp == sum(f for _, f in found) == sum(g for g, _ in found)  # precision and recall 1.0
    assert all(topic is not None and topic.reach == gold for gold, topic in pairs)


def _ids() -> list[tuple[str, str]]:
    return [tuple(case.values) for case in CASES]  # type: ignore[misc]


def paper(tmp_path: Path, text: str) -> PlanExtraction:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path)


# --- community safety: whole, part or none ---


PAPERS_ON_OTHER_SERVICES = {
    "licence-review-full-of-police-evidence": (
        "Licensing Sub-Committee\n\nReview of a premises licence\n\n"
        "1. The police have applied for a review of the premises licence under the Licensing Act 2003 "
        "on the licensing objective of the prevention of crime and disorder. Officers attended "
        "assaults and disorder at the premises; the police ask that the licence be suspended and "
        "that the licence holder adds conditions to the licence.\n"
    ),
    "treatment-paper-with-a-criminal-justice-pathway": (
        "Health Scrutiny Panel\n\n1. Treatment services\n\n"
        "The new treatment service offers prescribing, detoxification and recovery support to each patient, "
        "with a criminal justice pathway taking referrals from the police, probation and the courts; "
        "clinical staff review treatment plans monthly.\n"
    ),
}


@pytest.mark.parametrize("text", PAPERS_ON_OTHER_SERVICES.values(), ids=PAPERS_ON_OTHER_SERVICES.keys())
def test_paper_on_another_service_using_the_fields_words_is_not_about_it(tmp_path: Path, text: str) -> None:
    topic = paper(tmp_path, text).community_safety
    assert topic is not None and topic.reach == "none"


def test_numbered_item_on_community_safety_in_a_wider_report_is_only_part_of_it(tmp_path: Path) -> None:
    other = "The service met its targets for the year and reduced its backlog of work again. " * 8
    items = [f"{n}.      Outcome {n}: {name}\n\n{n}.1     {other}\n\n" for n, name in ((3, "Roads"), (4, "Schools"))]
    safety = (
        "5.      Outcome 5: Safer streets\n\n5.1     The Northtown Community Safety Partnership cut burglary "
        "by 9%, and anti-social behaviour and violent crime also fell.\n\n"
        "5.2     The Council allocated £25,000 to new lighting in the market square.\n\n"
    )
    text = "Annual Performance Report\n\n1.      Summary\n\n1.1     " + other + "\n\n" + "".join(items) + safety
    text += f"6.      Outcome 6: Waste\n\n6.1     {other}The Council allocated £90,000 to new bins.\n"
    result = paper(tmp_path, text)
    assert result.community_safety is not None and result.community_safety.reach == "part"
    # a partnership the report names once, in that item, is not the paper's own
    assert [f.amount_gbp for f in result.funding] == [25_000]


# --- partners ---


def test_list_in_the_sentence_after_its_cue(tmp_path: Path) -> None:
    text = (
        "Safer Northtown Partnership annual report\n\nThe partnership brings together the bodies the Act "
        "names as responsible authorities. They are Northtown District Council, Westshire County Council, "
        "Westshire Police, Westshire Fire and Rescue Service and NHS Northtown.\n"
    )
    names = [p.name for p in paper(tmp_path, text).partners or []]
    assert names == [
        "Northtown District Council",
        "Westshire County Council",
        "Westshire Police",
        "Westshire Fire and Rescue Service",
        "NHS Northtown",
    ]


def test_probation_abbreviations_and_a_bracketed_part_of_a_council(tmp_path: Path) -> None:
    text = (
        "Community Safety Partnership update\n\nThe statutory partners are the London Borough of Northtown "
        "(including the Youth Offending Service), the Metropolitan Police Service, the CRC and NPS, "
        "and the CCG.\n"
    )
    partners = paper(tmp_path, text).partners or []
    assert [(p.name, p.type) for p in partners] == [
        ("London Borough of Northtown", "unitary_council"),
        ("Metropolitan Police Service", "police"),
        ("CRC", "probation"),
        ("NPS", "probation"),
        ("CCG", "health"),
    ]


def test_responsible_authorities_under_another_act_are_not_partners(tmp_path: Path) -> None:
    licensing = (
        "Licensing Sub-Committee\n\nThe responsible authorities under the Licensing Act 2003 are the chief "
        "officer of police, the fire and rescue authority, the licensing authority and the director of public health.\n"
    )
    assert paper(tmp_path, licensing).partners is None
    csp = (
        "Community Safety Partnership report\n\nThe responsible authorities under the Crime and Disorder Act 1998 "
        "are Barset Borough Council, Barset Police and Barset Fire and Rescue Service.\n"
    )
    assert [p.name for p in paper(tmp_path, csp).partners or []] == [
        "Barset Borough Council",
        "Barset Police",
        "Barset Fire and Rescue Service",
    ]


# --- funding ---


FUNDING_WORDINGS = {
    "sums-listed-under-an-allocating-sentence": (
        "Community Safety Partnership report\n\n5.1 This year the partnership's budget of £30,000 was "
        "allocated as follows:\n\n  (a) £12,000 - street pastors in the town centre\n"
        "  (b) £10,000 - victim support for older people\n  (c) Youth diversion: £8,000\n\n"
        "5.2 Crime fell by 4% over the year.\n",
        [
            (12_000, "street pastors in the town centre"),
            (10_000, "victim support for older people"),
            (8_000, "Youth diversion"),
        ],
    ),
    "column-headed-by-a-year-in-pounds-and-prose-after-the-table": (
        "Community Safety Partnership report\n\nThe grants are allocated as follows:\n\n"
        "Scheme\tLead\t2019-20 (£)\nTaxi marshals\tCouncil\t18,000\nHate crime reporting\tPolice\t6,500\n"
        "Total\t\t24,500\n"
        "4.2 The partnership also holds a reserve, and the fee paid by each operator is £1,250\n",
        [(18_000, "Taxi marshals"), (6_500, "Hate crime reporting")],
    ),
    "contribution-a-year-towards-a-purpose": (
        "Community Safety Partnership report\n\n"
        "The County Council contributes £20,000 a year from its base budget towards the partnership's youth work.\n",
        [(20_000, "partnership's youth work")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), FUNDING_WORDINGS.values(), ids=FUNDING_WORDINGS.keys())
def test_funding_wording(tmp_path: Path, text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.amount_gbp, f.purpose) for f in paper(tmp_path, text).funding] == expected


# --- statutory wording ---


def test_annual_review_wrapped_across_lines_and_survey_responses(tmp_path: Path) -> None:
    text = (
        "Community Safety Partnership plan\n\nThe partnership plan is reviewed each\nyear. "
        "Over 900 residents responded to the 'Feel Safe in Northtown' survey this spring.\n"
    )
    status = {f.element: f.status for f in paper(tmp_path, text).statutory}
    assert status["plan_three_year_annual"] == "present"
    assert status["community_engagement"] == "present"
