"""The day an export dates a real-world event dict by, for the one export written in Python
(GeoJSON); ``source.DAY`` is the same rule in SQL."""

from __future__ import annotations

import datetime as dt

__all__ = ["as_date", "event_day"]


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
