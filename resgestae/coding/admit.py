"""Admission: which settled events carry the evidence a careful coder needs to sign them.

A false event is worse than a missed one: analysts count events. The requirements are data
(``data/coding/admission.tsv``): every event must be asserted, and the senses generated from
PETRARCH-2's verb dictionary must hold between named actors. Events of one PLOVER type in one
sentence with compatible participants and date are one event: the most confident is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Literal, get_args

from resgestae.coding.lexicon import tsv_rows
from resgestae.types import Actor, Event

if TYPE_CHECKING:
    from resgestae.coding.coder import Coded

__all__ = ["Admission", "Requirement", "admit", "load_admission"]

Requirement = Literal["asserted", "named_actor", "named_recipient", "political_party"]
REQUIREMENTS: frozenset[str] = frozenset(get_args(Requirement))


@dataclass(frozen=True, slots=True)
class Admission:
    """What an event needs, by its entry's source table ("*" holds for every source)."""

    requires: tuple[tuple[str, Requirement], ...]

    def needs(self, source: str, event: str | None = None) -> frozenset[Requirement]:
        """What an event of ``event`` (a PLOVER type) from an entry of ``source`` needs."""
        return frozenset(
            r for s, r in self.requires if s in ("*", source) or (event and s == f"type:{event}")
        )


def load_admission(text: str | None = None) -> Admission:
    """The admission table, from ``text`` (TSV) or the packaged ``admission.tsv``."""
    if text is None:
        text = (
            resources.files("resgestae.data.coding")
            .joinpath("admission.tsv")
            .read_text(encoding="utf-8")
        )
    out: list[tuple[str, Requirement]] = []
    for row in tsv_rows(text):
        source, req = row["source"], row["requires"]
        if req not in REQUIREMENTS:
            raise ValueError(
                f"admission.tsv: unknown requirement {req!r}; use one of "
                f"{', '.join(sorted(REQUIREMENTS))}"
            )
        out.append((source, req))  # type: ignore[arg-type]  # checked against REQUIREMENTS
    return Admission(tuple(out))


def admit(
    pairs: Sequence[tuple[Coded, Event]],
    admission: Admission,
    political: frozenset[str] = frozenset(),
) -> list[tuple[Coded, Event]]:
    """The events that meet their requirements, one per event within a sentence, and one per
    event restated in later sentences (``restate``); ``political``: the sectors of political
    actors (lists.tsv's political_sector), for the requirement ``political_party``."""
    # the most confident mention of a sentence's event is seen first, and kept
    ranked = sorted(range(len(pairs)), key=lambda n: (pairs[n][1].span[0], -pairs[n][1].confidence))
    kept: list[int] = []
    for n in ranked:
        c, e = pairs[n]
        if not _meets(e, admission.needs(c.evidence.source, e.event), political):
            continue
        if any(_same_in_sentence(e, pairs[k][1]) for k in kept):
            continue
        kept.append(n)
    return restate([pairs[n] for n in sorted(kept)])


def restate(pairs: Sequence[tuple[Coded, Event]]) -> list[tuple[Coded, Event]]:
    """One event for an event an article states again: a later sentence coded with the same
    entry (the same sense of the same word: "was killed" ... "killing"), type and date (or
    one has only the publication date), with no clash of countries, restates the first
    statement, which is kept with the later sentences' spans in ``restated`` and a size from
    them when it states none. Different words for one event are not folded: one type, date
    and dyad hold distinct events too (two accusations on one day), and a missed merge costs
    less than a lost event."""
    out: list[tuple[Coded, Event]] = []
    for c, e in sorted(pairs, key=lambda p: p[1].span):
        first = next(
            (
                k
                for k, (d, f) in enumerate(out)
                if d.evidence.entry == c.evidence.entry and f.span != e.span and _compatible(e, f)
            ),
            None,
        )
        if first is None:
            out.append((c, e))
            continue
        d, f = out[first]
        out[first] = (d, replace(f, restated=(*f.restated, e.span), size=f.size or e.size))
    return out


def _meets(e: Event, needs: frozenset[Requirement], political: frozenset[str]) -> bool:
    if "asserted" in needs and e.negated:
        return False
    if "named_actor" in needs and not any(_named(a) for a in e.actor):
        return False
    if "political_party" in needs:
        named = [a for a in (*e.actor, *e.recipient) if _named(a)]
        if named and not any(_political(a, political) for a in named):
            return False
    return not ("named_recipient" in needs and not any(_named(r) for r in e.recipient))


def _named(a: Actor) -> bool:
    return bool(a.country or a.code)


def _political(a: Actor, sectors: frozenset[str]) -> bool:
    """A state (a country with no sector), one of its political sectors, or an
    international or non-governmental organisation: not a private person or a firm."""
    if (a.code or "")[:3] in ("IGO", "NGO"):
        return True
    if a.sector is None:
        return bool(a.country)
    return a.sector in sectors


def _countries(actors: tuple[Actor, ...]) -> set[str]:
    return {a.country or (a.code or "")[:3] for a in actors} - {""}


def _same_in_sentence(e: Event, f: Event) -> bool:
    """Two mentions of one event: one sentence, one type, one date, no clash of countries."""
    return e.span == f.span and _compatible(e, f)


def _same_date(e: Event, f: Event) -> bool:
    """The same date, or one is only the publication date (no date of its own)."""
    return e.date.value == f.date.value or "publication" in (e.date.source, f.date.source)


def _compatible(e: Event, f: Event) -> bool:
    """One type, one date (or one has only the publication date), and no actor or recipient
    country of one missing from the other where both name some."""
    if e.event != f.event or not _same_date(e, f):
        return False
    for x, y in (
        (_countries(e.actor), _countries(f.actor)),
        (_countries(e.recipient), _countries(f.recipient)),
    ):
        if x and y and not x & y:
            return False
    return True
