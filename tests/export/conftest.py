"""Real-world events around mentions the real pipeline codes from two short articles the
team wrote (two outlets reporting one protest and one clash), for the export tests."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.pipeline import Resources, run
from resgestae.types import Article

from .helpers import from_mentions

ARTICLES = (
    Article(
        id="harbour-1",
        source="Harbour Post",
        url="https://harbour.example.org/nurses-march",
        published=dt.date(2024, 3, 5),
        text=(
            "Hundreds of nurses marched through the centre of Porto on Tuesday to demand "
            "higher wages and more staff in public hospitals.\n\n"
            "Soldiers clashed with rebels near Goma on Monday, killing four fighters, the "
            "army said."
        ),
    ),
    Article(
        id="coast-2",
        source="Coast Daily",
        url=None,
        published=dt.date(2024, 3, 6),
        text=(
            "Nurses protested in Porto on Tuesday, calling on the government to raise their "
            "pay, a union leader told reporters."
        ),
    ),
)


@pytest.fixture(scope="session")
def coded():
    """[(Article, Event)] for every event the pipeline codes in ``ARTICLES``."""
    results = list(run(ARTICLES, Resources.load()))
    assert not [r.error for r in results if r.error]
    return [(r.article, e) for r in results for e in r.events]


@pytest.fixture(scope="session")
def real_events(coded):
    """Real-world event dicts wrapped around the coded mentions."""
    events = from_mentions(coded)
    assert events, "the pipeline coded no event from the test articles"
    return events


@pytest.fixture(scope="session")
def texts():
    """Article id -> text, to check offsets against."""
    return {a.id: a.text for a in ARTICLES}
