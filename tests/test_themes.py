"""The theme taxonomy file and the matcher: validation, matching methods, ranking of themes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.themes import THEMES_FILE, Taxonomy, ThemeMatcher, default_matcher, load_taxonomy

GOLD_THEME_IDS = {
    "overall_crime", "anti_social_behaviour", "violent_crime", "domestic_abuse", "sexual_offences",
    "serious_acquisitive_crime", "criminal_damage", "environmental_crime", "substance_misuse",
    "night_time_economy", "reoffending", "young_people", "hate_crime", "public_confidence",
    "vulnerable_people", "priority_places", "road_safety", "extremism", "exploitation",
    "fraud_and_cyber_crime", "partnership_governance", "other",
}  # fmt: skip


def _themes(text: str) -> list[str]:
    return default_matcher().themes(text)


def test_taxonomy_has_exactly_the_gold_theme_ids() -> None:
    taxonomy = load_taxonomy()
    assert {t.id for t in taxonomy.themes} == GOLD_THEME_IDS
    assert taxonomy.fallback == "other"


def test_taxonomy_rejects_duplicate_ids_and_phrases_as_keywords() -> None:
    raw = json.loads(THEMES_FILE.read_text(encoding="utf-8"))
    raw["themes"].append(dict(raw["themes"][0]))
    with pytest.raises(ValidationError, match="duplicate theme ids"):
        Taxonomy.model_validate(raw)
    raw = json.loads(THEMES_FILE.read_text(encoding="utf-8"))
    raw["themes"][0]["keywords"] = ["two words"]
    with pytest.raises(ValidationError, match="single words"):
        Taxonomy.model_validate(raw)


def test_every_taxonomy_example_gets_its_theme() -> None:
    matcher = default_matcher()
    for theme in load_taxonomy().themes:
        for example in theme.examples:
            assert theme.id in matcher.themes(example), (theme.id, example)


def test_assignment_records_the_term_and_method() -> None:
    reasons = default_matcher().assign("Public Reassurance")
    assert [(r.theme, r.term, r.method) for r in reasons] == [("public_confidence", "Public Reassurance", "phrase")]


def test_plural_matches_by_lemma() -> None:
    reasons = default_matcher().assign("Reducing burglaries")
    assert reasons[0].theme == "serious_acquisitive_crime"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Tackling anti-social behavour", "anti_social_behaviour"),
        ("Reduce burglery", "serious_acquisitive_crime"),
        ("Dealing with re offenders", "reoffending"),
    ],
)
def test_misspellings_match_fuzzily(text: str, theme: str) -> None:
    assert _themes(text)[0] == theme


def test_nothing_fits_is_other() -> None:
    reasons = default_matcher().assign("Supporting the local economy")
    assert [(r.theme, r.method) for r in reasons] == [("other", "default")]


def test_perception_of_crime_and_asb_is_public_confidence_first() -> None:
    text = "Reducing and managing perceptions of crime and anti-social behaviour and improving confidence"
    assert _themes(text) == ["public_confidence", "anti_social_behaviour"]


def test_related_qualifier_ranks_after_the_head() -> None:
    assert _themes("Alcohol related violent crime") == ["violent_crime", "substance_misuse"]
    assert _themes("Youth related ASB") == ["anti_social_behaviour", "young_people"]


def test_parenthesis_naming_a_generic_crime_is_the_head() -> None:
    assert _themes("Alcohol related crime (night time economy)") == ["night_time_economy", "substance_misuse"]


def test_generic_remit_ranks_after_a_place_focus() -> None:
    assert _themes("Reducing crime and anti-social behaviour in 'priority areas'") == [
        "priority_places",
        "anti_social_behaviour",
    ]


def test_overall_crime_only_when_nothing_more_specific() -> None:
    assert _themes("Reduce all crime") == ["overall_crime"]
    assert "overall_crime" not in _themes("Serious acquisitive crime")


def test_a_nested_match_gives_way_to_the_longer_one() -> None:
    assert _themes("Reduce domestic violence") == ["domestic_abuse"]
    assert _themes("Tackle ASB driving") == ["road_safety"]


def test_protected_people_rank_after_the_harm() -> None:
    assert _themes("Protecting vulnerable adults from exploitation")[0] == "exploitation"


def test_a_custom_taxonomy_file_is_used(tmp_path) -> None:
    raw = json.loads(THEMES_FILE.read_text(encoding="utf-8"))
    raw["themes"].insert(
        0, {"id": "heritage_crime", "label": "Heritage crime", "synonyms": ["heritage crime"], "keywords": ["lead"]}
    )
    path = tmp_path / "themes.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    matcher = ThemeMatcher(load_taxonomy(str(path)))
    assert matcher.themes("Tackling heritage crime and metal theft")[0] == "heritage_crime"


def test_a_misspelling_keeps_its_first_letter() -> None:
    # "offences" is generic and no near-miss of a reoffending term: only young people remain
    assert _themes("Reducing offences by young people") == ["young_people"]
    assert [r.method for r in default_matcher().assign("Reducing offending")] == ["keyword"]


def test_a_town_centre_names_where_a_theme_is_not_the_night_time_economy() -> None:
    assert _themes("Cutting criminal damage in the city centres and parks") == ["criminal_damage"]
    assert _themes("Safer town centres") == ["night_time_economy"]
    assert _themes("Less drunken disorder in the town centre at night")[0] == "night_time_economy"
    assert _themes("A town centre safe to visit by day and by night, with less violence")[0] == "night_time_economy"
    assert "night_time_economy" in _themes("Alcohol-related violence in the city centre")


def _wordings_to_theme() -> list[str]:
    """Every gold priority and target metric of the corpus, the taxonomy's examples and odd cases."""
    texts = ["", "   ", "Nothing fits here", "crime (night time economy)", "re offenders and reofending"]
    for path in sorted((Path(__file__).parent.parent / "corpus" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        texts += [p["text"] for p in gold.get("priorities", [])]
        texts += [t["metric"] for t in gold.get("targets", []) if t.get("metric")]
    texts += [example for theme in load_taxonomy().themes for example in theme.examples]
    return texts


def test_theme_ids_are_those_of_the_assignments() -> None:
    # `themes` reads the chosen matches without making the assignment models `assign` makes
    matcher = default_matcher()
    texts = _wordings_to_theme()
    assert len(texts) > 50
    for text in texts:
        assert matcher.themes(text) == [a.theme for a in matcher.assign(text)], text
