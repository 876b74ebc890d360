"""Metadata rules on minimal papers: council names, casing, front sheets, periods and contacts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline import councils, extract
from pipeline.textlines import name_case, title_case
from schemas import Meeting, PlanExtraction


def _extract_text(tmp_path: Path, text: str) -> PlanExtraction:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("ROTHERHAM BOROUGH COUNCIL", "Rotherham"),
        ("Rotherham Metropolitan Borough Council", "Rotherham"),
        ("SOUTH DERBYSHIRE DISTRICT COUNCIL", "South Derbyshire"),
        ("London Borough of Tower Hamlets", "Tower Hamlets"),
        ("Kingston upon Hull City Council", "Kingston upon Hull"),
        ("Bath & North East Somerset Council", "Bath and North East Somerset"),
        ("Southend Borough Council", "Southend-on-Sea"),
        ("Cyngor Sir Ceredigion", "Ceredigion"),
        ("Rochfrod District Council", "Rochford"),
    ],
)
def test_council_canonical_name(written, canonical):
    assert councils.canonical(written) == canonical


def test_council_mentions_in_running_text():
    text = (
        "the Metropolitan Borough of Wirral and "
        "City of Bradford Metropolitan District Council; Foo Vale District Council"
    )
    assert [(m.name, m.known) for m in councils.find_council_mentions(text)] == [
        ("Wirral", True),
        ("Bradford", True),
        ("Foo Vale", False),
    ]


def test_unknown_place_is_no_council():
    assert councils.canonical("Neighbourhood Crime Team") is None


def test_council_from_mail_domain():
    assert councils.from_domain("southampton.gov.uk") == "Southampton"


def test_title_case_of_capitals_keeps_acronyms_and_small_words():
    assert title_case("COMMUNITY SAFETY PARTNERSHIP – PARTNERSHIP PLAN 2009 TO 2011") == (
        "Community Safety Partnership – Partnership Plan 2009 to 2011"
    )
    assert title_case("CSP AND ASB REPORT") == "CSP and ASB Report"
    assert title_case("Already Mixed Case") == "Already Mixed Case"
    assert name_case("CHRIS SMITH") == "Chris Smith"


def test_report_to_block_with_fields_side_by_side(tmp_path):
    text = (
        "REPORT TO:\tCABINET\tAGENDA ITEM: 8\n"
        "DATE OF MEETING:\t3rd March 2011\tCATEGORY: OPEN\n"
        "SUBJECT:\tSafer Newtown Partnership Plan 2011-14\n\n"
        "1. Purpose\n\nTo note the plan of the Safer Newtown Partnership.\n\n"
        "Contact Officer: JANE DOE, Community Safety Manager\nEmail: Jane.Doe@wyreforest.gov.uk\n"
    )
    plan = _extract_text(tmp_path, text)
    assert plan.kind == "committee_report"
    assert plan.meeting is not None and (plan.meeting.body, plan.meeting.date) == ("Cabinet", dt.date(2011, 3, 3))
    assert plan.partnership == "Safer Newtown Partnership"
    assert plan.plan_period is not None and (plan.plan_period.start_year, plan.plan_period.end_year) == (2011, 2014)
    assert plan.council == "Wyre Forest"  # from the officer's mail domain
    (contact,) = plan.contacts
    assert (contact.name, contact.role, contact.email) == (
        "Jane Doe",
        "Community Safety Manager",
        "jane.doe@wyreforest.gov.uk",
    )


COVERS = {
    "plan_cover_with_month_year": (
        "Safer Eastleigh Partnership\n\nCommunity Safety Strategy 2014-2017\n\nJune 2014\n\n"
        "1 Introduction\n\nThis strategy sets out our priorities.\n\n2 Priorities\n\nBurglary.\n",
        ("strategy", "Eastleigh", None, None, "2014-06", "Community Safety Strategy 2014-2017"),
    ),
    "report_cover_with_committee_above_the_date": (
        "WYCHAVON DISTRICT COUNCIL\nOVERVIEW AND SCRUTINY COMMITTEE\n\n4TH FEBRUARY 2010\n\n"
        "COMMUNITY SAFETY PARTNERSHIP ANNUAL REPORT\n\n1. SUMMARY\n\nText.\n\n2. RECOMMENDATIONS\n\nText.\n",
        (
            "committee_report",
            "Wychavon",
            "Overview and Scrutiny Committee",
            dt.date(2010, 2, 4),
            None,
            "Community Safety Partnership Annual Report",
        ),
    ),
}


@pytest.mark.parametrize("name", COVERS)
def test_cover_without_labels(tmp_path, name):
    # a plan's cover month is its publication date; a report's cover names the committee above the date
    text, expected = COVERS[name]
    plan = _extract_text(tmp_path, text)
    meeting = plan.meeting or Meeting()
    assert (plan.kind, plan.council, meeting.body, meeting.date, plan.published, plan.title) == expected
    assert (plan.meeting is None) == (expected[2] is None)


def test_plan_period_is_the_one_in_force_at_the_meeting(tmp_path):
    # the previous year's plan is named too; the plan under report covers the meeting date
    text = (
        "Meeting:\tCabinet\nDate:\t10 July 2012\nTitle:\tCommunity Safety Plan\n\n"
        "1. Summary\n\nThe 2011/12 Partnership Plan met its targets. The draft Partnership Plan 2012-13 is attached.\n"
    )
    plan = _extract_text(tmp_path, text)
    assert plan.plan_period is not None and (plan.plan_period.start_year, plan.plan_period.end_year) == (2012, 2013)


def test_email_split_by_a_line_break_is_mended(tmp_path):
    text = (
        "1. Summary\n\nText.\n\nAUTHOR:\tName:\tAnn Lee\tTel:\t023 8083 3989\n\tE-mail:\tAnn.Lee@southampton.gov.u k\n"
    )
    plan = _extract_text(tmp_path, text)
    (contact,) = plan.contacts
    assert (contact.name, contact.email, contact.phone) == ("Ann Lee", "ann.lee@southampton.gov.uk", "023 8083 3989")


def test_meeting_and_date_in_one_field(tmp_path):
    text = (
        "From:\tLeader of the Council\nTo:\tCabinet – 4 March 2025\n"
        "Subject:\tQuarterly Performance Report\n\n1. Introduction\n\nText.\n"
    )
    plan = _extract_text(tmp_path, text)
    assert plan.meeting is not None and (plan.meeting.body, plan.meeting.date) == ("Cabinet", dt.date(2025, 3, 4))
    assert plan.title == "Quarterly Performance Report"


def test_minutes_cover_names_the_body_and_the_date(tmp_path):
    text = (
        "KENT COUNTY COUNCIL\n\nMINUTES of a meeting of the County Council held in the Council Chamber,\n"
        "County Hall, Maidstone on Thursday, 13 March 2025.\n\n292. Apologies for Absence\n\nNone.\n\n"
        "293. Questions\n\nNone.\n"
    )
    plan = _extract_text(tmp_path, text)
    assert (plan.kind, plan.council) == ("minutes", "Kent")
    assert plan.meeting is not None and (plan.meeting.body, plan.meeting.date) == (
        "County Council",
        dt.date(2025, 3, 13),
    )
    assert [s.number for s in plan.sections] == ["292", "293"]


def test_contact_details_heading_with_two_officers(tmp_path):
    text = (
        "1. Summary\n\nText.\n\n4. Contact details\n"
        "Matthew Wagner\nChief Analyst\nTelephone: 03000 416559\nMatthew.Wagner@kent.gov.uk\n"
        "David Whittle\nDirector of Strategy\nTelephone: 03000 416833\nDavid.Whittle@kent.gov.uk\n"
    )
    plan = _extract_text(tmp_path, text)
    assert [(c.name, c.role, c.email, c.phone) for c in plan.contacts] == [
        ("Matthew Wagner", "Chief Analyst", "matthew.wagner@kent.gov.uk", "03000 416559"),
        ("David Whittle", "Director of Strategy", "david.whittle@kent.gov.uk", "03000 416833"),
    ]


def test_contact_with_role_phone_and_email_on_one_line(tmp_path):
    text = (
        "1. Summary\n\nText.\n\n"
        "Report author: Jane Smith, Community Safety Manager, 01234 567890, Jane.Smith@wirral.gov.uk\n"
    )
    (contact,) = _extract_text(tmp_path, text).contacts
    assert (contact.name, contact.role, contact.phone, contact.email) == (
        "Jane Smith",
        "Community Safety Manager",
        "01234 567890",
        "jane.smith@wirral.gov.uk",
    )


def test_body_and_date_on_one_cover_line(tmp_path):
    plan = _extract_text(
        tmp_path,
        "SWINDON BOROUGH COUNCIL\n\nCabinet - Wednesday 18th October 2023\n\n"
        "Community Safety Plan 2023-2026\n\n1. Purpose\n\nTo endorse the plan.\n",
    )
    assert plan.kind == "committee_report"
    assert (plan.meeting.body, plan.meeting.date) == ("Cabinet", dt.date(2023, 10, 18))


def test_body_on_cover_above_a_labelled_meeting_date(tmp_path):
    plan = _extract_text(
        tmp_path,
        "LONDON BOROUGH OF HOUNSLOW\n\nCABINET\n\nDate of meeting:\tTuesday, 12 July 2022\n"
        "Report of:\tExecutive Director\n\nSAFER HOUNSLOW PARTNERSHIP STRATEGY 2022-2025\n\n"
        "1. PURPOSE\n\nTo endorse the strategy.\n",
    )
    assert (plan.kind, plan.meeting.body, plan.meeting.date) == ("committee_report", "Cabinet", dt.date(2022, 7, 12))
    assert plan.title == "Safer Hounslow Partnership Strategy 2022-2025"


def test_author_line_is_no_title(tmp_path):
    plan = _extract_text(
        tmp_path,
        "BROXTOWE BOROUGH COUNCIL\n\nREPORT OF THE DIRECTOR OF HOUSING\n\n"
        "HOUSING COMMITTEE\t21 JUNE 2011\n\nCOMMUNITY SAFETY PARTNERSHIP PLAN 2011-2014\n\n"
        "1.\tPurpose of report\n\nTo inform members.\n",
    )
    assert plan.title == "Community Safety Partnership Plan 2011-2014"
    assert (plan.meeting.body, plan.meeting.date) == ("Housing Committee", dt.date(2011, 6, 21))


def test_welsh_cover_gives_the_english_council_name(tmp_path):
    plan = _extract_text(
        tmp_path,
        "CYNGOR SIR DDINBYCH\nDENBIGHSHIRE COUNTY COUNCIL\n\nReport To:\tScrutiny Committee\n"
        "Date of Meeting:\t14/01/2014\n\n1. What is the report about?\n\nThe plan.\n",
    )
    assert plan.council == "Denbighshire"
    assert plan.meeting.date == dt.date(2014, 1, 14)


def test_assessment_title_year_is_not_the_plan_period(tmp_path):
    plan = _extract_text(
        tmp_path,
        "WIGAN COUNCIL\n\nSCRUTINY COMMITTEE\n\nMeeting date:\t7 March 2017\n"
        "Report title:\tCommunity Safety Strategic Assessment 2016/17\n\n1.0 BACKGROUND\n\n"
        "The assessment informs the partnership plan for 2017-2020.\n",
    )
    assert (plan.plan_period.start_year, plan.plan_period.end_year) == (2017, 2020)


def test_email_spelling_the_author_name_is_the_author_email(tmp_path):
    plan = _extract_text(
        tmp_path,
        "Report To:\tScrutiny Committee\nDate of Meeting:\t14/01/2014\n"
        "Report Author:\tSian Pritchard, Community Safety Manager\n\n1. About\n\nText.\n\n"
        "7. Contact Officer:\n\nCommunity Safety Manager\nEmail: sian.pritchard@denbighshire.gov.uk\n",
    )
    assert [(c.name, c.email) for c in plan.contacts] == [("Sian Pritchard", "sian.pritchard@denbighshire.gov.uk")]
