"""Calibrated event confidence: the coder's raw score mapped to the chance the event is right.

The coder (``coder._finish``) scores each event from its rule kind and evidence; that raw
score orders events but is not a probability. ``apply`` replaces it by a small logistic
model's estimate, fitted on the development gold by ``scripts/calibrate.py`` and shipped as
``data/coding/calibration.json``::

    logit(confidence) = intercept + slope * logit(raw)
                        + kind[rule kind] + event[PLOVER type] + subtype[ACLED sub-type]

``slope`` is never negative, so within one kind, type and sub-type a stronger raw score never
gets a lower confidence; the offsets are shrunk towards 0 (ridge), so a rare type moves the
estimate little. The rule kind is read from the rule id: ``p.`` PETRARCH-2 dictionary
fallback, ``n.`` event noun, ``v.`` our verb senses. Nothing is fitted at run time.

The raw score stays one call away: inside ``with uncalibrated():`` the pipeline leaves
confidences as the coder gave them (the fitting script reads them that way), and
``coding.code`` returns them on each ``Coded``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from resgestae.types import Event

__all__ = [
    "Calibration",
    "apply",
    "confidence",
    "features",
    "load",
    "rule_kind",
    "uncalibrated",
]

LOW, HIGH = 0.01, 0.99  # never certain either way
_OFF: ContextVar[bool] = ContextVar("resgestae_uncalibrated", default=False)


@dataclass(frozen=True, slots=True)
class Calibration:
    """A fitted mapping from an event's raw score and kind to a probability of being right."""

    intercept: float
    slope: float  # on logit(raw score); >= 0
    kind: Mapping[str, float] = field(default_factory=dict)
    event: Mapping[str, float] = field(default_factory=dict)
    subtype: Mapping[str, float] = field(default_factory=dict)
    meta: Mapping[str, object] = field(default_factory=dict)  # how it was fitted

    def __post_init__(self) -> None:
        if self.slope < 0:
            raise ValueError(
                f"calibration slope {self.slope} < 0 would rank weaker evidence higher; "
                "refit with scripts/calibrate.py"
            )

    def logit(self, raw: float, kind: str, event: str, subtype: str) -> float:
        return (
            self.intercept
            + self.slope * _logit(raw)
            + self.kind.get(kind, 0.0)
            + self.event.get(event, 0.0)
            + self.subtype.get(subtype, 0.0)
        )

    def __call__(self, raw: float, kind: str, event: str = "", subtype: str = "") -> float:
        p = 1.0 / (1.0 + math.exp(-self.logit(raw, kind, event, subtype)))
        return round(min(HIGH, max(LOW, p)), 3)

    def to_dict(self) -> dict:
        return {
            "intercept": self.intercept,
            "slope": self.slope,
            "kind": dict(self.kind),
            "event": dict(self.event),
            "subtype": dict(self.subtype),
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, d: Mapping) -> Calibration:
        return cls(
            intercept=float(d["intercept"]),
            slope=float(d["slope"]),
            kind={k: float(v) for k, v in d.get("kind", {}).items()},
            event={k: float(v) for k, v in d.get("event", {}).items()},
            subtype={k: float(v) for k, v in d.get("subtype", {}).items()},
            meta=dict(d.get("meta", {})),
        )


def _logit(p: float) -> float:
    p = min(HIGH, max(LOW, p))
    return math.log(p / (1.0 - p))


def rule_kind(rule: str) -> str:
    """``p`` (PETRARCH-2 dictionary fallback), ``n`` (event noun), ``v`` (verb sense), or
    ``other`` for a rule id with no such prefix."""
    head = rule.split("+", 1)[0]
    prefix = head.split(".", 1)[0] if "." in head else ""
    return prefix if prefix in ("p", "n", "v") else "other"


def features(event: Event) -> tuple[str, str, str]:
    """What the calibration reads from an event besides its raw score: rule kind, PLOVER
    type, ACLED sub-type ("" when none)."""
    return rule_kind(event.rule), event.event, event.acled_subtype or ""


def confidence(event: Event, cal: Calibration | None = None) -> float:
    """The calibrated confidence of an event whose ``confidence`` is the coder's raw score."""
    cal = cal or load()
    return cal(event.confidence, *features(event))


def apply(events: Iterable[Event], cal: Calibration | None = None) -> list[Event]:
    """The events with their raw confidence replaced by the calibrated one (unchanged inside
    ``uncalibrated()``)."""
    events = list(events)
    if _OFF.get():
        return events
    cal = cal or load()
    return [replace(e, confidence=confidence(e, cal)) for e in events]


@contextmanager
def uncalibrated() -> Iterator[None]:
    """Within this block ``apply`` leaves the coder's raw confidences in place."""
    token = _OFF.set(True)
    try:
        yield
    finally:
        _OFF.reset(token)


@lru_cache(maxsize=4)
def load(path: Path | str | None = None) -> Calibration:
    """The calibration table at ``path``, by default the shipped
    ``resgestae/data/coding/calibration.json``."""
    if path is None:
        text = (
            resources.files("resgestae.data.coding")
            .joinpath("calibration.json")
            .read_text(encoding="utf-8")
        )
        where = "resgestae/data/coding/calibration.json"
    else:
        text, where = Path(path).read_text(encoding="utf-8"), str(path)
    try:
        return Calibration.from_dict(json.loads(text))
    except (KeyError, ValueError, TypeError) as err:
        raise ValueError(
            f"{where} is not a calibration table ({err}); regenerate it with "
            "`python scripts/calibrate.py ../shared/eval/dev`"
        ) from err
