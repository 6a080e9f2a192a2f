"""Keeping the ``events`` table (real-world events) in step with ``mentions``.

``link_articles`` runs inside the articles' transaction, after their rows are written: their
mentions are compared with those of the stored components that can hold a compatible one
(same type key, an event's dates within reach: one filtered query, not a scan per mention),
and the
components they join are merged, split into events and summarised again. ``refresh``
summarises events again when a near-duplicate of their article is stored (it adds an article
and maybe a source, never a mention).
``recluster`` rebuilds every event from the mentions, as one clustering of the whole store.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, TypeVar

import duckdb

from resgestae.cluster import (
    EventRecord,
    Member,
    Seen,
    Settings,
    component_id,
    components,
    event_id,
    link,
    precisions,
    split,
    summarise,
    window,
)
from resgestae.store import bulk
from resgestae.store.schema import EVENT_COLUMNS, MENTION_KEYS
from resgestae.types import Article

__all__ = [
    "MENTION_ROW", "Known", "link_articles", "mention_row", "recluster", "refresh", "seen_of",
]  # fmt: skip

# A mention as the clustering reads it: its dict keys, then the dates and event id.
MENTION_ROW = (*MENTION_KEYS, "date_first", "date_last", "event_id")
_SELECT = ", ".join(f'"{k}"' for k in MENTION_ROW)
_EVENT_NAMES = tuple(name for name, _ in EVENT_COLUMNS)
_CHUNK = 1000  # events inserted in one statement by recluster


def mention_row(row: Sequence) -> dict:
    """A ``MENTION_ROW`` row as a dict."""
    return dict(zip(MENTION_ROW, row, strict=True))


V = TypeVar("V")


class _Staged(Generic[V]):
    """Values by id, the last ``size`` used, each kept only once the transaction that read it
    commits (``commit``; ``discard`` after a rollback): a cache that never holds what the
    database does not."""

    def __init__(self, size: int):
        self.size = size
        self._kept: OrderedDict[str, V] = OrderedDict()
        self._staged: dict[str, V] = {}

    def get(self, ids: Iterable[str]) -> tuple[dict[str, V], list[str]]:
        """The values held of ``ids``, and the ids not held."""
        found: dict[str, V] = {}
        missing: list[str] = []
        for i in ids:
            hit = self._held(i)
            if hit is None:
                missing.append(i)
            else:
                found[i] = hit
        return found, missing

    def _held(self, i: str) -> V | None:
        """What this transaction staged of ``i``, else what is kept of it."""
        return self._staged.get(i) or self._kept.get(i)

    def put(self, values: Mapping[str, V]) -> None:
        """Values read (or used again) in this transaction: held once it commits."""
        self._staged.update(values)

    def drop(self, ids: Iterable[str]) -> None:
        """Forget ``ids`` (what the database holds of them changed)."""
        for i in ids:
            self._staged.pop(i, None)
            self._kept.pop(i, None)

    def commit(self) -> None:
        for i, hit in self._staged.items():
            self._kept[i] = hit
            self._kept.move_to_end(i)
        self._staged.clear()
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def discard(self) -> None:
        self._staged.clear()

    def clear(self) -> None:
        self._kept.clear()
        self._staged.clear()


class Known(_Staged[tuple[dict, Member]]):
    """Stored mention rows (and their ``Member``) as read from the database, the last
    ``size`` used, so that the components a stream of articles keeps joining are not read
    and converted again for every group; and beside them (``seen``) the articles carrying
    the events of the articles read lately (``_seen``: an article's row never changes, its
    near-duplicates are added: ``refresh`` drops an original when one is). What a
    transaction reads or moves is staged and kept only once it commits (``commit``;
    ``discard`` after a rollback): the cache never holds a row the database does not."""

    def __init__(self, size: int = 8192):
        super().__init__(size)
        self.seen: _Staged[list[Seen]] = _Staged(size)

    def moved(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Mentions given another event (mention id, event id) in this transaction."""
        for i, eid in pairs:
            hit = self._held(i)
            if hit is not None:
                self._staged[i] = (hit[0] | {"event_id": eid}, hit[1])

    def commit(self) -> None:
        """The transaction committed: keep what it staged, the newest last, ``size`` at most."""
        super().commit()
        self.seen.commit()

    def discard(self) -> None:
        """The transaction rolled back: forget what it staged."""
        super().discard()
        self.seen.discard()

    def clear(self) -> None:
        """Forget everything (the events were rebuilt)."""
        super().clear()
        self.seen.clear()


def link_articles(
    con: duckdb.DuckDBPyConnection,
    mentions: Sequence[dict],
    settings: Settings,
    known: Known | None = None,
) -> dict[str, str]:
    """Join the ``mentions`` of new articles (dicts of ``MENTION_ROW`` keys but
    ``event_id``, not yet stored; their articles' rows are) to the stored components,
    rewriting the events of those they join or merge; returns each new mention's event id,
    for its row. The same for one article or many: components do not depend on the order
    mentions arrive in. ``known`` caches the stored rows read and the new mentions' rows
    (the caller commits or discards it with the transaction, which must write those rows
    as given, with the event ids returned)."""
    if not mentions:
        return {}
    new = [Member.from_dict(m) for m in mentions]
    owner = _candidates(con, new, settings)
    known = known if known is not None else Known(0)
    held, missing = known.get(owner)
    held |= {i: (m, Member.from_dict(m)) for i, m in _rows(con, missing).items()}
    known.put(held)  # read again, or used again: kept longer
    stored = {i: m for i, (m, _) in held.items()}
    members: dict[str, list[Member]] = defaultdict(list)
    for i in sorted(held):  # the order mentions were read in does not matter; keep one
        members[owner[i]].append(held[i][1])
    # Only mentions of one type key are ever compatible, so a component holds one key:
    # linked key by key, the many mentions of a group of articles are not compared pairwise.
    new_by_key: dict[str, list[Member]] = defaultdict(list)
    for member in new:
        new_by_key[member.key].append(member)
    stored_by_key: dict[str, dict[str, list[Member]]] = defaultdict(dict)
    for c, ms in members.items():
        stored_by_key[ms[0].key][c] = ms
    merges = sorted(
        (g for k, ms in new_by_key.items() for g in link(ms, stored_by_key[k], settings)),
        key=lambda g: g.events[0][0],
    )
    rows = {m["id"]: m for m in mentions} | stored
    seen = _seen(con, {rows[i]["article_id"] for g in merges for e in g.events for i in e}, known)
    events: dict[str, str] = {}
    moved: list[tuple[str, str]] = []  # stored mention -> its new event
    records: list[tuple[EventRecord, str]] = []
    for g in merges:
        for ids in g.events:
            eid = event_id(ids)
            moved += [(i, eid) for i in ids if i in stored and stored[i]["event_id"] != eid]
            records.append((_summary(eid, [rows[i] for i in ids], seen), g.id))
            events.update((i, eid) for i in ids if i not in stored)
    _move(con, moved)
    known.moved(moved)
    # the new mentions as their rows will be: the next articles' candidates, not read back
    known.put({
        m.id: ({k: rows[m.id][k] for k in MENTION_ROW[:-1]} | {"event_id": events[m.id]}, m)
        for m in new
        if m.id in events
    })  # fmt: skip
    _delete(con, "component", [c for g in merges for c in g.replaces])
    _insert(con, records)
    return events


def refresh(con: duckdb.DuckDBPyConnection, article_id: str, known: Known | None = None) -> None:
    """Summarise again the events holding mentions of ``article_id`` (a near-duplicate of it
    was stored: one more article, maybe one more source); ``known`` forgets the articles
    carrying its events, and holds them as read again."""
    if known is not None:
        known.seen.drop([article_id])
    ids = [r[0] for r in con.execute(
        "SELECT DISTINCT event_id FROM mentions WHERE article_id = ? AND event_id IS NOT NULL",
        [article_id],
    ).fetchall()]  # fmt: skip
    if not ids:
        return
    marks = ", ".join("?" * len(ids))
    held = con.execute(
        f"SELECT id, component, unnest(mention_ids) FROM events WHERE id IN ({marks})", ids
    ).fetchall()
    component = {e: c for e, c, _ in held}
    rows = _rows(con, [m for _, _, m in held])
    by_event: dict[str, list[dict]] = defaultdict(list)
    for m in rows.values():
        by_event[m["event_id"]].append(m)
    seen = _seen(con, {m["article_id"] for m in rows.values()}, known)
    _delete(con, "id", ids)
    _insert(con, [(_summary(e, ms, seen), component[e]) for e, ms in sorted(by_event.items())])


def recluster(con: duckdb.DuckDBPyConnection, settings: Settings) -> int:
    """Rebuild every event from the stored mentions under ``settings`` (in the caller's
    transaction); returns the number of events."""
    cur = con.execute(f"SELECT {_SELECT} FROM mentions")
    rows: dict[str, dict] = {}
    while batch := cur.fetchmany(10_000):
        rows.update((r[0], mention_row(r)) for r in batch)
    members = {i: Member.from_dict(m) for i, m in rows.items()}
    seen = _seen(con, None)
    con.execute("DELETE FROM events")
    con.execute("CREATE OR REPLACE TEMP TABLE regrouped (mention_id VARCHAR, event_id VARCHAR)")
    pairs: list[tuple[str, str]] = []
    n = 0
    records: list[tuple[EventRecord, str]] = []
    for ids in components(members.values(), settings):
        for group in split([members[i] for i in ids], settings):
            eid = event_id(group)
            pairs += [(i, eid) for i in group if rows[i]["event_id"] != eid]
            records.append((_summary(eid, [rows[i] for i in group], seen), component_id(ids)))
        if len(records) >= _CHUNK:
            n += len(records)
            _insert(con, records)
            records = []
    n += len(records)
    _insert(con, records)
    if pairs:
        con.executemany("INSERT INTO regrouped VALUES (?, ?)", pairs)
        con.execute(
            "UPDATE mentions SET event_id = r.event_id FROM regrouped r "
            "WHERE mentions.id = r.mention_id"
        )
    con.execute("DROP TABLE regrouped")
    return n


def _move(con: duckdb.DuckDBPyConnection, moved: Sequence[tuple[str, str]]) -> None:
    """Set the event of stored mentions (mention id, event id), in one statement."""
    if moved:
        con.execute(
            "UPDATE mentions SET event_id = m.e FROM (SELECT unnest(?::VARCHAR[]) AS i, "
            "unnest(?::VARCHAR[]) AS e) m WHERE mentions.id = m.i",
            [[i for i, _ in moved], [e for _, e in moved]],
        )


def _candidates(
    con: duckdb.DuckDBPyConnection, new: Iterable[Member], settings: Settings
) -> dict[str, str]:
    """Mention id -> component, for every mention of the components whose events may hold a
    mention compatible with one of ``new`` (same type key, span overlapping the mention's
    reach, a date precision it may join: ``rule.precisions``)."""
    reach = {(m.key, *r, precisions(m, settings)) for m in new
             if (r := window(m, settings)) is not None}  # fmt: skip
    if not reach:
        return {}
    # One join against the reaches (key, first, last, precisions), not an OR of a clause
    # each: DuckDB plans an OR of hundreds of ranges slowly.
    keys, firsts, lasts, kinds = zip(*sorted(reach, key=str), strict=True)
    sql = (
        "SELECT unnest(mention_ids), component FROM events WHERE component IN "
        "(SELECT e.component FROM events e JOIN (SELECT unnest(?::VARCHAR[]) AS k, "
        "unnest(?::DATE[]) AS lo, unnest(?::DATE[]) AS hi, unnest(?::VARCHAR[][]) AS p) q "
        "ON e.type_key = q.k AND e.date_first <= q.hi AND e.date_last >= q.lo "
        "AND (q.p IS NULL OR list_contains(q.p, coalesce(e.date_precision, 'unknown'))))"
    )
    params = [list(keys), list(firsts), list(lasts), [k and list(k) for k in kinds]]
    return dict(con.execute(sql, params).fetchall())


def _rows(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for chunk in bulk.chunks(ids):
        marks = ", ".join("?" * len(chunk))
        cur = con.execute(f"SELECT {_SELECT} FROM mentions WHERE id IN ({marks})", chunk)
        out.update((r[0], mention_row(r)) for r in cur.fetchall())
    return out


def seen_of(article: Article, ingested_at: dt.datetime) -> Seen:
    """A new article as ``_seen`` reads its row back: published that day, else the day it
    was stored (its near-duplicates come after it)."""
    day = article.published or ingested_at
    return Seen(article.id, article.source, article.url,
                day.date() if isinstance(day, dt.datetime) else day)  # fmt: skip


def _seen(
    con: duckdb.DuckDBPyConnection, articles: set[str] | None, known: Known | None = None
) -> dict[str, list[Seen]]:
    """Article id -> the articles carrying its events: itself and its near-duplicates (for
    ``articles``, or every coded article when None); those ``known`` holds (``Known.seen``)
    are not read again, and those read are given to it."""
    sql = (
        "SELECT id, source, url, coalesce(published, CAST(ingested_at AS DATE)), duplicate_of "
        "FROM articles"
    )
    if articles is None:
        cur = con.execute(sql + " WHERE status IN ('coded', 'duplicate')")
        rows = cur.fetchall()
        held: dict[str, list[Seen]] = {}
    elif not articles:
        return {}
    else:
        held, missing = known.seen.get(sorted(articles)) if known else ({}, sorted(articles))
        rows = []
        for chunk in bulk.chunks(missing):
            marks = ", ".join("?" * len(chunk))
            # two lookups, each by an index (an OR of the two scans every article)
            rows += con.execute(
                f"{sql} WHERE id IN ({marks}) UNION {sql} WHERE duplicate_of IN ({marks})",
                chunk + chunk,
            ).fetchall()
    out: dict[str, list[Seen]] = defaultdict(list)
    for aid, source, url, day, original in rows:
        out[original or aid].append(Seen(aid, source, url, day))
    if known is not None:
        known.seen.put({a: out[a] for a in articles or () if a in out})
        known.seen.put(held)  # used again: kept longer
    out.update(held)
    return out


def _summary(eid: str, mentions: Sequence[dict], seen: Mapping[str, list[Seen]]) -> EventRecord:
    articles = sorted({m["article_id"] for m in mentions})
    return summarise(eid, mentions, [s for a in articles for s in seen.get(a, ())])


def _insert(con: duckdb.DuckDBPyConnection, records: Sequence[tuple[EventRecord, str]]) -> None:
    """Write events (each with its component) in one statement (``bulk``)."""
    rows = [[getattr(r, n) if n != "component" else c for n in _EVENT_NAMES] for r, c in records]
    bulk.insert(con, "events", EVENT_COLUMNS, rows)


def _delete(con: duckdb.DuckDBPyConnection, column: str, ids: Sequence[str]) -> None:
    for chunk in bulk.chunks(ids):
        marks = ", ".join("?" * len(chunk))
        con.execute(f"DELETE FROM events WHERE {column} IN ({marks})", list(chunk))
