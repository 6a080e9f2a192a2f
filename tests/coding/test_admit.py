"""Admission: an event is emitted only with the evidence a careful coder needs."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from resgestae.coding import Evidence, admit, load_admission
from resgestae.types import Actor, Count, Event, EventDate, Size, Trigger

TABLE = (
    "source\trequires\twhy\n*\tasserted\tx\n"
    "petrarch\tnamed_actor\tx\npetrarch\tnamed_recipient\tx\n"
)


@dataclass(frozen=True)
class _Coded:
    """Stands in for ``Coded``: admission reads only the evidence."""

    evidence: Evidence


def _actor(country: str | None, code: str | None = None) -> Actor:
    return Actor("someone", code or country, country, None, 0, 7, None)


def _event(
    event="ASSAULT",
    span=(0, 40),
    actor=(),
    recipient=(),
    negated=False,
    confidence=0.5,
    date="2024-03-15",
    size=None,
    date_source="text",
) -> Event:
    return Event(
        id=f"{event}{span}{confidence}",
        article_id="a",
        source_name=None,
        published=None,
        date=EventDate(date, "day", date_source, None, None),
        event=event,
        mode=None,
        cameo="190",
        quad_class=4,
        goldstein=-10.0,
        actor=tuple(actor),
        recipient=tuple(recipient),
        location=None,
        sentence="",
        span=span,
        trigger=Trigger("x", span[0], span[0] + 1),
        rule="",
        negated=negated,
        confidence=confidence,
        size=size,
    )


def _pair(source="hand", entry="v.x", **kw):
    return (_Coded(Evidence(entry, source, "verb")), _event(**kw))


def test_a_negated_event_is_not_admitted_and_an_asserted_one_is():
    adm = load_admission(TABLE)
    kept = admit([_pair(negated=True), _pair(span=(50, 90))], adm)
    assert [e.span for _, e in kept] == [(50, 90)]


@pytest.mark.parametrize(
    ("actor", "recipient", "admitted"),
    [
        ((), (), False),
        ((_actor("FRA"),), (), False),
        ((), (_actor("DEU"),), False),
        ((_actor("FRA"),), (_actor("DEU"),), True),
        ((_actor(None, "IGOUNO"),), (_actor("DEU"),), True),
    ],
)
def test_a_generated_sense_needs_a_named_actor_and_recipient(actor, recipient, admitted):
    adm = load_admission(TABLE)
    assert bool(admit([_pair("petrarch", actor=actor, recipient=recipient)], adm)) is admitted
    # the hand-written entries are not held to it
    assert admit([_pair("hand", actor=actor, recipient=recipient)], adm)


def test_one_event_per_type_in_a_sentence_keeps_the_most_confident():
    adm = load_admission(TABLE)
    low = _pair(confidence=0.3, actor=(_actor("FRA"),))
    high = _pair(confidence=0.8, actor=(_actor("FRA"),))
    kept = admit([low, high], adm)
    assert [e.confidence for _, e in kept] == [0.8]


@pytest.mark.parametrize(
    "other",
    [
        {"event": "PROTEST"},  # another type
        {"span": (41, 80), "entry": "v.y"},  # another sentence, in other words
        {"date": "2023-01-01"},  # another date
        {"actor": (_actor("RUS"),)},  # another actor's country
    ],
)
def test_distinct_events_in_a_sentence_are_both_kept(other):
    adm = load_admission(TABLE)
    first = _pair(actor=(_actor("FRA"),), confidence=0.8)
    second = _pair(**{"actor": (_actor("FRA"),), "confidence": 0.3, **other})
    assert len(admit([first, second], adm)) == 2


def test_events_are_in_text_order():
    adm = load_admission(TABLE)
    pairs = [
        _pair(span=(50, 90), confidence=0.9, entry="v.y"),
        _pair(span=(0, 40), confidence=0.2),
    ]
    assert [e.span for _, e in admit(pairs, adm)] == [(0, 40), (50, 90)]


def test_a_later_sentence_in_the_same_words_restates_the_first():
    adm = load_admission(TABLE)
    dead = Size(dead=Count(3, None, "three", 60, 65))
    first = _pair(span=(0, 40), actor=(_actor("FRA"),), confidence=0.4)
    again = _pair(span=(41, 80), actor=(_actor("FRA"),), confidence=0.9, size=dead)
    third = _pair(span=(81, 120), confidence=0.5)  # names nobody: no clash either
    [(_, e)] = admit([again, third, first], adm)
    assert e.span == (0, 40) and e.confidence == 0.4  # the first statement is the event
    assert e.restated == ((41, 80), (81, 120))
    assert e.size == dead  # the first states no count; a restatement does


@pytest.mark.parametrize(
    "other",
    [
        {"entry": "v.y"},  # other words: maybe another event of the same type
        {"date": "2023-01-01"},
        {"recipient": (_actor("RUS"),)},  # FRA's recipient is DEU
        {"event": "PROTEST"},
    ],
)
def test_a_later_sentence_that_differs_is_another_event(other):
    adm = load_admission(TABLE)
    first = _pair(span=(0, 40), recipient=(_actor("DEU"),))
    later = _pair(**{"span": (41, 80), "recipient": (_actor("DEU"),), **other})
    kept = admit([first, later], adm)
    assert len(kept) == 2 and all(e.restated == () for _, e in kept)


def test_an_unknown_requirement_is_named_in_the_error():
    with pytest.raises(ValueError, match="unknown requirement 'signed'"):
        load_admission("source\trequires\twhy\n*\tsigned\tx\n")


def test_the_packaged_table_requires_assertion_of_every_source():
    adm = load_admission()
    assert "asserted" in adm.needs("hand") and "asserted" in adm.needs("petrarch")


def test_a_negated_event_is_not_emitted_from_real_text(code):
    said = code("Police arrested the protesters in Lisbon on Monday.")
    denied = code("Police did not arrest the protesters in Lisbon on Monday.")
    assert [e.event for e in said] == ["COERCE"]
    assert denied == []


def test_the_confidence_threshold_drops_events_below_it(resources, coder):
    text = "Police arrested the protesters in Lisbon on Monday."
    keep_all = coder(replace(resources, options=replace(resources.options, min_confidence=0.0)))
    [event] = [e for e in keep_all(text) if e.event == "COERCE"]
    above = replace(resources.options, min_confidence=min(1.0, event.confidence + 0.01))
    at = replace(resources.options, min_confidence=event.confidence)
    assert not [e for e in coder(replace(resources, options=above))(text) if e.event == "COERCE"]
    assert [e for e in coder(replace(resources, options=at))(text) if e.event == "COERCE"]


def test_raw_confidences_are_not_thresholded(resources, coder):
    # a raw score is no chance of being right, so min_confidence does not apply to it
    strict = replace(
        resources, calibration=None, options=replace(resources.options, min_confidence=1.0)
    )
    assert [
        e for e in coder(strict)("Police arrested the protesters in Lisbon.") if e.event == "COERCE"
    ]


@pytest.mark.parametrize(
    ("options", "words"), [({"min_confidence": 1.5}, "from 0 to 1"), ({"workers": 0}, "1 or more")]
)
def test_impossible_pipeline_options_are_option_errors(options, words):
    from resgestae.errors import OptionError
    from resgestae.pipeline import Options

    with pytest.raises(OptionError, match=words):
        Options(**options)


def test_a_mention_dated_only_by_publication_is_the_same_event_as_a_dated_one():
    adm = load_admission(TABLE)
    dated = _pair(date="2024-03-12", confidence=0.8)
    undated = _pair(date="2024-03-15", date_source="publication", confidence=0.3)
    assert len(admit([dated, undated], adm)) == 1
    later = _pair(span=(41, 80), date="2024-03-15", date_source="publication")
    assert len(admit([dated, later], adm)) == 1  # a restatement too
