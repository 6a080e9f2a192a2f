"""ACLED's export columns, as CSV, for events with an ACLED-style type.

ACLED codes one event per day and place from human reading; here each row is one of our
real-world events with its ACLED type, and the columns ACLED fills from its coders'
judgement (source scale, tags, admin2/3) are left empty (docs/export.md lists them).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from resgestae.export.fields import as_date, event_day, first, mention_sources
from resgestae.export.tables import acled_inter, country

__all__ = ["COLUMNS", "inter", "disorder_type", "row", "write_acled"]

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# ACLED's time precision: 1 the day is known, 2 the week, 3 only the month (or coarser).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED's geo precision: 1 the town itself, 3 a larger region (its capital's coordinates).
GEO_PRECISION = {"city": 1, "admin1": 3, "country": 3}
STATE = "1"
EXTERNAL = "8"
INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")


def inter(actor: dict, event_type: str | None, place_country: str | None) -> int:
    """ACLED's actor type code (1-8) for an actor of an event of ``event_type`` in
    ``place_country``; 0 for no actor (as ACLED) or one whose sector has no type."""
    if not actor:
        return 0
    code = actor.get("code") or ""
    if not actor.get("country") and code.startswith(INTERNATIONAL):
        return int(EXTERNAL)
    kind = acled_inter().get(actor.get("sector") or "")
    if kind is None:
        return 0
    if kind == "unarmed":
        return {"Protests": 6, "Riots": 5}.get(event_type or "", 7)
    if kind == STATE and place_country and actor.get("country") not in (None, place_country):
        return int(EXTERNAL)  # state forces abroad are ACLED's external forces
    return int(kind)


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's disorder type, from the event type (and the two sub-types that cross over)."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations" if sub_event_type != "Mob violence" else "Political violence"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence" if event_type else None


def _name(actor: dict) -> str | None:
    """ACLED-style actor name: the text with the actor's country, "Protesters (Portugal)"."""
    if not actor:
        return None
    c = country(actor.get("country"))
    text = actor.get("text") or actor.get("code")
    return f"{text} ({c.name})" if c and text else text


def _assoc(actors: list[dict] | None) -> str | None:
    return "; ".join(n for a in (actors or [])[1:] if (n := _name(a))) or None


def row(event: dict) -> dict[str, object]:
    """The event as one ACLED row (``COLUMNS`` keys; None for an empty cell)."""
    loc = event.get("location") or {}
    place = country(loc.get("country"))
    day = event_day(event)
    kind, sub = event.get("acled_type"), event.get("acled_subtype")
    actor1, actor2 = first(event.get("actor")), first(event.get("recipient"))
    inter1 = inter(actor1, kind, loc.get("country"))
    inter2 = inter(actor2, kind, loc.get("country"))
    low, high = sorted((inter1, inter2)) if inter2 else (inter1, 0)
    civilians = kind == "Violence against civilians" or (
        (disorder_type(kind, sub) or "").startswith("Political violence") and inter2 == 7
    )
    last = event.get("last_seen")
    stamp = last if isinstance(last, dt.datetime) else None
    if stamp is None and (last_day := as_date(last)):
        stamp = dt.datetime(last_day.year, last_day.month, last_day.day)
    return {
        "event_id_cnty": f"{loc.get('country') or ''}{event['id']}",
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        # an undated event (dated by the day it was first seen) is as imprecise as ACLED goes
        "time_precision": TIME_PRECISION.get(event.get("date_precision") or "", 3) if day else None,
        "disorder_type": disorder_type(kind, sub),
        "event_type": kind,
        "sub_event_type": sub,
        "actor1": _name(actor1),
        "assoc_actor_1": _assoc(event.get("actor")),
        "inter1": inter1,
        "actor2": _name(actor2),
        "assoc_actor_2": _assoc(event.get("recipient")),
        "inter2": inter2,
        "interaction": int(f"{low}{high}") if inter1 or inter2 else None,
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": place.numeric if place else None,
        "region": place.region if place else None,
        "country": place.name if place else None,
        "admin1": loc.get("admin1"),
        "admin2": None,
        "admin3": None,
        "location": loc.get("name"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or "") if loc else None,
        "source": "; ".join(mention_sources(event.get("mentions") or [])) or None,
        "source_scale": None,
        "notes": event.get("sentence"),
        "fatalities": event.get("fatalities") or 0,  # ACLED writes 0 when none are reported
        "tags": None,
        "timestamp": int(stamp.replace(tzinfo=stamp.tzinfo or dt.UTC).timestamp())
        if stamp
        else None,
    }


def write_acled(events: Iterable[dict], out: TextIO) -> int:
    """A header row, then one row per event with an ACLED type (the others are passed
    over), as the events come; returns the number of rows."""
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        if event.get("acled_type"):
            writer.writerow(row(event))
            n += 1
    return n
