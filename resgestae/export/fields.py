"""What the exports written in Python (PLOVER, GeoJSON) read from a real-world event dict
the same way: its day and its lead mention."""

from __future__ import annotations

import datetime as dt

__all__ = ["as_date", "event_day", "lead_mention"]


def as_date(value: object) -> dt.date | None:
    """A ``date`` from a date, a datetime or an ISO string; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def event_day(event: dict) -> dt.date | None:
    """The day an export dates the event by: the first day its date covers (a "2023-04"
    event is dated 2023-04-01), else the day it was first seen (as GDELT dates by the
    article); None when neither is known."""
    return as_date(event.get("date_first")) or as_date(event.get("first_seen"))


def lead_mention(event: dict) -> dict | None:
    """The mention an export takes one article's evidence from: the one from the event's
    ``source_url`` if any, else the most confident (earliest of equals)."""
    mentions = event.get("mentions") or []
    url = event.get("source_url")
    for m in mentions:
        if url and m.get("url") == url:
            return m
    return max(mentions, key=lambda m: m.get("confidence") or 0.0, default=None)
