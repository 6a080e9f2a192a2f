"""``Store``: one DuckDB file; one transaction per article (its mentions, and the real-world
events they join), so a failure never half-writes. ``open_store`` opens one with errors that
say the fix."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from resgestae.cluster import Seen, Settings
from resgestae.errors import StoreError
from resgestae.store import clusters, queries
from resgestae.store.schema import ARTICLE_COLUMNS, DDL, MIGRATE, UPGRADE

if TYPE_CHECKING:  # the pipeline imports spaCy; the store and `events` do not need it
    import numpy as np

    from resgestae.ingest.dedup import BandIndex
    from resgestae.pipeline import ArticleResult
    from resgestae.types import Article

__all__ = ["Store", "open_store"]

ROW_GROUP_SIZE = 2048  # rows; see _connect
CACHE = 24 << 20  # bytes of DuckDB block cache while writing; see Store._written
CAP_EVERY = 1000  # writes between revisions of the memory cap

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
)
_INSERT_MENTION = (
    f"INSERT INTO mentions ({', '.join(f'{chr(34)}{k}{chr(34)}' for k in clusters.MENTION_ROW)}) "
    f"VALUES ({', '.join('?' * len(clusters.MENTION_ROW))})"
)


def open_store(
    path: str | Path = ":memory:", *, create: bool = True, settings: Settings | None = None
) -> Store:
    """The store at ``path`` (``":memory:"`` for one that lives as long as the process),
    joining mentions into events under ``settings`` (``resgestae.cluster.Settings``).

    With ``create`` False a missing file is a ``StoreError`` instead of a new, empty store;
    a file that is not a DuckDB database, or is locked by another process, is one too.
    """
    if not create and str(path) != ":memory:" and not Path(path).exists():
        raise StoreError(
            f"{path}: no such database; create it with `resgestae ingest PATH... --db {path}`"
        )
    return Store(path, settings)


class Store:
    """Articles, mentions (coded sentence-level events), the real-world events they join and
    actor mentions, in one DuckDB file (see docs/usage.md for the schema). A context manager;
    ``add``/``add_uncoded`` write one article per transaction, joining its mentions to events
    under ``settings``; ``events``, ``mentions`` and ``counts_by`` read them back. A store
    made before real-world events is upgraded (and clustered) when opened. Opening a file
    that is not a DuckDB database raises ``StoreError``."""

    def __init__(self, path: str | Path = ":memory:", settings: Settings | None = None):
        self.path = str(path)
        self.settings = settings if settings is not None else Settings()
        self._given = settings is not None
        try:
            self.con = _connect(self.path)
        except duckdb.Error as exc:
            raise _open_error(self.path, exc) from exc
        try:
            self._open()
        except duckdb.Error as exc:
            self.con.close()
            raise _open_error(self.path, exc) from exc
        self._writes = 0  # the memory cap is revised every CAP_EVERY writes
        self._pinned = self._limit = 0  # see _written
        # Article rows, and bytes of text in the last (unfilled) row group, counted on the
        # first write (a store opened to query never needs them): see _written.
        self._rows: int | None = None
        self._tail = 0
        # The near-duplicate index, built from the stored signatures on the first lookup
        # (``near_candidates``) and kept in step by ``add``: band key -> position in _band_ids.
        self._bands: BandIndex | None = None
        self._band_ids: list[str] = []

    def _open(self) -> None:
        """Create the tables, or bring a store made by an earlier version up to date: one
        whose ``events`` table held the mentions has it renamed and its events clustered."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            old = "article_id" in _columns(con, "events")
            if old:
                con.execute(MIGRATE)
            con.execute(DDL)
            con.execute(UPGRADE)
            stored = con.execute("SELECT value FROM settings WHERE name = 'cluster'").fetchone()
            if stored is not None and not self._given:
                self.settings = Settings(**json.loads(stored[0]))
            if old:
                clusters.recluster(con, self.settings)
                self._keep_settings()
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the database; what was written is kept."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored (coded, skipped or duplicate)."""
        row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def add(self, result: ArticleResult, signature: np.ndarray | None = None) -> bool:
        """Store an article with its mentions (and its MinHash ``signature``, indexed for
        near-duplicates), joining them to the real-world events they report; False, writing
        nothing, if it is already stored."""
        a = result.article
        blob = signature.tobytes() if signature is not None else None

        def write(con: duckdb.DuckDBPyConnection) -> None:
            now = _now()
            con.execute(_INSERT_ARTICLE, _article_row(a, "coded", minhash=blob, now=now))
            rows = [
                e.to_dict() | {"date_first": e.date.first, "date_last": e.date.last}
                for e in result.events
            ]
            seen = Seen(a.id, a.source, a.url, a.published or now.date())
            events = clusters.link_article(con, seen, rows, self.settings)
            for d in rows:
                d["event_id"] = events.get(d["id"])
                con.execute(_INSERT_MENTION, [d[k] for k in clusters.MENTION_ROW])
            for e in result.events:
                for role, actors in (("actor", e.actor), ("recipient", e.recipient)):
                    for x in actors:
                        con.execute(
                            "INSERT INTO actor_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [
                                e.id,
                                a.id,
                                role,
                                x.text,
                                x.code,
                                x.country,
                                x.sector,
                                x.start,
                                x.end,
                                x.rule,
                            ],
                        )

        if not self._write(a, write):
            return False
        if signature is not None and self._bands is not None:
            from resgestae.ingest.dedup import band_keys

            self._bands.add(len(self._band_ids), band_keys(signature))
            self._band_ids.append(a.id)
        return True

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
        row = _article_row(article, status, reason, duplicate_of, similarity)

        def write(con: duckdb.DuckDBPyConnection) -> None:
            con.execute(_INSERT_ARTICLE, row)
            if duplicate_of is not None:
                clusters.refresh(con, duplicate_of)

        return self._write(article, write)

    def _write(
        self, article: Article, write: Callable[[duckdb.DuckDBPyConnection], object]
    ) -> bool:
        """One article's rows, written by ``write``, in one transaction; False, writing
        nothing, if the article is already stored."""
        con = self.con
        size = self._written(article.text)
        con.execute("BEGIN TRANSACTION")
        try:
            if self.has(article.id):
                con.execute("ROLLBACK")
                return False
            write(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._appended(size)
        return True

    def near_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]:
        """Stored articles sharing a MinHash band key with ``keys``, with their signatures, in
        the order they were stored. The keys are looked up in memory (``BandIndex``, ~0.35 KB
        per stored original); only candidates touch the database, by primary key."""
        bands = self._band_index()
        ids = [self._band_ids[r] for r in bands.find(keys)]
        if not ids:  # the usual case: no candidate, and no read of the database at all
            return []
        marks = ", ".join("?" * len(ids))
        rows = dict(
            self.con.execute(f"SELECT id, minhash FROM articles WHERE id IN ({marks})", ids)
            .fetchall()
        )  # fmt: skip
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
            cur = self._cursor().execute(
                "SELECT id, minhash FROM articles WHERE status = 'coded' AND minhash IS NOT NULL"
            )
            while rows := cur.fetchmany(8192):
                sigs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint32)
                keys = band_key_rows(sigs.reshape(len(rows), NUM_PERM))
                refs = np.arange(len(ids), len(ids) + len(rows), dtype=np.int32)
                bands.extend(np.repeat(refs, keys.shape[1]), keys.ravel())
                ids.extend(r[0] for r in rows)
            cur.close()
            self._bands, self._band_ids = bands, ids
        return self._bands

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own (a query on it can be read while others run) on the store."""
        cur = self.con.cursor()
        if self.path != ":memory:":
            cur.execute("USE store")
        return cur

    def _written(self, text: str) -> int:
        """Cap DuckDB's memory before writing an article with ``text``; returns its size in
        bytes. DuckDB's block cache otherwise keeps every block it wrote (the default limit
        is 80% of RAM), so a long ingest grew with the corpus. The cap is ``CACHE`` on top
        of the indexes, which DuckDB cannot evict (an insert fails if they outgrow the
        limit), revised as they grow; and at least twice the text in the articles' last,
        unfilled row group, which a checkpoint rewrites whole (thirty 1 MB articles under a
        24 MB cap invalidated the database), plus four times the new text (a 30 MB text
        failed under twice its size)."""
        size = len(text.encode("utf-8", "surrogatepass"))
        if self.path == ":memory:":
            return size
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
        if limit != self._limit:
            self.con.execute(f"SET memory_limit = '{limit // 1024}KiB'")
            self._limit = limit
        return size

    def _appended(self, size: int) -> None:
        """Count an article row of ``size`` bytes of text into the last row group."""
        if self._rows is None:  # in memory: no cap, nothing to count
            return
        self._rows += 1
        self._tail = 0 if self._rows % ROW_GROUP_SIZE == 0 else self._tail + size

    def start_run(self, paths: list[str]) -> int:
        """Record the start of an ingest run over ``paths``; returns its id for
        ``finish_run``. A run never finished keeps ``finished_at`` NULL."""
        con = self.con
        run: int = _scalar(con, "SELECT coalesce(max(id), 0) + 1 FROM runs")
        con.execute(
            "INSERT INTO runs (id, started_at, paths) VALUES (?, ?, ?)", [run, _now(), paths]
        )
        return run

    def finish_run(self, run: int, counts: Mapping[str, int]) -> None:
        """Record the end of run ``run`` with its ``counts`` (articles, events, skipped,
        duplicates, failures; a missing one is 0)."""
        keys = ("articles", "events", "skipped", "duplicates", "failures")
        self.con.execute(
            f"UPDATE runs SET finished_at = ?, {', '.join(f'{k} = ?' for k in keys)} WHERE id = ?",
            [_now(), *(counts.get(k, 0) for k in keys), run],
        )

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
        for chunk in self._read(sql, params):
            rows = [queries.event_dict(r) for r in chunk]
            if with_mentions and rows:
                held: dict[str, list[dict]] = {d["id"]: [] for d in rows}
                msql, mparams = queries.mentions(event_ids=list(held))
                for mchunk in self._read(msql, mparams):
                    for m in mchunk:
                        d = queries.mention_dict(m)
                        held[d["event_id"]].append(d)
                for d in rows:
                    d["mentions"] = held[d["id"]]
            yield from rows

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
        if settings is not None:
            self.settings = settings
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            n = clusters.recluster(con, self.settings)
            self._keep_settings()
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
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


def _connect(path: str) -> duckdb.DuckDBPyConnection:
    """A connection to the store at ``path``, attached with small row groups: DuckDB rewrites
    the row group that new rows were appended to at each checkpoint, so with the default
    (122,880 rows, one row group for the first 122,880 articles) every checkpoint of a growing
    store cost more memory than the last (+50 MB at 8,000 articles); with 2,048 rows the cost
    is bounded."""
    if path == ":memory:":
        return duckdb.connect(path)
    con = duckdb.connect()
    con.execute(f"ATTACH {_quote(path)} AS store (ROW_GROUP_SIZE {ROW_GROUP_SIZE})")
    con.execute("USE store")
    con.execute(f"SET temp_directory = {_quote(path + '.tmp')}")  # where capped queries spill
    return con


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    """The one value an aggregate query returns."""
    row = con.execute(sql, params or []).fetchone()
    return None if row is None else row[0]


def _open_error(path: str, exc: duckdb.Error) -> StoreError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreError(
        f"{path}: cannot open the database ({detail}); check that its folder exists and that "
        f"it is a DuckDB file no other program has open, or give another file"
    )


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
