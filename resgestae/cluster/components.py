"""Events as the connected components of the compatibility relation between mentions.

A component does not depend on the order its mentions arrive in, so clustering a whole store
at once (``components``) and adding articles one by one (``link``: a new mention joins, and
merges, every stored event holding a mention compatible with it) give the same events; an
event's id is derived from its smallest mention id (``event_id``), so the ids agree too.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from resgestae.cluster.rule import Member, compatible
from resgestae.cluster.settings import Settings

__all__ = ["Merge", "components", "event_id", "link"]


@dataclass(frozen=True, slots=True)
class Merge:
    """One event after new mentions arrived: its mention ids and the stored events it
    replaces (merged into it)."""

    id: str
    mentions: tuple[str, ...]
    replaces: tuple[str, ...]


def event_id(mention_ids: Iterable[str]) -> str:
    """The id of the event holding these mentions: stable whatever order they came in."""
    return hashlib.sha1(f"event|{min(mention_ids)}".encode()).hexdigest()[:16]


class _Sets:
    """Union-find over string ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return out


def components(members: Iterable[Member], settings: Settings) -> list[tuple[str, ...]]:
    """The events of ``members``: each a sorted tuple of mention ids, sorted by first id.
    Mentions are compared within their type, in date order, each only with those whose
    dates can still overlap it (a sweep), not all pairs."""
    sets = _Sets()
    by_key: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        sets.add(m.id)
        if m.first is not None and m.last is not None:
            by_key[m.key].append(m)
    pad = settings.window_days
    for block in by_key.values():
        block.sort(key=lambda m: (m.first, m.id))
        active: list[Member] = []
        for m in block:
            assert m.first is not None
            active = [a for a in active if a.last is not None and (m.first - a.last).days <= pad]
            for a in active:
                if compatible(a, m, settings):
                    sets.union(a.id, m.id)
            active.append(m)
    return sorted(tuple(sorted(g)) for g in sets.groups().values())


def link(
    new: Sequence[Member], stored: Mapping[str, Sequence[Member]], settings: Settings
) -> list[Merge]:
    """The events the ``new`` mentions belong to, given the ``stored`` events (id -> members)
    that may hold a compatible mention (the candidates; any superset of them is fine). Each
    stored event a new mention is compatible with is merged into that mention's event."""
    sets = _Sets()
    owner: dict[str, str] = {}  # stored mention id -> its event id
    for eid, members in stored.items():
        first = members[0].id
        for m in members:
            sets.add(m.id)
            sets.union(first, m.id)
            owner[m.id] = eid
    for m in new:
        sets.add(m.id)
    old = [m for members in stored.values() for m in members]
    for i, m in enumerate(new):
        for other in (*new[:i], *old):
            if sets.find(m.id) != sets.find(other.id) and compatible(m, other, settings):
                sets.union(m.id, other.id)
    fresh = {m.id for m in new}
    out = []
    for ids in sets.groups().values():
        if fresh.isdisjoint(ids):
            continue  # a stored event no new mention joined: unchanged
        replaces = sorted({owner[i] for i in ids if i in owner})
        out.append(Merge(event_id(ids), tuple(sorted(ids)), tuple(replaces)))
    return sorted(out, key=lambda g: g.mentions[0])
