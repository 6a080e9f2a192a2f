"""The SQL of every read of a store, its own (``Store.events``, ``Store.mentions``,
``Store.counts_by``) and the server's (a page after a cursor, an event's articles, an
article, top actors and dyads, map points): the filters (bound parameters, never text pasted
into SQL) and the rows read back as dicts. Each function returns ``(sql, params)`` over the
store's tables (or the views of a Parquet folder, ``resgestae.store.parquet``), so one query
is written once, whoever runs it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from resgestae.cluster import EVENT_KEYS
from resgestae.errors import OptionError
from resgestae.store.schema import MENTION_KEYS

__all__ = [
    "ARTICLE_HEAD",
    "DIMENSIONS",
    "HEALTH",
    "MENTION_EXTRA_KEYS",
    "Dimension",
    "actors",
    "article",
    "article_heads",
    "article_mentions",
    "confidence_floor",
    "counts",
    "event_dict",
    "events",
    "export_ctes",
    "literal",
    "located",
    "mention_dict",
    "mentions",
    "points",
    "where",
]

# What a mention dict adds to ``Event.to_dict()``.
MENTION_EXTRA_KEYS = ("event_id", "url", "source", "article_length", "sources")


@dataclass(frozen=True, slots=True)
class Dimension:
    """A ``counts`` dimension: ``key``, SQL over ``events m`` that its rows are grouped by,
    and ``label``, SQL that turns a group's key (``{k}``) into the value shown. A period is
    grouped by the day it starts and labelled after grouping: a strftime on every row cost
    two thirds of a count by month over a million events (100 -> 33 ms)."""

    key: str
    label: str = "{k}"


# ``counts`` dimensions. An event's country is its location's, else that of its first actor
# with one; an actor is its first one's code, else its country. Weeks are ISO weeks (a week
# starts on Monday, and its ISO year is that of each of its days).
DIMENSIONS = {
    "country": Dimension(
        "coalesce(m.location.country, "
        "list_filter(m.actor, lambda x: x.country IS NOT NULL)[1].country)"
    ),
    "year": Dimension("date_trunc('year', m.date_first)", "strftime({k}, '%Y')"),
    "month": Dimension("date_trunc('month', m.date_first)", "strftime({k}, '%Y-%m')"),
    "week": Dimension("date_trunc('week', m.date_first)", "strftime({k}, '%G-W%V')"),
    "day": Dimension("m.date_first", "strftime({k}, '%Y-%m-%d')"),
    "event": Dimension("m.event"),
    "actor": Dimension("coalesce(m.actor[1].code, m.actor[1].country)"),
    "recipient": Dimension("coalesce(m.recipient[1].code, m.recipient[1].country)"),
    "quad_class": Dimension("m.quad_class"),
}

# The filters match their value literally: ``%`` and ``_`` in it are escaped (``literal``),
# so `--actor %` matches an actor with a % in it, not every actor.
_MATCH = (
    r"(x.code ILIKE ? ESCAPE '\' OR x.country ILIKE ? ESCAPE '\' "
    r"OR x.text ILIKE ? ESCAPE '\')"
)
_EVENT_COLS = ", ".join(f'm."{k}"' for k in EVENT_KEYS)
# The order of events, and of their pages, for the events table under the alias ``{0}``.
_ORDER_OF = '{0}.date_first NULLS LAST, {0}."id"'
_ORDER = _ORDER_OF.format("m")
_MENTION_COLS = ", ".join(f'm."{k}"' for k in MENTION_KEYS)
_MENTION_SELECT = (
    f"SELECT {_MENTION_COLS}, m.event_id, a.url AS url, a.source AS source, "
    f"length(a.text) AS article_length, "
    f"1 + (SELECT count(*) FROM articles d WHERE d.duplicate_of = m.article_id) AS sources"
    f"{{extra}} FROM {{mentions}} LEFT JOIN articles a ON a.id = m.article_id"
)
_MENTION_ORDER = 'm.date_first NULLS LAST, m.article_id, m.span[1], m."id"'
_OF_EVENTS = 'ev JOIN mentions m ON m.event_id = ev."id"'  # the mentions of the events ``ev``

# How many articles, mentions and events the store holds, and its date range.
HEALTH = (
    "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), "
    "(SELECT count(*) FROM events), (SELECT min(date_first) FROM events), "
    "(SELECT max(date_last) FROM events)"
)


def literal(value: str) -> str:
    """``value`` as a LIKE pattern that matches only itself (with ``ESCAPE '\\'``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_params(value: str) -> list[object]:
    """Code prefix, country, part of the text."""
    v = literal(value)
    return [v + "%", v, "%" + v + "%"]


def where(
    *,
    mentions: bool,
    actor: str | None = None,
    recipient: str | None = None,
    event: str | None = None,
    country: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    text: str | None = None,
    min_confidence: float | None = None,
) -> tuple[list[str], list[object]]:
    """WHERE clauses and their parameters, over ``mentions m`` (actors through
    actor_mentions) or ``events m`` (its own actor and recipient lists).

    ``actor``/``recipient`` match a code prefix, a country or part of the text; ``event`` a
    PLOVER type or a CAMEO code prefix; ``country`` the actor's, the recipient's or the
    location's; ``since``/``until`` overlap the dates; ``text`` is part of the sentence;
    ``min_confidence`` a floor. All literal, all combined with AND."""
    clauses: list[str] = []
    params: list[object] = []
    for role, value in (("actor", actor), ("recipient", recipient)):
        if value:
            if mentions:
                clauses.append(
                    f"m.id IN (SELECT mention_id FROM actor_mentions x WHERE role = ? AND {_MATCH})"
                )
                params.append(role)
            else:
                clauses.append(f"len(list_filter(m.{role}, lambda x: {_MATCH})) > 0")
            params += _actor_params(value)
    if event:
        clauses.append(r"(m.event ILIKE ? ESCAPE '\' OR m.cameo LIKE ? ESCAPE '\')")
        params += [literal(event), literal(event) + "%"]
    if country:
        if mentions:
            clauses.append(
                "(upper(m.location.country) = ? OR m.id IN "
                "(SELECT mention_id FROM actor_mentions WHERE upper(country) = ?))"
            )
            params += [country.upper()] * 2
        else:
            # ISO-3 codes compared upper-cased and equal: list_contains over the countries
            # is ten times faster than a lambda filter with ILIKE over a million events
            clauses.append(
                "(m.location.country = ? OR list_contains(list_transform(m.actor, "
                "lambda x: x.country), ?) OR list_contains(list_transform(m.recipient, "
                "lambda x: x.country), ?))"
            )
            params += [country.upper()] * 3
    if since:
        clauses.append("m.date_last >= ?")
        params.append(since)
    if until:
        clauses.append("m.date_first <= ?")
        params.append(until)
    if text:
        clauses.append(r"m.sentence ILIKE '%' || ? || '%' ESCAPE '\'")
        params.append(literal(text))
    if min_confidence is not None:
        clauses.append("m.confidence >= ?")
        params.append(min_confidence)
    return clauses, params


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _limit(limit: int | None) -> str:
    if limit is None:
        return ""
    if not 0 <= int(limit) < 2**63:
        raise OptionError(f"limit {limit} is out of range; give 0 to {2**63 - 1}")
    return f" LIMIT {int(limit)}"


def _ids(column: str, ids: Sequence[str]) -> str:
    return f"{column} IN ({', '.join('?' * len(ids)) or 'NULL'})"


def mentions(
    *, limit: int | None = None, event_ids: Sequence[str] | None = None, **filters
) -> tuple[str, list[object]]:
    """The mention query (``event_ids``: only the mentions of these events), ordered by
    date, article and offset; ``filters`` are those of ``where``."""
    clauses, params = where(mentions=True, **filters)
    if event_ids is not None:
        clauses.append(_ids("m.event_id", event_ids))
        params += list(event_ids)
    order = f" ORDER BY {_MENTION_ORDER}"
    sql = _MENTION_SELECT.format(mentions="mentions m", extra="")
    return sql + _where(clauses) + order + _limit(limit), params


def event_mentions(**kwargs) -> tuple[str, list[object]]:
    """The mentions of the events that ``events(**kwargs)`` selects, in one query: ordered
    by their event, in the events' order, then as ``mentions`` orders them. Read beside the
    events query, each event's mentions come next, without a query per page of events
    (which scanned every mention once a page: minutes for a million events)."""
    ev, params = events(cols='m."id", m.date_first', **kwargs)
    sql = _MENTION_SELECT.format(mentions=_OF_EVENTS, extra="")
    order = f" ORDER BY {_ORDER_OF.format('ev')}, {_MENTION_ORDER}"
    return f"WITH ev AS ({ev}) {sql}{order}", params


def export_ctes(**kwargs) -> tuple[str, list[object]]:
    """Two CTEs, for exports written by DuckDB itself (``resgestae.export.source``): ``ev``,
    the events ``events(**kwargs)`` selects (``EVENT_KEYS``) with ``_n``, their place in
    that order, and ``mn``, their mentions (the ``mentions`` query's columns) with ``_n``,
    their event's, and ``_k``, their place among its mentions."""
    ev, params = events(**kwargs)
    number = f"row_number() OVER (ORDER BY {_ORDER_OF.format('e')}) AS _n"
    order = f"row_number() OVER (PARTITION BY ev._n ORDER BY {_MENTION_ORDER}) AS _k"
    mn = _MENTION_SELECT.format(mentions=_OF_EVENTS, extra=f", ev._n, {order}")
    return f"ev AS (SELECT e.*, {number} FROM ({ev}) e), mn AS ({mn})", params


def events(
    *,
    limit: int | None = None,
    after: tuple[dt.date | None, str] | None = None,
    ids: Sequence[str] | None = None,
    cols: str = _EVENT_COLS,
    **filters,
) -> tuple[str, list[object]]:
    """The real-world event query, ordered by first day (undated last) then id: those after
    the sort key ``after`` (first day, id: the last of the page before), of ``ids`` if
    given; ``filters`` are those of ``where``. ``cols``: what it selects (``EVENT_KEYS``,
    the order of ``event_dict``)."""
    clauses, params = where(mentions=False, **filters)
    if after is not None:
        day, last = after
        if day is None:
            clauses.append('(m.date_first IS NULL AND m."id" > ?)')
            params.append(last)
        else:
            clauses.append(
                '(m.date_first > ? OR (m.date_first = ? AND m."id" > ?) OR m.date_first IS NULL)'
            )
            params += [day, day, last]
    if ids is not None:
        clauses.append(_ids('m."id"', ids))
        params += list(ids)
    sql = f"SELECT {cols} FROM events m{_where(clauses)} ORDER BY {_ORDER}"
    return sql + _limit(limit), params


def counts(by: Sequence[str], *, limit: int | None = None, **filters) -> tuple[str, list[object]]:
    """Events (and their mentions) counted by the ``DIMENSIONS`` named in ``by``, in order
    of the dimensions (at most ``limit`` rows); ``filters`` are those of ``where``."""
    unknown = [b for b in by if b not in DIMENSIONS]
    if unknown or not by:
        raise OptionError(
            f"cannot count by {unknown[0] if unknown else 'nothing'!r}; give one or more of "
            f"{', '.join(DIMENSIONS)}, separated by commas"
        )
    clauses, params = where(mentions=False, **filters)
    dims = [DIMENSIONS[b] for b in by]
    keys = ", ".join(f"{d.key} AS k{i}" for i, d in enumerate(dims))
    labels = ", ".join(f'{d.label.format(k=f"k{i}")} AS "{b}"' for i, (b, d) in
                       enumerate(zip(by, dims, strict=True)))  # fmt: skip
    inner = f"SELECT {keys}, count(*) AS n, sum(m.num_mentions) AS s FROM events m"
    order = ", ".join(f'"{b}" NULLS LAST' for b in by)
    sql = f"SELECT {labels}, n, s FROM ({inner}{_where(clauses)} GROUP BY ALL) ORDER BY {order}"
    return sql + _limit(limit), params


def actors(*, top: int, **filters) -> tuple[str, list[object]]:
    """The ``top`` actors, recipients and dyads by events: rows of (grouping, actor,
    recipient, events, mentions), grouping 1 for an actor, 2 a recipient, 0 a dyad; an actor
    is as in ``DIMENSIONS``. One scan: the three are grouping sets of one query."""
    clauses, params = where(mentions=False, **filters)
    actor, recipient = DIMENSIONS["actor"].key, DIMENSIONS["recipient"].key
    sql = f"""
        SELECT grouping(a, r) AS g, a, r, count(*) AS n, sum(num_mentions) AS mentions
        FROM (SELECT {actor} AS a, {recipient} AS r, num_mentions FROM events m{_where(clauses)})
        GROUP BY GROUPING SETS ((a), (r), (a, r))
        HAVING (grouping(a) = 1 OR a IS NOT NULL) AND (grouping(r) = 1 OR r IS NOT NULL)
        QUALIFY row_number() OVER (PARTITION BY grouping(a, r)
                                   ORDER BY n DESC, a NULLS LAST, r NULLS LAST) <= ?
        ORDER BY g, n DESC, a NULLS LAST, r NULLS LAST
    """
    return sql, [*params, int(top)]


def _placed(filters: dict) -> tuple[list[str], list[object]]:
    clauses, params = where(mentions=False, **filters)
    clauses.append("m.location.lat IS NOT NULL AND m.location.lon IS NOT NULL")
    return clauses, params


def located(**filters) -> tuple[str, list[object]]:
    """How many events with a place the filters match."""
    clauses, params = _placed(filters)
    return f"SELECT count(*) FROM events m{_where(clauses)}", params


def confidence_floor(*, limit: int, **filters) -> tuple[str, list[object]]:
    """The ``limit``-th highest confidence of the events with a place: ``points`` above it
    are the same rows as the top ``limit`` of all, at half the cost (ordering a million rows
    by confidence and id compared many strings; this orders one column)."""
    clauses, params = _placed(filters)
    sql = (
        f"SELECT m.confidence FROM events m{_where(clauses)} "
        f"ORDER BY m.confidence DESC NULLS LAST LIMIT 1 OFFSET {int(limit) - 1}"
    )
    return sql, params


def points(*, limit: int, floor: float | None = None, **filters) -> tuple[str, list[object]]:
    """Events with a place as rows of (lon, lat, quad class, id), the most confident first
    (at most ``limit``, none below ``floor``: see ``confidence_floor``)."""
    clauses, params = _placed(filters)
    if floor is not None:
        clauses.append("m.confidence >= ?")
        params.append(floor)
    sql = (
        "SELECT round(m.location.lon, 4), round(m.location.lat, 4), m.quad_class, "
        f'm."id" FROM events m{_where(clauses)} ORDER BY m.confidence DESC NULLS LAST, m."id"'
    )
    return sql + _limit(limit), params


ARTICLE_HEAD = ("id", "url", "source", "published", "title", "duplicate_of")


def article_heads(ids: Sequence[str]) -> tuple[str, list[object]]:
    """The ``ARTICLE_HEAD`` of the articles ``ids`` and of their near-duplicates, by
    publication day then id."""
    cols = ", ".join(ARTICLE_HEAD)
    # two lookups, each by an index in a store (an OR of the two scans every article)
    sql = (
        f"SELECT {cols} FROM articles WHERE {_ids('id', ids)} UNION "
        f"SELECT {cols} FROM articles WHERE {_ids('duplicate_of', ids)} ORDER BY published, id"
    )
    return sql, [*ids, *ids]


def article(article_id: str) -> tuple[str, list[object]]:
    """The stored article: its ``ARTICLE_HEAD``, then text, status, reason, language and
    author."""
    cols = ", ".join(ARTICLE_HEAD)
    sql = f"SELECT {cols}, text, status, reason, language, author FROM articles WHERE id = ?"
    return sql, [article_id]


def article_mentions(article_id: str) -> tuple[str, list[object]]:
    """The mentions coded from an article, as (mention id, event id), in text order."""
    sql = 'SELECT "id", event_id FROM mentions WHERE article_id = ? ORDER BY span[1], "id"'
    return sql, [article_id]


def mention_dict(row: Sequence) -> dict:
    """A row of the ``mentions`` query as a mention dict (dates as ISO strings)."""
    d = dict(zip((*MENTION_KEYS, *MENTION_EXTRA_KEYS), row, strict=True))
    if d["published"] is not None:
        d["published"] = d["published"].isoformat()
    return d


def event_dict(row: Sequence) -> dict:
    """A row of the ``events`` query as an event dict (dates as ISO strings)."""
    d = dict(zip(EVENT_KEYS, row, strict=True))
    for k in ("date_first", "date_last", "first_seen", "last_seen"):
        if d[k] is not None:
            d[k] = d[k].isoformat()
    return d
