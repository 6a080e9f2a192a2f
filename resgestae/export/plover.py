"""PLOVER JSON Lines, with the field names of the PLOVER manual's "Data Fields" chapter.

One record per real-world event. The manual's single-text fields (``text``, ``text_info``,
``cite_info``) come from the event's lead mention; every mention's evidence follows in
``mentions`` (the manual invites named fields beyond its own), as do the counts, CAMEO code,
Goldstein score and confidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import TextIO

from resgestae.export.fields import as_date, event_day, lead_mention
from resgestae.export.tables import country

# one encoder for every record (json.dumps with options builds a new one per call)
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode

__all__ = ["RESOLUTION", "entity", "location", "record", "write_plover"]

# The manual's location resolution: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
RESOLUTION = {"city": 4, "admin1": 2, "country": 1}
# CAMEO's international prefixes -> the manual's non-state "country" codes (its table of
# international non-state actor names); UN and EU bodies keep their own.
_NONSTATE = (("IGOUNO", "UNO"), ("IGOEUR", "EUR"), ("IGO", "IGO"), ("NGO", "NGO"),
             ("IMG", "IMG"), ("MNC", "MNC"))  # fmt: skip


def _coder() -> str:
    try:
        return f"resgestae {version('resgestae')}"
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "resgestae"


def entity(actor: dict) -> dict:
    """The manual's entity object: ``code`` the country (or non-state code), ``sector``,
    ``entity_text``; with our full CAMEO-style ``actor_code`` and the text offsets."""
    code = actor.get("country")
    full = actor.get("code") or ""
    if not code:
        code = next((c for prefix, c in _NONSTATE if full.startswith(prefix)), None)
    return {
        "code": code,
        "sector": actor.get("sector"),
        "entity_text": actor.get("text"),
        "actor_code": actor.get("code"),
        "start": actor.get("start"),
        "end": actor.get("end"),
    }


def location(loc: dict | None) -> dict | None:
    """The manual's location object (Mordecai's fields) for our GeoNames location."""
    if not loc:
        return None
    c = country(loc.get("country"))
    precision = loc.get("precision")
    return {
        "extracted_place": loc.get("text"),
        "resolved_place": loc.get("name"),
        "geonameid": loc.get("geonameid"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "city": loc.get("name") if precision == "city" else None,
        "province": loc.get("admin1"),
        "country": c.name if c else None,
        "country_code": loc.get("country"),
        "resolution": RESOLUTION.get(precision or ""),
    }


def _text_info(m: dict) -> dict:
    start, end = m.get("span") or (None, None)
    return {"start": start, "end": end}


def _cite_info(m: dict, coder: str) -> dict:
    return {
        "citation": m.get("article_id"),
        "url": m.get("url"),
        "publication": m.get("source_name") or m.get("source"),
        "language": "en",
        "coder": coder,
    }


def _mention(m: dict, coder: str) -> dict:
    return {
        "id": m.get("id"),
        "article_id": m.get("article_id"),
        "date": m.get("date"),
        "event": [m["event"]] if m.get("event") else [],
        "mode": [m["mode"]] if m.get("mode") else [],
        "text": m.get("sentence"),
        "text_info": _text_info(m),
        "event_text": [t] if (t := (m.get("trigger") or {}).get("text")) else [],
        "trigger": m.get("trigger"),
        "cite_info": _cite_info(m, coder),
        "confidence": m.get("confidence"),
    }


def _iso(value: object) -> str | None:
    day = as_date(value)
    return day.isoformat() if day else None


def record(event: dict, coder: str = "resgestae") -> dict:
    """The event as one PLOVER record."""
    mentions = event.get("mentions") or []
    lead = lead_mention(event) or {}
    day, last = event_day(event), as_date(event.get("date_last"))
    modes = list(dict.fromkeys(m["mode"] for m in mentions if m.get("mode")))
    contexts = list(dict.fromkeys(c for m in mentions for c in m.get("context") or ()))
    triggers = list(
        dict.fromkeys(t for m in mentions if (t := (m.get("trigger") or {}).get("text")))
    )
    out = {
        "id": event["id"],
        "date": day.isoformat() if day else None,
        "enddate": last.isoformat() if last and last != day else None,
        "actor": [entity(a) for a in event.get("actor") or []],
        "recipient": [entity(a) for a in event.get("recipient") or []],
        "event": [event["event"]] if event.get("event") else [],
        "mode": modes,
        "context": contexts,
        "event_loc": location(event.get("location")),
        "event_text": triggers,
        "quad_code": event.get("quad_class"),
        "event_scale": lead.get("plover_score"),
        "text": event.get("sentence"),
        "text_info": _text_info(lead),
        "cite_info": _cite_info(lead, coder),
        "coder": coder,
        "size": {k: (lead.get("size") or {}).get(k) for k in ("dead", "injured", "arrested")},
        # named fields beyond the manual's
        "date_precision": event.get("date_precision"),
        "cameo": event.get("cameo"),
        "goldstein": event.get("goldstein"),
        "confidence": event.get("confidence"),
        "fatalities": event.get("fatalities"),
        "acled_type": event.get("acled_type"),
        "acled_subtype": event.get("acled_subtype"),
        "num_mentions": event.get("num_mentions"),
        "num_sources": event.get("num_sources"),
        "num_articles": event.get("num_articles"),
        "first_seen": _iso(event.get("first_seen")),
        "last_seen": _iso(event.get("last_seen")),
        "mentions": [_mention(m, coder) for m in mentions],
    }
    return out


def write_plover(events: Iterable[dict], out: TextIO) -> int:
    """One PLOVER record per line as the events come; returns the number of records."""
    coder = _coder()
    n = 0
    for event in events:
        out.write(_encode(record(event, coder)) + "\n")
        n += 1
    return n
