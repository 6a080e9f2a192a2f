"""The SQL behind ``Store.events``, ``Store.mentions`` and ``Store.counts_by``: the filters
(bound parameters, never text pasted into SQL) and the rows read back as dicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from resgestae.cluster import EVENT_KEYS
from resgestae.errors import OptionError
from resgestae.store.schema import MENTION_KEYS

__all__ = [
    "DIMENSIONS",
    "MENTION_EXTRA_KEYS",
    "counts",
    "event_dict",
    "events",
    "mention_dict",
    "mentions",
]

# What a mention dict adds to ``Event.to_dict()``.
MENTION_EXTRA_KEYS = ("event_id", "url", "source", "article_length", "sources")

# ``counts_by`` dimensions: name -> SQL over the events table. An event's country is its
# location's, else that of its first actor with one.
DIMENSIONS = {
    "country": "coalesce(location.country, "
    "list_filter(actor, lambda x: x.country IS NOT NULL)[1].country)",
    "year": "strftime(date_first, '%Y')",
    "month": "strftime(date_first, '%Y-%m')",
    "week": "strftime(date_first, '%G-W%V')",
    "day": "strftime(date_first, '%Y-%m-%d')",
    "event": "event",
    "actor": "coalesce(actor[1].code, actor[1].country)",
    "recipient": "coalesce(recipient[1].code, recipient[1].country)",
    "quad_class": "quad_class",
}

# The filters match their value literally: ``%`` and ``_`` in it are escaped (``literal``),
# so `--actor %` matches an actor with a % in it, not every actor.
_MATCH = (
    r"(x.code ILIKE ? ESCAPE '\' OR x.country ILIKE ? ESCAPE '\' "
    r"OR x.text ILIKE ? ESCAPE '\')"
)


def literal(value: str) -> str:
    """``value`` as a LIKE pattern that matches only itself (with ``ESCAPE '\\'``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_params(value: str) -> list[object]:
    """Code prefix, country, part of the text."""
    v = literal(value)
    return [v + "%", v, "%" + v + "%"]


def _filters(
    *,
    actor: str | None = None,
    recipient: str | None = None,
    event: str | None = None,
    country: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    mentions: bool,
) -> tuple[list[str], list[object]]:
    """WHERE clauses and their parameters, over ``mentions`` (through actor_mentions) or
    ``events`` (its own actor and recipient lists)."""
    where: list[str] = []
    params: list[object] = []
    for role, value in (("actor", actor), ("recipient", recipient)):
        if value:
            if mentions:
                where.append(
                    f"m.id IN (SELECT mention_id FROM actor_mentions x WHERE role = ? AND {_MATCH})"
                )
                params.append(role)
            else:
                where.append(f"len(list_filter({role}, lambda x: {_MATCH})) > 0")
            params += _actor_params(value)
    if event:
        where.append(r"(m.event ILIKE ? ESCAPE '\' OR m.cameo LIKE ? ESCAPE '\')")
        params += [literal(event), literal(event) + "%"]
    if country:
        if mentions:
            where.append(
                "(upper(m.location.country) = ? OR m.id IN "
                "(SELECT mention_id FROM actor_mentions WHERE upper(country) = ?))"
            )
            params += [country.upper()] * 2
        else:
            # ISO-3 codes compared upper-cased and equal: list_contains over the countries
            # is ten times faster than a lambda filter with ILIKE over a million events
            where.append(
                "(m.location.country = ? OR list_contains(list_transform(m.actor, "
                "lambda x: x.country), ?) OR list_contains(list_transform(m.recipient, "
                "lambda x: x.country), ?))"
            )
            params += [country.upper()] * 3
    if since:
        where.append("m.date_last >= ?")
        params.append(since)
    if until:
        where.append("m.date_first <= ?")
        params.append(until)
    return where, params


def _tail(where: list[str], order: str, limit: int | None) -> str:
    sql = (" WHERE " + " AND ".join(where)) if where else ""
    sql += f" ORDER BY {order}"
    if limit is not None:
        if not 0 <= int(limit) < 2**63:
            raise OptionError(f"limit {limit} is out of range; give 0 to {2**63 - 1}")
        sql += f" LIMIT {int(limit)}"
    return sql


def mentions(
    *, limit: int | None = None, event_ids: Sequence[str] | None = None, **filters
) -> tuple[str, list[object]]:
    """The mention query (``event_ids``: only the mentions of these events)."""
    where, params = _filters(mentions=True, **filters)
    if event_ids is not None:
        where.append(f"m.event_id IN ({', '.join('?' * len(event_ids)) or 'NULL'})")
        params += list(event_ids)
    cols = ", ".join(f'm."{k}"' for k in MENTION_KEYS)
    sql = (
        f"SELECT {cols}, m.event_id, a.url, a.source, length(a.text), 1 + (SELECT count(*) "
        f"FROM articles d WHERE d.duplicate_of = m.article_id) FROM mentions m "
        f"LEFT JOIN articles a ON a.id = m.article_id"
    )
    order = 'm.date_first NULLS LAST, m.article_id, m.span[1], m."id"'
    return sql + _tail(where, order, limit), params


def events(*, limit: int | None = None, **filters) -> tuple[str, list[object]]:
    """The real-world event query."""
    where, params = _filters(mentions=False, **filters)
    cols = ", ".join(f'm."{k}"' for k in EVENT_KEYS)
    return f"SELECT {cols} FROM events m" + _tail(
        where, 'm.date_first NULLS LAST, m."id"', limit
    ), params


def counts(by: Sequence[str], **filters) -> tuple[str, list[object]]:
    """Events (and their mentions) counted by the ``DIMENSIONS`` named in ``by``."""
    unknown = [b for b in by if b not in DIMENSIONS]
    if unknown or not by:
        raise OptionError(
            f"cannot count by {unknown[0] if unknown else 'nothing'!r}; give one or more of "
            f"{', '.join(DIMENSIONS)}, separated by commas"
        )
    where, params = _filters(mentions=False, **filters)
    dims = ", ".join(f'{DIMENSIONS[b]} AS "{b}"' for b in by)
    sql = f"SELECT {dims}, count(*), sum(num_mentions) FROM events m"
    if where:
        sql += " WHERE " + " AND ".join(where)
    order = ", ".join(f'"{b}" NULLS LAST' for b in by)
    return sql + f" GROUP BY ALL ORDER BY {order}", params


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
