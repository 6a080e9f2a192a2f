import pytest

from resgestae.geo import event_location, find_toponyms


def _where(parse, gaz, text, trigger):
    parsed = parse(text)
    i = next(t.i for t in parsed.tokens if t.text == trigger)
    return event_location(parsed, find_toponyms(parsed, gaz), i, gaz)


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("Hundreds of students protested in Nairobi against the new tax.", "protested", "Nairobi"),
        ("Rebels attacked a convoy south of the city of Mosul.", "attacked", "Mosul"),
        ("Farmers marched through the centre of Warsaw on Monday.", "marched", "Warsaw"),
    ],
)
def test_locative_phrase(parse, gaz, text, trigger, name):
    assert _where(parse, gaz, text, trigger).name == name


def test_recipient_country_is_not_the_place(parse, gaz):
    loc = _where(parse, gaz, "Students in Lagos protested against Ghana on Friday.", "protested")
    assert loc.country == "NGA"


def test_nothing_supports_a_place(parse, gaz):
    assert _where(parse, gaz, "The committee approved the budget.", "approved") is None


def test_reference_rally_is_in_baku(parse, gaz, reference_text):
    parsed = parse(reference_text)
    i = next(t.i for t in parsed.tokens if t.text == "rally")
    loc = event_location(parsed, find_toponyms(parsed, gaz), i, gaz)
    assert (loc.name, loc.country, loc.geonameid) == ("Baku", "AZE", 587084)
    assert loc.lat == pytest.approx(40.38, abs=0.05)
    assert loc.lon == pytest.approx(49.89, abs=0.05)


def test_each_article_gets_its_own_main_place(parse, gaz):
    first = parse("Lima was tense on Monday. Police made many arrests.")
    second = parse("Quito was tense on Monday. Police made many arrests.")
    for parsed, name in ((first, "Lima"), (second, "Quito"), (first, "Lima")):
        verb = next(t.i for t in parsed.tokens if t.text == "made")
        loc = event_location(parsed, find_toponyms(parsed, gaz), verb, gaz)
        assert (loc.name, loc.rule) == (name, "event:article-main-place")


def test_the_main_place_is_not_given_to_actors_of_another_state(parse, gaz):
    text = "Protests continued in Nairobi on Monday. The minister apologised for the remarks."
    parsed = parse(text)
    i = next(t.i for t in parsed.tokens if t.text == "apologised")
    toponyms = find_toponyms(parsed, gaz)
    assert event_location(parsed, toponyms, i, gaz).country == "KEN"  # the article's main place
    assert event_location(parsed, toponyms, i, gaz, frozenset({"KEN"})).country == "KEN"
    assert event_location(parsed, toponyms, i, gaz, frozenset({"GBR"})) is None
