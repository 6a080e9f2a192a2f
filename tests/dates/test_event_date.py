"""Which date governs an event, decided by the parse (real spaCy model)."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.dates import event_date, find_timexes

PUB = dt.date(2021, 3, 18)  # a Thursday


def date_of(parse, text, trigger, published=PUB):
    parsed = parse(text, published)
    i = next(t.i for t in parsed.tokens if t.text == trigger)
    return event_date(parsed, find_timexes(parsed, published), i, published)


@pytest.mark.parametrize(
    ("text", "trigger", "value", "precision"),
    [
        ("On March 2, the ministers met in Geneva.", "met", "2021-03-02", "day"),
        ("The ministers met in Geneva on Monday.", "met", "2021-03-15", "day"),
        ("The ministers will meet in Geneva on Monday.", "meet", "2021-03-22", "day"),
        ("Farmers blocked the highway last week.", "blocked", "2021-W10", "week"),
        ("The army withdrew from the town in 2004.", "withdrew", "2004", "year"),
        ("The two sides fought a war in the 1980s.", "fought", "1980s", "decade"),
        ("Police arrested two men yesterday.", "arrested", "2021-03-17", "day"),
    ],
)
def test_date_attached_to_the_predicate(parse, text, trigger, value, precision):
    d = date_of(parse, text, trigger)
    assert (d.value, d.precision, d.source) == (value, precision, "text")


def test_coordinated_verbs_share_the_date(parse):
    text = "The bill was debated and approved on March 9."
    assert date_of(parse, text, "debated").value == "2021-03-09"
    assert date_of(parse, text, "approved").value == "2021-03-09"


def test_relative_clause_date_stays_in_the_clause(parse):
    text = "On March 1, the mayor proposed a plan, which the council approved on March 12."
    assert date_of(parse, text, "proposed").value == "2021-03-01"
    assert date_of(parse, text, "approved").value == "2021-03-12"


def test_date_of_another_clause_is_not_taken(parse):
    d = date_of(parse, "The spokesman said on Tuesday that troops had entered the city.", "entered")
    assert d.source == "publication"


def test_duration_is_never_an_event_date(parse):
    d = date_of(parse, "For nearly two decades, the rebels controlled the valley.", "controlled")
    assert (d.value, d.source) == ("2021-03-18", "publication")


def test_no_date_falls_back_to_publication(parse):
    d = date_of(parse, "Students marched through the capital.", "marched")
    assert (d.value, d.precision, d.source) == ("2021-03-18", "day", "publication")
    assert d.first == d.last == PUB


def test_no_date_and_no_publication_date_is_unknown(parse):
    d = date_of(parse, "Students marched through the capital.", "marched", published=None)
    assert (d.value, d.precision, d.source) == (None, "unknown", "unknown")


@pytest.mark.parametrize(
    ("text", "trigger", "first", "last"),
    [
        ("Talks collapsed in May 2019.", "collapsed", dt.date(2019, 5, 1), dt.date(2019, 5, 31)),
        ("Talks collapsed in 2019.", "collapsed", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        ("Talks collapsed last week.", "collapsed", dt.date(2021, 3, 8), dt.date(2021, 3, 14)),
    ],
)
def test_first_and_last_day_covered(parse, text, trigger, first, last):
    d = date_of(parse, text, trigger)
    assert (d.first, d.last) == (first, last)


def test_evidence_points_at_the_expression(parse):
    text = "Voters went to the polls on March 7."
    d = date_of(parse, text, "went")
    assert text[d.start : d.end] == d.text == "March 7"
    assert d.rule


@pytest.mark.parametrize(
    ("text", "trigger", "value"),
    [
        # the date hangs on another verb of the sentence, which is dated once
        ("Guards patrolling the fence on Tuesday shot a smuggler.", "shot", "2021-03-16"),
        ("In May 2019, the governor said the bridge was bombed.", "bombed", "2019-05"),
    ],
)
def test_a_past_event_takes_its_sentences_one_date(parse, text, trigger, value):
    d = date_of(parse, text, trigger)
    assert (d.value, d.source) == (value, "text")
    assert d.rule.startswith("sentence-date")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Guards patrolling the fence on Tuesday will search every truck.", "search"),
        ("Guards on Tuesday and Wednesday searched trucks that were seized.", "seized"),
        ("The army has shelled the town since 2015, villagers said.", "shelled"),
    ],
)
def test_no_sentence_date_for_present_events_several_dates_or_spans(parse, text, trigger):
    d = date_of(parse, text, trigger)
    assert d.source == "publication" or not (d.rule or "").startswith("sentence-date")


def test_since_a_day_runs_to_the_report(parse):
    text = "Rebels have killed dozens of villagers since Sunday, the army said."
    d = date_of(parse, text, "killed")
    assert (d.value, d.first, d.last) == ("2021-03-14", dt.date(2021, 3, 14), PUB)


def test_a_date_not_after_since_stays_one_day(parse):
    d = date_of(parse, "Rebels killed dozens of villagers on Sunday.", "killed")
    assert (d.first, d.last) == (dt.date(2021, 3, 14), dt.date(2021, 3, 14))


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Farmers protested throughout the past two years against the new law.", "protested"),
        ("Crowds marched in the capital over a period of several months.", "marched"),
    ],
)
def test_an_event_spread_over_months_is_not_dated_by_the_report(parse, text, trigger):
    d = date_of(parse, text, trigger)
    assert (d.value, d.first, d.source) == (None, None, "text")
    assert d.rule.startswith("extent:")


def test_a_length_of_time_is_no_spread(parse):
    d = date_of(parse, "The minister was jailed for five years.", "jailed")
    assert (d.value, d.source) == ("2021-03-18", "publication")


def test_an_infinitive_of_purpose_takes_its_verbs_date(parse):
    text = "Thousands of farmers marched on Monday to demand higher prices."
    assert date_of(parse, text, "demand").value == "2021-03-15"
