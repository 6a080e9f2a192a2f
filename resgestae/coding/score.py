"""The coder's raw confidence in an event: from its construction and evidence. It orders
events but is no probability; ``calibrate`` maps it to one."""

from __future__ import annotations

from collections.abc import Sequence

from resgestae.coding.context import Candidate, Context
from resgestae.coding.modality import clause_chain
from resgestae.types import Actor

__all__ = ["raw_confidence"]

BASE = {"light": 0.85, "control": 0.8, "verb": 0.75, "noun": 0.6}


def raw_confidence(
    ctx: Context, c: Candidate, actors: Sequence[Actor], unattributed_weapon: bool
) -> float:
    """Raw score of candidate ``c`` coded with ``actors``; ``unattributed_weapon`` when only
    a named weapon makes it an event."""
    conf = BASE[c.kind]
    if c.entry.frame == "obj" or c.entry.prep:
        conf += 0.1
    if c.entry.source != "hand":
        conf -= 0.15  # PETRARCH's broad verb blocks are less precise than ours
    conf += 0.05 if any(a.country for a in actors) else -0.2
    top = ctx.parsed.tokens[clause_chain(ctx, c.pred)[-1]]
    if top.dep == "ROOT":
        conf += 0.1  # the sentence's main predicate (or one coordinated with it)
    elif top.dep in ("relcl", "advcl", "acl"):
        conf -= 0.05  # a side clause: background to the sentence's own event
    if any(s.kind == "author" for s in c.steps):
        conf -= 0.2  # the actor is inferred, not stated
    if c.future:
        conf *= 0.75
    if c.negated:
        conf *= 0.8
    if unattributed_weapon:
        conf -= 0.1
    return round(max(0.05, min(0.99, conf)), 2)
