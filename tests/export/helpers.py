"""Real-world event dicts for the export tests, in the shape ``Store.events(...,
with_mentions=True)`` yields: built by hand with known values (``actor``, ``place``,
``mention``, ``event``), or wrapped around mentions the real pipeline coded
(``from_mentions``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

LISBON = {
    "text": "Lisbon", "name": "Lisbon", "country": "PRT", "admin1": "Lisboa", "lat": 38.72509,
    "lon": -9.1498, "geonameid": 2267057, "precision": "city", "start": 40, "end": 46,
    "rule": "test",
}  # fmt: skip


def actor(text, code, country, sector, start=0, end=None, rule="test"):
    """An actor dict as ``Actor.to_dict()`` gives it."""
    end = start + len(text) if end is None else end
    return {"text": text, "code": code, "country": country, "sector": sector,
            "start": start, "end": end, "rule": rule}  # fmt: skip


def place(**over):
    """A location dict (Lisbon unless overridden)."""
    return {**LISBON, **over}


def mention(**over):
    """A mention dict: ``Event.to_dict()``'s keys plus the store's event_id, url, source,
    article_length and sources."""
    base = {
        "id": "m-1", "article_id": "a-1", "source_name": "Test Wire", "published": "2023-04-12",
        "date": "2023-04-12", "date_precision": "day", "date_source": "text",
        "event": "PROTEST", "mode": "demo", "cameo": "141", "quad_class": 4,
        "goldstein": -6.5,
        "actor": [actor("Thousands of nurses", "PRTMED", "PRT", "MED", 0)],
        "recipient": [], "location": place(),
        "sentence": "Thousands of nurses marched through Lisbon on Wednesday.",
        "span": [0, 56], "trigger": {"text": "marched", "start": 20, "end": 27},
        "rule": "v.march", "negated": False, "confidence": 0.74,
        "acled_type": "Protests", "acled_subtype": "Peaceful protest", "plover_score": -5.0,
        "context": ["economic"], "size": None, "fatalities": None,
        "event_id": "e-1", "url": "https://news.example.org/a-1", "source": "Test Wire",
        "article_length": 900, "sources": 1,
    }  # fmt: skip
    return {**base, **over}


def event(mentions=None, **over):
    """A real-world event dict with its mentions (one ``mention()`` unless given); the
    counts follow from the mentions unless overridden."""
    mentions = [mention()] if mentions is None else mentions
    first = mentions[0] if mentions else mention()
    base = {
        "id": first.get("event_id") or "e-1", "event": first["event"],
        "cameo": first["cameo"], "quad_class": first["quad_class"],
        "goldstein": first["goldstein"], "date": first["date"],
        "date_precision": first["date_precision"],
        "date_first": _first_last(first["date"], first["date_precision"])[0],
        "date_last": _first_last(first["date"], first["date_precision"])[1],
        "actor": first["actor"], "recipient": first["recipient"],
        "location": first["location"], "confidence": first["confidence"],
        "fatalities": first["fatalities"], "acled_type": first["acled_type"],
        "acled_subtype": first["acled_subtype"], "num_mentions": len(mentions),
        "num_sources": len({m["source_name"] for m in mentions}),
        "num_articles": len({m["article_id"] for m in mentions}),
        "first_seen": dt.datetime(2023, 4, 12, 9, 30), "last_seen": dt.datetime(2023, 4, 13, 18),
        "sentence": first["sentence"], "source_url": first["url"], "mentions": mentions,
    }  # fmt: skip
    return {**base, **over}


def _first_last(value, precision):
    """The first and last day a date of this precision covers (as the store keeps them)."""
    if not value:
        return None, None
    if precision == "day":
        day = dt.date.fromisoformat(value)
        return day, day
    if precision == "month":
        year, month = map(int, value.split("-"))
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(year, month, 1), end
    if precision == "year":
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    return None, None


def from_mentions(coded):
    """Real-world events around mentions the pipeline coded: ``coded`` is a list of
    ``(Article, Event)``; mentions with the same PLOVER type and CAMEO code join one event
    (the clustering's job, done crudely here: the exports only need the shape)."""
    groups = defaultdict(list)
    for art, ev in coded:
        d = ev.to_dict()
        d.update(event_id=f"rw-{d['event']}-{d['cameo']}", url=art.url, source=art.source,
                 article_length=len(art.text), sources=1)  # fmt: skip
        groups[d["event_id"]].append(d)
    out = []
    for mentions in groups.values():
        d = event(mentions)
        d["date_first"], d["date_last"] = _first_last(d["date"], d["date_precision"])
        out.append(d)
    return out
