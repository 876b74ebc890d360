"""Regression cases for the priority list shapes, on minimal texts."""

from __future__ import annotations

from pipeline.priorities.cues import load_cues
from pipeline.priorities.lists import find_candidates
from pipeline.priorities.merge import merge
from pipeline.priorities.wording import same_priority


def _texts(text: str) -> list[tuple[str, str | None, str | None]]:
    candidates = find_candidates(text, load_cues(), lambda start, end: False)
    return [(m.first.text, m.first.scope, m.first.period) for m in merge(candidates)]


def test_inline_list_wrapped_over_lines() -> None:
    text = (
        "3.1 The Board agreed that the four priorities would be: burglary,\n"
        "anti-social behaviour, domestic abuse and\nroad safety.\n"
    )
    assert [t for t, _, _ in _texts(text)] == ["burglary", "anti-social behaviour", "domestic abuse", "road safety"]


def test_inline_list_last_item_splits_at_its_first_and() -> None:
    text = "The three priorities are: crime and disorder, anti-social behaviour and drug and alcohol misuse.\n"
    assert [t for t, _, _ in _texts(text)] == ["crime and disorder", "anti-social behaviour", "drug and alcohol misuse"]


def test_heading_right_above_a_list_is_a_cue() -> None:
    text = "Our Priorities for 2013/14\n\n- Burglary\n- Violence with injury\n"
    assert [t for t, _, _ in _texts(text)] == ["Burglary", "Violence with injury"]


def test_scope_named_in_the_lead_in_of_separate_lists() -> None:
    text = (
        "Our county-wide priorities are:\n- Domestic abuse\n- Reoffending\n\n"
        "Our local priorities are:\n- Anti-social behaviour\n- Shoplifting\n"
    )
    assert _texts(text) == [
        ("Domestic abuse", "county", None),
        ("Reoffending", "county", None),
        ("Anti-social behaviour", "local", None),
        ("Shoplifting", "local", None),
    ]


def test_numbered_paragraphs_of_the_paper_are_not_a_list() -> None:
    text = (
        "6. The partnership agreed three priorities:\n7. In addition the plan lists actions.\n8. The council agrees.\n"
    )
    assert _texts(text) == []


def test_recommendations_statutory_duties_and_data_sources_are_not_priorities() -> None:
    text = (
        "The statutory requirements for the plan, including its priorities, are:\n"
        "- a three year plan\n- revised annually\n\n"
        "The data sources used to identify the priorities include:\n- police data\n- fire data\n\n"
        "It is recommended that Members note these recommendations on priorities:\n"
        "- endorse the plan\n- note it\n"
    )
    assert _texts(text) == []


def test_adjectival_priority_is_not_a_cue() -> None:
    text = "The following priority groups are in place:\n- ASB group\n- Burglary group\n"
    assert _texts(text) == []


def test_priorities_with_different_amounts_or_years_are_different() -> None:
    assert not same_priority("Reduce ASB by 10% during 2010/2011", "Reduce ASB by 2% during 2011/2012")
    assert same_priority(
        "Strategic Priority 1: Reduce Anti-Social Behaviour by 2% by 2012",
        "Reduce anti-social behaviour by 2% during 2011/2012.",
    )


def test_no_text_no_priorities() -> None:
    assert _texts("") == []


def test_letter_with_full_stop_marks_an_item() -> None:
    assert [t for t, _, _ in _texts("The priorities for 2014/15 are:\na. Burglary\nb. Domestic abuse\n")] == [
        "Burglary",
        "Domestic abuse",
    ]


def test_a_duty_named_in_another_clause_does_not_stop_the_cue() -> None:
    text = "In line with our statutory duty, the partnership agreed the following priorities:\n- Burglary\n- Arson\n"
    assert [t for t, _, _ in _texts(text)] == ["Burglary", "Arson"]


def test_priority_heading_with_no_title_is_no_priority() -> None:
    assert _texts("Priority 1: :") == []


def test_priority_actions_are_not_priorities() -> None:
    assert _texts("Priority actions for 2012/13\n\n- Recruit an ASB officer\n- Run a campaign\n") == []


def test_same_wording_for_two_years_is_two_priorities() -> None:
    text = (
        "The priorities for 2010/11 were:\n- Reduce burglary\n- Reduce ASB\n\n"
        "The priorities for 2011/12 are:\n- Reduce burglary\n"
    )
    assert _texts(text) == [
        ("Reduce burglary", None, "2010/2011"),
        ("Reduce ASB", None, "2010/2011"),
        ("Reduce burglary", None, "2011/2012"),
    ]
