"""Events from the compatibility relation between mentions, the same whatever the order.

Mentions are first grouped into the connected components of the relation: a component does
not depend on the order its mentions arrive in, so clustering a whole store at once
(``components``) and adding articles one by one (``link``: a new mention merges every stored
component holding a mention compatible with it) give the same components. A component is
then split into events (``split``) in which every two mentions are compatible: components
chain (an ASSAULT naming no actor is compatible with two ASSAULTs by different armies the
same day; a protest on the 3rd with one on the 4th and that with one on the 5th), and a
chain is not one event. The split depends only on the component's mentions, and an event's
id only on its smallest mention id (``event_id``), so the events and their ids agree too.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from resgestae.cluster.rule import Member, compatible, contradicts, reach, shared_keys
from resgestae.cluster.settings import Settings

__all__ = ["Merge", "component_id", "components", "event_id", "link", "split"]


@dataclass(frozen=True, slots=True)
class Merge:
    """One component after new mentions arrived: its id, its events (each a tuple of
    mention ids) and the stored components it replaces (merged into it)."""

    id: str
    events: tuple[tuple[str, ...], ...]
    replaces: tuple[str, ...]


def event_id(mention_ids: Iterable[str]) -> str:
    """The id of the event holding these mentions: stable whatever order they came in."""
    return hashlib.sha1(f"event|{min(mention_ids)}".encode()).hexdigest()[:16]


def component_id(mention_ids: Iterable[str]) -> str:
    """The id of the component holding these mentions."""
    return hashlib.sha1(f"component|{min(mention_ids)}".encode()).hexdigest()[:16]


def split(members: Sequence[Member], settings: Settings) -> list[tuple[str, ...]]:
    """A component's events: each mention, in a fixed order (those that know most of actor,
    recipient and place first, then by id), joins the first event one of whose mentions it
    is compatible with and none of whose it contradicts (``rule.contradicts``: one may lack
    the evidence another gives, as a report naming the actor and one naming the place),
    else starts one. Sorted tuples of ids, sorted by first id."""
    ordered = sorted(members, key=lambda m: (-_known(m), m.id))
    groups: list[_Faces] = []
    for m in ordered:
        for g in groups:
            reps = list(g.reps(m))  # one of each class answers for all of it
            if any(compatible(m, x, settings) for x in reps) and not any(
                contradicts(m, x, settings) for x in reps
            ):
                g.add(m)
                break
        else:
            groups.append(_Faces([m]))
    return sorted(tuple(sorted(x.id for x in g.members())) for g in groups)


class _Faces:
    """Mentions by face (``rule.Member.face``) and article. What ``compatible`` and
    ``contradicts`` say of a mention and another depends only on the other's face and on
    whether their articles are one, so a class of mentions that share both is compared
    once, by one of them: the many reports of one event are not compared one by one."""

    def __init__(self, members: Iterable[Member] = ()) -> None:
        self._by_face: dict[tuple, dict[str, list[Member]]] = {}
        for m in members:
            self.add(m)

    def add(self, m: Member) -> None:
        self._by_face.setdefault(m.face, {}).setdefault(m.article_id, []).append(m)

    def members(self) -> Iterator[Member]:
        return (m for arts in self._by_face.values() for ms in arts.values() for m in ms)

    def reps(self, m: Member) -> Iterator[Member]:
        """One mention of each class (``classes``)."""
        return (rep for rep, _ in self.classes(m, set()))

    def classes(self, m: Member, done: set[tuple]) -> Iterator[tuple[Member, Iterable[Member]]]:
        """For each face, the mentions of ``m``'s article and those of others (``m`` itself
        left out), each class as one of its mentions and all of them (read only when
        needed); the faces in ``done`` left out, and those given added to it."""
        for face, arts in self._by_face.items():
            if face in done:
                continue
            done.add(face)
            same = [x for x in arts.get(m.article_id, ())[:2] if x.id != m.id]
            if same:
                yield same[0], (x for x in arts[m.article_id] if x.id != m.id)
            other = next((ms[0] for a, ms in arts.items() if a != m.article_id), None)
            if other is not None:
                yield other, (x for a, ms in arts.items() if a != m.article_id for x in ms)


def _known(m: Member) -> int:
    return bool(m.actor) + bool(m.recipient) + (m.place is not None)


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
    """The components of ``members``: each a sorted tuple of mention ids, sorted by first id.
    Mentions are compared within their type, in date order, each only with those whose
    dates can still overlap it (a sweep), not all pairs."""
    sets = _Sets()
    members = list(members)
    for m in members:
        sets.add(m.id)
    for a, m in _in_reach(members, settings):
        if compatible(a, m, settings):
            sets.union(a.id, m.id)
    return sorted(tuple(sorted(g)) for g in sets.groups().values())


def _in_reach(members: Iterable[Member], settings: Settings) -> Iterator[tuple[Member, Member]]:
    """Every pair of dated mentions of one type whose dates can still overlap (``reach``), the
    earlier first: a sweep in date order, not all pairs."""
    dated = sorted(
        (m for m in members if m.first is not None and m.last is not None),
        key=lambda m: (m.key, m.first, m.id),
    )
    active: list[Member] = []
    for m in dated:
        assert m.first is not None
        pad = reach(m.key, settings)
        active = [
            a
            for a in active
            if a.key == m.key and a.last is not None and (m.first - a.last).days <= pad
        ]
        yield from ((a, m) for a in active)
        active.append(m)


def link(
    new: Sequence[Member], stored: Mapping[str, Sequence[Member]], settings: Settings
) -> list[Merge]:
    """The components the ``new`` mentions belong to, split into events, given the
    ``stored`` components (id -> all their members) that may hold a compatible mention (the
    candidates; any superset of them is fine). Each stored component a new mention is
    compatible with is merged into that mention's component."""
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
    fresh = {m.id for m in new}
    for m, rep, alike in _classes(new, old, fresh, settings):
        if compatible(m, rep, settings):
            for a in alike:
                sets.union(a.id, m.id)
    by_id = {m.id: m for m in (*new, *old)}
    out = []
    for ids in sets.groups().values():
        if fresh.isdisjoint(ids):
            continue  # a stored component no new mention joined: unchanged
        replaces = sorted({owner[i] for i in ids if i in owner})
        events = split([by_id[i] for i in ids], settings)
        out.append(Merge(component_id(ids), tuple(events), tuple(replaces)))
    return sorted(out, key=lambda g: g.events[0][0])


def _classes(
    new: Sequence[Member], old: Sequence[Member], fresh: set[str], settings: Settings
) -> Iterator[tuple[Member, Member, Iterable[Member]]]:
    """For each new mention, the classes of mentions (``_Faces``) that may be compatible
    with it, each as (the mention, one of the class, the class): those that share a key of
    ``rule.shared_keys`` (when evidence is needed, nothing else can be; the keys are read
    from the face, so a class shares all of its keys), else those whose dates reach it, in
    a sweep in date order as in ``components``. A pair of stored mentions is never compared:
    stored components join only through a new one."""
    if settings.evidence >= 1:
        index: dict[tuple[str, ...], _Faces] = defaultdict(_Faces)
        keys: dict[tuple, set[tuple[str, ...]]] = {}
        for m in (*new, *old):
            if m.face not in keys:
                keys[m.face] = shared_keys(m)
            for k in keys[m.face]:
                index[k].add(m)
        for m in new:
            done: set[tuple] = set()  # a face is under all of its keys: its classes once
            for k in keys[m.face]:
                for rep, alike in index[k].classes(m, done):
                    yield m, rep, alike
        return
    for a, m in _in_reach((*new, *old), settings):
        if m.id in fresh or a.id in fresh:
            yield m, a, (a,)
