"""A GeoJSON FeatureCollection (RFC 7946) of the events that have a place with coordinates:
one Point feature each, with the event's main fields as properties, for any map tool."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from resgestae.export.fields import event_day

# one encoder for every record (json.dumps with options builds a new one per call)
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode

__all__ = ["feature", "write_geojson"]


def _codes(actors: list[dict] | None) -> list[str]:
    return [a.get("code") or a.get("text") or "" for a in actors or []]


def feature(event: dict) -> dict | None:
    """The event as a Point feature, or None when it has no coordinates."""
    loc = event.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    day = event_day(event)
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},  # lon first
        "properties": {
            "id": event["id"],
            "event": event.get("event"),
            "cameo": event.get("cameo"),
            "quad_class": event.get("quad_class"),
            "date": event.get("date") or (day.isoformat() if day else None),
            "date_precision": event.get("date_precision"),
            "actor": _codes(event.get("actor")),
            "recipient": _codes(event.get("recipient")),
            "location": loc.get("name"),
            "country": loc.get("country"),
            "precision": loc.get("precision"),
            "num_mentions": event.get("num_mentions"),
            "num_sources": event.get("num_sources"),
            "confidence": event.get("confidence"),
            "sentence": event.get("sentence"),
        },
    }


def write_geojson(events: Iterable[dict], out: TextIO) -> int:
    """The collection, one feature a line as the events come (the file is one JSON value,
    written without holding it whole); returns the number of features."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for event in events:
        f = feature(event)
        if f is not None:
            out.write((",\n" if n else "") + _encode(f))
            n += 1
    out.write("\n]}\n")
    return n
