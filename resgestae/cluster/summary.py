"""A real-world event's record, chosen from its mentions.

Each field is the value its mentions give most often (ties: the value of the most confident
mention, then the smaller mention id), so one stray mention does not set an event's type or
place; fields that come together (event type and CAMEO code with its quad class and
Goldstein score; a date with its precision; an ACLED type with its sub-type) are chosen
together. A missing value counts only when no mention has one. ``confidence`` is the
highest; ``fatalities`` the best-supported count, not a sum (five reports of one bombing
are not five bombings).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from resgestae.cluster.rule import type_key

__all__ = ["EVENT_KEYS", "EventRecord", "Seen", "summarise"]

# The keys of a real-world event dict, in order (``EventRecord.to_dict``; ``Store.events``).
EVENT_KEYS = (
    "id", "event", "cameo", "quad_class", "goldstein", "date", "date_precision",
    "date_first", "date_last", "actor", "recipient", "location", "confidence", "fatalities",
    "acled_type", "acled_subtype", "num_mentions", "num_sources", "num_articles",
    "first_seen", "last_seen", "sentence", "source_url",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Seen:
    """An article carrying an event: one of its mentions' articles, or a near-duplicate of
    one. ``day`` is when it was published, else when it was stored."""

    article_id: str
    source: str | None
    url: str | None
    day: dt.date | None

    @property
    def outlet(self) -> str:
        """Who published it, for ``num_sources``: its source name, else its URL's host, else
        the article itself."""
        host = urlsplit(self.url).hostname if self.url else None
        return (self.source or "").strip().lower() or host or f"article:{self.article_id}"


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One real-world event (``to_dict`` gives its ``EVENT_KEYS``) and its mention ids."""

    id: str
    type_key: str
    event: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    date: str | None
    date_precision: str | None
    date_first: dt.date | None
    date_last: dt.date | None
    actor: tuple[dict, ...]
    recipient: tuple[dict, ...]
    location: dict | None
    confidence: float | None
    fatalities: int | None
    acled_type: str | None
    acled_subtype: str | None
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    sentence: str | None
    source_url: str | None
    mention_ids: tuple[str, ...]

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in EVENT_KEYS}
        d["actor"], d["recipient"] = list(self.actor), list(self.recipient)
        for k in ("date_first", "date_last", "first_seen", "last_seen"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def summarise(event_id: str, mentions: Sequence[dict], seen: Iterable[Seen]) -> EventRecord:
    """The event ``event_id`` of ``mentions`` (mention dicts with ``date_first``/``date_last``
    as dates), carried by the articles ``seen`` (its mentions' articles and their
    near-duplicates; ``url`` of the best mention's article is its ``source_url``)."""
    if not mentions:
        raise ValueError(f"event {event_id} has no mentions")
    ranked = sorted(mentions, key=lambda m: (-(m.get("confidence") or 0.0), m["id"]))
    best = ranked[0]
    kind = _choose(ranked, lambda m: (m.get("event"), m.get("cameo"))) or best
    texts = [m for m in ranked if m.get("date_source") == "text"]  # a date the text gives
    dated = _choose(
        texts or ranked, lambda m: m.get("date") and (m["date"], m.get("date_precision"))
    )
    actor = _choose(ranked, lambda m: _codes(m.get("actor")))
    recipient = _choose(ranked, lambda m: _codes(m.get("recipient")))
    place = _choose(ranked, lambda m: _place(m.get("location")))
    dead = _choose(ranked, lambda m: m.get("fatalities"))
    acled = _choose(
        ranked, lambda m: m.get("acled_type") and (m["acled_type"], m.get("acled_subtype"))
    )
    firsts = [m["date_first"] for m in mentions if m.get("date_first")]
    lasts = [m["date_last"] for m in mentions if m.get("date_last")]
    seen = list(seen)
    days = [s.day for s in seen if s.day]
    url = next((s.url for s in seen if s.article_id == best["article_id"]), None)
    return EventRecord(
        id=event_id,
        type_key=type_key(kind.get("event"), kind.get("cameo")),
        event=kind.get("event"),
        cameo=kind.get("cameo"),
        quad_class=kind.get("quad_class"),
        goldstein=kind.get("goldstein"),
        date=dated.get("date") if dated else None,
        date_precision=dated.get("date_precision") if dated else best.get("date_precision"),
        date_first=min(firsts, default=None),
        date_last=max(lasts, default=None),
        actor=tuple(actor["actor"]) if actor else (),
        recipient=tuple(recipient["recipient"]) if recipient else (),
        location=place["location"] if place else None,
        confidence=max((m.get("confidence") or 0.0 for m in mentions), default=None),
        fatalities=dead["fatalities"] if dead else None,
        acled_type=acled.get("acled_type") if acled else None,
        acled_subtype=acled.get("acled_subtype") if acled else None,
        num_mentions=len(mentions),
        num_sources=len({s.outlet for s in seen}),
        num_articles=len({s.article_id for s in seen}),
        first_seen=min(days, default=None),
        last_seen=max(days, default=None),
        sentence=best.get("sentence"),
        source_url=url,
        mention_ids=tuple(sorted(m["id"] for m in mentions)),
    )


def _choose(ranked: Sequence[dict], value: Callable[[dict], Hashable]) -> dict | None:
    """The most confident mention with the most frequent value (None and empty values not
    counted); None when no mention has one. ``ranked`` is by falling confidence, so the
    first mention of each value is its most confident."""
    counts = Counter(v for m in ranked if (v := value(m)))
    if not counts:
        return None
    top = max(counts.values())
    return next(m for m in ranked if (v := value(m)) and counts[v] == top)


def _codes(actors) -> tuple | None:
    return tuple((a.get("code"), a.get("country"), a.get("sector")) for a in actors or ()) or None


def _place(loc) -> tuple | None:
    return (loc.get("geonameid"), loc.get("name"), loc.get("country")) if loc else None
