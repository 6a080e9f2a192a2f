"""What the exports that DuckDB writes (GDELT, ACLED, PLOVER, Parquet) read: two relations,
the same whether the events come from a store or from an iterable of dicts, so each format's
columns are written once, in SQL.

- ``ev``: the real-world events, ``EVENT_TYPES`` columns, with ``_n``, their place in the
  export's order;
- ``mn``: their mentions, ``MENTION_TYPES`` columns, with ``_n``, their event's place, and
  ``_k``, their place among its mentions.

From a store they are CTEs over its tables (``Store.export_source``): a million events are
written in seconds, where turning each row into Python objects first took a minute and a
half. From dicts they are read back from JSON Lines that ``staged`` writes as the events
come, one line an event and one a mention, so an export holds one event at a time.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from resgestae.store import schema
from resgestae.store.schema import ACTOR, LOCATION

__all__ = [
    "DATED",
    "DAY",
    "EVENT_TYPES",
    "MENTION_TYPES",
    "MEMORY",
    "Source",
    "bounded",
    "columns",
    "distinct",
    "literal",
    "source_name",
    "staged",
    "text",
]

# DuckDB's memory while it writes an export; past it, its sorts spill to disk. Unbounded, the
# GDELT export of a million events peaked at 4.1 GB (its ordered output sorted in memory);
# with 1 GB it peaks at 1.2 GB and takes half as long again (bench/export.py --store).
MEMORY = "1GB"

# Each real-world event field and its DuckDB type (the ``mentions`` go to ``mn``).
EVENT_TYPES = {
    "id": "VARCHAR", "event": "VARCHAR", "cameo": "VARCHAR", "quad_class": "INTEGER",
    "goldstein": "DOUBLE", "date": "VARCHAR", "date_precision": "VARCHAR",
    "date_first": "DATE", "date_last": "DATE", "actor": f"{ACTOR}[]",
    "recipient": f"{ACTOR}[]", "location": LOCATION, "confidence": "DOUBLE",
    "fatalities": "BIGINT", "acled_type": "VARCHAR", "acled_subtype": "VARCHAR",
    "num_mentions": "INTEGER", "num_sources": "INTEGER", "num_articles": "INTEGER",
    "first_seen": "TIMESTAMP", "last_seen": "TIMESTAMP", "sentence": "VARCHAR",
    "source_url": "VARCHAR",
}  # fmt: skip
# A mention is a stored mention's row (the store's columns, without their constraints) with
# the event it joins and its article's URL, source, length and sources.
MENTION_TYPES = {
    **{name: kind.split(" ")[0] if kind.startswith(("VARCHAR", "DATE")) else kind
       for name, kind in schema.MENTION_COLUMNS},
    "event_id": "VARCHAR", "url": "VARCHAR", "source": "VARCHAR",
    "article_length": "BIGINT", "sources": "BIGINT",
}  # fmt: skip
# One encoder for every line (json.dumps with options builds a new one per call); dates and
# datetimes as ISO strings, which DuckDB reads as DATE and TIMESTAMP.
_encode = json.JSONEncoder(default=str, check_circular=False, separators=(",", ":")).encode


# The day an export dates an event by (``fields.event_day``, in SQL over ``ev``): the first
# day its date covers (a "2023-04" event is dated 2023-04-01), else the day it was first seen
# (as GDELT dates by the article); NULL when neither is known.
DAY = "coalesce(date_first, first_seen::DATE)"
# ``ev`` with the columns the formats read its rows by: ``_day`` and ``loc`` (its place).
DATED = f"SELECT *, {DAY} AS _day, location AS loc FROM ev"


def literal(value: object) -> str:
    """``value`` as a SQL literal: NULL, an integer, or a quoted string (a path, a name)."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def columns(cells: dict[str, str]) -> str:
    """A select list: each SQL value under its column name, in this order."""
    return ", ".join(f'{expr} AS "{name}"' for name, expr in cells.items())


def distinct(values: str) -> str:
    """The SQL list's values but their repeats, in the order they first appear."""
    return f"list_filter({values}, lambda x, i: list_position({values}, x) = i)"


def source_name(m: str) -> str:
    """The name of the outlet of the mention ``m``: its own, else its article's source."""
    return f"coalesce(nullif({m}.source_name, ''), {m}.source)"


def text(expr: str) -> str:
    """A text cell of a tab-separated file: tabs and line breaks become spaces."""
    return f"translate({expr}, chr(9) || chr(13) || chr(10), '   ')"


@dataclass(frozen=True)
class Source:
    """A connection and the WITH clause (``ctes``, bound by ``params``) that defines ``ev``
    and ``mn`` on it."""

    con: duckdb.DuckDBPyConnection
    ctes: str
    params: tuple[object, ...] = ()

    def copy(self, select: str, path: str | Path, options: str) -> int:
        """``COPY (select) TO path (options)`` with ``ev`` and ``mn`` defined; the rows
        written."""
        sql = f"COPY (WITH {self.ctes} {select}) TO {literal(path)} ({options})"
        row = self.con.execute(sql, list(self.params)).fetchone()
        return int(row[0]) if row else 0

    def count(self) -> int:
        """The events of ``ev``."""
        sql = f"WITH {self.ctes} SELECT count(*) FROM ev"
        row = self.con.execute(sql, list(self.params)).fetchone()
        return int(row[0]) if row else 0


def _columns(types: dict[str, str]) -> str:
    """A ``read_json`` columns argument."""
    return "{" + ", ".join(f"'{k}': '{v}'" for k, v in types.items()) + "}"


@contextmanager
def bounded(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB at most ``MEMORY`` while the block runs (its sorts spill to the connection's
    ``temp_directory``), and as it was afterwards: the setting is the database's, so a
    store's own queries are not held to the export's."""
    row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    con.execute(f"SET memory_limit = '{MEMORY}'")
    try:
        yield
    finally:
        if row is not None:
            con.execute(f"SET memory_limit = {literal(row[0])}")


@contextmanager
def staged(events: Iterable[dict], folder: str | Path | None = None) -> Iterator[Source]:
    """The ``Source`` of real-world event dicts (as ``Store.events(..., with_mentions=True)``
    yields them): written as they come to JSON Lines in a temporary folder (inside
    ``folder`` if given), read by an in-memory DuckDB that spills there too."""
    with tempfile.TemporaryDirectory(prefix=".export-", dir=folder) as tmp:
        ev_path, mn_path = Path(tmp) / "events.jsonl", Path(tmp) / "mentions.jsonl"
        with ev_path.open("w", encoding="utf-8") as ev, mn_path.open("w", encoding="utf-8") as mn:
            for n, event in enumerate(events):
                row: dict[str, Any] = {k: v for k, v in event.items() if k != "mentions"}
                ev.write(_encode({**row, "_n": n}) + "\n")
                for k, mention in enumerate(event.get("mentions") or ()):
                    mn.write(_encode({**mention, "_n": n, "_k": k}) + "\n")
        con = duckdb.connect()
        try:
            con.execute(f"SET temp_directory = {literal(Path(tmp) / 'spill')}")
            con.execute("SET enable_progress_bar = false")  # DuckDB's bar would go to the terminal
            ctes = ", ".join(
                f"{name} AS (SELECT * FROM read_json({literal(path)}, format='newline_delimited', "
                f"columns={_columns({**types, **order})}))"
                for name, path, types, order in (
                    ("ev", ev_path, EVENT_TYPES, {"_n": "BIGINT"}),
                    ("mn", mn_path, MENTION_TYPES, {"_n": "BIGINT", "_k": "BIGINT"}),
                )
            )
            yield Source(con, ctes)
        finally:
            con.close()
