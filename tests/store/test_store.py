"""The DuckDB store: round trip, idempotent re-ingest, query filters, batches with bad files."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from resgestae.errors import InputError
from resgestae.ingest import read_paths
from resgestae.pipeline import ArticleResult
from resgestae.store import Store
from resgestae.types import Actor, Article, Event, EventDate, Location, Trigger

D = dt.date


def actor(text, code, country, sector=None):
    return Actor(text, code, country, sector, 0, len(text), f"test:{code}")


def event(article, n, kind, cameo, actors=(), recipients=(), when=None, place=None):
    first, last = when or (None, None)
    return Event(
        id=f"{article.id}-{n}",
        article_id=article.id,
        source_name=article.source,
        published=article.published,
        date=EventDate(
            first.isoformat() if first else None,
            "day" if first else "unknown",
            "text" if first else "unknown",
            first,
            last,
        ),
        event=kind,
        mode=None,
        cameo=cameo,
        quad_class=3,
        goldstein=-6.5,
        actor=tuple(actors),
        recipient=tuple(recipients),
        location=place,
        sentence=f"Sentence {n}.",
        span=(n * 10, n * 10 + 9),
        trigger=Trigger("rallied", n * 10 + 2, n * 10 + 9),
        rule="test",
        negated=False,
        confidence=0.8,
        context=("protest",),
    )


BAKU = Location("Baku", "Baku", "AZE", "Baku", 40.38, 49.89, 587084, "city", 5, 9, "gaz")
ART = Article("a1", "Text one.", D(2020, 11, 26), "Wire", "https://x/1", "Title", "f.txt")
ART2 = Article("a2", "Text two.", D(2021, 1, 5), None, None, None, "g.jsonl:2")
AZE = actor("Baku residents", "AZECVL", "AZE", "CVL")
FRA = actor("France", "FRA", "FRA")
SENATE = actor("the French Senate", "FRALEG", "FRA", "LEG")
UN = actor("the UN Security Council", "IGOUNO", None)

RESULTS = [
    ArticleResult(
        ART,
        (
            event(ART, 1, "PROTEST", "141", [AZE], [FRA], (D(2020, 11, 26),) * 2, BAKU),
            event(ART, 2, "ACCUSE", "111", [AZE], [FRA, SENATE], (D(2020, 11, 26),) * 2),
            event(ART, 3, "AGREE", "057", [UN], [], (D(2020, 11, 1), D(2020, 11, 30))),
        ),
        sentences=3,
    ),
    ArticleResult(ART2, (event(ART2, 1, "ASSAULT", "19", [SENATE], [AZE]),), sentences=1),
]


@pytest.fixture
def store():
    with Store() as s:
        for r in RESULTS:
            assert s.add(r)
        yield s


def test_round_trip_gives_back_event_to_dict(store):
    stored = {d["id"]: d for d in store.mentions()}
    for r in RESULTS:
        for e in r.events:
            extra = {"sources": 1, "url": r.article.url, "source": r.article.source,
                     "article_length": len(r.article.text)}  # fmt: skip
            d = stored[e.id]
            assert d.pop("event_id") is not None
            assert d == e.to_dict() | extra  # no near-duplicates


def test_adding_again_adds_nothing(store):
    before = store.counts()
    assert not store.add(RESULTS[0])
    assert (
        store.counts() == before == {"articles": 2, "mentions": 4, "events": 4, "actor_mentions": 8}
    )
    assert store.has("a1") and not store.has("zzz")


def test_store_persists_in_a_file(tmp_path):
    path = tmp_path / "x.duckdb"
    with Store(path) as s:
        s.add(RESULTS[0])
    with Store(path) as s:
        assert not s.add(RESULTS[0])
        assert len(list(s.mentions())) == 3


def ids(rows):
    return sorted(d["id"] for d in rows)


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({}, ["a1-1", "a1-2", "a1-3", "a2-1"]),
        ({"actor": "AZE"}, ["a1-1", "a1-2"]),  # code prefix / country
        ({"actor": "igo"}, ["a1-3"]),  # case-insensitive code prefix
        ({"actor": "french senate"}, ["a2-1"]),  # part of the text
        ({"recipient": "FRA"}, ["a1-1", "a1-2"]),
        ({"recipient": "AZE"}, ["a2-1"]),
        ({"event": "protest"}, ["a1-1"]),
        ({"event": "14"}, ["a1-1"]),  # CAMEO prefix
        ({"country": "FRA"}, ["a1-1", "a1-2", "a2-1"]),  # actor or recipient country
        ({"country": "AZE"}, ["a1-1", "a1-2", "a2-1"]),
        ({"since": D(2020, 11, 20)}, ["a1-1", "a1-2", "a1-3"]),  # month overlaps
        ({"until": D(2020, 11, 5)}, ["a1-3"]),
        ({"since": D(2020, 11, 26), "until": D(2020, 11, 26), "event": "ACCUSE"}, ["a1-2"]),
        ({"actor": "nobody"}, []),
    ],
)
def test_query_filters(store, filters, expected):
    assert ids(store.mentions(**filters)) == expected


def test_location_country_matches(store):
    with Store() as s:
        art = Article("a3", "x", None)
        s.add(ArticleResult(art, (event(art, 1, "PROTEST", "141", place=BAKU),), sentences=1))
        assert ids(s.mentions(country="aze")) == ["a3-1"]


def test_query_order_and_limit(store):
    rows = list(store.mentions(limit=2))
    assert [d["id"] for d in rows] == ["a1-3", "a1-1"]  # by first day, then offset


def test_failed_add_writes_nothing(store):
    broken = ArticleResult(Article("bad", "x", None), (object(),), sentences=1)
    with pytest.raises(AttributeError):
        store.add(broken)
    assert not store.has("bad")
    assert store.counts()["articles"] == 2


def test_batch_with_bad_files_loses_and_doubles_nothing(tmp_path):
    """Store every readable article of the mixed fixture batch twice: the bad files are
    reported each time, the good ones are stored once."""
    path = tmp_path / "b.duckdb"
    for attempt in range(2):
        with Store(path) as s:
            items = list(read_paths([str(FIXTURES / "batch")]))
            errors = [i for i in items if isinstance(i, InputError)]
            added = [s.add(ArticleResult(i, (), 1)) for i in items if isinstance(i, Article)]
            assert len(errors) == 6
            assert added == [attempt == 0] * 6
            assert s.counts()["articles"] == 6
