"""Whether a paper is about community safety (whole, part, none), and what that does to the audit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
from conftest import REAL_PDFS, ROOT, SEEDS
from spacy.attrs import IDX

from pipeline import extract, nlp, process
from pipeline.cue_index import columns
from pipeline.errors import RuleDataError
from pipeline.ingest import load
from pipeline.parsed import Parsed
from pipeline.reports.audit import to_markdown
from pipeline.stages.topic import _groups, _other_services_in, _passages, parse_rules, rules
from schemas import PlanExtraction

FIXTURES = ROOT / "tests/fixtures"
# Every paper about community safety the project has: the seeds in all three formats and the
# held-out papers of the tests (their README files are not papers).
CSP_PAPERS = sorted(
    [*SEEDS.glob("*.*"), *(p for p in FIXTURES.rglob("*") if p.suffix in {".txt", ".pdf", ".html", ".md"})],
)
CSP_PAPERS = [p for p in CSP_PAPERS if p.name != "README.md"]
# Held-out papers on other services, or partly about community safety, say so in their gold.
NOT_WHOLLY = {
    p.name.removesuffix(".gold.json")
    for p in FIXTURES.rglob("*.gold.json")
    if json.loads(p.read_text(encoding="utf-8")).get("community_safety", "whole") != "whole"
}
CSP_PAPERS = [p for p in CSP_PAPERS if p.stem not in NOT_WHOLLY]


def paper(tmp_path: Path, text: str, name: str = "paper.txt") -> PlanExtraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("path", CSP_PAPERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_community_safety_paper_is_wholly_about_it(path: Path) -> None:
    plan = process(path)
    topic = plan.community_safety
    assert topic is not None and topic.reach == "whole", (topic, plan.title)
    assert topic.evidence and all(e.quote for e in topic.evidence)
    assert all(e.page for e in topic.evidence if e.span is not None)
    assert all(f.status != "not_applicable" for f in plan.statutory)


@pytest.mark.parametrize(
    "name",
    [
        "kent-cc_2025_ics-priorities-measures.pdf",  # a health and care strategy
        "kent-cc_2025_qpr-q3-cabinet-report.pdf",  # a council-wide performance report's cover paper
        "kent-cc_2025_county-council-minutes.pdf",  # minutes that mention wardens once
    ],
)
def test_paper_on_other_services_is_not_about_community_safety(name: str) -> None:
    plan = process(REAL_PDFS / name)
    assert plan.community_safety is not None
    assert (plan.community_safety.reach, plan.community_safety.share) == ("none", 0.0)
    assert plan.community_safety.passages == []
    # the checklist of a community safety plan does not apply: no element is present or absent
    assert {f.status for f in plan.statutory} == {"not_applicable"}
    assert all(not f.evidence and f.note for f in plan.statutory)


def test_performance_report_with_a_community_safety_section_is_partly_about_it() -> None:
    plan = process(REAL_PDFS / "kent-cc_2025_qpr-q3-appendix.pdf")
    topic = plan.community_safety
    assert topic is not None and topic.reach == "part"
    assert topic.sections == ["Community Safety"] and 0 < topic.share < 0.1
    inside = [(p.start, p.end) for p in topic.passages]
    quotes = [e for f in plan.statutory for e in f.evidence]
    assert quotes, "the community safety section still shows elements"
    assert all(any(s <= e.span.start < end for s, end in inside) for e in quotes if e.span)
    # the care plan "reviewed annually" of the adult social care pages is no plan revised each year
    assert next(f for f in plan.statutory if f.element == "plan_three_year_annual").status == "absent"
    # the auditor's report says which part was judged
    assert "About community safety: in part (3% of its words): only Community Safety judged" in to_markdown(plan)


def test_passing_mention_of_the_police_does_not_make_a_paper_about_community_safety(tmp_path: Path) -> None:
    health = (
        "Health and Wellbeing Board\n\nMeeting: 4 March 2024\n\n1. Purpose\n\n"
        + "The board will improve access to primary care and reduce waiting times for treatment. " * 12
        + "Partners include the NHS trust, the council and the police.\n"
    )
    assert paper(tmp_path, health).community_safety.reach == "none"  # type: ignore[union-attr]


def test_section_under_a_community_safety_heading_is_part_of_a_wider_report(tmp_path: Path) -> None:
    other = "The service improved its response times and reduced the backlog of applications. " * 20
    text = (
        "Quarterly Performance Report\n\n1. Highways\n\n"
        + other
        + "\n\n2. Libraries\n\n"
        + other
        + "\n\n3. Community Safety\n\nThe wardens worked with partners across the county this quarter.\n"
    )
    topic = paper(tmp_path, text).community_safety
    assert topic is not None and topic.reach == "part"
    assert topic.sections == ["3"]
    assert text[topic.passages[0].start :].startswith("3. Community Safety")


def test_title_that_names_the_field_makes_the_paper_about_it(tmp_path: Path) -> None:
    text = "Safer Communities Strategy 2024-2027\n\nThe council will consult residents on the draft strategy.\n"
    topic = paper(tmp_path, text).community_safety
    assert topic is not None and topic.reach == "whole"
    assert topic.evidence[0].quote == "Safer Communities Strategy 2024-2027"


def test_paper_full_of_crime_wording_is_about_it_without_a_heading(tmp_path: Path) -> None:
    text = (
        "Report to Cabinet\n\n"
        + "Burglary fell by 8% and robbery by 3%; violent crime rose, and the police will target offenders. " * 5
    )
    topic = paper(tmp_path, text).community_safety
    assert topic is not None and (topic.reach, topic.share) == ("whole", 1.0)


def test_broken_rule_file_is_a_data_error() -> None:
    data = json.loads(rules().model_dump_json())
    data["naming"]["colour"] = "red"
    with pytest.raises(RuleDataError) as caught:
        parse_rules(json.dumps(data))
    assert caught.value.code == "data.invalid"


def _other_services_one_by_one(tokens, grouped, group, bounds) -> list[int]:
    """`_other_services_in` the plain way: each service's words counted per passage in turn."""
    most = numpy.zeros(len(bounds) - 1, dtype=numpy.int64)
    for service in range(1, len(rules().other_services) + 1):
        at = tokens[IDX][grouped[group == service]].astype(numpy.int64)
        most = numpy.maximum(most, numpy.diff(numpy.searchsorted(at, bounds)))
    return most.tolist()


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_other_services_counted_at_once_equal_one_service_at_a_time(path: Path) -> None:
    document = load(path)
    parsed = Parsed(document=document, doc=nlp.parse(document.text))
    parsed.with_sections(process(path).sections)
    tokens = columns(parsed.doc)
    grouped, group = _groups(tokens)
    starts, _ = _passages(parsed)
    cuts = [[*starts, len(parsed.text)], [0, len(parsed.text)], [0, 5, 5, 900, len(parsed.text)]]
    cuts.append([*range(0, len(parsed.text), 97), len(parsed.text)])
    for bounds in map(lambda c: numpy.array(c, dtype=numpy.int64), cuts):
        got = _other_services_in(tokens, grouped, group, bounds)
        assert got == _other_services_one_by_one(tokens, grouped, group, bounds)
    fine = numpy.array(cuts[-1], dtype=numpy.int64)
    assert any(_other_services_in(tokens, grouped, group, fine)) == bool((group > 0).any())
