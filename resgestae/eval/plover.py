"""PLOVER gold-standard records (JSON array; the first record is a ``DOCUMENT`` header).

Types are mapped from PLOVER 0.5b1 to the current 16 and country codes normalised on both
sides (``codes``). The system's answer for a record is ``main_event`` of what it codes from the
record's text; a record where it codes nothing counts as wrong everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resgestae.eval import codes, metrics
from resgestae.eval.score import actor_country, main_event
from resgestae.types import Article, Event

__all__ = ["KIND", "Record", "looks_like", "load", "predict", "score", "details"]

KIND = "plover"
NO_EVENT = "(none)"


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    event: str
    sources: frozenset[str]  # countries of the source actors
    targets: frozenset[str]
    source_sectors: tuple[str, ...]  # sectors of the source actors that have one


def looks_like(path: Path, head: str) -> bool:
    return path.suffix.lower() == ".json" and '"DOCUMENT"' in head and '"event"' in head


def _actors(value) -> list[dict]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def load(path: Path) -> list[Record]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[Record] = []
    for rec in data:
        if not isinstance(rec, dict) or rec.get("event") in (None, "DOCUMENT"):
            continue
        if not rec.get("text"):
            continue
        sources = _actors(rec.get("source"))
        targets = _actors(rec.get("target"))
        out.append(
            Record(
                id=str(rec.get("id", len(out))),
                text=rec["text"],
                # None only for an empty event name, which then scores as no match
                event=codes.plover_type(rec["event"]),  # type: ignore[arg-type]
                sources=frozenset(filter(None, (codes.country(a.get("code")) for a in sources))),
                targets=frozenset(filter(None, (codes.country(a.get("code")) for a in targets))),
                source_sectors=tuple(
                    filter(None, (codes.sector(a.get("sector")) for a in sources))
                ),
            )
        )
    return out


def predict(records: Sequence[Record], system) -> list[tuple[Event, ...]]:
    articles = [Article(id=r.id, text=r.text) for r in records]
    return [system.events(p) for p in system.parse(articles, desc=KIND)]


def _type(event: Event | None) -> str:
    return (codes.plover_type(event.event) or NO_EVENT) if event else NO_EVENT


def _countries(actors) -> frozenset[str]:
    return frozenset(filter(None, (actor_country(a) for a in actors)))


def score(records: Sequence[Record], preds: Sequence[Sequence[Event]]) -> dict[str, float]:
    chosen = [main_event(p) for p in preds]
    gold = [r.event for r in records]
    pred = [_type(e) for e in chosen]
    sector_hits = sector_total = 0
    for r, e in zip(records, chosen, strict=True):
        found = {codes.sector(a.sector) for a in e.actor} if e else set()
        sector_total += len(r.source_sectors)
        sector_hits += sum(s in found for s in r.source_sectors)
    return {
        "event_type_accuracy": metrics.accuracy(gold, pred),
        "event_type_macro_f1": metrics.macro_f1(gold, pred),
        "actor_country_f1": metrics.set_f1(
            (r.sources, _countries(e.actor) if e else frozenset())
            for r, e in zip(records, chosen, strict=True)
        ),
        "recipient_country_f1": metrics.set_f1(
            (r.targets, _countries(e.recipient) if e else frozenset())
            for r, e in zip(records, chosen, strict=True)
        ),
        "actor_sector_accuracy": sector_hits / sector_total if sector_total else 0.0,
    }


def details(records: Sequence[Record], preds: Sequence[Sequence[Event]]) -> dict:
    return {
        "confusion": metrics.confusion(
            [r.event for r in records], [_type(main_event(p)) for p in preds]
        )
    }
