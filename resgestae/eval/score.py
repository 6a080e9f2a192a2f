"""The result record of scoring one gold file set, and the choice of a system answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from resgestae.eval import codes
from resgestae.types import Actor, Event

__all__ = ["Score", "main_event", "actor_country"]


@dataclass(frozen=True, slots=True)
class Score:
    kind: str
    path: str
    n: int  # gold items scored (records, snippets, expressions or toponyms; see docs)
    metrics: dict[str, float]
    details: dict = field(default_factory=dict)

    def to_dict(self, details: bool = False) -> dict:
        out = {"kind": self.kind, "path": self.path, "n": self.n, "metrics": self.metrics}
        if details:
            out["details"] = self.details
        return out


def main_event(events: Sequence[Event]) -> Event | None:
    """The system's answer for a one-sentence gold record: its most confident event.

    Ties go to the event that comes first in the text; no event gives None (scored wrong)."""
    if not events:
        return None
    return min(enumerate(events), key=lambda ke: (-ke[1].confidence, ke[1].span, ke[0]))[1]


def actor_country(actor: Actor) -> str | None:
    """An actor's country as scored: its ISO-3 ``country``, else the head of its code."""
    return codes.country(actor.country) or codes.country(actor.code)
