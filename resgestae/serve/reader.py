"""``Reader``: the store opened read-only for the server, and the reads the API needs that the
``Store`` has no method for (a page after a cursor, one event with its articles, an article,
top actors and dyads, map points). ``Store`` itself cannot be used: opening it creates or
upgrades the tables, which a read-only connection refuses. Every filter is the store's own
(``resgestae.store.queries``), passed as bound parameters; the server only adds a text search
and a confidence floor, bound too.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from resgestae.cluster import EVENT_KEYS
from resgestae.errors import OptionError, StoreError
from resgestae.store import queries
from resgestae.store.queries import _filters as store_filters  # the store's WHERE clauses

__all__ = ["Filters", "Reader", "decode_cursor", "encode_cursor"]

# Tables (and a column of each) a current store has; an older store is upgraded by opening
# it once for writing, which the server never does.
REQUIRED = {"events": "mention_ids", "mentions": "event_id", "articles": "status"}


# Periods grouped by the day they start and labelled after grouping: the labels (and rows)
# of ``queries.DIMENSIONS``, whose strftime on every row cost two thirds of a count by month
# over a million events (100 -> 33 ms). Dimension -> (group key, label of the key ``{k}``).
PERIODS = {
    "year": ("date_trunc('year', m.date_first)", "strftime({k}, '%Y')"),
    "month": ("date_trunc('month', m.date_first)", "strftime({k}, '%Y-%m')"),
    "week": ("date_trunc('week', m.date_first)", "strftime({k}, '%G-W%V')"),  # ISO Monday
    "day": ("m.date_first", "strftime({k}, '%Y-%m-%d')"),
}


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of ``resgestae events``, plus ``text`` (part of the event's sentence) and
    ``min_confidence``, all optional; they combine with AND."""

    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    min_confidence: float | None = None

    def where(self) -> tuple[list[str], list[object]]:
        """WHERE clauses over ``events m`` and their parameters."""
        where, params = store_filters(
            actor=self.actor,
            recipient=self.recipient,
            event=self.event,
            country=self.country,
            since=self.since,
            until=self.until,
            mentions=False,
        )
        if self.text:
            # literal, as every store filter: "q=%" is a percent sign, not every sentence
            where.append(r"m.sentence ILIKE '%' || ? || '%' ESCAPE '\'")
            params.append(queries.literal(self.text))
        if self.min_confidence is not None:
            where.append("m.confidence >= ?")
            params.append(self.min_confidence)
        return where, params


def encode_cursor(date_first: str | None, event_id: str) -> str:
    """An opaque cursor: the sort key (first day, id) of the last event of a page."""
    raw = json.dumps([date_first, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date | None, str]:
    """The sort key in ``cursor``; ``OptionError`` if it is not one ``encode_cursor`` made."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        if not isinstance(event_id, str) or not (day is None or isinstance(day, str)):
            raise ValueError(cursor)
        return (dt.date.fromisoformat(day) if day else None), event_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise OptionError(
            "cursor: not a cursor this server gave; pass the `next` of the previous page "
            "unchanged, or leave it out for the first page"
        ) from exc


class Reader:
    """A read-only connection to the store at ``path``; each read runs on its own cursor (so
    requests may run at once) and is interrupted after ``timeout`` seconds."""

    def __init__(self, path: str | Path, *, timeout: float = 10.0):
        self.path = Path(path)
        self.timeout = timeout
        if not self.path.is_file():
            raise StoreError(
                f"{self.path}: no such database; create it with "
                f"`resgestae ingest PATH... --db {self.path}`, or give the file it wrote"
            )
        try:
            self.con = duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(
                f"{self.path}: cannot open the database read-only ({detail}); check that it is "
                f"a DuckDB file written by `resgestae ingest` and that no ingest is running on it"
            ) from exc
        try:
            self._check()
        except BaseException:
            self.con.close()
            raise

    def _check(self) -> None:
        rows = self.con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = current_schema()"
        ).fetchall()
        have = {(t, c) for t, c in rows}
        missing = [t for t, c in REQUIRED.items() if (t, c) not in have]
        if missing:
            raise StoreError(
                f"{self.path}: not a resgestae store of this version (no {missing[0]} table "
                f"as it needs); if an older resgestae wrote it, upgrade it once with "
                f"`resgestae recluster --db {self.path}`"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """All rows of a query, on a cursor of its own, interrupted past the timeout."""
        cur = self.con.cursor()
        timer = threading.Timer(self.timeout, cur.interrupt)
        timer.start()
        try:
            return cur.execute(sql, list(params)).fetchall()
        except duckdb.InterruptException as exc:
            raise TimeoutError(f"the query took longer than {self.timeout:g} s") from exc
        finally:
            timer.cancel()
            cur.close()

    def health(self) -> dict[str, Any]:
        """How many articles, mentions and events the store holds, and its date range."""
        n = self._rows(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), "
            "(SELECT count(*) FROM events), (SELECT min(date_first) FROM events), "
            "(SELECT max(date_last) FROM events)"
        )[0]
        return {
            "status": "ok",
            "store": self.path.name,
            "articles": n[0],
            "mentions": n[1],
            "events": n[2],
            "date_first": n[3].isoformat() if n[3] else None,
            "date_last": n[4].isoformat() if n[4] else None,
        }

    def events(
        self, filters: Filters, *, limit: int, cursor: str | None = None
    ) -> tuple[list[dict], str | None]:
        """A page of at most ``limit`` events after ``cursor``, in the store's order (first
        day, undated last, then id), and the cursor of the next page (None after the last)."""
        where, params = filters.where()
        if cursor:
            day, last = decode_cursor(cursor)
            if day is None:
                where.append('(m.date_first IS NULL AND m."id" > ?)')
                params.append(last)
            else:
                where.append(
                    '(m.date_first > ? OR (m.date_first = ? AND m."id" > ?) '
                    "OR m.date_first IS NULL)"
                )
                params += [day, day, last]
        cols = ", ".join(f'm."{k}"' for k in EVENT_KEYS)
        sql = f"SELECT {cols} FROM events m"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f' ORDER BY m.date_first NULLS LAST, m."id" LIMIT {int(limit) + 1}'
        rows = [queries.event_dict(r) for r in self._rows(sql, params)]
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1]["date_first"], rows[-1]["id"]) if more and rows else None
        return rows, nxt

    def event(self, event_id: str) -> dict | None:
        """The event with this id, with its ``mentions`` (each with its evidence) and the
        ``articles`` carrying them; None if there is none."""
        cols = ", ".join(f'm."{k}"' for k in EVENT_KEYS)
        rows = self._rows(f'SELECT {cols} FROM events m WHERE m."id" = ?', [event_id])
        if not rows:
            return None
        event = queries.event_dict(rows[0])
        sql, params = queries.mentions(event_ids=[event_id])
        event["mentions"] = [queries.mention_dict(r) for r in self._rows(sql, params)]
        ids = list(dict.fromkeys(m["article_id"] for m in event["mentions"]))
        event["articles"] = []
        if ids:
            marks = ", ".join("?" * len(ids))
            found = self._rows(
                "SELECT id, url, source, published, title, duplicate_of FROM articles "
                f"WHERE id IN ({marks}) OR duplicate_of IN ({marks}) ORDER BY published, id",
                ids + ids,
            )
            event["articles"] = [_article_head(r) for r in found]
        return event

    def article(self, article_id: str) -> dict | None:
        """The stored article with this id, its text, and the mentions and events coded from
        it; None if there is none."""
        rows = self._rows(
            "SELECT id, url, source, published, title, duplicate_of, text, status, reason, "
            "language, author FROM articles WHERE id = ?",
            [article_id],
        )
        if not rows:
            return None
        r = rows[0]
        art = _article_head(r[:6])
        art |= {"text": r[6], "status": r[7], "reason": r[8], "language": r[9], "author": r[10]}
        coded = r[5] or r[0]  # a near-duplicate's events are its original's
        found = self._rows(
            'SELECT "id", event_id FROM mentions WHERE article_id = ? ORDER BY span[1], "id"',
            [coded],
        )
        art["mentions"] = [m for m, _ in found]
        art["events"] = list(dict.fromkeys(e for _, e in found if e is not None))
        return art

    def counts(self, by: Sequence[str], filters: Filters, *, limit: int) -> list[dict]:
        """``Store.counts_by``: events (and mentions) by the dimensions ``by``, at most
        ``limit`` rows (the same rows; periods computed faster, see ``PERIODS``)."""
        unknown = [b for b in by if b not in queries.DIMENSIONS]
        if unknown or not by:
            raise OptionError(
                f"by: cannot count by {unknown[0] if unknown else 'nothing'!r}; give one or "
                f"more of {', '.join(queries.DIMENSIONS)}, separated by commas"
            )
        where, params = filters.where()
        keys = ", ".join(
            f"{PERIODS[b][0] if b in PERIODS else queries.DIMENSIONS[b]} AS k{i}"
            for i, b in enumerate(by)
        )
        labels = ", ".join(
            f'{PERIODS[b][1].format(k=f"k{i}") if b in PERIODS else f"k{i}"} AS "{b}"'
            for i, b in enumerate(by)
        )
        inner = f"SELECT {keys}, count(*) AS n, sum(num_mentions) AS s FROM events m"
        if where:
            inner += " WHERE " + " AND ".join(where)
        order = ", ".join(f'"{b}" NULLS LAST' for b in by)
        sql = (
            f"SELECT {labels}, n, s FROM ({inner} GROUP BY ALL) ORDER BY {order} LIMIT {int(limit)}"
        )
        names = (*by, "events", "mentions")
        return [dict(zip(names, r, strict=True)) for r in self._rows(sql, params)]

    def actors(self, filters: Filters, *, top: int) -> dict[str, list[dict]]:
        """The ``top`` actors, recipients and dyads (actor, recipient) by events, for the
        filters; an actor is its first one's code, else its country (as in ``counts``).
        One scan: the three groupings are grouping sets of one query."""
        where, params = filters.where()
        tail = (" WHERE " + " AND ".join(where)) if where else ""
        actor, recipient = queries.DIMENSIONS["actor"], queries.DIMENSIONS["recipient"]
        sql = f"""
            SELECT grouping(a, r) AS g, a, r, count(*) AS n, sum(num_mentions) AS mentions
            FROM (SELECT {actor} AS a, {recipient} AS r, num_mentions FROM events m{tail})
            GROUP BY GROUPING SETS ((a), (r), (a, r))
            HAVING (grouping(a) = 1 OR a IS NOT NULL) AND (grouping(r) = 1 OR r IS NOT NULL)
            QUALIFY row_number() OVER (PARTITION BY grouping(a, r)
                                       ORDER BY n DESC, a NULLS LAST, r NULLS LAST) <= ?
            ORDER BY g, n DESC, a NULLS LAST, r NULLS LAST
        """
        out: dict[str, list[dict]] = {"actors": [], "recipients": [], "dyads": []}
        # grouping(a, r): 1 = grouped by a alone, 2 = by r alone, 0 = by both
        for g, a, r, n, mentions in self._rows(sql, [*params, int(top)]):
            if g == 1:
                out["actors"].append({"actor": a, "events": n, "mentions": mentions})
            elif g == 2:
                out["recipients"].append({"recipient": r, "events": n, "mentions": mentions})
            else:
                out["dyads"].append({"actor": a, "recipient": r, "events": n, "mentions": mentions})
        return out

    def points(self, filters: Filters, *, limit: int) -> tuple[list[list], int]:
        """Events with a place, as ``[lon, lat, quad_class, id]`` (at most ``limit``, the
        most confident first), and how many the filters match."""
        where, params = filters.where()
        where.append("m.location.lat IS NOT NULL AND m.location.lon IS NOT NULL")
        tail = " WHERE " + " AND ".join(where)
        total = self._rows(f"SELECT count(*) FROM events m{tail}", params)[0][0]
        if total > limit:
            # The limit-th confidence first, over one column (fast), then the top-N of those
            # at least as confident: the same rows as the top-N of all, at half the cost
            # (ordering a million rows by confidence and id compared many strings).
            (floor,) = self._rows(
                f"SELECT m.confidence FROM events m{tail} "
                f"ORDER BY m.confidence DESC NULLS LAST LIMIT 1 OFFSET {int(limit) - 1}",
                params,
            )[0]
            if floor is not None:
                tail += " AND m.confidence >= ?"
                params = [*params, floor]
        rows = self._rows(
            "SELECT round(m.location.lon, 4), round(m.location.lat, 4), m.quad_class, "
            f'm."id" FROM events m{tail} ORDER BY m.confidence DESC NULLS LAST, m."id" '
            f"LIMIT {int(limit)}",
            params,
        )
        return [list(r) for r in rows], total


def _article_head(r: Sequence) -> dict:
    return {
        "id": r[0],
        "url": r[1],
        "source": r[2],
        "published": r[3].isoformat() if r[3] else None,
        "title": r[4],
        "duplicate_of": r[5],
        "href": f"/api/articles/{r[0]}",
    }
