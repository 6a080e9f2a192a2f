"""The spine's reference article, end to end: the events a careful reader lists."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.ingest import read_paths
from resgestae.pipeline import Options, Resources, run


@pytest.fixture(scope="module")
def events(reference_path):
    articles = list(read_paths([str(reference_path)]))
    (result,) = run(articles, Resources.load(Options()))
    assert result.article.published == dt.date(2020, 11, 26)
    return result.events


def countries(actors):
    return {a.country for a in actors}


def test_the_rally_is_an_azerbaijani_protest_against_france_in_baku(events):
    (e,) = [e for e in events if e.event == "PROTEST"]
    assert countries(e.actor) == {"AZE"} and {a.sector for a in e.actor} >= {"CVL"}
    assert "FRA" in countries(e.recipient)
    assert e.location.name == "Baku" and e.location.country == "AZE"
    assert (e.date.value, e.date.source) == ("2020-11-26", "publication")


def test_condemnation_and_demands_go_from_azerbaijan_to_france(events):
    for plover in ("ACCUSE", "REQUEST"):
        e = next(e for e in events if e.event == plover)
        assert countries(e.actor) == {"AZE"}
        assert "FRA" in countries(e.recipient)


def test_the_senate_adopted_the_resolution_on_november_25(events):
    (e,) = [e for e in events if e.trigger.text == "adopted"]
    assert countries(e.actor) == {"FRA"} and e.actor[0].sector == "LEG"
    assert e.date.value == "2020-11-25"


def test_azerbaijan_and_armenia_signed_on_november_10(events):
    (e,) = [e for e in events if e.cameo == "057" and e.trigger.text == "signed"]
    assert countries(e.actor) == {"AZE", "ARM"}
    assert (e.date.value, e.date.source) == ("2020-11-10", "text")


def test_armenias_non_implementation_is_a_rejection_not_cooperation(events):
    rejections = [e for e in events if e.event == "REJECT"]
    assert rejections and all(countries(e.actor) == {"ARM"} for e in rejections)
    assert not [e for e in events if e.event in ("CONCEDE", "RETREAT") and not e.negated]


def test_france_is_never_a_protester(events):
    assert not [e for e in events if e.event == "PROTEST" and "FRA" in countries(e.actor)]


def test_every_event_carries_its_evidence(events):
    for e in events:
        assert e.trigger.text in e.sentence
        assert e.rule and 0 < e.confidence <= 1
        assert e.span[0] <= e.trigger.start < e.trigger.end <= e.span[1]
        for a in e.actor + e.recipient:
            assert a.text and (a.rule or not a.code)


def test_background_events_keep_their_own_dates(events):
    signing = [e for e in events if e.trigger.text == "signing"]
    assert [(e.date.value, e.date.precision) for e in signing] == [("1994", "year")]
    (occupation,) = [e for e in events if e.trigger.text == "occupation"]
    assert (occupation.date.value, occupation.date.precision) == ("1990s", "decade")
    assert countries(occupation.actor) == {"ARM"}


def test_the_minsk_group_mediates(events):
    (e,) = [e for e in events if e.event == "CONSULT" and e.cameo == "045"]
    assert e.actor[0].code.startswith("IGO") and e.actor[0].country is None
