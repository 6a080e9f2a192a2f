"""Actor mentions on sentences written for these tests, with the real spaCy model."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.actors import actor_at, find_mentions, unresolved


@pytest.fixture(scope="module")
def mentions(parse, lex):
    def _mentions(text, published=None):
        parsed = parse(text, published)
        return parsed, find_mentions(parsed, lex)

    return _mentions


def actor_for(mentions, text):
    found = [m.actor for m in mentions if m.actor.text.lower().endswith(text.lower())]
    assert found, f"no mention ending in {text!r}: {[m.actor.text for m in mentions]}"
    return found[0]


@pytest.mark.parametrize(
    "text, phrase, code",
    [
        ("Chile signed a trade deal with Peru.", "Chile", "CHL"),
        ("Officials said Russia would reply.", "Russia", "RUS"),
        ("The talks with the United States ended.", "the United States", "USA"),
        ("Troops from the U.S. arrived on Monday.", "Troops", "USAMIL"),
    ],
)
def test_country_names(mentions, text, phrase, code):
    _, ms = mentions(text)
    assert actor_for(ms, phrase).code == code


@pytest.mark.parametrize(
    "text, phrase, code",
    [
        ("The Italian parliament approved the budget.", "parliament", "ITALEG"),
        ("Norwegian soldiers crossed the river.", "soldiers", "NORMIL"),
        ("Kenya's police arrested the suspects.", "police", "KENCOP"),
        ("The president of Ghana visited the port.", "The president", "GHAGOV"),
        ("Lima residents marched to the square.", "residents", "PERCVL"),
        ("Peruvian journalists criticised the law.", "journalists", "PERJRN"),
    ],
)
def test_agent_country_from_the_phrase(mentions, text, phrase, code):
    _, ms = mentions(text)
    assert actor_for(ms, phrase).code == code


def test_capital_acting_is_the_government(mentions):
    _, ms = mentions("Talks between Ottawa and Canberra broke down.")
    assert actor_for(ms, "Ottawa").code == "CANGOV"
    assert actor_for(ms, "Canberra").code == "AUSGOV"


@pytest.mark.parametrize("text", ["Farmers held a rally in Ottawa.", "They met at Canberra."])
def test_capital_after_locative_preposition_is_a_place(mentions, text):
    _, ms = mentions(text)
    assert not any(m.actor.rule and m.actor.rule.startswith("capital:") for m in ms)


def test_seat_of_government(mentions):
    _, ms = mentions("The Kremlin rejected the proposal.")
    assert actor_for(ms, "Kremlin").code == "RUSGOV"


@pytest.mark.parametrize(
    "text, phrase, code",
    [
        ("The UN Security Council met on Friday.", "UN Security Council", "IGOUNO"),
        ("NATO warned Serbia.", "NATO", "IGOWSTNAT"),
        ("Amnesty International criticised the ruling.", "Amnesty International", "NGOHRIAMN"),
    ],
)
def test_organisations_have_no_country(mentions, text, phrase, code):
    _, ms = mentions(text)
    a = actor_for(ms, phrase)
    assert (a.code, a.country) == (code, None)


def test_short_form_corefers_with_the_full_one(mentions):
    _, ms = mentions("The Dutch Senate passed the bill. Later the Senate voted again.")
    later = [m.actor for m in ms if m.actor.text == "the Senate"]
    assert later[0].code == "NLDLEG"
    assert later[0].rule.endswith("coref:The Dutch Senate")


def test_unmodified_civilians_take_an_earlier_civilian_country(mentions):
    _, ms = mentions("Quito residents gathered downtown. The protesters chanted slogans.")
    assert actor_for(ms, "The protesters").code == "ECUCVL"


def test_context_country_when_nothing_else(mentions):
    _, ms = mentions("Police in Lisbon closed the road. Soldiers arrived later.")
    assert actor_for(ms, "Soldiers").country == "PRT"
    assert "context:PRT" in actor_for(ms, "Soldiers").rule


def test_plural_pronoun_takes_the_recent_plural_subject(mentions):
    _, ms = mentions("Chilean students blocked the road. They demanded lower fees.")
    assert actor_for(ms, "They").code == "CHLEDU"  # PLOVER: students are EDU


@pytest.mark.parametrize(
    "day, code", [(dt.date(2019, 3, 1), "USAGOV"), (dt.date(2023, 3, 1), None)]
)
def test_leaders_resolve_for_the_published_date(mentions, day, code):
    _, ms = mentions("Trump criticised the agreement.", day)
    hits = [m.actor.code for m in ms if m.actor.text == "Trump"]
    assert (hits[0] if hits else None) == code


def test_partitive_takes_the_actor_of_its_of_phrase(mentions):
    _, ms = mentions("A group of Spanish senators wrote to the king.")
    assert actor_for(ms, "A group of Spanish senators").code == "ESPLEG"


def test_actor_at_and_unresolved(mentions):
    parsed, ms = mentions("Greek fishermen and a local baker met the mayor.")
    baker = next(t.i for t in parsed.tokens if t.text == "baker")
    assert actor_at(parsed, baker, ms) is None
    a = unresolved(parsed, baker)
    assert (a.text, a.code, a.country, a.sector) == ("a local baker", None, None, None)


def test_unknown_person_keeps_text_without_codes(mentions):
    _, ms = mentions("Maria Kowalczyk criticised the plan.")
    a = actor_for(ms, "Kowalczyk")
    assert (a.code, a.country) == (None, None)


def test_offsets_point_into_the_text(mentions):
    parsed, ms = mentions("Yesterday the Turkish army shelled the border.")
    for m in ms:
        assert parsed.article.text[m.actor.start : m.actor.end] == m.actor.text
