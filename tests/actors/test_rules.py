"""Rules added with the PETRARCH tables: people by date, groups, demonyms, pronouns, sectors.

Sentences written for these tests; the real spaCy model (``parse`` fixture)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from resgestae.actors import find_mentions, load_lexicon
from resgestae.errors import LexiconError

from .helpers import actor


# -- tables converted from PETRARCH-2 -----------------------------------------------------------
@pytest.mark.parametrize(
    "name, day, code",
    [
        ("Bill Clinton", dt.date(1997, 5, 1), "USAGOV"),  # in office
        ("Bill Clinton", dt.date(1985, 5, 1), "USAELI"),  # before: a dated elite row
        ("Bill Clinton", None, "USAELI"),  # no date: the most recent role (the default)
        ("Hamas", None, "PSEREBHMS"),
        ("Taliban", None, "AFGREB"),
        ("International Atomic Energy Agency", None, "IGOUNOIAE"),
    ],
)
def test_petrarch_names_resolve_by_date(lex, name, day, code):
    assert lex.lookup(name, day).code == code


def test_unknown_date_prefers_the_open_ended_role(lex):
    e = lex.lookup("Putin")
    assert (e.code, e.valid_to) == ("RUSGOV", None)


@pytest.mark.parametrize("name", ["Senate", "Cabinet", "Parliament"])
def test_agent_nouns_are_not_names(lex, name):
    assert lex.lookup(name) is None  # left to the agent tables and the phrase's country


def test_acronyms_from_petrarch_match_only_as_written(lex):
    assert lex.lookup("AQAP") is not None
    assert lex.lookup("aqap") is None


def test_person_in_text_takes_the_role_held_on_the_published_date(mentions):
    ms = mentions("President Bill Clinton signed the bill.", dt.date(1999, 3, 1))
    a = actor(ms, "President Bill Clinton")
    assert (a.code, a.country, a.sector) == ("USAGOV", "USA", "GOV")


def test_armed_group_has_its_country_and_rebel_sector(mentions):
    a = actor(mentions("Hezbollah fired rockets at the border."), "Hezbollah")
    assert (a.country, a.sector) == ("LBN", "REB")


def test_transnational_group_has_no_country(mentions):
    a = actor(mentions("Al Qaeda claimed the attack."), "Al Qaeda")
    assert (a.code[:3], a.country) == ("IMG", None)


# -- demonyms, pronouns, surnames ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text, phrase, code",
    [
        ("Thousands of Kenyans marched on Friday.", "Kenyans", "KENCVL"),
        ("Angry Peruvians blocked the highway.", "Angry Peruvians", "PERCVL"),
        ("Bosnian Croats rejected the plan.", "Bosnian Croats", "BIHCVL"),
    ],
)
def test_plural_demonyms_are_civilians(mentions, text, phrase, code):
    assert actor(mentions(text), phrase).code == code


def test_ethnic_group_lives_in_the_story_country(mentions):
    ms = mentions("Police in Moldova detained ethnic Ukrainians on Monday.")
    a = actor(ms, "ethnic Ukrainians")
    assert (a.country, a.sector) == ("MDA", "CVL")


def test_a_state_name_ending_in_s_is_not_a_people(mentions):
    a = actor(mentions("The Philippines protested to Beijing."), "The Philippines")
    assert (a.code, a.sector) == ("PHL", None)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Chile said it would recall its ambassador.", "CHL"),
        ("Poland warned that it would close the border.", "POL"),
    ],
)
def test_it_takes_the_earlier_state(mentions, text, code):
    assert actor(mentions(text), "it").code == code


def test_expletive_it_has_no_referent(mentions):
    ms = mentions("Chile agreed. It is likely that talks resume.")
    assert not any(m.actor.text == "It" for m in ms)


def test_he_takes_the_earlier_person(mentions):
    ms = mentions("The Ghanaian president arrived. He met the traders.")
    assert actor(ms, "He").code == "GHAGOV"


def test_he_skips_things_and_places(mentions):
    ms = mentions("A Kenyan airliner landed in the capital city. He said nothing.")
    assert not any(m.actor.text == "He" and m.actor.code for m in ms)


def test_branch_under_government_is_its_own_sector(lex):
    e = lex.lookup("United States Congress")
    assert (e.country, e.sector) == ("USA", "LEG")


@pytest.mark.parametrize(
    "text, code",
    [
        ("Norway backed a plan which angered Sweden.", None),  # "a plan" is no actor
        ("Egypt, which mediated the talks, praised the deal.", "EGY"),
        ("Nepalese soldiers who crossed the line were detained.", "NPLMIL"),
    ],
)
def test_relative_pronoun_takes_the_modified_noun(mentions, text, code):
    rel = [m.actor for m in mentions(text) if m.actor.text in ("which", "who")]
    assert (rel[0].code if rel else None) == code


def test_last_name_after_the_full_name(mentions):
    ms = mentions("Vladimir Putin met the envoy. Later Putin left.", dt.date(2015, 1, 1))
    later = [m.actor for m in ms if m.actor.text == "Putin"]
    assert later and later[0].country == "RUS"


# -- sectors ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, phrase, sector",
    [
        (
            "The former Zambian president criticised the vote.",
            "The former Zambian president",
            "ELI",
        ),
        ("An ousted Thai prime minister returned home.", "An ousted Thai prime minister", "ELI"),
        ("Latvian students occupied the hall.", "Latvian students", "EDU"),
        ("Turkish helicopters struck the ridge.", "Turkish helicopters", "MIL"),
        ("A car bomb killed four people in Kabul.", "A car bomb", "UAF"),
        ("The think tank published a report.", "The think tank", "SOC"),
    ],
)
def test_plover_sectors(mentions, text, phrase, sector):
    assert actor(mentions(text), phrase).sector == sector


# -- user lexicons in JSON Lines ----------------------------------------------------------------
def test_jsonl_user_lexicon(tmp_path):
    f = tmp_path / "mine.jsonl"
    rows = [
        {"name": ["Green Circle", "GC"], "code": "NGOENV", "sector": "NGO"},
        {
            "name": "Ana Rossi",
            "code": "ITAGOV",
            "country": "ITA",
            "sector": "GOV",
            "from": "2020-01-01",
            "to": "2024-01-01",
        },
        {"name": "fisherman", "sector": "AGR"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    lex = load_lexicon([f])
    assert lex.lookup("GC").code == "NGOENV"
    assert lex.lookup("Ana Rossi", dt.date(2021, 1, 1)).code == "ITAGOV"
    assert lex.lookup("Ana Rossi", dt.date(2025, 1, 1)) is None
    assert lex.agent("fisherman")[0] == "AGR"


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "not valid JSON"),
        ('["a"]', "JSON object"),
        ('{"name": "X", "kode": "ABC"}', "unknown field"),
        ('{"name": "X"}', "at least"),
    ],
)
def test_malformed_jsonl_names_file_and_line(tmp_path, line, message):
    f = tmp_path / "bad.jsonl"
    f.write_text("# header\n" + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"bad\.jsonl:2: .*{message}"):
        load_lexicon([f])


def test_a_possessive_country_beats_an_earlier_same_noun(parse):
    from resgestae.actors import load_lexicon

    parsed = parse("The government of Ghana protested. Mali's new government apologised.")
    actors = {m.actor.text: m.actor for m in find_mentions(parsed, load_lexicon())}
    assert actors["new government"].country == "MLI"


def test_an_agent_noun_modifying_a_thing_says_whose_it_is(parse):
    from resgestae.actors import load_lexicon

    parsed = parse("Nurses in Madrid protested against a government plan to cut wages.")
    mods = [m for m in find_mentions(parsed, load_lexicon()) if m.modifier]
    assert [(m.actor.text, m.actor.country, m.actor.sector) for m in mods] == [
        ("government", "ESP", "GOV")
    ]


@pytest.mark.parametrize(
    "text, full, short, code",
    [
        # the family name written first, as in Chinese
        ("Chinese Foreign Minister Zhou Mingli met the envoy on Monday. Zhou said talks went well.",
         "Chinese Foreign Minister Zhou Mingli", "Zhou", "CHNGOV"),
        ("Kenyan Interior Minister Amara Odhiambo visited the camp. Odhiambo promised aid.",
         "Kenyan Interior Minister Amara Odhiambo", "Odhiambo", "KENGOV"),
    ],
)  # fmt: skip
def test_a_short_name_takes_the_actor_a_title_gave_the_full_name(mentions, text, full, short, code):
    ms = mentions(text)
    assert actor(ms, full).code == code
    later = actor(ms, short)
    assert later.code == code and later.rule.startswith("coref:")


def test_a_short_name_with_no_titled_full_name_before_it_stays_unresolved(mentions):
    ms = mentions("Zhou said talks went well. Chinese Foreign Minister Zhou Mingli met the envoy.")
    assert not [m for m in ms if m.actor.text == "Zhou" and m.actor.code]
