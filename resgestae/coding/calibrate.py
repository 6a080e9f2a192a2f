"""Calibrated event confidence: the coder's raw score mapped to the chance the event is right.

The coder (``coding.score``) scores each event from its construction and evidence; that raw
score orders events but is not a probability. A ``Calibration`` replaces it by a small
logistic model's estimate, fitted on the development gold by ``scripts/calibrate.py`` and
shipped as ``data/coding/calibration.json``::

    logit(confidence) = intercept + slope * logit(raw)
                        + kind[rule kind] + event[PLOVER type] + subtype[ACLED sub-type]

``slope`` is never negative, so within one kind, type and sub-type a stronger raw score never
gets a lower confidence; the offsets are shrunk towards 0 (ridge), so a rare type moves the
estimate little. The rule kind is ``p`` for an entry generated from the PETRARCH-2 dictionary,
``n`` for an event noun, ``v`` for our verb senses. Nothing is fitted at run time.

The table is a resource like the lexicons: ``load`` reads it, ``pipeline.Resources`` holds
it, and every function here takes it as an argument. The pipeline leaves the raw score in
place when it has none (``Options(calibrated=False)``: the fitting script reads them so).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from resgestae.coding.evidence import Evidence
from resgestae.types import Event

__all__ = [
    "Calibration",
    "apply",
    "confidence",
    "features",
    "kind_of",
    "load",
    "rule_kind",
]

LOW, HIGH = 0.01, 0.99  # never certain either way


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


def kind_of(evidence: Evidence) -> str:
    """The rule kind of a coded event: ``p`` (entry generated from the PETRARCH-2
    dictionary), ``n`` (event noun) or ``v`` (verb sense)."""
    if evidence.source == "petrarch":
        return "p"
    return "n" if evidence.pos == "noun" else "v"


def rule_kind(rule: str) -> str:
    """The rule kind read back from an output event's ``rule`` string, whose entry id starts
    with it (``p.``, ``n.``, ``v.``; the lexicon tests hold every id to its entry's source
    and part of speech), or ``other`` for a rule with no such prefix."""
    head = rule.split("+", 1)[0]
    prefix = head.split(".", 1)[0] if "." in head else ""
    return prefix if prefix in ("p", "n", "v") else "other"


def features(event: Event) -> tuple[str, str, str]:
    """What the calibration reads from an output event besides its raw score: rule kind,
    PLOVER type, ACLED sub-type ("" when none)."""
    return rule_kind(event.rule), event.event, event.acled_subtype or ""


def confidence(event: Event, cal: Calibration) -> float:
    """The calibrated confidence of an output event whose ``confidence`` is the raw score."""
    return cal(event.confidence, *features(event))


def apply(events: Iterable[Event], cal: Calibration) -> list[Event]:
    """Output events with their raw confidence replaced by the calibrated one."""
    return [replace(e, confidence=confidence(e, cal)) for e in events]


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
