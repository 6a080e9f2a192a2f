"""The accuracy gate: pinned floors per dataset and metric (``eval/baseline.json``).

A dataset is keyed by its path relative to the gold root (``plover_gsr/PLOVER_GSR_CAMEO.json``,
``meantime``). Scores are higher-is-better except ``LOWER_IS_BETTER`` ones, which get a
ceiling instead of a floor. ``check`` reports every metric more than ``TOLERANCE`` below its
floor or above its ceiling, and every pinned dataset or metric that is no longer scored.
Shares and rates are held to two decimals and ``TOLERANCE`` in absolute terms; a distance in
kilometres (``IN_KM``) to a whole kilometre and ``TOLERANCE`` of itself.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

from resgestae.eval.score import Score

__all__ = [
    "TOLERANCE",
    "LOWER_IS_BETTER",
    "IN_KM",
    "UNPINNED",
    "key",
    "check",
    "make_baseline",
    "read",
    "write",
]

TOLERANCE = 0.01
LOWER_IS_BETTER = frozenset({"mean_error_km", "duplicate_share", "false_events_per_control"})
IN_KM = frozenset({"mean_error_km"})
# Diagnostics printed beside the headline metrics but not pinned: they may trade against each
# other when the headline improves.
UNPINNED = frozenset(
    {
        "timex_precision",
        "timex_recall",
        "toponym_precision",
        "toponym_recall",
        "resolved_share",
        "no_event_recall",
        # counts, not scores
        "articles",
        "outputs",
        "core_events",
    }
)


def key(score: Score, root: Path) -> str:
    path = Path(score.path)
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def make_baseline(scores: Iterable[Score], root: Path) -> dict:
    """Floors from measured scores: rounded down to two decimals (ceilings: rounded up, to
    whole kilometres for a distance)."""
    out = {}
    for s in scores:
        floors, ceilings = {}, {}
        for name, value in s.metrics.items():
            if name in UNPINNED:
                continue
            if name in LOWER_IS_BETTER:
                ceilings[name] = (
                    math.ceil(value) if name in IN_KM else math.ceil(value * 100 - 1e-9) / 100
                )
            else:
                floors[name] = math.floor(value * 100 + 1e-9) / 100
        entry = {"kind": s.kind, "n": s.n, "floors": floors}
        if ceilings:
            entry["ceilings"] = ceilings
        out[key(s, root)] = entry
    return {"tolerance": TOLERANCE, "datasets": dict(sorted(out.items()))}


def check(scores: Iterable[Score], baseline: dict, root: Path) -> list[str]:
    """Human-readable failures; empty when every pinned metric holds."""
    tol = baseline.get("tolerance", TOLERANCE)
    measured = {key(s, root): s for s in scores}
    failures = []
    for name, pinned in baseline["datasets"].items():
        s = measured.get(name)
        if s is None:
            failures.append(f"{name}: pinned in the baseline but not scored (missing or unread)")
            continue
        for metric, floor in pinned.get("floors", {}).items():
            value = s.metrics.get(metric)
            if value is None:
                failures.append(f"{name}: {metric} is no longer reported")
            elif value < floor - tol:
                failures.append(f"{name}: {metric} {value:.4f} is below its floor {floor:.2f}")
        for metric, ceiling in pinned.get("ceilings", {}).items():
            value = s.metrics.get(metric)
            if value is None:
                failures.append(f"{name}: {metric} is no longer reported")
            elif metric in IN_KM and value > ceiling * (1 + tol):
                failures.append(f"{name}: {metric} {value:.1f} is above its ceiling {ceiling}")
            elif metric not in IN_KM and value > ceiling + tol:
                failures.append(f"{name}: {metric} {value:.4f} is above its ceiling {ceiling:.2f}")
    return failures


def read(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(path: Path, baseline: dict) -> None:
    Path(path).write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
