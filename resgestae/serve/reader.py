"""``Reader``: a store opened read-only for the server (``open_store(path, read_only=True)``: a
DuckDB file or a Parquet folder), and the reads the API makes, each the store's own query
(``resgestae.store.queries``: a page after a cursor, one event with its articles, an
article, counts, top actors and dyads, map points) run on a cursor of its own under a
timeout. Every filter is the store's, passed as bound parameters.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from resgestae.errors import OptionError, StoreError
from resgestae.store import open_store, queries
from resgestae.store.parquet import ParquetStore

__all__ = ["Filters", "Reader", "decode_cursor", "encode_cursor"]


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of ``resgestae events``, plus ``text`` (part of the event's sentence) and
    ``min_confidence``, all optional; they combine with AND (``queries.where``)."""

    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    min_confidence: float | None = None

    def given(self) -> dict[str, Any]:
        """The filters given, as keyword arguments of the store's queries."""
        return {k: v for k, v in asdict(self).items() if v is not None}


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
    """The store at ``path`` opened read-only (a ``StoreError`` saying the fix if it cannot
    be); each read runs on its own cursor (so requests may run at once) and is interrupted
    after ``timeout`` seconds. A Parquet folder whose events are not built yet is refused:
    the API serves real-world events."""

    def __init__(self, path: str | Path, *, timeout: float = 10.0):
        self.path = Path(path)
        self.timeout = timeout
        self.store = open_store(path, create=False, read_only=True)
        self._parquet = isinstance(self.store, ParquetStore)
        if isinstance(self.store, ParquetStore):
            try:
                self.store.require_events()  # the API serves events: say what to run first
            except BaseException:
                self.store.close()
                raise

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """All rows of a query, on a cursor of its own, interrupted past the timeout."""
        cur = self.store.cursor()
        timer = threading.Timer(self.timeout, cur.interrupt)
        timer.start()
        try:
            return cur.execute(sql, list(params)).fetchall()
        except duckdb.InterruptException as exc:
            raise TimeoutError(f"the query took longer than {self.timeout:g} s") from exc
        except (duckdb.IOException, duckdb.InvalidInputException) as exc:
            if not self._parquet:
                raise
            # a Parquet file removed, or rewritten, under the server
            detail = " ".join(str(exc).split())[:300]
            raise StoreError(f"{self.path}: cannot read the Parquet folder ({detail})") from exc
        finally:
            timer.cancel()
            cur.close()

    def health(self) -> dict[str, Any]:
        """How many articles, mentions and events the store holds, and its date range."""
        n = self._rows(queries.HEALTH)[0]
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
        after = decode_cursor(cursor) if cursor else None
        sql, params = queries.events(limit=int(limit) + 1, after=after, **filters.given())
        rows = [queries.event_dict(r) for r in self._rows(sql, params)]
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1]["date_first"], rows[-1]["id"]) if more and rows else None
        return rows, nxt

    def event(self, event_id: str) -> dict | None:
        """The event with this id, with its ``mentions`` (each with its evidence) and the
        ``articles`` carrying them; None if there is none."""
        rows = self._rows(*queries.events(ids=[event_id]))
        if not rows:
            return None
        event = queries.event_dict(rows[0])
        found = self._rows(*queries.mentions(event_ids=[event_id]))
        event["mentions"] = [queries.mention_dict(r) for r in found]
        ids = list(dict.fromkeys(m["article_id"] for m in event["mentions"]))
        heads = self._rows(*queries.article_heads(ids)) if ids else []
        event["articles"] = [_article_head(r) for r in heads]
        return event

    def article(self, article_id: str) -> dict | None:
        """The stored article with this id, its text, and the mentions and events coded from
        it; None if there is none."""
        rows = self._rows(*queries.article(article_id))
        if not rows:
            return None
        r = rows[0]
        n = len(queries.ARTICLE_HEAD)
        art = _article_head(r[:n])
        art |= dict(zip(("text", "status", "reason", "language", "author"), r[n:], strict=True))
        coded = art["duplicate_of"] or art["id"]  # a near-duplicate's events are its original's
        found = self._rows(*queries.article_mentions(coded))
        art["mentions"] = [m for m, _ in found]
        art["events"] = list(dict.fromkeys(e for _, e in found if e is not None))
        return art

    def counts(self, by: Sequence[str], filters: Filters, *, limit: int) -> list[dict]:
        """``Store.counts_by``: events (and mentions) by the dimensions ``by``, at most
        ``limit`` rows."""
        try:
            sql, params = queries.counts(by, limit=limit, **filters.given())
        except OptionError as exc:
            raise OptionError(f"by: {exc}") from None
        names = (*by, "events", "mentions")
        return [dict(zip(names, r, strict=True)) for r in self._rows(sql, params)]

    def actors(self, filters: Filters, *, top: int) -> dict[str, list[dict]]:
        """The ``top`` actors, recipients and dyads (actor, recipient) by events, for the
        filters; an actor is its first one's code, else its country (as in ``counts``)."""
        out: dict[str, list[dict]] = {"actors": [], "recipients": [], "dyads": []}
        for g, a, r, n, mentions in self._rows(*queries.actors(top=top, **filters.given())):
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
        given = filters.given()
        total = self._rows(*queries.located(**given))[0][0]
        floor = None
        if total > limit:
            floor = self._rows(*queries.confidence_floor(limit=limit, **given))[0][0]
        rows = self._rows(*queries.points(limit=limit, floor=floor, **given))
        return [list(r) for r in rows], total


def _article_head(r: Sequence) -> dict:
    head = dict(zip(queries.ARTICLE_HEAD, r, strict=True))
    if head["published"] is not None:
        head["published"] = head["published"].isoformat()
    return head | {"href": f"/api/articles/{head['id']}"}
