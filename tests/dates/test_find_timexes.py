"""Recognition in a parsed text: spaCy entities plus our patterns."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.dates import find_timexes

PUB = dt.date(2021, 3, 18)


def values(parse, text, published=PUB):
    return [(t.text, t.value, t.type) for t in find_timexes(parse(text, published), published)]


def test_range_gives_two_dates(parse):
    found = values(parse, "He served as governor from 2001 to 2009.")
    assert [(v, ty) for _, v, ty in found] == [("2001", "DATE"), ("2009", "DATE")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The vote took place on Sunday.", "2021-03-14"),
        ("The vote will take place on Sunday.", "2021-03-21"),
        ("The vote is scheduled for Sunday.", "2021-03-21"),
    ],
)
def test_weekday_follows_the_verb_tense(parse, text, value):
    assert [v for _, v, _ in values(parse, text)] == [value]


def test_age_is_a_duration(parse):
    found = values(parse, "A 17-year-old protester was detained.")
    assert [(v, ty) for _, v, ty in found] == [("P17Y", "DURATION")]


def test_offsets_index_the_article_text(parse):
    text = "Clashes broke out in the capital on 4 March 2021 after the vote."
    (tx,) = find_timexes(parse(text, PUB), PUB)
    assert text[tx.start : tx.end] == tx.text == "4 March 2021"
    assert tx.value == "2021-03-04"


def test_time_of_day(parse):
    found = values(parse, "The explosion happened at 7:45 a.m. local time.")
    assert found[0][1:] == ("2021-03-18T07:45", "TIME")


def test_rule_names_its_source(parse):
    (tx,) = find_timexes(parse("They met last month.", PUB), PUB)
    assert tx.rule.split(":")[1] == "relative-month"
