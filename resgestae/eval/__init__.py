"""Gold-data loaders and scorers: ``evaluate(path)`` runs the real pipeline over gold files.

One module per gold format (``articles``, ``plover``, ``case``, ``petrarch``, ``meantime``,
``timeml``, ``geo``), each with ``load``, ``predict`` (runs the ``System``), ``score`` and
``details``; ``metrics`` holds the metric functions and ``codes`` the normalisation both
sides share.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from resgestae.eval import gate
from resgestae.eval.detect import KINDS, PER_DOCUMENT, FileSet, detect_kind, find_sets
from resgestae.eval.score import Score
from resgestae.eval.system import System

__all__ = ["KINDS", "Score", "System", "detect_kind", "find_sets", "evaluate", "score_set", "gate"]


def score_set(fs: FileSet, system: System) -> Score:
    module = KINDS[fs.kind]
    gold = module.load(list(fs.files) if fs.kind in PER_DOCUMENT else fs.files[0])
    preds = module.predict(gold, system)
    n = module.count(gold) if hasattr(module, "count") else len(gold)
    return Score(
        kind=fs.kind,
        path=str(fs.path),
        n=n,
        metrics={k: round(v, 4) for k, v in module.score(gold, preds).items()},
        details=module.details(gold, preds),
    )


def evaluate(
    path: Path | str, kind: str | None = None, system: System | None = None
) -> Iterator[Score]:
    """Score every gold file set under ``path`` with the real pipeline, one ``Score`` each."""
    path = Path(path)
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of: {', '.join(sorted(KINDS))}")
    system = system or System()
    for fs in find_sets(path, kind):
        yield score_set(fs, system)
