"""Features, districts, abbreviations, generic words, nearby fallback and the scorer's
per-corpus recognition convention."""

from pathlib import Path

import pytest

from resgestae.eval import geo as geo_eval
from resgestae.geo import find_toponyms, resolve_span
from resgestae.geo.names import normalise
from resgestae.geo.resolve import best_place

EVAL_FIXTURES = Path(__file__).resolve().parents[1] / "eval" / "fixtures"


def _resolve(parse, gaz, text, name, with_toponyms=False):
    parsed = parse(text)
    start = text.index(name)
    toponyms = find_toponyms(parsed, gaz) if with_toponyms else ()
    return resolve_span(parsed, start, start + len(name), gaz, toponyms)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("St. Petersburg", "saint petersburg"),
        ("Mt. Kenya", "mount kenya"),
        ("Ft. Worth", "fort worth"),
        ("Street", "street"),
    ],
)
def test_leading_abbreviations(raw, key):
    assert normalise(raw) == key


@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        ("A storm formed over the Atlantic on Tuesday.", "Atlantic", 0, -25),
        ("Oil prices rose on fears of war in the Middle East.", "Middle East", 29, 42),
        ("Fishing boats were seized in the South China Sea.", "South China Sea", 12, 113),
        ("The ship sailed through the Strait of Hormuz at night.", "Strait of Hormuz", 26.6, 56.3),
    ],
)
def test_features_outrank_towns_named_like_them(parse, gaz, text, name, lat, lon):
    loc = _resolve(parse, gaz, text, name)
    assert loc.precision == "feature"
    assert (round(loc.lat, 1), round(loc.lon, 1)) == (lat, lon)


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        (
            "Deputies in Fairfax County, Virginia, closed the road.",
            "Fairfax County",
            "USA",
            "Virginia",
        ),
        (
            "Flooding closed schools across Cuyahoga County in Ohio.",
            "Cuyahoga County",
            "USA",
            "Ohio",
        ),
    ],
)
def test_second_level_regions(parse, gaz, text, name, country, admin1):
    loc = _resolve(parse, gaz, text, name)
    assert (loc.country, loc.admin1, loc.precision) == (country, admin1, "admin2")


def test_district_named_after_its_town_yields_to_the_town(gaz):
    assert best_place(gaz, "Nairobi").kind == "city"


@pytest.mark.parametrize(
    ("text", "name", "region"),
    [
        ("The firm moved to Bethesda, Md., in March.", "Md.", "Maryland"),
        ("Wildfires spread near Kamloops, B.C., on Sunday.", "B.C.", "British Columbia"),
    ],
)
def test_state_and_province_abbreviations(parse, gaz, text, name, region):
    loc = _resolve(parse, gaz, text, name)
    assert (loc.precision, loc.name) == ("admin1", region)


@pytest.mark.parametrize("word", ["Centre", "Western", "Central"])
def test_generic_words_are_no_region_without_their_country(gaz, word):
    assert best_place(gaz, word) is None


def test_unknown_building_takes_the_place_after_it(parse, gaz):
    text = (
        "Ministers met in Nairobi on Monday. Later a fire broke out at the Blue Heron "
        "Lodge in Mombasa, police said."
    )
    loc = _resolve(parse, gaz, text, "Blue Heron Lodge", with_toponyms=True)
    assert (loc.name, loc.rule) == ("Mombasa", "fallback:nearby")


def test_small_town_named_like_a_word_is_not_taken_from_inside_a_name(parse, gaz):
    text = "Rangers patrolled Kenya's parks. She studied at the University of Eldoret."
    loc = _resolve(parse, gaz, text, "University of Eldoret")
    assert loc.name != "University"


def test_scorer_passes_the_corpus_convention():
    (web,) = geo_eval.load(EVAL_FIXTURES / "geowebnews.xml")
    (virus,) = geo_eval.load(EVAL_FIXTURES / "geovirus.xml")
    assert dict(web.convention) == {"adjectives": True, "embedded": True}
    assert virus.convention == ()

    class StandIn:
        def __init__(self):
            self.calls = []

        def parse(self, docs, desc=""):
            return iter(docs)

        def toponyms(self, parsed, **convention):
            self.calls.append(convention)
            return ()

        def resolve(self, parsed, start, end, toponyms):
            return None

    system = StandIn()
    geo_eval.predict([web, virus], system)
    assert system.calls == [{"adjectives": True, "embedded": True}, {}]
