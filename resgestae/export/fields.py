"""What every export reads from a real-world event dict the same way: its day, its lead
mention, its first actor, and plain values for text files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

__all__ = ["as_date", "event_day", "lead_mention", "first", "clean", "tsv_line", "mention_sources"]


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


def first(actors: list[dict] | None) -> dict:
    """The first actor of a list (formats with one actor a side take it), or ``{}``."""
    return actors[0] if actors else {}


_SPACES = str.maketrans("\t\r\n", "   ")


def clean(value: object) -> str:
    """A value as one cell of a tab-separated line: None is empty, tabs and line breaks
    become spaces."""
    if value is None:
        return ""
    return value.translate(_SPACES) if isinstance(value, str) else str(value)


def tsv_line(values: list[object]) -> str:
    """The values as one tab-separated line, each ``clean``."""
    # clean() inlined: GDELT's tables have 77 cells an event, and exports a million events
    cells = ["" if v is None else v.translate(_SPACES) if type(v) is str else str(v)
             for v in values]  # fmt: skip
    return "\t".join(cells) + "\n"


def mention_sources(mentions: Iterable[dict]) -> list[str]:
    """The distinct source names of the mentions, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in mentions:
        name = m.get("source_name") or m.get("source")
        if name:
            seen.setdefault(name, None)
    return list(seen)
