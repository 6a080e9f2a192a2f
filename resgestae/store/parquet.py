"""A Parquet folder written by ``resgestae ingest --engine ray --out DIR``, read in place as a
store: ``ParquetStore`` is a ``Store`` whose tables are DuckDB views over the folder's files
(``read_parquet`` with hive partitioning, in an in-memory connection that holds nothing but
the views), so every read of the store (``events``, ``mentions``, ``counts_by``, the
server's queries) runs unchanged on it.

The folder holds ``articles/`` and ``mentions/``, each partitioned by month
(``month=YYYY-MM/part-<hash>.parquet``, written by ``resgestae.engine.parquet``), and, once
``recluster`` has built them, the real-world events in ``events/events.parquet``: the store's
``events`` table, clustered by the same rule (``resgestae.store.clusters.recluster``), its
``mention_ids`` the mapping from each mention to its event. The file is written under a
hidden name and moved over the old one when complete, so a reader sees the old events or
the new, never part of them. Before the first ``recluster`` the folder has mentions but no
events: reading events is a ``StoreError`` that says to run it (``mentions`` read).
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from resgestae.cluster import Settings
from resgestae.errors import StoreError
from resgestae.store import clusters
from resgestae.store.db import Store
from resgestae.store.schema import (
    ARTICLE_COLUMNS,
    DDL,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    MENTION_KEYS,
    UPGRADE,
)

__all__ = [
    "ARTICLES",
    "ARTICLE_TYPES",
    "EVENTS",
    "EVENTS_FILE",
    "MENTIONS",
    "MENTION_TYPES",
    "ParquetStore",
    "build_events",
]

ARTICLES, MENTIONS, EVENTS = "articles", "mentions", "events"
EVENTS_FILE = f"{EVENTS}/events.parquet"
META = "resgestae"  # the events file's key-value metadata: the settings it was built under

# An article row: what the store keeps of it (without the text's MinHash), with its counts.
ARTICLE_TYPES = (
    ("id", "VARCHAR"), ("url", "VARCHAR"), ("source", "VARCHAR"), ("published", "DATE"),
    ("title", "VARCHAR"), ("text", "VARCHAR"), ("origin", "VARCHAR"), ("author", "VARCHAR"),
    ("language", "VARCHAR"), ("status", "VARCHAR"), ("reason", "VARCHAR"),
    ("duplicate_of", "VARCHAR"), ("similarity", "DOUBLE"), ("sentences", "INTEGER"),
    ("events", "INTEGER"), ("topic", "VARCHAR"), ("written_at", "TIMESTAMP"),
)  # fmt: skip


def _bare(kind: str) -> str:
    """A column type without its constraints."""
    return kind.replace(" PRIMARY KEY", "").replace(" NOT NULL", "")


# A mention row: the store's mention columns (Event.to_dict() keys) with the days its date
# covers, as the store keeps them for range queries.
MENTION_TYPES = (
    *((name, _bare(kind)) for name, kind in MENTION_COLUMNS),
    ("date_first", "DATE"),
    ("date_last", "DATE"),
)

_OFFLINE: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,  # offline: Parquet is built in, nothing is fetched
    "autoload_known_extensions": False,
}


def _cols(names: Iterable[str], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{n}"' for n in names)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _empty(columns: Sequence[tuple[str, str]]) -> str:
    """A query of no rows with these columns and types."""
    return "SELECT " + ", ".join(f'NULL::{_bare(k)} AS "{n}"' for n, k in columns) + " LIMIT 0"


class ParquetStore(Store):
    """The Parquet folder ``path`` as a read-only ``Store`` (see the module): the same
    queries, no article written. ``recluster`` builds the folder's events (unless
    ``read_only``). A folder that is empty or not one the Ray engine wrote is a
    ``StoreError`` saying so."""

    def __init__(
        self, path: str | Path, settings: Settings | None = None, *, read_only: bool = True
    ):
        # Store.__init__ opens a DuckDB file; here the connection holds views only.
        self.path = str(path)
        self.folder = Path(path)
        self.read_only = read_only
        self.settings = settings if settings is not None else Settings()
        self._given = settings is not None
        self._init_lookups()
        _check_folder(self.folder)
        self.con = duckdb.connect(config=_OFFLINE)
        try:
            self._views()
        except BaseException:
            self.con.close()
            raise

    # -- the views -------------------------------------------------------------------------

    def _views(self) -> None:
        """(Re)create the store's tables as views over the folder's files."""
        con = self.con
        events = self.folder / EVENTS_FILE
        self.has_events = events.is_file()
        try:
            con.execute(f"CREATE OR REPLACE VIEW articles AS {_articles(self.folder)}")
            if self.has_events:
                con.execute(
                    f"CREATE OR REPLACE VIEW events AS SELECT {_cols(_EVENT_NAMES)} FROM "
                    f"read_parquet({_quote(str(events.resolve()))})"
                )
                con.execute(
                    f"CREATE OR REPLACE VIEW mentions AS SELECT {_cols(_MENTION_READ, 'm.')}, "
                    f"e.event_id FROM ({_mentions(self.folder)}) m LEFT JOIN (SELECT "
                    "unnest(mention_ids) AS mention_id, id AS event_id FROM events) e "
                    "ON e.mention_id = m.id"
                )
            else:
                con.execute(f"CREATE OR REPLACE VIEW events AS {_empty(EVENT_COLUMNS)}")
                con.execute(
                    f"CREATE OR REPLACE VIEW mentions AS SELECT *, NULL::VARCHAR AS event_id "
                    f"FROM ({_mentions(self.folder)})"
                )
            # one row per actor or recipient of a mention, as the store keeps them
            roles = " UNION ALL ".join(
                f"SELECT id AS mention_id, article_id, '{role}' AS role, x.text, x.code, "
                f'x.country, x.sector, x."start" AS start_char, x."end" AS end_char, x.rule '
                f"FROM (SELECT id, article_id, unnest({role}) AS x FROM mentions)"
                for role in ("actor", "recipient")
            )
            con.execute(f"CREATE OR REPLACE VIEW actor_mentions AS {roles}")
        except duckdb.Error as exc:
            raise _read_error(self.path, exc) from exc
        if self.has_events and not self._given:
            self.settings = _built_under(con, events, self.settings)

    # -- reads -----------------------------------------------------------------------------

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self.con.cursor()

    def _read(self, sql: str, params: list) -> Iterator[list[tuple]]:
        try:
            yield from super()._read(sql, params)
        except duckdb.Error as exc:  # a file removed, or broken, since the folder was opened
            raise _read_error(self.path, exc) from exc

    def require_events(self) -> None:
        """Raise ``StoreError`` if the folder's events are not built yet."""
        if not self.has_events:
            raise StoreError(
                f"{self.path}: the Parquet folder has no real-world events yet; "
                f"build them with `resgestae recluster --db {self.path}` (or list the mentions "
                f"with `resgestae events --mentions --db {self.path}`)"
            )

    def unclustered(self) -> int:
        """Mentions in no event: written after the last ``recluster`` (all of them before
        the first)."""
        row = self.con.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchone()
        return int(row[0]) if row else 0

    def events(self, **kwargs: Any) -> Iterator[dict]:
        """``Store.events``; a ``StoreError`` (at once) if the events are not built."""
        self.require_events()
        return super().events(**kwargs)

    def export_source(self, **kwargs: Any) -> tuple[Any, str, list[object]]:
        """``Store.export_source``; a ``StoreError`` if the events are not built."""
        self.require_events()
        return super().export_source(**kwargs)

    def counts_by(self, by: Sequence[str], **filters: Any) -> Iterator[dict]:
        """``Store.counts_by``; a ``StoreError`` (at once) if the events are not built."""
        self.require_events()
        return super().counts_by(by, **filters)

    # -- writes ----------------------------------------------------------------------------

    def recluster(self, settings: Settings | None = None) -> int:
        """Build every real-world event from the folder's mentions under ``settings`` (else
        those the events were built under, else the defaults) and write them to
        ``events/events.parquet``, replacing the old file whole; returns the number of
        events."""
        self._writable()
        if settings is not None:
            self.settings = settings
        n = build_events(self.folder, self.settings)
        self._views()
        return n

    def add_many(self, items: Sequence[Any]) -> list[bool]:
        """Refused (``StoreError``): the Ray engine writes a folder's articles."""
        raise self._no_articles()

    def start_run(self, paths: list[str]) -> int:
        """Refused (``StoreError``), as ``add_many``."""
        raise self._no_articles()

    def finish_run(self, run: int, counts: Mapping[str, int]) -> None:
        """Refused (``StoreError``), as ``add_many``."""
        raise self._no_articles()

    def _no_articles(self) -> StoreError:
        return StoreError(
            f"{self.path}: a Parquet folder takes articles from `resgestae ingest PATH... "
            f"--engine ray --out {self.path}`, not from a store; give --db a DuckDB file"
        )


_EVENT_NAMES = tuple(name for name, _ in EVENT_COLUMNS)
_MENTION_READ = (*MENTION_KEYS, "date_first", "date_last")


def _files(folder: Path, dataset: str) -> str | None:
    """The files of ``dataset`` as a quoted read_parquet glob, or None if it has none."""
    if not any((folder / dataset).glob("*/*.parquet")):
        return None
    return _quote(f"{(folder / dataset).resolve()}/*/*.parquet")


def _articles(folder: Path) -> str:
    """The folder's articles as the store's ``articles`` table (ingested_at: when written)."""
    files = _files(folder, ARTICLES)
    if files is None:
        types = dict(ARTICLE_TYPES) | {"ingested_at": "TIMESTAMP", "minhash": "BLOB"}
        return _empty([(n, types[n]) for n in ARTICLE_COLUMNS])
    select = {n: f'"{n}"' for n in ARTICLE_COLUMNS}
    select |= {"ingested_at": "written_at", "minhash": "NULL::BLOB"}
    cols = ", ".join(f'{v} AS "{k}"' for k, v in select.items())
    return f"SELECT {cols} FROM read_parquet({files}, hive_partitioning = true)"


def _mentions(folder: Path) -> str:
    """The folder's mentions: the store's ``mentions`` columns but ``event_id``."""
    files = _files(folder, MENTIONS)
    if files is None:  # no article had an event
        return _empty(MENTION_TYPES)
    return f"SELECT {_cols(_MENTION_READ)} FROM read_parquet({files}, hive_partitioning = true)"


def build_events(folder: Path, settings: Settings) -> int:
    """Cluster the mentions of the Parquet folder into real-world events as a store's
    ``recluster`` does (the same code, over the folder's rows copied into a store in
    memory) and write them to ``folder/events/events.parquet``, in order of first day and
    id, with the settings in its metadata; returns the number of events. The old file is
    replaced only by a complete new one."""
    _check_folder(folder)
    con = duckdb.connect(config=_OFFLINE)
    try:
        con.execute(DDL)
        con.execute(UPGRADE)
        # a mention or article written twice (two runs into one folder at once) is one;
        # the articles' text is not needed to cluster
        cols = _cols(_MENTION_READ)
        con.execute(
            f"INSERT OR IGNORE INTO mentions ({cols}) SELECT {cols} FROM ({_mentions(folder)})"
        )
        art = ("id", "url", "source", "published", "ingested_at", "status", "duplicate_of")
        con.execute(
            f"INSERT OR IGNORE INTO articles ({_cols(art)}, text) SELECT {_cols(art)}, '' "
            f"FROM ({_articles(folder)})"
        )
        n = clusters.recluster(con, settings)
        _write_events(con, folder, settings)
    except duckdb.Error as exc:
        raise _write_error(folder, exc) from exc
    finally:
        con.close()
    return n


def _write_events(con: duckdb.DuckDBPyConnection, folder: Path, settings: Settings) -> None:
    target = folder / EVENTS_FILE
    target.parent.mkdir(exist_ok=True)
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex}.tmp"  # hidden: no reader opens it
    meta = json.dumps({"cluster": dataclasses.asdict(settings)}, sort_keys=True)
    try:
        con.execute(
            f"COPY (SELECT {_cols(_EVENT_NAMES)} FROM events ORDER BY date_first NULLS LAST, "
            f'"id") TO {_quote(str(tmp))} (FORMAT parquet, KV_METADATA {{{META}: '
            f"{_quote(meta)}}})"
        )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _built_under(con: duckdb.DuckDBPyConnection, events: Path, default: Settings) -> Settings:
    """The settings the events file records, else ``default``."""
    rows = con.execute(
        "SELECT value FROM parquet_kv_metadata(?) WHERE key = ?", [str(events), META.encode()]
    ).fetchall()
    if not rows:
        return default
    try:
        return Settings(**json.loads(rows[0][0])["cluster"])
    except (ValueError, TypeError, KeyError):
        return default


def _check_folder(folder: Path) -> None:
    """Raise ``StoreError`` unless ``folder`` looks like one the Ray engine wrote."""
    if not os.access(folder, os.R_OK | os.X_OK):
        raise StoreError(f"{folder}: cannot read the folder (permission denied); make it readable")
    if not any(folder.iterdir()):
        raise StoreError(
            f"{folder}: an empty folder, not a store; give a Parquet folder written by "
            f"`resgestae ingest PATH... --engine ray --out {folder}`, or a DuckDB file"
        )
    if not any((folder / d).is_dir() for d in (ARTICLES, MENTIONS)):
        raise StoreError(
            f"{folder}: a folder with no articles/ or mentions/ in it, not a Parquet folder "
            f"written by `resgestae ingest --engine ray --out`; give such a folder, or a "
            f"DuckDB file made by `resgestae ingest --db`"
        )
    if not any((folder / ARTICLES).glob("*/*.parquet")):
        raise StoreError(
            f"{folder}: no Parquet files under {ARTICLES}/month=*/, so no articles; write "
            f"them with `resgestae ingest PATH... --engine ray --out {folder}`"
        )


def _read_error(path: str, exc: duckdb.Error) -> StoreError:
    detail = " ".join(str(exc).split())[:300] or type(exc).__name__
    return StoreError(
        f"{path}: cannot read the Parquet folder ({detail}); check that its files were "
        f"written whole by `resgestae ingest --engine ray --out` (run it again to rewrite them)"
    )


def _write_error(folder: Path, exc: duckdb.Error) -> StoreError:
    detail = " ".join(str(exc).split())[:300] or type(exc).__name__
    return StoreError(
        f"{folder}: cannot build the events ({detail}); the events it had are kept; make the "
        f"folder writable, or free space, and run `resgestae recluster --db {folder}` again"
    )
