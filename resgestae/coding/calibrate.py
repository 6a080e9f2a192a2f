"""Calibrated event confidence: the coder's raw score mapped to the chance the event is right.

The coder (``coding.score``) scores each event from its construction and evidence; that raw
score orders events but is not a probability. A ``Calibration`` replaces it by a small
logistic model's estimate, fitted on the development gold by ``scripts/calibrate.py`` and
shipped as ``data/coding/calibration.json``::

    logit(confidence) = intercept + slope * logit(raw)
                        + kind[rule kind] + event[PLOVER type] + subtype[ACLED sub-type]

``slope`` is never negative, so within one kind, type and sub-type a stronger raw score never
gets a lower confidence; the offsets are shrunk towards 0 (ridge), so a rare type moves the
estimate little. The rule kind is ``g`` for a bare generic verb sense generated from the
PETRARCH-2 dictionary (the verb alone: "led", "consider"), ``p`` for a generated sense that
restricts its object, ``n`` for an event noun, ``v`` for our verb senses. Nothing is fitted at
run time.

The table is a resource like the lexicons: ``load`` reads it, ``pipeline.Resources`` holds
it, and every function here takes it as an argument. The pipeline leaves the raw score in
place when it has none (``Options(calibrated=False)``: the fitting script reads them so).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from resgestae.coding.evidence import Evidence
from resgestae.coding.lexicon import EventLexicon
from resgestae.types import Event

__all__ = [
    "Calibration",
    "confidence",
    "evidence_of",
    "features",
    "kind_of",
    "load",
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
    """The rule kind of a coded event: ``g`` (bare generic sense generated from the PETRARCH-2
    dictionary), ``p`` (generated sense with an object frame), ``n`` (event noun) or ``v``
    (verb sense)."""
    if evidence.source == "petrarch":
        return "g" if evidence.frame == "*" else "p"
    return "n" if evidence.pos == "noun" else "v"


def evidence_of(event: Event, lexicon: EventLexicon) -> Evidence:
    """The evidence of an output event's entry, found by the entry id its ``rule`` starts
    with (its steps are not read back)."""
    entry = lexicon.by_id.get(event.rule.split("+", 1)[0])
    if entry is None:
        return Evidence(event.rule, "other", "")
    return Evidence(entry.id, entry.source, entry.pos, (), entry.frame)


def features(evidence: Evidence, event: Event) -> tuple[str, str, str]:
    """What the calibration reads besides the raw score: rule kind, PLOVER type and ACLED
    sub-type ("" when none)."""
    return kind_of(evidence), event.event, event.acled_subtype or ""


def confidence(evidence: Evidence, event: Event, cal: Calibration) -> float:
    """The calibrated confidence of an event whose ``confidence`` is the raw score."""
    return cal(event.confidence, *features(evidence, event))


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
