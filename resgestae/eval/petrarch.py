"""PETRARCH-2 validation records (``<Sentence>`` + ``<EventCoding>`` + ``<Text>``).

The files are not well-formed XML (``#`` comment banners, self-closing ``<Sentence/>`` with its
codings as siblings), so records are read with patterns, one ``<Sentence`` to the next.

Scoring uses the system's ``main_event`` per record. Over records with gold events:
``cameo_root_accuracy`` — its CAMEO root (first two digits) equals a gold coding's root;
``dyad_accuracy`` — its source and target countries equal a gold coding's (first three letters
of the CAMEO codes, ``---`` = no country). Over records where the system codes nothing:
``no_event_precision`` — share that are gold ``noevents`` records (0.0 when it never abstains).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resgestae.eval import codes, metrics
from resgestae.eval.score import actor_country, main_event
from resgestae.types import Article, Event

__all__ = ["KIND", "Coding", "Record", "looks_like", "load", "predict", "score", "details"]

KIND = "petrarch"
NO_EVENT = "(none)"

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


@dataclass(frozen=True, slots=True)
class Coding:
    cameo: str
    source: str | None  # country (ISO-3 or IGO-style), None when unknown
    target: str | None


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    codings: tuple[Coding, ...]  # empty: a "noevents" record


def looks_like(path: Path, head: str) -> bool:
    return "<EventCoding" in head or ("<Validation" in head and "<Sentences" in head)


def _attrs(raw: str) -> dict[str, str]:
    return dict(_ATTR.findall(raw))


def load(path: Path) -> list[Record]:
    raw = path.read_text(encoding="utf-8")
    out: list[Record] = []
    for m in _SENTENCE.finditer(raw):
        attrs, body = _attrs(m.group(1)), m.group(2)
        text = _TEXT.search(body)
        if not text or attrs.get("evaluate", "true").lower() == "false":
            continue
        codings = []
        for c in _CODING.finditer(body):
            a = _attrs(c.group(1))
            if "eventcode" in a:
                codings.append(
                    Coding(
                        a["eventcode"],
                        codes.country(a.get("sourcecode")),
                        codes.country(a.get("targetcode")),
                    )
                )
        clean = " ".join(html.unescape(text.group(1)).split())
        out.append(Record(attrs.get("id", str(len(out))), clean, tuple(codings)))
    return out


def predict(records: Sequence[Record], system) -> list[tuple[Event, ...]]:
    articles = [Article(id=r.id, text=r.text) for r in records]
    return [system.events(p) for p in system.parse(articles, desc=KIND)]


def _root(cameo: str | None) -> str:
    return cameo[:2] if cameo else NO_EVENT


def _first_country(actors) -> str | None:
    return next((c for c in map(actor_country, actors) if c), None)


def score(records: Sequence[Record], preds: Sequence[Sequence[Event]]) -> dict[str, float]:
    root_hits = dyad_hits = with_events = abstain = abstain_right = gold_none = 0
    for r, p in zip(records, preds, strict=True):
        e = main_event(p)
        gold_none += not r.codings
        if e is None:
            abstain += 1
            abstain_right += not r.codings
        if not r.codings:
            continue
        with_events += 1
        if e is None:
            continue
        root_hits += any(_root(e.cameo) == _root(c.cameo) for c in r.codings)
        dyad = (_first_country(e.actor), _first_country(e.recipient))
        dyad_hits += any(dyad == (c.source, c.target) for c in r.codings)
    return {
        "cameo_root_accuracy": root_hits / with_events if with_events else 0.0,
        "dyad_accuracy": dyad_hits / with_events if with_events else 0.0,
        "no_event_precision": abstain_right / abstain if abstain else 0.0,
        "no_event_recall": abstain_right / gold_none if gold_none else 0.0,
    }


def details(records: Sequence[Record], preds: Sequence[Sequence[Event]]) -> dict:
    gold, pred = [], []
    for r, p in zip(records, preds, strict=True):
        e = main_event(p)
        roots = {_root(c.cameo) for c in r.codings} or {NO_EVENT}
        mine = _root(e.cameo) if e else NO_EVENT
        gold.append(mine if mine in roots else min(roots))
        pred.append(mine)
    return {"confusion": metrics.confusion(gold, pred)}
