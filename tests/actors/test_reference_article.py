"""The reference article (read from ../shared/samples, not copied): the issue's must-holds."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.actors import find_mentions, load_lexicon


@pytest.fixture(scope="module")
def ms(parse, reference_text):
    body = (
        reference_text.split("\n", 1)[1] if reference_text.startswith("date ") else (reference_text)
    )
    return find_mentions(parse(body, dt.date(2020, 11, 26)), load_lexicon())


def codes(ms, text):
    return {(m.actor.code, m.actor.country, m.actor.sector) for m in ms if m.actor.text == text}


@pytest.mark.parametrize(
    "text, code, country, sector",
    [
        ("Baku residents", "AZECVL", "AZE", "CVL"),
        ("The protesters", "AZECVL", "AZE", "CVL"),
        ("the French Senate", "FRALEG", "FRA", "LEG"),
        ("the Senate", "FRALEG", "FRA", "LEG"),
        ("the UN Security Council", "IGOUNO", None, "GOV"),
        ("France", "FRA", "FRA", None),
        ("Azerbaijan", "AZE", "AZE", None),
        ("Armenia", "ARM", "ARM", None),
        ("Russia", "RUS", "RUS", None),
        ("Armenian armed forces", "ARMMIL", "ARM", "MIL"),
        ("Baku", "AZEGOV", "AZE", "GOV"),
        ("Yerevan", "ARMGOV", "ARM", "GOV"),
    ],
)
def test_reference_actor(ms, text, code, country, sector):
    assert codes(ms, text) == {(code, country, sector)}


def test_minsk_group_is_an_igo(ms):
    found = [m.actor for m in ms if "Minsk Group" in m.actor.text]
    assert found and all(a.code.startswith("IGO") and a.country is None for a in found)
