"""Exports of real-world events in the formats users load: GDELT's Event and Mentions
tables, ACLED's CSV, PLOVER JSON Lines, partitioned Parquet and GeoJSON.

Each writer takes an iterable of real-world event dicts (as ``Store.events(...,
with_mentions=True)`` yields them, each with its ``mentions``) and writes as it iterates,
so an export holds one event at a time (Parquet stages them on disk); ``export_events``
picks the writer and opens the files. docs/export.md describes every column.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

import duckdb

from resgestae.errors import ExportError
from resgestae.export.acled import write_acled
from resgestae.export.gdelt import mentions_path, write_gdelt
from resgestae.export.geojson import write_geojson
from resgestae.export.parquet import write_parquet
from resgestae.export.plover import write_plover

__all__ = [
    "FORMATS",
    "export_events",
    "mentions_path",
    "write_acled",
    "write_gdelt",
    "write_geojson",
    "write_parquet",
    "write_plover",
]

FORMATS = ("gdelt", "acled", "plover", "parquet", "geojson")


def export_events(
    events: Iterable[dict], *, to: str, path: str | Path, header: bool = False
) -> int:
    """Write ``events`` to ``path`` in the format ``to`` (one of ``FORMATS``) and return how
    many were written (acled: those with an ACLED type; geojson: those with coordinates).

    ``gdelt`` writes the Event table to ``path`` and the Mentions table beside it
    (``mentions_path(path)``), without a header row unless ``header``; ``parquet`` writes
    the folder ``path`` with ``events/`` and ``mentions/`` datasets.
    """
    if to not in FORMATS:
        raise ExportError(f"unknown export format {to!r}; use one of {', '.join(FORMATS)}")
    target = Path(path)
    try:
        if to == "parquet":
            return write_parquet(events, target)
        with ExitStack() as files:
            out = files.enter_context(_open(target))
            if to == "gdelt":
                mentions = files.enter_context(_open(mentions_path(target)))
                return write_gdelt(events, out, mentions, header=header)
            writer = {"acled": write_acled, "plover": write_plover, "geojson": write_geojson}
            return writer[to](events, out)
    except OSError as exc:
        raise ExportError(f"{exc.filename or target}: cannot write ({exc.strerror})") from None
    except duckdb.Error as exc:  # parquet: DuckDB could not write the datasets
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ExportError(f"{target}: cannot write the Parquet datasets ({detail})") from None


def _open(path: Path):
    """``path`` for writing text; a missing folder is an error that says so."""
    if not path.parent.exists():
        raise ExportError(f"{path}: the folder {path.parent} does not exist; create it first")
    return path.open("w", encoding="utf-8", newline="")
