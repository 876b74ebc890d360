"""Sections of the seed papers: numbered, upper-case and appendix headings, contents pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract
from schemas import PlanExtraction
from tests.extractions import FORMATS, extracted

BROMSGROVE, SOUTH_DERBYSHIRE, SOUTHAMPTON, ROCHFORD, ROTHERHAM = (
    "001_af8bf309ee297552",
    "002_cc554ea183c4090a",
    "003_08cd4bb102deff76",
    "004_344879f04729efa5",
    "000_2ad17110b5a37932",
)


def _headings(plan: PlanExtraction) -> list[str]:
    return [s.heading for s in plan.sections]


def _extract_text(tmp_path: Path, text: str) -> PlanExtraction:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_bromsgrove_numbered_headings(fmt):
    plan = extracted(BROMSGROVE, fmt)
    numbered = [s.number for s in plan.sections if s.kind == "numbered"]
    assert numbered == [str(n) for n in range(1, 16)]
    assert plan.sections[0].heading == "SUMMARY"
    assert all(s.level == 1 for s in plan.sections if s.kind == "numbered")


@pytest.mark.parametrize("fmt", FORMATS)
def test_bromsgrove_numbered_paragraphs_are_not_headings(fmt):
    # "3.1 A requirement was established ..." and "- 3.3 The sources ..." are paragraphs of section 3
    plan = extracted(BROMSGROVE, fmt)
    assert not any(s.number and "." in s.number for s in plan.sections)
    background = next(s for s in plan.sections if s.number == "3")
    paragraph = next(s for s in plan.sections if s.number == "4")
    assert background.span.end == paragraph.span.start


@pytest.mark.parametrize("fmt", FORMATS)
def test_bromsgrove_appendix_list_is_not_appendices(fmt):
    # "Appendix 1 – ...", "Appendix 2 – ..." listed under "14. APPENDICES" do not start appendices
    assert not [s for s in extracted(BROMSGROVE, fmt).sections if s.kind == "appendix"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_rochford_contents_page_not_duplicated(fmt):
    plan = extracted(ROCHFORD, fmt)
    headings = _headings(plan)
    assert headings.count("Contents") == 1
    assert headings.count("Introduction") == 1
    contents = plan.sections[0]
    introduction = next(s for s in plan.sections if s.number == "1")
    assert contents.heading == "Contents" and contents.span.end <= introduction.span.start
    assert [s.number for s in plan.sections if s.kind == "numbered"] == [str(n) for n in range(1, 12)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_rochford_appendix_and_its_subsections(fmt):
    plan = extracted(ROCHFORD, fmt)
    appendix = next(s for s in plan.sections if s.kind == "appendix")
    assert appendix.number == "Appendix 1" and appendix.level == 1
    children = [s for s in plan.sections if s.parent == appendix.id]
    assert [c.heading.split(":")[0] for c in children] == [f"Strategic Priority {n}" for n in range(1, 5)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_southampton_upper_case_headings(fmt):
    plan = extracted(SOUTHAMPTON, fmt)
    headings = _headings(plan)
    for expected in ("BRIEF SUMMARY", "RECOMMENDATION", "RESOURCE IMPLICATIONS", "LEGAL IMPLICATIONS"):
        assert expected in headings
    # the numbered paragraphs "1. This annual plan is ..." are not headings
    assert not [s for s in plan.sections if s.kind == "numbered"]
    resources = next(s for s in plan.sections if s.heading == "RESOURCE IMPLICATIONS")
    assert [s.heading for s in plan.sections if s.parent == resources.id] == ["Capital", "Revenue", "Property/Other"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_south_derbyshire_decimal_headings(fmt):
    # "3.0 Detail" is section 3; the stray "4.0 5.0 Corporate Implications" is section 5
    plan = extracted(SOUTH_DERBYSHIRE, fmt)
    assert [(s.number, s.heading) for s in plan.sections][2:5] == [
        ("3", "Detail"),
        ("4", "Financial Implications"),
        ("5", "Corporate Implications"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_rotherham_key_value_block_is_not_sections(fmt):
    plan = extracted(ROTHERHAM, fmt)
    assert [s.number for s in plan.sections if s.kind == "numbered"] == [str(n) for n in range(5, 12)]


def test_spans_reach_the_next_heading_of_the_same_level(tmp_path):
    text = "1. Introduction\n\nText.\n\n1.1 Scope\n\nMore text.\n\n2. Priorities\n\nThe end.\n"
    plan = _extract_text(tmp_path, text)
    one, scope, two = plan.sections
    assert (one.level, scope.level, scope.parent, two.level) == (1, 2, "1", 1)
    assert one.span.end == two.span.start and scope.span.end == two.span.start
    assert text[one.span.start : one.span.start + 15] == "1. Introduction"


def test_section_word_and_lettered_appendix(tmp_path):
    text = "Section 4: Delivery\n\nWork will be done.\n\nAppendix A – Action Plan\n\nActions.\n"
    plan = _extract_text(tmp_path, text)
    assert [(s.number, s.heading, s.kind) for s in plan.sections] == [
        ("4", "Delivery", "numbered"),
        ("Appendix A", "Action Plan", "appendix"),
    ]


def test_numbered_sentence_is_a_paragraph(tmp_path):
    text = "2. Background\n\n2.1 The partnership has agreed three priorities for the year.\n\n2.2 Funding\n\nNone.\n"
    plan = _extract_text(tmp_path, text)
    assert [s.number for s in plan.sections] == ["2", "2.2"]


def test_contents_lines_with_dotted_leaders(tmp_path):
    text = (
        "Contents\n\n1 Introduction ........ 3\n2 Priorities ........ 5\nAppendix A ........ 9\n\n"
        "1 Introduction\n\nWords.\n\n2 Priorities\n\nMore words.\n\nAppendix A\n\nTables.\n"
    )
    plan = _extract_text(tmp_path, text)
    assert _headings(plan) == ["Contents", "Introduction", "Priorities", "Appendix A"]


def test_unnumbered_summary_before_numbered_sections_is_kept(tmp_path):
    text = (
        "WYRE FOREST DISTRICT COUNCIL\n\nCABINET\n\n"
        "EXECUTIVE SUMMARY\n\nThe partnership has reviewed its priorities for the coming year and proposes three.\n\n"
        "1. INTRODUCTION\n\nText.\n\n2. PRIORITIES\n\nText.\n"
    )
    plan = _extract_text(tmp_path, text)
    assert _headings(plan) == ["EXECUTIVE SUMMARY", "INTRODUCTION", "PRIORITIES"]
