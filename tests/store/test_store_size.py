"""Event size in the store: stored and read back as Event.to_dict(), and a store made before
the size columns gains them when opened."""

from __future__ import annotations

import dataclasses
import datetime as dt

from resgestae.pipeline import ArticleResult
from resgestae.store import Store
from resgestae.types import Article, Count, Event, EventDate, Size, Trigger

ART = Article("a1", "Gunmen killed at least 6 people and wounded 12.", dt.date(2024, 3, 1))
SIZE = Size(
    dead=Count(6, "at least", "at least 6", 14, 24),
    injured=Count(12, "exact", "12", 44, 46),
    total=Count(18, "at least", "at least 6 + 12", 14, 46),
)
EVENT = Event(
    id="e1",
    article_id="a1",
    source_name=None,
    published=ART.published,
    date=EventDate(None, "unknown", "unknown", None, None),
    event="ASSAULT",
    mode=None,
    cameo="190",
    quad_class=4,
    goldstein=-10.0,
    actor=(),
    recipient=(),
    location=None,
    sentence=ART.text,
    span=(0, len(ART.text)),
    trigger=Trigger("killed", 7, 13),
    rule="test",
    negated=False,
    confidence=0.9,
    size=SIZE,
)
NO_SIZE = dataclasses.replace(EVENT, id="e2", size=None)


def stored(store: Store) -> dict[str, dict]:
    keep = ("event_id", "url", "source", "article_length")
    return {d.pop("id"): {k: v for k, v in d.items() if k not in keep} for d in store.mentions()}


def test_size_round_trip():
    with Store() as s:
        s.add(ArticleResult(ART, (EVENT, NO_SIZE), sentences=1))
        back = stored(s)
    for e in (EVENT, NO_SIZE):
        d = e.to_dict() | {"sources": 1}
        del d["id"]
        assert back[e.id] == d
    assert back["e1"]["fatalities"] == 6 and back["e1"]["size"]["arrested"] is None
    assert back["e2"]["size"] is None and back["e2"]["fatalities"] is None


def test_store_made_before_size_gains_its_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:  # an older store: the events table without the size columns
        s.con.execute('ALTER TABLE mentions DROP COLUMN "size"')
        s.con.execute('ALTER TABLE mentions DROP COLUMN "fatalities"')
    with Store(path) as s:
        s.add(ArticleResult(ART, (EVENT,), sentences=1))
        assert stored(s)["e1"]["size"] == SIZE.to_dict()
