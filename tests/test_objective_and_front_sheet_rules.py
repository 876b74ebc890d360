"""Regression cases, in invented wording, for the kinds of layout round 3 of the generalisation
papers showed: "Objective N:" headings, well-being objectives, tab-numbered paragraphs, priority
tables wrapped by a PDF, decision notices and cover furniture."""

from __future__ import annotations

from pathlib import Path

from pipeline import extract
from pipeline.priorities.cues import load_cues
from pipeline.priorities.lists import find_candidates
from pipeline.priorities.merge import merge
from schemas import PlanExtraction


def _priorities(text: str) -> list[str]:
    return [m.first.text for m in merge(find_candidates(text, load_cues(), lambda start, end: False))]


def _extract_text(tmp_path: Path, text: str) -> PlanExtraction:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path)


def test_objective_headings_are_priorities_and_their_bullets_are_not() -> None:
    text = (
        "Objective 1: Cut burglary in rural villages\n\nWe will:\n•\tmark property\n•\tvisit victims\n\n"
        "Objective 2 - Keep young people safe online\n\nWe will:\n•\trun school sessions\n"
    )
    assert _priorities(text) == ["Cut burglary in rural villages", "Keep young people safe online"]


def test_well_being_objectives_lead_into_a_list() -> None:
    text = (
        "The Board set these well-being objectives for 2018-2021:\n\n"
        "\t1.\tHomes are free from abuse\n\t2.\tStreets are free from litter\n"
    )
    assert _priorities(text) == ["Homes are free from abuse", "Streets are free from litter"]


def test_inline_list_in_a_tab_numbered_resolution() -> None:
    text = (
        "(3)\tThat the priorities for 2012-15 be noted, namely: cutting arson;"
        " reducing shoplifting; and tackling speeding.\n"
    )
    assert _priorities(text) == ["cutting arson", "reducing shoplifting", "tackling speeding"]


def test_priority_table_with_first_cells_wrapped_by_a_pdf() -> None:
    text = (
        "Priority\tOwner\tAim\n"
        "Cutting violence in and\tViolence Group\tFewer assaults\n"
        "around licensed premises\tat weekends\n"
        "Supporting carers of people with\tCarers Forum\tMore carers helped\n"
        "dementia\n"
        "Tackling speeding\tRoads Group\tSlower traffic\n"
    )
    assert _priorities(text) == [
        "Cutting violence in and around licensed premises",
        "Supporting carers of people with dementia",
        "Tackling speeding",
    ]


def test_tab_numbered_headings_over_tab_numbered_paragraphs(tmp_path: Path) -> None:
    text = (
        "2.0\tBACKGROUND\n\n2.1\tThe panel asked for this report in May.\n\n"
        "3.0\tOPTIONS\n\n3.1\tThere are two options open to members.\n"
    )
    result = _extract_text(tmp_path, text)
    assert [s.heading for s in result.sections] == ["BACKGROUND", "OPTIONS"]


def test_decision_notice_fields_under_its_heading(tmp_path: Path) -> None:
    text = (
        "BOROUGH OF POOLE\n\nRECORD OF DECISION\n\nDecision taken by:\tCabinet\nDate of decision:\t3 March 2010\n"
        "Subject:\tCommunity Safety Plan 2010-2013\n\nDecision\n\nThat the plan be approved.\n\n"
        "Published: 5 March 2010\n"
    )
    result = _extract_text(tmp_path, text)
    assert result.kind == "decision"
    assert result.meeting is not None and (result.meeting.body, str(result.meeting.date)) == ("Cabinet", "2010-03-03")
    assert result.title == "Community Safety Plan 2010-2013"
    assert result.published == "2010-03-05"


def test_cover_under_page_furniture_with_a_subtitled_title(tmp_path: Path) -> None:
    text = (
        "Agenda Item 4\nPage 17\n\nWorcester City Council\n\nAUDIT AND SCRUTINY PANEL\t9 March 2015\n"
        "Safer Worcester Partnership Plan 2014-2017: Refresh for 2015/16\n"
        "Report of the Head of Communities\n\nPurpose of the report\n\n1.\tTo present the refresh.\n\n"
        "Appendix 1 - The plan\n"
    )
    result = _extract_text(tmp_path, text)
    assert result.title == "Safer Worcester Partnership Plan 2014-2017: Refresh for 2015/16"


def test_partnership_named_safer_and_its_area(tmp_path: Path) -> None:
    text = (
        "CABINET\t4 June 2019\n\nSafer Communities update\n\n1.\tSafer Torbay is the community safety "
        "partnership for the bay. Safer Torbay met in May.\n"
    )
    assert _extract_text(tmp_path, text).partnership == "Safer Torbay"


def test_tab_numbered_short_items_stay_a_list_not_headings(tmp_path: Path) -> None:
    items = ["Reduce criminal damage", "Reduce shoplifting in the town", "Improve road safety near schools"]
    numbered = "\n".join(f"{n}.\t{item}" for n, item in enumerate(items, start=1))
    cover = "Safer Fenland Plan 2011-2014\n\nINTRODUCTION\n\nThe plan sets out what we will do this year.\n\n"
    result = _extract_text(tmp_path, f"{cover}OUR PRIORITIES FOR 2011/12\n\n{numbered}\n\nRESOURCES\n\nThe budget.\n")
    assert not [s.heading for s in result.sections if s.heading in items]
    assert [p.text for p in result.priorities] == items
