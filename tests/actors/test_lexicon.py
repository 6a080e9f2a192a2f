"""The actor lexicon: packaged tables, user files, errors."""

from __future__ import annotations

import datetime as dt

import pycountry
import pytest

from resgestae.actors import load_lexicon
from resgestae.errors import LexiconError


def test_every_iso_country_loads(lex):
    missing = [c.alpha_3 for c in pycountry.countries if lex.lookup(c.name) is None]
    assert missing == []


@pytest.mark.parametrize(
    "name, code",
    [
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Britain", "GBR"),
        ("U.S.", "USA"),
        ("Czechia", "CZE"),
        ("South Korea", "KOR"),
        ("French", "FRA"),
        ("Azerbaijani", "AZE"),
    ],
)
def test_short_forms_and_demonyms(lex, name, code):
    assert lex.lookup(name).country == code


def test_acronyms_match_case_exactly(lex):
    assert lex.lookup("US").code == "USA"
    assert lex.lookup("us") is None


@pytest.mark.parametrize(
    "name, code", [("Baku", "AZEGOV"), ("Kremlin", "RUSGOV"), ("White House", "USAGOV")]
)
def test_capitals_and_seats_stand_for_governments(lex, name, code):
    assert lex.lookup(name).code == code


def test_leaders_depend_on_the_date(lex):
    assert lex.lookup("Trump", dt.date(2019, 6, 1)).code == "USAGOV"
    assert lex.lookup("Trump", dt.date(2022, 6, 1)) is None


def test_agent_sectors(lex):
    assert lex.agent("protester")[0] == "CVL"
    assert lex.agent("armed force")[0] == "MIL"


def test_user_lexicon_overrides_and_adds(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("# mine\nFrance\tXYZ\tFRA\tGOV\nGreen Circle\tNGOENV\t\tNGO\n", encoding="utf-8")
    lex = load_lexicon([f])
    assert lex.lookup("France").code == "XYZ"
    assert lex.lookup("Green Circle").id == "user:Green Circle"


@pytest.mark.parametrize(
    "line, message",
    [
        ("France\tFRA\n", "expected 4 or 6"),
        ("X\t\tFRANCE\t\n", "ISO 3166"),
        ("X\tABC\tFRA\tGOV\t2020-13-01\t\n", "YYYY-MM-DD"),
        ("\tABC\tFRA\tGOV\n", "name"),
    ],
)
def test_malformed_user_file_names_file_and_line(tmp_path, line, message):
    f = tmp_path / "bad.tsv"
    f.write_text("# header\n" + line, encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"bad\.tsv:2: .*{message}"):
        load_lexicon([f])


def test_missing_user_file(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon([tmp_path / "nope.tsv"])
