"""Parquet datasets of every field, partitioned by month (hive-style ``month=YYYY-MM/``
folders): ``events/`` and ``mentions/`` under one folder.

DuckDB writes them (it is already resgestae's store, so Parquet needs no new dependency):
the events stream as they come to a temporary JSON Lines file inside the output folder,
one line an event with its mentions, and one ``COPY`` per dataset reads it, types it,
splits the mentions off and writes it by month, within DuckDB's memory limit.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb

from resgestae.errors import ExportError
from resgestae.export.fields import event_day
from resgestae.store import schema
from resgestae.store.schema import ACTOR, LOCATION

__all__ = ["EVENT_TYPES", "MENTION_TYPES", "DATASETS", "month", "write_parquet"]

# Each real-world event field and its DuckDB type (the ``mentions`` go to their own dataset).
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
_STORED = schema.MENTION_COLUMNS
MENTION_TYPES = {
    **{name: kind.split(" ")[0] if kind.startswith(("VARCHAR", "DATE")) else kind
       for name, kind in _STORED},
    "event_id": "VARCHAR", "url": "VARCHAR", "source": "VARCHAR",
    "article_length": "BIGINT", "sources": "BIGINT",
}  # fmt: skip
DATASETS = ("events", "mentions")
UNKNOWN_MONTH = "unknown"
# One encoder for every row (json.dumps with options builds a new one per call); dates and
# datetimes as ISO strings, which DuckDB reads as DATE and TIMESTAMP.
_encode = json.JSONEncoder(default=str, check_circular=False, separators=(",", ":")).encode


def month(event: dict) -> str:
    """The partition an event (and its mentions) go to: its day's YYYY-MM, else "unknown"."""
    day = event_day(event)
    return f"{day.year:04d}-{day.month:02d}" if day else UNKNOWN_MONTH


def _check_folder(root: Path) -> None:
    """Refuse a folder holding anything but an earlier export: writing replaces its
    datasets, and must not delete what a user keeps there."""
    if root.exists() and not root.is_dir():
        raise ExportError(f"{root}: is a file; parquet writes a folder, give a folder name")
    if root.is_dir():
        other = sorted(p.name for p in root.iterdir() if p.name not in DATASETS)
        if other:
            raise ExportError(
                f"{root}: the folder holds other files ({', '.join(other[:3])}); "
                "give a new or empty folder (an earlier parquet export there is replaced)"
            )


def _struct(types: dict[str, str]) -> str:
    return "{" + ", ".join(f"'{k}': '{v}'" for k, v in types.items()) + "}"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_parquet(events: Iterable[dict], path: str | Path) -> int:
    """Write ``path/events/month=.../*.parquet`` and ``path/mentions/month=.../*.parquet``;
    returns the number of events. Mentions are partitioned by their event's month, so an
    event and its evidence sit in the same partition."""
    root = Path(path)
    _check_folder(root)
    root.mkdir(parents=True, exist_ok=True)
    n = 0
    with tempfile.TemporaryDirectory(prefix=".export-", dir=root) as tmp:
        staged = Path(tmp) / "events.jsonl"
        with staged.open("w", encoding="utf-8") as out:
            for event in events:
                # the event as it came, mentions and all, under its month: one encoding per
                # event, and DuckDB splits events from mentions
                out.write(f'{{"month": "{month(event)}", "e": {_encode(event)}}}\n')
                n += 1
        mentions = f"STRUCT({', '.join(f'{_ident(k)} {v}' for k, v in MENTION_TYPES.items())})"
        event_struct = ", ".join(f"{_ident(k)} {v}" for k, v in EVENT_TYPES.items())
        columns = _struct(
            {"month": "VARCHAR", "e": f"STRUCT({event_struct}, mentions {mentions}[])"}
        )
        source = f"read_json({_quote(staged)}, format='newline_delimited', columns={columns})"
        selects = {
            "events": f"SELECT e.* EXCLUDE (mentions), month FROM {source}",
            "mentions": f"SELECT unnest(m), month FROM (SELECT unnest(e.mentions) AS m, month "
            f"FROM {source})",
        }
        con = duckdb.connect()
        con.execute(f"SET temp_directory = {_quote(Path(tmp) / 'spill')}")
        con.execute("SET preserve_insertion_order = false")  # partitions need no global order
        con.execute("SET enable_progress_bar = false")  # DuckDB's bar would go to the terminal
        for name, select in selects.items():
            target = root / name
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()  # an empty dataset is still a folder, so readers find both
            con.execute(
                f"COPY ({select}) TO {_quote(target)} "
                "(FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE)"
            )
        con.close()
    return n
