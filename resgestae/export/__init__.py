"""Exports of real-world events in the formats users load: GDELT's Event and Mentions
tables, ACLED's CSV, PLOVER JSON Lines, partitioned Parquet and GeoJSON.

``export_store`` writes a store's events; ``export_events`` an iterable of real-world event
dicts (as ``Store.events(..., with_mentions=True)`` yields them, each with its
``mentions``). DuckDB writes GDELT, ACLED, PLOVER and Parquet (``SQL_FORMATS``) in SQL, from
the store's tables or from the dicts staged on disk as they come
(``resgestae.export.source``); GeoJSON is written in Python as the events come. Either way
an export holds one event at a time in Python. docs/export.md describes every column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from resgestae.errors import ExportError
from resgestae.export.acled import write_acled
from resgestae.export.gdelt import mentions_path, write_gdelt
from resgestae.export.geojson import write_geojson
from resgestae.export.parquet import check_folder, write_parquet
from resgestae.export.plover import write_plover
from resgestae.export.source import Source, bounded, staged

__all__ = [
    "FORMATS",
    "SQL_FORMATS",
    "export_events",
    "export_store",
    "mentions_path",
    "write_acled",
    "write_gdelt",
    "write_geojson",
    "write_parquet",
    "write_plover",
]

FORMATS = ("gdelt", "acled", "plover", "parquet", "geojson")
SQL_FORMATS = ("gdelt", "acled", "plover", "parquet")
_PYTHON = {"geojson": write_geojson}


def export_events(
    events: Iterable[dict], *, to: str, path: str | Path, header: bool = False
) -> int:
    """Write ``events`` to ``path`` in the format ``to`` (one of ``FORMATS``) and return how
    many were written (acled: those with an ACLED type; geojson: those with coordinates).

    ``gdelt`` writes the Event table to ``path`` and the Mentions table beside it
    (``mentions_path(path)``), without a header row unless ``header``; ``parquet`` writes
    the folder ``path`` with ``events/`` and ``mentions/`` datasets.
    """
    with _errors(Path(path)):
        target = _target(to, path)
        if to in _PYTHON:
            return _write_python(events, to, target)
        folder = target if to == "parquet" else target.parent  # the staging beside it
        with staged(events, folder) as source, bounded(source.con):
            return _write_sql(source, to, target, header)


def export_store(
    store: Any, *, to: str, path: str | Path, header: bool = False, **filters: Any
) -> int:
    """``export_events`` of the events a store (``resgestae.store.Store``, a DuckDB file or
    a Parquet folder) holds, those ``store.events(**filters)`` yields: the SQL formats
    straight from its tables."""
    with _errors(Path(path)):
        target = _target(to, path)
        if to in _PYTHON:
            # GeoJSON's features carry no mentions: reading them would cost half the export
            events = store.events(**filters)
            return _write_python(events, to, target)
        con, ctes, params = store.export_source(**filters)
        try:
            with bounded(con):
                return _write_sql(Source(con, ctes, tuple(params)), to, target, header)
        finally:
            con.close()


def _target(to: str, path: str | Path) -> Path:
    """The path to write, once ``to`` is a format and (for a file) its folder exists."""
    if to not in FORMATS:
        raise ExportError(f"unknown export format {to!r}; use one of {', '.join(FORMATS)}")
    target = Path(path)
    if to == "parquet":
        check_folder(target)
        target.mkdir(parents=True, exist_ok=True)  # the dicts are staged inside it
    elif not target.parent.exists():
        raise ExportError(f"{target}: the folder {target.parent} does not exist; create it first")
    return target


@contextmanager
def _errors(target: Path) -> Iterator[None]:
    """What cannot be written as one ``ExportError`` naming the file."""
    try:
        yield
    except OSError as exc:
        raise ExportError(f"{exc.filename or target}: cannot write ({exc.strerror})") from None
    except duckdb.Error as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ExportError(f"{target}: cannot write ({detail})") from None


def _write_python(events: Iterable[dict], to: str, target: Path) -> int:
    with target.open("w", encoding="utf-8", newline="") as out:
        return _PYTHON[to](events, out)


def _write_sql(source: Source, to: str, target: Path, header: bool) -> int:
    if to == "gdelt":
        return write_gdelt(source, target, mentions_path(target), header=header)
    if to == "acled":
        return write_acled(source, target)
    if to == "plover":
        return write_plover(source, target)
    return write_parquet(source, target)
