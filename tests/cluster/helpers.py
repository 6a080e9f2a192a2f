"""Hand-built mentions for the clustering tests: ``Event`` records (what the store takes) and
their dicts (what the rule reads)."""

from __future__ import annotations

import datetime as dt

from resgestae.types import Actor, Event, EventDate, Location, Trigger

D = dt.date


def who(country=None, sector=None, code=None, text="someone"):
    code = code or ((country or "") + (sector or "")) or None
    return Actor(text, code, country, sector, 0, len(text), "test")


def place(name, country, admin1=None, lat=None, lon=None, precision="city", rule="event:locative"):
    return Location(name, name, country, admin1, lat, lon, None, precision, None, None, rule)


PORTO = place("Porto", "PRT", "Porto", 41.15, -8.61)
GAIA = place("Vila Nova de Gaia", "PRT", "Porto", 41.13, -8.61)
LISBON = place("Lisbon", "PRT", "Lisboa", 38.72, -9.14)
PORTUGAL = place("Portugal", "PRT", None, 39.5, -8.0, "country")


def mention(
    n,
    article="a",
    kind="PROTEST",
    cameo="141",
    day=None,
    precision="day",
    source="text",
    actor=(),
    recipient=(),
    location=None,
    confidence=0.5,
    dead=None,
    story=(),
):
    """Mention ``n`` of ``article``: an ``Event`` dated ``day`` (a date, or (first, last)) at
    ``precision``."""
    from resgestae.types import Count, Size

    first, last = (day, day) if isinstance(day, dt.date) else (day or (None, None))
    value = None
    if first is not None:
        value = {"day": first.isoformat(), "month": first.isoformat()[:7],
                 "year": first.isoformat()[:4]}.get(precision, first.isoformat())  # fmt: skip
    size = Size(dead=Count(dead, "exact", str(dead), 0, 1)) if dead is not None else None
    return Event(
        id=f"{article}-{n:03d}",
        article_id=article,
        source_name=None,
        published=None,
        date=EventDate(value, precision if first else "unknown", source, first, last),
        event=kind,
        mode=None,
        cameo=cameo,
        quad_class=4,
        goldstein=-6.5,
        actor=tuple(actor),
        recipient=tuple(recipient),
        location=location,
        sentence=f"Sentence {n} of {article}.",
        span=(n * 100, n * 100 + 50),
        trigger=Trigger("marched", n * 100, n * 100 + 7),
        rule="test",
        negated=False,
        confidence=confidence,
        size=size,
        story=tuple(story),
    )


def row(e: Event) -> dict:
    """The mention dict the store keeps (``Event.to_dict()`` with its dates)."""
    return e.to_dict() | {"date_first": e.date.first, "date_last": e.date.last}
