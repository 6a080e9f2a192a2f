"""Fits resgestae/data/coding/calibration.json: event confidence calibrated on the dev gold.

Runs the real pipeline with raw confidences (``Options(calibrated=False)``) over the gold sets
where an event's correctness is decidable, and collects one row per coded event:

- PLOVER records: the event's PLOVER type (0.5b1 mapped, ``eval.codes``) equals the gold type;
- PETRARCH-2 records: its CAMEO root equals a gold coding's root; any event on a
  "noevents" record is wrong;
- CASE 2021 snippets: for events with an ACLED sub-type, its CASE label equals the gold label;
- whole articles (``articles/events.json``): the event matches a gold event of the article
  (a duplicate mention of one counts as right: it is real and rightly typed; merging is
  another stage's job), and any event on a control article is wrong.

Every event counts, not only the one a scorer picks, so the rows do not depend on the
calibration itself. A ridge-penalised logistic regression of correctness on logit(raw score),
rule kind, PLOVER type and ACLED sub-type is fitted with numpy (the penalty chosen by
5-fold cross-validated log-loss, folds by gold record); the table holds only its coefficients
and counts, no gold text or labels. Prints the reliability tables (before/after, per dataset,
leave one dataset out) that docs/accuracy.md quotes.

usage: python scripts/calibrate.py [DEV_DIR] [--out PATH] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from resgestae.coding import calibrate
from resgestae.eval import System, articles, case, codes, find_sets, petrarch, plover
from resgestae.pipeline import Options

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resgestae" / "data" / "coding" / "calibration.json"
BUCKETS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
PENALTIES = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
HIGH = 0.8  # the promise: events above this are right at least four times in five


@dataclass(frozen=True, slots=True)
class Row:
    dataset: str
    record: str  # gold record id: a record's events stay in one fold
    raw: float
    kind: str
    event: str
    subtype: str
    correct: bool


def collect(dev: Path, system: System) -> list[Row]:
    rows: list[Row] = []

    lexicon = system.resources.events

    def add(dataset: str, e, correct: bool) -> None:
        evidence = calibrate.evidence_of(e, lexicon)
        rows.append(
            Row(dataset, e.article_id, e.confidence, *calibrate.features(evidence, e), correct)
        )

    for fs in find_sets(dev):
        if fs.kind == articles.KIND:
            golds = articles.load(fs.files[0])
            for g, evs in zip(golds, articles.predict(golds, system), strict=True):
                for e, o in articles.judge(g, evs):
                    add(fs.kind, e, o.kind in (articles.HIT, articles.DUP))
        elif fs.kind == plover.KIND:
            recs = plover.load(fs.files[0])
            for r, evs in zip(recs, plover.predict(recs, system), strict=True):
                for e in evs:
                    add(fs.kind, e, codes.plover_type(e.event) == r.event)
        elif fs.kind == petrarch.KIND:
            recs = petrarch.load(fs.files[0])
            for r, evs in zip(recs, petrarch.predict(recs, system), strict=True):
                roots = {c.cameo[:2] for c in r.codings}
                for e in evs:
                    add(fs.kind, e, e.cameo[:2] in roots)
        elif fs.kind == case.KIND:
            snippets = case.load(fs.files[0])
            texts = [case.Article(id=s.id, text=s.text) for s in snippets]
            for s, p in zip(snippets, system.parse(texts, desc=fs.kind), strict=True):
                for e in system.events(p):
                    label = case.case_label(e.acled_subtype)
                    if label:
                        add(fs.kind, e, label == s.label)
    return rows


# --- fitting ------------------------------------------------------------------------------


def _columns(rows: Sequence[Row]) -> list[tuple[str, str]]:
    cols: set[tuple[str, str]] = set()
    for r in rows:
        cols |= {("kind", r.kind), ("event", r.event)}
        if r.subtype:
            cols.add(("subtype", r.subtype))
    return sorted(cols)


def _design(rows: Sequence[Row], cols: list[tuple[str, str]]) -> np.ndarray:
    index = {c: k for k, c in enumerate(cols)}
    x = np.zeros((len(rows), 2 + len(cols)))
    for n, r in enumerate(rows):
        x[n, 0] = 1.0
        x[n, 1] = calibrate._logit(r.raw)
        for c in (("kind", r.kind), ("event", r.event), ("subtype", r.subtype)):
            if c in index:
                x[n, 2 + index[c]] = 1.0
    return x


def fit(rows: Sequence[Row], penalty: float) -> calibrate.Calibration:
    """Ridge logistic regression by Newton's method; intercept and slope unpenalised (the
    slope lightly, so a flat raw score does not blow up), offsets penalised by ``penalty``."""
    cols = _columns(rows)
    x = _design(rows, cols)
    y = np.array([r.correct for r in rows], dtype=float)
    ridge = np.full(x.shape[1], penalty)
    ridge[0], ridge[1] = 0.0, 0.1
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + ridge * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(ridge) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    slope = max(0.0, float(w[1]))  # weaker evidence never ranks higher
    groups: dict[str, dict[str, float]] = {"kind": {}, "event": {}, "subtype": {}}
    for (group, name), v in zip(cols, w[2:], strict=True):
        groups[group][name] = round(float(v), 4)
    return calibrate.Calibration(intercept=round(float(w[0]), 4), slope=round(slope, 4), **groups)


def predict(cal: calibrate.Calibration, rows: Sequence[Row]) -> list[float]:
    return [cal(r.raw, r.kind, r.event, r.subtype) for r in rows]


def log_loss(probs: Sequence[float], rows: Sequence[Row]) -> float:
    return -sum(
        math.log(p if r.correct else 1 - p) for p, r in zip(probs, rows, strict=True)
    ) / max(1, len(rows))


def _fold(r: Row) -> int:
    return zlib.crc32(f"{r.dataset}|{r.record}".encode()) % FOLDS


def cross_validated(rows: Sequence[Row], penalty: float) -> list[float]:
    """Each row's calibrated confidence from a model fitted on the other folds (folds by
    gold record, so a record's events are never on both sides)."""
    probs = [0.0] * len(rows)
    for k in range(FOLDS):
        cal = fit([r for r in rows if _fold(r) != k], penalty)
        for n, r in enumerate(rows):
            if _fold(r) == k:
                probs[n] = cal(r.raw, r.kind, r.event, r.subtype)
    return probs


def choose_penalty(rows: Sequence[Row]) -> float:
    """The penalty with the lowest cross-validated log-loss."""
    return min(PENALTIES, key=lambda pen: log_loss(cross_validated(rows, pen), rows))


# --- reporting ----------------------------------------------------------------------------


def reliability(probs: Sequence[float], rows: Sequence[Row]) -> list[tuple[str, int, float]]:
    out = []
    for lo, hi in zip(BUCKETS, BUCKETS[1:], strict=False):
        hits = [r.correct for p, r in zip(probs, rows, strict=True) if lo <= p < hi]
        label = f"{lo:.1f}–{min(hi, 1.0):.1f}"
        out.append((label, len(hits), sum(hits) / len(hits) if hits else float("nan")))
    return out


def above(probs: Sequence[float], rows: Sequence[Row], t: float = HIGH) -> tuple[float, int]:
    hits = [r.correct for p, r in zip(probs, rows, strict=True) if p > t]
    return (sum(hits) / len(hits) if hits else float("nan"), len(hits))


def _fmt(x: float) -> str:
    return "–" if math.isnan(x) else f"{x:.2f}"


def report(rows: Sequence[Row], cal: calibrate.Calibration, say: Callable[[str], None]) -> None:
    penalty = float(cal.meta.get("penalty", 3.0))
    columns = {
        "raw": [r.raw for r in rows],
        "calibrated": predict(cal, rows),
        "cross-validated": cross_validated(rows, penalty),
    }
    say(f"rows: {len(rows)} events, {sum(r.correct for r in rows)} right; penalty {penalty}")
    say("\nReliability, three datasets pooled: n and share right per confidence bucket, for the")
    say("raw score, the shipped calibration (in-sample) and 5-fold cross-validated:\n")
    say("| confidence | " + " | ".join(f"n {c} | right {c}" for c in columns) + " |")
    say("|---|" + "---|---|" * len(columns))
    tables = [reliability(probs, rows) for probs in columns.values()]
    for k, (label, *_) in enumerate(tables[0]):
        cells = [f"{t[k][1]} | {_fmt(t[k][2])}" for t in tables]
        say(f"| {label} | " + " | ".join(cells) + " |")
    say("")
    for name, probs in columns.items():
        prec, n = above(probs, rows)
        say(
            f"{name}: events with confidence > {HIGH} are right {_fmt(prec)} of the time "
            f"(n={n}); log-loss {log_loss(probs, rows):.3f}"
        )
    say("\nPer dataset (in-sample) and leave-one-dataset-out (fit on the other two):\n")
    say("| dataset | n | >0.8 raw | >0.8 calibrated | >0.8 held out | log-loss raw "
        "| calibrated | held out |")  # fmt: skip
    say("|---|---|---|---|---|---|---|---|")
    for d in sorted({r.dataset for r in rows}):
        test = [r for r in rows if r.dataset == d]
        held = fit([r for r in rows if r.dataset != d], penalty)
        cells = []
        for probs in ([r.raw for r in test], predict(cal, test), predict(held, test)):
            prec, n = above(probs, test)
            cells.append(f"{_fmt(prec)} (n={n})")
        losses = [
            log_loss([min(0.99, max(0.01, r.raw)) for r in test], test),
            log_loss(predict(cal, test), test),
            log_loss(predict(held, test), test),
        ]
        say(f"| {d} | {len(test)} | " + " | ".join(cells) + " | "
            + " | ".join(f"{x:.3f}" for x in losses) + " |")  # fmt: skip


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        return out.stdout.strip()
    except OSError:
        return ""


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dev", nargs="?", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    args = ap.parse_args(argv)
    if not args.dev.exists():
        print(f"no gold data at {args.dev}; pass the dev folder as an argument", file=sys.stderr)
        return 2
    rows = collect(args.dev, System(options=Options(calibrated=False)))
    penalty = choose_penalty(rows)
    cal = fit(rows, penalty)
    counts = {d: sum(r.dataset == d for r in rows) for d in sorted({r.dataset for r in rows})}
    meta = {
        "fitted_by": "scripts/calibrate.py",
        "commit": _commit(),
        "penalty": penalty,
        "rows": counts,
        "right": sum(r.correct for r in rows),
    }
    cal = calibrate.Calibration(cal.intercept, cal.slope, cal.kind, cal.event, cal.subtype, meta)
    report(rows, cal, print)
    if not args.dry_run:
        args.out.write_text(json.dumps(cal.to_dict(), indent=1, sort_keys=True) + "\n")
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
