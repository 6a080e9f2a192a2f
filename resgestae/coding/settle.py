"""Settling events: a sentence's candidates of one type on one predicate chain merged into
one, and an article's mentions of one event merged, with participant-less ones dropped."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from resgestae.coding import args
from resgestae.coding.context import Candidate, Context
from resgestae.coding.evidence import Step
from resgestae.types import Actor, Event

if TYPE_CHECKING:
    from resgestae.coding.coder import Coded

__all__ = ["has_participant", "merge_same_type", "settle"]


def merge_same_type(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """One event per predicate chain: "staged a rally to protest against X" is one protest,
    whose recipient comes from the purpose clause."""
    lex = ctx.lexicon
    out: list[Candidate] = []
    for c in cands:
        typ = lex.info(c.cameo).plover
        at = next(
            (
                k
                for k, o in enumerate(out)
                if lex.info(o.cameo).plover == typ and _linked(ctx, o.pred, c.pred)
            ),
            None,
        )
        if at is None:
            out.append(c)
            continue
        host = out[at]
        if _more_specific(c, host):
            host = replace(host, cameo=c.cameo, entry=c.entry, trigger=c.trigger)
        actors = host.actors + tuple(
            a for a in c.actors if a not in host.actors and args.resolved(a)
        )
        recipients = host.recipients + tuple(
            a for a in c.recipients if a not in host.recipients and a not in actors
        )
        out[at] = replace(host, actors=actors, recipients=recipients)
    return out


def _more_specific(c: Candidate, host: Candidate) -> bool:
    """Which of two merged predicates names the event: the attack rather than its casualties
    ("exchanged fire, killing three"), else the longer CAMEO code."""
    c_cas, h_cas = c.entry.role == "casualty", host.entry.role == "casualty"
    if c_cas != h_cas:
        return h_cas
    return len(c.cameo) > len(host.cameo)


def _linked(ctx: Context, a: int, b: int) -> bool:
    tokens = ctx.parsed.tokens
    for x, y in ((a, b), (b, a)):
        k, hops = y, 0
        while hops < 3 and tokens[k].head != k:
            k, hops = tokens[k].head, hops + 1
            if k == x:
                return True
    return False


def has_participant(actors, recipients) -> bool:
    return any(args.resolved(a) for a in actors) or any(args.resolved(r) for r in recipients)


def settle(pairs: list[tuple[Coded, Event]]) -> list[tuple[Coded, Event]]:
    """The article's final events, each with its coding: mentions of one event merged,
    participant-less dropped.

    An event without a known actor ("the resolution was adopted on November 25") that
    matches another with one ("the adoption by the Senate of a resolution") on CAMEO code
    and theme is the same event: one is kept, with the known actor and the date the text
    gives, and a coreference step in its evidence. A later mention of the same event (same
    code, date and actors: "residents joined the protest") adds its participants to the
    first. Events with no political participant are dropped ("the market attacked the
    pound").
    """
    out = list(pairs)
    drop: set[int] = set()
    for k, (c, e) in enumerate(pairs):
        if c.theme is None or any(args.resolved(a) for a in e.actor):
            continue
        for j, (c2, e2) in enumerate(pairs):
            if j == k or j in drop or c2.theme != c.theme or c2.cameo[:3] != c.cameo[:3]:
                continue
            if not any(args.resolved(a) for a in e2.actor):
                continue
            if e.date.source == e2.date.source == "text" and e.date.value != e2.date.value:
                continue  # two signings of two agreements, years apart
            recips = e.recipient or e2.recipient
            if e.date.source == "text" or e2.date.source != "text":
                out[k] = (_coref(c), replace(e, actor=e2.actor, recipient=recips))
                drop.add(j)
            else:
                out[j] = (_coref(c2), replace(e2, recipient=recips))
                drop.add(k)
            break
    kept: list[tuple[Coded, Event]] = []
    for n, (c, e) in enumerate(out):
        if n in drop or not (
            has_participant(e.actor, e.recipient)
            or pairs[n][0].grounded
            or _dated_nominal(pairs[n])
        ):
            continue
        at = next((k for k, (_, f) in enumerate(kept) if _repeats(f, e)), None)
        if at is None:
            kept.append((c, e))
            continue
        c1, first = kept[at]
        extra_a = tuple(
            a for a in e.actor if args.resolved(a) and a.code not in _codes(first.actor)
        )
        extra_r = tuple(r for r in e.recipient if r.code not in _codes(first.recipient))
        kept[at] = (
            c1,
            replace(first, actor=first.actor + extra_a, recipient=first.recipient + extra_r),
        )
    return kept


def _coref(c: Coded) -> Coded:
    return replace(c, evidence=c.evidence.plus(Step("coref")))


def _dated_nominal(pair: tuple[Coded, Event]) -> bool:
    """A nominal event with its own date ("the signing of the cease-fire agreement in 1994"):
    a historical event the text asserts, even where it names no participant."""
    c, e = pair
    return c.evidence.pos == "noun" and c.theme is not None and e.date.source == "text"


def _codes(actors: tuple[Actor, ...]) -> set[str | None]:
    return {a.code for a in actors}


def _repeats(a: Event, b: Event) -> bool:
    return (
        a.cameo[:3] == b.cameo[:3]
        and a.date.value == b.date.value
        and a.negated == b.negated
        and bool(_codes(a.actor) & _codes(b.actor) - {None})
    )
