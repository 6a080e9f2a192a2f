"""Scoring time expressions, shared by the MEANTIME and TimeML loaders.

Recognition is lenient: a system expression matches a gold one when their character spans
overlap (one-to-one, ``metrics.match_spans``). ``value_accuracy`` is the share of matched pairs
whose normalised value is equal; ``value_f1`` counts a match as a true positive only when its
value is also right (TempEval-3's value F1). Expressions inside ``Document.skip`` spans (the
creation-time line) are left out on both sides.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resgestae.eval import metrics
from resgestae.types import Article

__all__ = ["GoldTimex", "Document", "anchor_date", "predict", "score", "details"]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    value: str
    type: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    anchor: dt.date | None  # the creation time that relative expressions resolve against
    timexes: tuple[GoldTimex, ...]
    skip: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    value: str | None
    type: str


def anchor_date(value: str | None) -> dt.date | None:
    """A creation time's date: ISO (2008-10-06, with or without a time), or day first
    (06-10-2008), as one MEANTIME file writes it."""
    if not value:
        return None
    for text, fmt in ((value[:10], "%Y-%m-%d"), (value[:10], "%d-%m-%Y")):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _outside(start: int, end: int, skip) -> bool:
    return not any(min(end, e) > max(start, s) for s, e in skip)


def predict(docs: Sequence[Document], system, desc: str) -> list[tuple[Found, ...]]:
    articles = [Article(id=d.id, text=d.text, published=d.anchor) for d in docs]
    out = []
    for d, parsed in zip(docs, system.parse(articles, desc=desc), strict=True):
        out.append(
            tuple(
                Found(t.start, t.end, t.value, t.type)
                for t in system.timexes(parsed, d.anchor)
                if _outside(t.start, t.end, d.skip)
            )
        )
    return out


def load_files(read, paths) -> list[Document]:
    """One ``Document`` per file, in name order, read by the format's own ``read``."""
    paths = [paths] if isinstance(paths, Path) else list(paths)
    return [read(p) for p in sorted(paths)]


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().upper() == b.strip().upper())


def _pairs(docs, preds):
    for d, found in zip(docs, preds, strict=True):
        gold = [g for g in d.timexes if _outside(g.start, g.end, d.skip)]
        found = [f for f in found if _outside(f.start, f.end, d.skip)]
        pairs = metrics.match_spans(
            [(g.start, g.end) for g in gold], [(f.start, f.end) for f in found]
        )
        yield gold, found, [(gold[gi], found[pi]) for gi, pi in pairs]


def score(docs: Sequence[Document], preds: Sequence[Sequence[Found]]) -> dict[str, float]:
    n_gold = n_pred = n_match = n_value = 0
    for gold, found, pairs in _pairs(docs, preds):
        n_gold += len(gold)
        n_pred += len(found)
        n_match += len(pairs)
        n_value += sum(_same(g.value, f.value) for g, f in pairs)
    p, r, f = metrics.prf(n_match, n_pred - n_match, n_gold - n_match)
    return {
        "timex_f1": f,
        "timex_precision": p,
        "timex_recall": r,
        "value_accuracy": n_value / n_match if n_match else 0.0,
        "value_f1": metrics.prf(n_value, n_pred - n_value, n_gold - n_value)[2],
    }


def details(docs: Sequence[Document], preds: Sequence[Sequence[Found]]) -> dict:
    """Per gold type: how many, how many found, how many with the right value."""
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for gold, _, pairs in _pairs(docs, preds):
        total.update(g.type for g in gold)
        found.update(g.type for g, _ in pairs)
        right.update(g.type for g, f in pairs if _same(g.value, f.value))
    return {
        "by_type": {
            t: {"gold": total[t], "found": found[t], "value_right": right[t]} for t in sorted(total)
        }
    }


def count(docs: Sequence[Document]) -> int:
    return sum(1 for d in docs for g in d.timexes if _outside(g.start, g.end, d.skip))
