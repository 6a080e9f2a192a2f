"""Many rows in one INSERT: the rows go to DuckDB as one JSON parameter, cast to a list of
STRUCTs of the table's types and unnested, matched to the columns by name.

A multi-row ``INSERT ... VALUES`` binds every value of every row apart (200 mention rows of
31 nested columns: ~70 ms of CPU), and ``executemany`` runs one INSERT a row; one JSON
document is parsed and cast by DuckDB in ~12 ms. Values are what ``json`` writes: dates and
times as ISO strings, tuples as lists (no bytes: a BLOB column is written otherwise).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence

import duckdb

__all__ = ["IN_LIST", "chunks", "insert"]

IN_LIST = 1000  # ids per IN (...) list


def insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[object]],
) -> None:
    """Insert ``rows`` (values in the order of ``columns``: (name, DuckDB type)) into
    ``table``, in one statement."""
    if not rows:
        return
    names = [name for name, _ in columns]
    struct = ", ".join(f'"{name}" {_bare(kind)}' for name, kind in columns)
    payload = json.dumps(
        [dict(zip(names, row, strict=True)) for row in rows],
        default=_iso,
        allow_nan=False,
    )
    con.execute(
        f"INSERT INTO {table} BY NAME SELECT unnest(r) FROM "
        f"(SELECT unnest(CAST(CAST(? AS JSON) AS STRUCT({struct})[])) AS r)",
        [payload],
    )


def _bare(kind: str) -> str:
    """A column type without its constraints."""
    return kind.replace(" PRIMARY KEY", "").replace(" NOT NULL", "")


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def chunks(ids: Iterable[str], size: int = IN_LIST) -> Iterator[list[str]]:
    """``ids`` in lists of ``size`` at most, for ``IN (...)`` lists."""
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
