"""Metric functions on plain labels, sets and spans. No pipeline, no gold format here."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet

__all__ = [
    "accuracy",
    "per_class_f1",
    "macro_f1",
    "weighted_f1",
    "confusion",
    "set_f1",
    "prf",
    "match_spans",
    "haversine_km",
]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; each is 0.0 when its denominator is 0."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)


def per_class_f1(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[Hashable, float]:
    """F1 for every label that occurs in ``gold`` (one-label-per-item classification)."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    return {label: prf(tp[label], fp[label], fn[label])[2] for label in sorted(set(gold), key=str)}


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Unweighted mean of the per-class F1 over the labels present in ``gold``."""
    scores = per_class_f1(gold, pred)
    return sum(scores.values()) / len(scores) if scores else 0.0


def weighted_f1(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Per-class F1 weighted by each gold label's support (scikit-learn's ``weighted``)."""
    scores = per_class_f1(gold, pred)
    support = Counter(gold)
    return sum(scores[k] * support[k] for k in scores) / len(gold) if gold else 0.0


def confusion(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> dict:
    """{gold label: {predicted label: count}}, for error analysis (``--details``)."""
    out: dict = defaultdict(Counter)
    for g, p in zip(gold, pred, strict=True):
        out[g][p] += 1
    return {str(g): {str(p): n for p, n in c.most_common()} for g, c in out.items()}


def set_f1(pairs: Iterable[tuple[AbstractSet, AbstractSet]]) -> float:
    """Micro F1 over items that each have a gold set and a predicted set."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return prf(tp, fp, fn)[2]


def match_spans(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one lenient matching: pairs (gold index, pred index) whose spans overlap.

    Each gold span takes the overlapping predicted span with the largest overlap that is
    still free; ties go to the earlier predicted span."""
    used: set[int] = set()
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        best, best_len = None, 0
        for pi, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if pi not in used and overlap > best_len:
                best, best_len = pi, overlap
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
