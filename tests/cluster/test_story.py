"""Story names read from a real parse of invented articles."""

from __future__ import annotations

import pytest

from resgestae import actors, geo, words
from resgestae.cluster.story import names_match, story_names
from resgestae.pipeline import Options, Resources


@pytest.fixture(scope="module")
def resources():
    return Resources.load(Options())


def names(parse, resources, text):
    parsed = parse(text)
    mentions = actors.find_mentions(parsed, resources.actors)
    toponyms = geo.find_toponyms(parsed, resources.gazetteer)
    return story_names(
        parsed,
        mentions,
        toponyms,
        resources.gazetteer.capitals,
        words.word_list("news_media"),
        resources.actors.knows,
    )


# Invented for this test: a fictional official of a fictional firm in a real town.
STORY = (
    "Police in Guimaraes questioned Marta Quaresmo on Monday over the missing ledgers of the "
    "Ribeira Shipping Cooperative, AP reported. Quaresmo denied any wrongdoing. Officers "
    "searched the offices of the Ribeira Shipping Cooperative in Guimaraes, and Quaresmo's "
    "lawyer said the Portuguese government was pursuing her. Quaresmo was released. France "
    "and Lisbon were not involved; Lisbon said so in Portugal, and AP confirmed it in Portugal."
)


def test_the_names_an_article_is_about_and_not_its_countries_capitals_or_agencies(parse, resources):
    found = names(parse, resources, STORY)
    # her short name counts for her full name (each form is said once)
    assert {"marta quaresmo", "ribeira shipping cooperative", "guimaraes"} <= set(found)
    assert not {"portugal", "france", "lisbon", "ap"} & set(found)


def test_a_name_said_once_is_not_a_story_name(parse, resources):
    found = names(parse, resources, "Marta Quaresmo was questioned in Guimaraes on Monday.")
    assert found == ()


def test_names_match_on_a_run_of_words():
    assert names_match(["quaresmo"], ["marta quaresmo"])
    assert names_match(["ribeira shipping cooperative"], ["ribeira shipping"])
    assert not names_match(["quaresmo"], ["porto"])
    assert not names_match([], ["porto"])
