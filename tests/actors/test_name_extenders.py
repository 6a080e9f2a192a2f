"""A place name that goes on as a street or county names another place (issue 12)."""

from __future__ import annotations

import pytest

from .helpers import actor


@pytest.mark.parametrize(
    ("place", "country"),
    [("Dublin", "IRL"), ("Nassau", "BHS")],
)
def test_the_city_gives_the_actors_country(mentions, place, country):
    ms = mentions(f"Police in {place} arrested two men on Tuesday.")
    assert actor(ms, "Police").country == country


@pytest.mark.parametrize("place", ["Dublin Road", "Nassau County", "Cairo Street"])
def test_a_street_or_county_named_after_a_city_gives_no_country(mentions, place):
    ms = mentions(f"Police on {place} arrested two men on Tuesday.")
    assert actor(ms, "Police").country is None


@pytest.mark.parametrize("state", ["New Jersey", "New Mexico", "California"])
def test_a_us_state_gives_the_usa_even_when_named_after_a_country(mentions, state):
    ms = mentions(f"{state} police arrested two men on Tuesday.")
    assert actor(ms, f"{state} police").country == "USA"


def test_georgia_stays_the_country(mentions):
    ms = mentions("Police in Georgia arrested two men on Tuesday.")
    assert actor(ms, "Police").country == "GEO"
