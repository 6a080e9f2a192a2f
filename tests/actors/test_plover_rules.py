"""Rules that align actors with the PLOVER manual: sector vocabulary, organisations' roles,
titles, bodies of bodies, hyphenated country words, context and coreference.

Sentences written for these tests; the real spaCy model (``parse`` fixture)."""

from __future__ import annotations

import pytest

from resgestae.actors.build_tables import org_sector

from .helpers import actor


# -- vocabulary ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "noun, sector",
    [
        ("journalist", "JRN"),
        ("newspaper", "JRN"),
        ("doctor", "MED"),
        ("nurse", "MED"),
        ("imam", "REL"),
        ("bishop", "REL"),
        ("ngo", "SOC"),
    ],
)
def test_agent_nouns_use_plover_sectors(lex, noun, sector):
    assert lex.agent(noun)[0] == sector


@pytest.mark.parametrize(
    "code, sector",
    [
        ("IGOUNO", "GOV"),
        ("IGOJUDICC", "JUD"),
        ("IGOUNOHLHWHO", "GOV"),
        ("NGOHLHIRC", "MED"),
        ("NGOHRIAMN", "SOC"),
        ("IMGMUSALQ", "REB"),
        ("MNCUSA", "BUS"),
    ],
)
def test_an_organisation_sector_is_its_role(code, sector):
    assert org_sector(code) == sector


@pytest.mark.parametrize(
    "name, sector",
    [
        ("NATO", "MIL"),
        ("UN Security Council", "GOV"),
        ("Amnesty", "SOC"),
        ("Doctors Without Borders", "MED"),
        ("International Criminal Court", "JUD"),
    ],
)
def test_packaged_organisations_have_roles(lex, name, sector):
    assert lex.lookup(name).sector == sector


def test_hyphens_do_not_split_names(lex):
    assert lex.lookup("Jean-Bertrand Aristide") == lex.lookup("Jean Bertrand Aristide")
    assert lex.lookup("al-Qaeda").code == lex.lookup("Al Qaeda").code


# -- phrases -------------------------------------------------------------------------------------
def test_hyphenated_country_words_are_each_a_modifier(mentions):
    ms = mentions("The Georgian-Abkhaz dispute dominated the summit in Sochi.")
    mods = {(m.actor.text, m.actor.country) for m in ms if m.modifier}
    assert {("Georgian", "GEO"), ("Abkhaz", "GEO")} <= mods or ("Georgian", "GEO") in mods
    assert not [m for m in ms if not m.modifier and "Georgian" in m.actor.text]


def test_hyphenated_pair_gives_both_countries(mentions):
    ms = mentions("The Peruvian-Chilean border talks resumed on Monday.")
    assert {m.actor.country for m in ms if m.modifier} >= {"PER", "CHL"}


@pytest.mark.parametrize(
    "text, phrase, code",
    [
        (
            "The bureau of the Italian Senate met on Monday.",
            "The bureau of the Italian Senate",
            "ITALEG",
        ),
        (
            "A spokesman for the police said nothing; the chief of the Kenyan police resigned.",
            "the chief of the Kenyan police",
            "KENCOP",
        ),
        ("The leaders of the rebels in Chad rejected the offer.", "The leaders", "TCDREB"),
    ],
)
def test_a_body_of_a_body_takes_its_sector(mentions, text, phrase, code):
    assert actor(mentions(text), phrase).code == code


@pytest.mark.parametrize(
    "text, phrase, code",
    [
        # a title in the text beats the table's most recent role (no date: elite)
        (
            "Israeli Prime Minister Ehud Barak visited Cairo.",
            "Israeli Prime Minister Ehud Barak",
            "ISRGOV",
        ),
        (
            "Former Prime Minister Ehud Barak visited Cairo.",
            "Former Prime Minister Ehud Barak",
            "ISRELI",
        ),
    ],
)
def test_a_title_says_what_a_known_person_is(mentions, text, phrase, code):
    assert actor(mentions(text), phrase).code == code


def test_anti_country_word_is_no_membership(mentions):
    ms = mentions("An anti-Iran cleric was arrested in Baghdad on Friday.")
    a = actor(ms, "An anti-Iran cleric")
    assert a.country == "IRQ" and a.sector == "REL"


def test_context_skips_people_and_takes_a_place_noun(mentions):
    ms = mentions(
        "Three soldiers were killed by a roadside bomb outside the Afghan city of "
        "Herat, officials said."
    )
    assert actor(ms, "a roadside bomb").country == "AFG"


def test_ethnic_people_take_the_story_country(mentions):
    ms = mentions("Ethnic Serbs blocked roads near Kosovo's border with Montenegro.")
    assert actor(ms, "Ethnic Serbs").code == "XKXCVL"


def test_people_of_a_country_live_there(mentions):
    ms = mentions("The Hungarians of northern Serbia asked for schools.")
    assert actor(ms, "The Hungarians").code == "SRBCVL"


def test_stateless_people_take_the_adjective(mentions):
    ms = mentions("Thousands of Syrian Kurds marched in Qamishli.")
    assert any(m.actor.code == "SYRCVL" for m in ms)


def test_unknown_person_takes_the_apposition(mentions):
    ms = mentions("John Mwangi, Kenya's best-known union leader, went on strike.")
    assert actor(ms, "John Mwangi").country == "KEN"


def test_group_name_before_an_organisation_noun(mentions):
    ms = mentions("The Hamas movement rejected the plan.")
    assert actor(ms, "The Hamas movement").sector == "REB"


def test_short_country_names(lex):
    assert lex.lookup("Bosnia").country == "BIH"
    assert lex.lookup("PRC").country == "CHN"
    assert lex.lookup("prc") is None
