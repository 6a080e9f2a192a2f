"""``Store``: one DuckDB file; one transaction per article or group of articles (their
mentions, and the real-world events they join), so a failure never half-writes. ``open_store``
opens one, for writing or read-only, with errors that say the cause and the fix
(``resgestae.store.files``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from resgestae.cluster import Settings
from resgestae.errors import StoreError
from resgestae.store import bulk, clusters, files, queries
from resgestae.store.schema import (
    ACTOR_MENTION_COLUMNS,
    ARTICLE_COLUMNS,
    DDL,
    MENTION_COLUMNS,
    MIGRATE,
    SCHEMA_VERSION,
    TABLE_COLUMNS,
    UPGRADE,
)

if TYPE_CHECKING:  # the pipeline imports spaCy; the store and `events` do not need it
    import numpy as np

    from resgestae.ingest.dedup import BandIndex
    from resgestae.pipeline import ArticleResult
    from resgestae.types import Article

__all__ = ["Coded", "Store", "Uncoded", "open_store"]

ROW_GROUP_SIZE = 2048  # rows; see _connect
CACHE = 24 << 20  # bytes of DuckDB block cache while writing; see Store._written
CAP_EVERY = 1000  # writes between revisions of the memory cap
LIFTS = 6  # doublings of the memory cap a group of articles may need (see Store.add_many)

_INSERT_ARTICLE = f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "
MENTION_TYPES = (
    *MENTION_COLUMNS,
    ("date_first", "DATE"),
    ("date_last", "DATE"),
    ("event_id", "VARCHAR"),
)
# Tables a store of any version had: a database with none of them is not a store.
_OURS = {"articles", "events", "mentions", "actor_mentions", "lsh_bands", "settings", "runs"}
_ROWS_PER_INSERT = 200  # rows in one multi-row INSERT (DuckDB binds each row's values)


@dataclasses.dataclass(frozen=True, slots=True)
class Coded:
    """A coded article for ``Store.add_many``: its result, and its MinHash ``signature``
    (indexed for near-duplicates) if it has one."""

    result: ArticleResult
    signature: np.ndarray | None = None

    @property
    def article(self) -> Article:
        """The article."""
        return self.result.article

    def row(self, now: dt.datetime) -> list:
        """Its ``articles`` row."""
        blob = self.signature.tobytes() if self.signature is not None else None
        return _article_row(self.article, "coded", minhash=blob, now=now)


@dataclasses.dataclass(frozen=True, slots=True)
class Uncoded:
    """An article stored without parsing, for ``Store.add_many`` (see ``add_uncoded``)."""

    article: Article
    status: str
    reason: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None

    def row(self, now: dt.datetime) -> list:
        """Its ``articles`` row."""
        a = self.article
        return _article_row(a, self.status, self.reason, self.duplicate_of, self.similarity,
                            now=now)  # fmt: skip


def open_store(
    path: str | Path = ":memory:",
    *,
    create: bool = True,
    read_only: bool = False,
    settings: Settings | None = None,
) -> Store:
    """The store at ``path`` (``":memory:"`` for one that lives as long as the process),
    joining mentions into events under ``settings`` (``resgestae.cluster.Settings``).

    A folder is a Parquet folder written by ``resgestae ingest --engine ray --out``, read in
    place (``resgestae.store.parquet.ParquetStore``: the same reads, no article written).
    With ``create`` False a missing file is a ``StoreError`` instead of a new, empty store.
    With ``read_only`` the file must exist and is opened for queries only: no table is
    created or upgraded, it may be a read-only file, and writing raises ``StoreError``.
    A file that is not a DuckDB store, cannot be read or written, is held by another
    process, or has another schema version is a ``StoreError`` too (its message says which).
    """
    if str(path) != ":memory:" and Path(path).is_dir():  # written by `--engine ray --out`
        from resgestae.store.parquet import ParquetStore

        return ParquetStore(path, settings, read_only=read_only)
    if not create and str(path) != ":memory:" and not Path(path).exists():
        raise StoreError(
            f"{path}: no such database; create it with `resgestae ingest PATH... --db {path}`"
        )
    return Store(path, settings, read_only=read_only)


class Store:
    """Articles, mentions (coded sentence-level events), the real-world events they join and
    actor mentions, in one DuckDB file (see docs/usage.md for the schema). A context manager;
    ``add``/``add_uncoded`` write one article per transaction and ``add_many`` several,
    joining their mentions to events under ``settings``; ``events``, ``mentions`` and
    ``counts_by`` read them back. A store made before real-world events is upgraded (and
    clustered) when opened for writing. Opening a file that is not a DuckDB database, or a
    store of another schema version, raises ``StoreError``; so does a write that fails for
    good (a full disk, a permission), saying the cause."""

    def __init__(
        self,
        path: str | Path = ":memory:",
        settings: Settings | None = None,
        *,
        read_only: bool = False,
    ):
        self.path = str(path)
        self.read_only = read_only and self.path != ":memory:"
        self.settings = settings if settings is not None else Settings()
        self._given = settings is not None
        new = False
        if self.path != ":memory:":
            files.check_file(self.path, read_only=self.read_only)
            new = not Path(self.path).exists()
        try:
            self.con = _connect(self.path, self.read_only)
        except duckdb.Error as exc:
            if new:
                files.remove_new(self.path)
            raise files.store_error(self.path, exc, doing="open") from exc
        try:
            self._check() if self.read_only else self._open()
        except (duckdb.Error, StoreError) as exc:
            self.con.close()
            if new:  # nothing of it is worth keeping, and an empty file would be refused
                files.remove_new(self.path)
            if isinstance(exc, StoreError):
                raise
            raise files.store_error(self.path, exc, doing="open") from exc
        self._single = False  # DuckDB set to one thread, on the first write: see add_many
        self._writes = 0  # the memory cap is revised every CAP_EVERY writes
        self._pinned = self._limit = self._floor = 0  # see _written
        # Article rows, and bytes of text in the last (unfilled) row group, counted on the
        # first write (a store opened to query never needs them): see _written.
        self._rows: int | None = None
        self._tail = 0
        self._init_lookups()

    def _init_lookups(self) -> None:
        """What lookups and the clustering keep in memory, empty (a subclass that opens no
        DuckDB file calls it too)."""
        # The near-duplicate index, built from the stored signatures on the first lookup
        # (``near_candidates``) and kept in step by ``add``: band key -> position in _band_ids.
        self._bands: BandIndex | None = None
        self._band_ids: list[str] = []
        # Lookups (``has``, ``stored``, ``near_candidates``) run on a cursor of their own under
        # this lock, so a batch may look up the articles it reads while another thread
        # writes a group through ``con`` (they see what is committed: the batch keeps track
        # of what it has in flight).
        self._lock = threading.Lock()
        self._lookups: duckdb.DuckDBPyConnection | None = None
        self._known = clusters.Known()  # stored mention rows the clustering read lately

    def _open(self) -> None:
        """Create the tables, or bring a store made by an earlier version up to date: one
        whose ``events`` table held the mentions has it renamed and its events clustered.
        A store of a later schema version, or a DuckDB database that is not a store, is
        refused."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._version()
            old = "article_id" in _columns(con, "events")
            if old:
                con.execute(MIGRATE)
            con.execute(DDL)
            con.execute(UPGRADE)
            self._load_settings()
            if old:
                clusters.recluster(con, self.settings)
                self._keep_settings()
            con.execute(
                "INSERT OR REPLACE INTO settings VALUES ('schema_version', ?)",
                [str(SCHEMA_VERSION)],
            )
            con.execute("COMMIT")
        except BaseException:
            _rollback(con)
            raise

    def _check(self) -> None:
        """For a read-only store: refuse one whose schema is not this version's (it cannot be
        upgraded without writing)."""
        version = self._version()
        if version != SCHEMA_VERSION and not _current(self.con):
            raise StoreError(
                f"{self.path}: the store was made by an earlier resgestae and must be upgraded "
                f"before it is queried; open it once for writing (e.g. `resgestae recluster "
                f"--db {self.path}`), or query a copy"
            )
        self._load_settings()

    def _version(self) -> int | None:
        """The schema version the store records (None: made before versions were recorded,
        or new); ``StoreError`` for a later version or a database that is not a store."""
        con = self.con
        tables = _tables(con)
        if not tables:
            return None
        if tables.isdisjoint(_OURS):
            raise StoreError(
                f"{self.path}: a DuckDB database but not a resgestae store (its tables: "
                f"{', '.join(sorted(tables)[:5])}); give a store made by `resgestae ingest`, or "
                f"a new file name"
            )
        if "settings" not in tables:
            return None
        row = con.execute("SELECT value FROM settings WHERE name = 'schema_version'").fetchone()
        version = int(json.loads(row[0])) if row is not None else None
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the store has schema version {version}, made by a later "
                f"resgestae (this one reads version {SCHEMA_VERSION}); upgrade resgestae, or "
                f"give another file"
            )
        return version

    def _load_settings(self) -> None:
        if "settings" not in _tables(self.con):
            return
        row = self.con.execute("SELECT value FROM settings WHERE name = 'cluster'").fetchone()
        if row is not None and not self._given:
            self.settings = Settings(**json.loads(row[0]))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"{self.path}: opened read-only; open it with read_only=False to write"
            )

    def close(self) -> None:
        """Close the database; what was written is kept."""
        if self._lookups is not None:
            self._lookups.close()
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored (coded, skipped or duplicate)."""
        return bool(self.stored([article_id]))

    def stored(self, article_ids: Sequence[str]) -> set[str]:
        """Which of ``article_ids`` are stored (committed), in a query per thousand ids; safe
        to call while another thread writes."""
        found: set[str] = set()
        ids = sorted(set(article_ids))
        with self._lock:
            cur = self._lookup()
            for chunk in bulk.chunks(ids):
                marks = ", ".join("?" * len(chunk))
                rows = cur.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
                found.update(r[0] for r in rows.fetchall())
        return found

    def _lookup(self) -> duckdb.DuckDBPyConnection:
        """The lookups' cursor (under ``_lock``)."""
        if self._lookups is None:
            self._lookups = self._cursor()
        return self._lookups

    def add(self, result: ArticleResult, signature: np.ndarray | None = None) -> bool:
        """Store an article with its mentions (and its MinHash ``signature``, indexed for
        near-duplicates), joining them to the real-world events they report; False, writing
        nothing, if it is already stored."""
        return self.add_many([Coded(result, signature)])[0]

    def add_uncoded(
        self,
        article: Article,
        status: str,
        *,
        reason: str | None = None,
        duplicate_of: str | None = None,
        similarity: float | None = None,
    ) -> bool:
        """Store an article that was not parsed (``status`` skipped or duplicate), so a later
        run (another language, a different duplicate policy) can pick it up. A near-duplicate
        adds an article (and maybe a source) to its original's events, never a mention."""
        return self.add_many([Uncoded(article, status, reason, duplicate_of, similarity)])[0]

    def add_many(self, items: Sequence[Coded | Uncoded]) -> list[bool]:
        """Store several articles (``Coded`` with their mentions, or ``Uncoded``) in one
        transaction: all of them or, if the database refuses one, none (``duckdb.Error``:
        store them one by one to find which). Returns, for each, whether it was stored
        (False: already stored, or an earlier item had its id). The same as adding them one
        by one, in a few statements instead of ten an article: events do not depend on the
        order their mentions arrive in (``resgestae.cluster``). A failure after which the
        store can take no more writes (a full disk, a permission, an invalidated database)
        is a ``StoreError`` saying the cause."""
        self._writable()
        if not items:
            return []
        con = self.con
        if not self._single:
            # A group's statements are small: DuckDB's worker threads only take the cores
            # from the parser running beside them (ingest 1.1-1.45x code with them, 1.08-1.14x
            # without, on 2 cores). Queries of a store opened read-only keep every thread.
            con.execute("SET threads = 1")
            self._single = True
        sizes = [len(it.article.text.encode("utf-8", "surrogatepass")) for it in items]
        self._written(sum(sizes))
        try:
            for lifts in range(LIFTS + 1):
                try:
                    fresh = self._transaction(items)
                    break
                except duckdb.OutOfMemoryException:
                    if self.path == ":memory:" or lifts == LIFTS:
                        raise
                    # The group was rolled back whole. The index blocks DuckDB loaded for
                    # it cannot be evicted and outgrew the cap (they load as lookups reach
                    # them, so a store opened again counts few of them at first): the cap
                    # is doubled from now on and the group written again.
                    self._floor = 2 * self._limit
                    self._written(0)
        except duckdb.Error as exc:
            if files.is_fatal(exc):
                raise files.store_error(self.path, exc) from exc
            raise
        for i in fresh:
            self._appended(sizes[i])
        return [i in fresh for i in range(len(items))]

    def _transaction(self, items: Sequence[Coded | Uncoded]) -> set[int]:
        """Write the ``items`` not stored in one transaction, all or none; returns their
        positions."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            fresh = self._fresh(items)
            if fresh:
                self._write([items[i] for i in fresh])
            # the index learns of the articles as they are committed: a lookup sees both
            # or neither
            with self._lock:
                con.execute("COMMIT")
                self._index([items[i] for i in sorted(fresh)])
            self._known.commit()
        except BaseException:
            self._known.discard()
            _rollback(con)
            raise
        return fresh

    def _index(self, items: Sequence[Coded | Uncoded]) -> None:
        """Add the signatures of stored ``items`` to the near-duplicate index, if built."""
        if self._bands is None:
            return
        from resgestae.ingest.dedup import band_keys

        for it in items:
            if isinstance(it, Coded) and it.signature is not None:
                self._bands.add(len(self._band_ids), band_keys(it.signature))
                self._band_ids.append(it.article.id)

    def _fresh(self, items: Sequence[Coded | Uncoded]) -> set[int]:
        """Positions of the items to write: not stored, and the first with their id."""
        ids = sorted({it.article.id for it in items})
        stored: set[str] = set()
        for chunk in bulk.chunks(ids):  # in the transaction: what it has written counts
            marks = ", ".join("?" * len(chunk))
            rows = self.con.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            stored.update(r[0] for r in rows.fetchall())
        fresh: set[int] = set()
        for i, it in enumerate(items):
            if it.article.id not in stored:
                stored.add(it.article.id)
                fresh.add(i)
        return fresh

    def _write(self, items: Sequence[Coded | Uncoded]) -> None:
        """The rows of ``items`` (none stored), in the open transaction: the articles, then
        their mentions joined to events, then the events of near-duplicates' originals
        summarised again (an original may be among the items)."""
        con = self.con
        now = _now()
        _insert_rows(con, _INSERT_ARTICLE, [it.row(now) for it in items])
        coded = [it.result for it in items if isinstance(it, Coded)]
        # their rows as just written: the clustering does not read them back
        self._known.seen.put({r.article.id: [clusters.seen_of(r.article, now)] for r in coded})
        rows = [
            e.to_dict() | {"date_first": e.date.first, "date_last": e.date.last}
            for r in coded
            for e in r.events
        ]
        events = clusters.link_articles(con, rows, self.settings, self._known)
        for d in rows:
            d["event_id"] = events.get(d["id"])
        bulk.insert(
            con, "mentions", MENTION_TYPES, [[d[k] for k in clusters.MENTION_ROW] for d in rows]
        )
        bulk.insert(
            con,
            "actor_mentions",
            ACTOR_MENTION_COLUMNS,
            [
                [e.id, r.article.id, role, x.text, x.code, x.country, x.sector, x.start, x.end,
                 x.rule]
                for r in coded
                for e in r.events
                for role, actors in (("actor", e.actor), ("recipient", e.recipient))
                for x in actors
            ],
        )  # fmt: skip
        originals = {it.duplicate_of for it in items if isinstance(it, Uncoded) and it.duplicate_of}
        for original in sorted(originals):  # its events rewritten, whatever link_articles did
            clusters.refresh(con, original, self._known)

    def near_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]:
        """Stored articles sharing a MinHash band key with ``keys``, with their signatures, in
        the order they were stored. The keys are looked up in memory (``BandIndex``, ~0.35 KB
        per stored original); only candidates touch the database, by primary key."""
        with self._lock:
            bands = self._band_index()
            ids = [self._band_ids[r] for r in bands.find(keys)]
            if not ids:  # the usual case: no candidate, and no read of the database at all
                return []
            marks = ", ".join("?" * len(ids))
            rows = dict(
                self._lookup()
                .execute(f"SELECT id, minhash FROM articles WHERE id IN ({marks})", ids)
                .fetchall()
            )
        return [(i, rows[i]) for i in ids if rows.get(i) is not None]

    def _band_index(self) -> BandIndex:
        """The in-memory near-duplicate index, built once from the stored signatures in the
        order they were stored (DuckDB preserves insertion order in a plain scan). The band
        keys are not stored: a table of them was 32 rows for every article row DuckDB wrote,
        and computing them again is fast (``band_key_rows``)."""
        if self._bands is None:
            import numpy as np

            from resgestae.ingest.dedup import NUM_PERM, BandIndex, band_key_rows

            bands = BandIndex()
            ids: list[str] = []
            cur = self._lookup().execute(
                "SELECT id, minhash FROM articles WHERE status = 'coded' AND minhash IS NOT NULL"
            )
            while rows := cur.fetchmany(8192):
                sigs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint32)
                keys = band_key_rows(sigs.reshape(len(rows), NUM_PERM))
                refs = np.arange(len(ids), len(ids) + len(rows), dtype=np.int32)
                bands.extend(np.repeat(refs, keys.shape[1]), keys.ravel())
                ids.extend(r[0] for r in rows)
            self._bands, self._band_ids = bands, ids
        return self._bands

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own on the store, for a query of ``resgestae.store.queries`` read
        while others run (``interrupt()`` stops it: the server's timeout)."""
        return self._cursor()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own (a query on it can be read while others run) on the store."""
        cur = self.con.cursor()
        if self.path != ":memory:":
            cur.execute("USE store")
        return cur

    def _written(self, size: int) -> None:
        """Cap DuckDB's memory before writing an article with ``text``; returns its size in
        bytes. DuckDB's block cache otherwise keeps every block it wrote (the default limit
        is 80% of RAM), so a long ingest grew with the corpus. The cap is ``CACHE`` on top
        of the indexes, which DuckDB cannot evict (an insert fails if they outgrow the
        limit), revised as they grow; and at least twice the text in the articles' last,
        unfilled row group, which a checkpoint rewrites whole (thirty 1 MB articles under a
        24 MB cap invalidated the database), plus four times the new text (a 30 MB text
        failed under twice its size). ``size``: bytes of text about to be written."""
        if self.path == ":memory:":
            return
        if self._rows is None:
            rows: int = _scalar(self.con, "SELECT count(*) FROM articles")
            self._rows = rows
            self._tail = _scalar(
                self.con,
                "SELECT coalesce(sum(strlen(text)), 0) FROM articles WHERE rowid >= ?",
                [rows - rows % ROW_GROUP_SIZE],
            )
        self._writes += 1
        if self._writes % CAP_EVERY == 1:
            pinned = _scalar(
                self.con,
                "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() "
                "WHERE tag = 'ART_INDEX'",
            )
            self._pinned = 2 * pinned
        limit = self._pinned + max(CACHE, 2 * self._tail + 4 * size)  # a row is copied
        limit = max(limit, self._floor)  # what a group once needed (add_many)
        if limit != self._limit:
            self.con.execute(f"SET memory_limit = '{limit // 1024}KiB'")
            self._limit = limit

    def _appended(self, size: int) -> None:
        """Count an article row of ``size`` bytes of text into the last row group."""
        if self._rows is None:  # in memory: no cap, nothing to count
            return
        self._rows += 1
        self._tail = 0 if self._rows % ROW_GROUP_SIZE == 0 else self._tail + size

    def start_run(self, paths: list[str]) -> int:
        """Record the start of an ingest run over ``paths``; returns its id for
        ``finish_run``. A run never finished keeps ``finished_at`` NULL."""
        self._writable()
        con = self.con
        try:
            run: int = _scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM runs")
            con.execute(
                "INSERT INTO runs (id, started_at, paths) VALUES (?, ?, ?)", [run, _now(), paths]
            )
        except duckdb.Error as exc:
            raise files.store_error(self.path, exc) from exc
        return run

    def finish_run(self, run: int, counts: Mapping[str, int]) -> None:
        """Record the end of run ``run`` with its ``counts`` (articles, events, skipped,
        duplicates, failures; a missing one is 0)."""
        self._writable()
        keys = ("articles", "events", "skipped", "duplicates", "failures")
        try:
            self.con.execute(
                f"UPDATE runs SET finished_at = ?, {', '.join(f'{k} = ?' for k in keys)} "
                f"WHERE id = ?",
                [_now(), *(counts.get(k, 0) for k in keys), run],
            )
        except duckdb.Error as exc:
            raise files.store_error(self.path, exc) from exc

    def events(
        self,
        *,
        limit: int | None = None,
        with_mentions: bool = False,
        **filters: Any,
    ) -> Iterator[dict]:
        """Real-world events as dicts of ``resgestae.cluster.EVENT_KEYS`` (with
        ``mentions``, a list of mention dicts, when ``with_mentions``), ordered by first day
        and id. ``filters`` are those of ``mentions``, on the event's own fields."""
        sql, params = queries.events(limit=limit, **filters)
        rows = (queries.event_dict(r) for chunk in self._read(sql, params) for r in chunk)
        if not with_mentions:
            yield from rows
            return
        # Both queries list the events in one order, so each event's mentions come next.
        msql, mparams = queries.event_mentions(limit=limit, **filters)
        mentions = (queries.mention_dict(r) for c in self._read(msql, mparams) for r in c)
        pending = next(mentions, None)
        for d in rows:
            d["mentions"] = []
            while pending is not None and pending["event_id"] == d["id"]:
                d["mentions"].append(pending)
                pending = next(mentions, None)
            yield d

    def export_source(
        self, *, limit: int | None = None, **filters: Any
    ) -> tuple[duckdb.DuckDBPyConnection, str, list[object]]:
        """What an export written by DuckDB reads (``resgestae.export.source``): a cursor of
        its own on the store and the CTEs ``ev`` and ``mn`` (``queries.export_ctes``) of
        the events ``events(limit=limit, **filters)`` yields, with their parameters."""
        sql, params = queries.export_ctes(limit=limit, **filters)
        return self._cursor(), sql, params

    def mentions(self, *, limit: int | None = None, **filters: Any) -> Iterator[dict]:
        """Stored mentions as ``Event.to_dict()`` dicts with ``event_id`` (the real-world
        event), ``url`` and ``source`` (its article's), ``article_length`` (characters of the
        article text) and ``sources`` (1 + the near-duplicates of its article), ordered by
        date, article and offset.

        ``actor``/``recipient`` match a code prefix, a country or part of the mention text;
        ``event`` a PLOVER type or a CAMEO code prefix; ``country`` the actor's, the
        recipient's or the location's country; ``since``/``until`` overlap the dates.
        """
        sql, params = queries.mentions(limit=limit, **filters)
        for chunk in self._read(sql, params):
            yield from (queries.mention_dict(r) for r in chunk)

    def counts_by(self, by: Sequence[str], **filters: Any) -> Iterator[dict]:
        """Real-world events counted by ``by`` (``queries.DIMENSIONS``: country, year,
        month, week, day, event, actor, recipient, quad_class), with the ``events`` filters:
        one dict per combination, the dimensions then ``events`` and ``mentions``, in order
        of the dimensions. Aggregated in DuckDB."""
        sql, params = queries.counts(by, **filters)
        keys = (*by, "events", "mentions")
        for chunk in self._read(sql, params):
            yield from (dict(zip(keys, r, strict=True)) for r in chunk)

    def recluster(self, settings: Settings | None = None) -> int:
        """Rebuild every real-world event from the stored mentions, under ``settings`` (then
        the store's from now on) or the store's own; in one transaction. Returns the number
        of events."""
        self._writable()
        if settings is not None:
            self.settings = settings
        con = self.con
        self._known.clear()  # every mention may change events
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                n = clusters.recluster(con, self.settings)
                self._keep_settings()
                con.execute("COMMIT")
            except BaseException:
                _rollback(con)
                raise
        except duckdb.Error as exc:
            raise files.store_error(self.path, exc) from exc
        return n

    def _keep_settings(self) -> None:
        """Record the clustering settings, so the next run (and ``recluster``) uses them."""
        value = json.dumps(dataclasses.asdict(self.settings), sort_keys=True)
        self.con.execute("DELETE FROM settings WHERE name = 'cluster'")
        self.con.execute("INSERT INTO settings VALUES ('cluster', ?)", [value])

    def _read(self, sql: str, params: list) -> Iterator[list[tuple]]:
        cur = self._cursor().execute(sql, params)  # own cursor: safe to interleave
        while rows := cur.fetchmany(500):
            yield rows

    def counts(self) -> dict[str, int]:
        """Rows in the articles, mentions, events and actor_mentions tables."""
        tables = ("articles", "mentions", "events", "actor_mentions")
        return {t: _scalar(self.con, f"SELECT count(*) FROM {t}") for t in tables}

    def statuses(self) -> dict[str, int]:
        """Stored articles by status: coded, skipped, duplicate."""
        rows = self.con.execute("SELECT status, count(*) FROM articles GROUP BY status")
        return dict(rows.fetchall())


def _connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at ``path``, attached with small row groups: DuckDB rewrites
    the row group that new rows were appended to at each checkpoint, so with the default
    (122,880 rows, one row group for the first 122,880 articles) every checkpoint of a growing
    store cost more memory than the last (+50 MB at 8,000 articles); with 2,048 rows the cost
    is bounded. Extensions are never loaded or installed (offline, and a file of another
    kind is refused before, not handed to an extension); ``read_only`` attaches it so."""
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    if path == ":memory:":
        return duckdb.connect(path, config=config)
    con = duckdb.connect(config=config)
    mode = "READ_ONLY" if read_only else f"ROW_GROUP_SIZE {ROW_GROUP_SIZE}"
    con.execute(f"ATTACH {_quote(path)} AS store (TYPE duckdb, {mode})")
    con.execute("USE store")
    # where capped queries (and exports: resgestae.export.source.MEMORY) spill: beside a
    # store it may write, else in the system's temporary folder, not the working directory
    # (DuckDB's default), made when first used and removed at close
    spill = path + ".tmp"
    if read_only:
        spill = str(Path(tempfile.gettempdir()) / f"resgestae-{uuid.uuid4().hex}.tmp")
    con.execute(f"SET temp_directory = {_quote(spill)}")
    return con


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if DuckDB has not already: after a failed COMMIT (a
    full disk) there is none, and the ROLLBACK's own error must not hide the real one."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = current_schema()"
    )
    return {r[0] for r in rows.fetchall()}


def _current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every table has every column of this schema version (a store made before
    versions were recorded may: it then reads as it is)."""
    return all(set(cols) <= _columns(con, t) for t, cols in TABLE_COLUMNS.items())


def _insert_rows(con: duckdb.DuckDBPyConnection, head: str, rows: Sequence[list]) -> None:
    """Insert ``rows`` with one multi-row INSERT per ``_ROWS_PER_INSERT`` (``head`` ends in
    VALUES): one statement an article instead of one a row, as ``executemany`` would run
    (~1.5 ms a row in a file store)."""
    for i in range(0, len(rows), _ROWS_PER_INSERT):
        chunk = rows[i : i + _ROWS_PER_INSERT]
        row = f"({', '.join('?' * len(chunk[0]))})"
        con.execute(head + ", ".join([row] * len(chunk)), [v for r in chunk for v in r])


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    """The one value an aggregate query returns."""
    row = con.execute(sql, params or []).fetchone()
    return None if row is None else row[0]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _article_row(
    a: Article,
    status: str,
    reason: str | None = None,
    duplicate_of: str | None = None,
    similarity: float | None = None,
    minhash: bytes | None = None,
    now: dt.datetime | None = None,
) -> list:
    return [a.id, a.url, a.source, a.published, a.title, a.text, a.origin, now or _now(),
            status, reason, a.language, duplicate_of, similarity, a.author, minhash]  # fmt: skip


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = current_schema() AND table_name = ?",
        [table],
    )
    return {r[0] for r in rows.fetchall()}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
