"""``BatchCoder``: codes a batch of triaged article rows with resources loaded once, and
writes them (when it has a folder) as Parquet; what one Ray actor runs. Plain Python, so it
runs (and is tested) without Ray too.

A row in is an article's fields (``published`` as YYYY-MM-DD) with its triage verdict
(``status``, ``reason``, ``duplicate_of``, ``similarity``) and its place in the input
(``seq``); a row out says what became of it: its counts, its error, and (without a folder)
its events as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from resgestae.engine import parquet
from resgestae.ingest.triage import CODE
from resgestae.pipeline import ArticleResult, Options, Resources, run
from resgestae.types import Article

__all__ = ["ARTICLE_FIELDS", "BatchCoder", "article_row", "RESULT_FIELDS"]

ARTICLE_FIELDS = ("id", "text", "published", "source", "url", "title", "origin", "author",
                  "language")  # fmt: skip
VERDICT_FIELDS = ("status", "reason", "duplicate_of", "similarity")
RESULT_FIELDS = ("seq", "id", "origin", "status", "error", "sentences", "events", "topic",
                 "events_json")  # fmt: skip


def article_row(article: Article, seq: int, verdict: Mapping[str, Any]) -> dict[str, Any]:
    """The row an article travels to a worker as: plain values only."""
    row: dict[str, Any] = {k: getattr(article, k) for k in ARTICLE_FIELDS}
    row["published"] = article.published.isoformat() if article.published else None
    row.update({k: verdict.get(k) for k in VERDICT_FIELDS})
    row["seq"] = seq
    return row


def _article(row: Mapping[str, Any]) -> Article:
    fields = {k: row[k] for k in ARTICLE_FIELDS}
    if fields["published"] is not None:
        fields["published"] = dt.date.fromisoformat(fields["published"])
    return Article(**fields)


class BatchCoder:
    """``coder(rows) -> results``: one callable per worker, loading the models and tables
    once (``Resources.load``), coding every batch it is given and, with ``out`` (a folder or
    URI), writing it there (``resgestae.engine.parquet``)."""

    def __init__(self, options: Options, out: str | None = None):
        self.resources = Resources.load(options)
        self.out = parquet.open_folder(out) if out is not None else None

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        """``batch``: a pyarrow table or a list of row dicts."""
        rows: Sequence[Mapping[str, Any]] = (
            batch.to_pylist() if hasattr(batch, "to_pylist") else list(batch)
        )
        results = self.code(rows)
        return {k: [r[k] for r in results] for k in RESULT_FIELDS}

    def code(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        articles = [_article(r) for r in rows]
        coded = iter(run((a for a, r in zip(articles, rows, strict=True)
                          if r["status"] == CODE), self.resources))  # fmt: skip
        done: list[tuple[Mapping[str, Any], Article, ArticleResult | None]] = []
        for row, article in zip(rows, articles, strict=True):
            done.append((row, article, next(coded) if row["status"] == CODE else None))
        results = [_result(row, res, self.out is None) for row, _, res in done]
        if self.out is not None:
            kept = [(row, a, res) for row, a, res in done if res is None or res.error is None]
            if kept:
                try:
                    self._write(kept)
                except OSError as exc:  # the folder refused: nothing of the batch counts
                    for r in results:
                        r["error"] = r["error"] or f"not written: {exc}; check the --out folder"
        return results

    def _write(self, kept: list[tuple[Mapping[str, Any], Article, ArticleResult | None]]) -> None:
        assert self.out is not None
        fs, root = self.out
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        articles, mentions = [], []
        for row, a, res in kept:
            month = parquet.month_of(a.published)
            articles.append(
                {
                    **{k: getattr(a, k) for k in ARTICLE_FIELDS},
                    **{k: row[k] for k in VERDICT_FIELDS},
                    "sentences": res.sentences if res else None,
                    "events": len(res.events) if res else None,
                    "topic": res.topic if res else None,
                    "written_at": now,
                    "month": month,
                }
            )
            for e in res.events if res else ():
                d = e.to_dict()
                d["published"] = e.published
                d["date_first"], d["date_last"] = e.date.first, e.date.last
                d["month"] = parquet.month_of(e.date.first or a.published)
                mentions.append(d)
        parquet.write_batch(fs, root, articles, mentions)


def _result(row: Mapping[str, Any], res: ArticleResult | None, with_events: bool) -> dict[str, Any]:
    return {
        "seq": row["seq"],
        "id": row["id"],
        "origin": row["origin"],
        "status": row["status"],
        "error": res.error if res else None,
        "sentences": res.sentences if res else 0,
        "events": len(res.events) if res else 0,
        "topic": res.topic if res else None,
        "events_json": json.dumps([e.to_dict() for e in res.events])
        if res and with_events
        else "[]",
    }
