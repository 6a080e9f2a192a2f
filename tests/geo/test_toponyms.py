import pytest

from resgestae.geo import find_toponyms, resolve_span


def _resolve(parse, gaz, text, name):
    parsed = parse(text)
    start = text.index(name)
    return resolve_span(parsed, start, start + len(name), gaz)


@pytest.mark.parametrize(
    ("text", "name", "country", "precision"),
    [
        ("Talks were held in Baku on Monday.", "Baku", "AZE", "city"),
        ("The minister flew to Kenya last week.", "Kenya", "KEN", "country"),
        ("Flooding hit Punjab, officials in Pakistan said.", "Punjab", "PAK", "admin1"),
        ("The mayor of Springfield, Illinois, resigned.", "Springfield", "USA", "city"),
    ],
)
def test_resolve_span(parse, gaz, text, name, country, precision):
    loc = _resolve(parse, gaz, text, name)
    assert loc is not None
    assert (loc.country, loc.precision) == (country, precision)


def test_admin_hierarchy_picks_the_state(parse, gaz):
    loc = _resolve(parse, gaz, "The mayor of Springfield, Illinois, resigned.", "Springfield")
    assert loc.admin1 == "Illinois"


def test_country_context_beats_population(parse, gaz):
    text = "Police in Texas said a fire broke out in Paris overnight. Texas officials agreed."
    assert _resolve(parse, gaz, text, "Paris").country == "USA"


def test_street_falls_back_to_main_city(parse, gaz):  # no toponyms around: the main place
    text = "Crowds gathered in Nairobi. Traffic stopped on Moi Avenue for an hour."
    loc = _resolve(parse, gaz, text, "Moi Avenue")
    assert (loc.name, loc.rule) == ("Nairobi", "fallback:main-place")


def test_demonym_span_resolves_to_country(parse, gaz):
    loc = _resolve(parse, gaz, "Azerbaijani officials met in the capital.", "Azerbaijani")
    assert loc.country == "AZE"


@pytest.mark.parametrize(
    ("text", "found", "absent"),
    [
        ("Soldiers entered Kharkiv on Sunday.", "Kharkiv", None),
        ("French diplomats met Kenyan officials.", None, "French"),
    ],
)
def test_find_toponyms(parse, gaz, text, found, absent):
    texts = [t.text for t in find_toponyms(parse(text), gaz)]
    if found:
        assert found in texts
    if absent:
        assert absent not in texts


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Canadian officials met on Monday.", "Canadian", ("CAN", "country")),
        ("Talks in Washington ended without a deal.", "Washington", ("USA", "city")),
        ("The EU imposed new tariffs.", "EU", (None, "country")),
        ("European ministers disagreed.", "European", (None, "country")),
        ("Officials in the DPRK denied it.", "DPRK", ("PRK", "country")),
    ],
)
def test_demonyms_abbreviations_and_capitals(parse, gaz, text, name, expected):
    loc = _resolve(parse, gaz, text, name)
    assert (loc.country, loc.precision) == expected


@pytest.mark.parametrize(
    ("text", "policy", "name", "found"),
    [
        ("Russian hackers attacked the grid.", {}, "Russian", False),
        ("Russian hackers attacked the grid.", {"adjectives": True}, "Russian", True),
        ("The Russians attacked the grid.", {"adjectives": True}, "Russians", False),
        ("The Zimbabwe Electoral Commission met.", {}, "Zimbabwe", False),
        ("The Zimbabwe Electoral Commission met.", {"embedded": True}, "Zimbabwe", True),
    ],
)
def test_recognition_policy(parse, gaz, text, policy, name, found):
    texts = [t.text for t in find_toponyms(parse(text), gaz, **policy)]
    assert (name in texts) is found
