"""Parse-free normalisation: one expression, one anchor, one expected value."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.dates import normalise

THU = dt.date(2020, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("November 10", "2020-11-10", "day"),
        ("Nov. 10, 2020", "2020-11-10", "day"),
        ("10 November", "2020-11-10", "day"),
        ("the 3rd of March 2019", "2019-03-03", "day"),
        ("March 2019", "2019-03", "month"),
        ("in 1994", "1994", "year"),
        ("the 1990s", "199", "decade"),
        ("the '60s", "196", "decade"),
        ("the 19th century", "18", "century"),
        ("yesterday", "2020-11-25", "day"),
        ("tomorrow", "2020-11-27", "day"),
        ("last week", "2020-W47", "week"),
        ("next week", "2020-W49", "week"),
        ("earlier this month", "2020-11", "month"),
        ("last month", "2020-10", "month"),
        ("next year", "2021", "year"),
        ("two days ago", "2020-11-24", "day"),
        ("three years ago", "2017", "year"),
        ("the second quarter of 2019", "2019-Q2", "month"),
        ("fiscal 2019", "FY2019", "year"),
        ("the summer of 2018", "2018-SU", "month"),
        ("mid-2018", "2018", "year"),
    ],
)
def test_dates(text, value, precision):
    norm = normalise(text, THU)
    assert (norm.value, norm.precision, norm.type) == (value, precision, "DATE")


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Monday", "past", "2020-11-23"),
        ("Monday", "future", "2020-11-30"),
        ("Thursday", "past", "2020-11-26"),  # news reports same-day events "on Thursday"
        ("Thursday", "future", "2020-12-03"),
        ("last Friday", None, "2020-11-20"),
        ("next Friday", None, "2020-11-27"),
        ("December 20", "past", "2019-12-20"),
        ("December 20", "future", "2020-12-20"),
        ("February", "future", "2021-02"),
        ("February", "past", "2020-02"),
        ("summer", "past", "2020-SU"),
    ],
)
def test_tense_picks_direction(text, tense, value):
    assert normalise(text, THU, tense).value == value


def test_month_day_without_year_goes_back_across_new_year():
    assert normalise("On December 20", dt.date(2021, 1, 5), "past").value == "2020-12-20"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30-years-old", "P30Y"),
        ("a 12-year-old", "P12Y"),
        ("nearly three decades", "P30Y"),
        ("for two weeks", "P2W"),
        ("several years", "PXY"),
        ("two and a half years", "P2.5Y"),
        ("the past three months", "P3M"),
        ("48 hours", "PT48H"),
        ("two years after", None),  # counts from another event: the recogniser trims it
    ],
)
def test_durations_are_not_dates(text, value):
    norm = normalise(text, THU)
    if value is None:
        assert norm is None
    else:
        assert (norm.value, norm.type) == (value, "DURATION")


@pytest.mark.parametrize(
    ("text", "value", "type_"),
    [
        ("3 p.m.", "2020-11-26T15:00", "TIME"),
        ("10:30 GMT", "2020-11-26T10:30Z", "TIME"),
        ("this morning", "2020-11-26TMO", "TIME"),
        ("last night", "2020-11-25TNI", "TIME"),
        ("now", "PRESENT_REF", "DATE"),
        ("recently", "PAST_REF", "DATE"),
        ("in the future", "FUTURE_REF", "DATE"),
        ("every week", "P1W", "SET"),
        ("every Tuesday", "XXXX-WXX-2", "SET"),
        ("annually", "P1Y", "SET"),
    ],
)
def test_times_references_and_sets(text, value, type_):
    norm = normalise(text, THU)
    assert (norm.value, norm.type) == (value, type_)


@pytest.mark.parametrize(
    ("text", "value"),
    [("November 10", "XXXX-11-10"), ("March", "XXXX-03"), ("1994", "1994"), ("yesterday", None)],
)
def test_without_anchor(text, value):
    assert normalise(text, None).value == value


@pytest.mark.parametrize("text", ["the government", "37", "February 30", "Baku"])
def test_not_a_time_expression(text):
    assert normalise(text, THU) is None
