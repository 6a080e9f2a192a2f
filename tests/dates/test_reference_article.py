"""The reference article (read from shared/samples, not copied): its dates come out right."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.dates import event_date, find_timexes

PUB = dt.date(2020, 11, 26)


@pytest.fixture(scope="module")
def article(parse, reference_text):
    body = reference_text.split("\n", 1)[1]  # the "date ... By ..." header line
    parsed = parse(body, PUB)
    return parsed, find_timexes(parsed, PUB)


def _date(article, word):
    parsed, timexes = article
    i = next(t.i for t in parsed.tokens if t.text == word)
    return event_date(parsed, timexes, i, PUB)


@pytest.mark.parametrize(
    ("trigger", "value", "precision", "source"),
    [
        ("signed", "2020-11-10", "day", "text"),
        ("adopted", "2020-11-25", "day", "text"),
        ("discussed", "2020-11-25", "day", "text"),
        ("presented", "2020-11-18", "day", "text"),
        ("staged", "2020-11-26", "day", "publication"),
        ("came", "1990s", "decade", "text"),
    ],
)
def test_event_dates(article, trigger, value, precision, source):
    d = _date(article, trigger)
    assert (d.value, d.precision, d.source) == (value, precision, source)


def test_ceasefire_year(article):
    _, timexes = article
    tx = next(t for t in timexes if t.text.endswith("1994"))
    assert (tx.value, tx.precision, tx.type) == ("1994", "year", "DATE")


@pytest.mark.parametrize("text", ["30-years-old", "nearly three decades"])
def test_durations(article, text):
    _, timexes = article
    tx = next(t for t in timexes if text in t.text)
    assert tx.type == "DURATION"
