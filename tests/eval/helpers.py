"""Helpers for the eval tests: the invented fixtures folder and hand-made system events."""

from __future__ import annotations

from pathlib import Path

from resgestae.types import Actor, Event, EventDate, Trigger

EVAL_FIXTURES = Path(__file__).resolve().parent / "fixtures"


def actor(country: str | None = None, code: str | None = None, sector: str | None = None):
    return Actor("x", code, country, sector, 0, 1, None)


def event(
    type_: str = "AGREE",
    confidence: float = 0.5,
    *,
    cameo: str = "057",
    actors=(),
    recipients=(),
    acled_subtype: str | None = None,
    start: int = 0,
) -> Event:
    return Event(
        id="e",
        article_id="a",
        source_name=None,
        published=None,
        date=EventDate(None, "unknown", "unknown", None, None),
        event=type_,
        mode=None,
        cameo=cameo,
        quad_class=1,
        goldstein=0.0,
        actor=tuple(actors),
        recipient=tuple(recipients),
        location=None,
        sentence="s",
        span=(start, start + 1),
        trigger=Trigger("t", start, start + 1),
        rule="test",
        negated=False,
        confidence=confidence,
        acled_subtype=acled_subtype,
    )
