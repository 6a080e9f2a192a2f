"""``Batch``: read -> triage (language, near-duplicates) -> code -> store, over paths, the way
`resgestae code` (no store) and `resgestae ingest` (a store) run; ``ingest_paths`` runs one
into a database file.

Articles come out in input order, each stored (with a store) in its own transaction before
the next, so whatever an interrupted run stored is a prefix of the input and running it again
resumes: the ids already stored are skipped before parsing.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb

from resgestae.batch.options import BatchOptions
from resgestae.batch.records import (
    CODING,
    ORIGINAL,
    READ,
    STORE,
    Failure,
    Outcome,
    Report,
    Summary,
)
from resgestae.errors import InputError, ResgestaeError, StoreError
from resgestae.ingest import read_paths
from resgestae.ingest.decode import MB
from resgestae.ingest.dedup import NearDuplicates
from resgestae.ingest.lang import LanguageDetector
from resgestae.ingest.triage import CODE, DUPLICATE, SKIPPED, Triage, Verdict, in_order
from resgestae.pipeline import ArticleResult, Resources, run
from resgestae.store import Store, open_store
from resgestae.types import Article

__all__ = ["Batch", "ingest_paths"]


class Batch:
    """``for item in Batch(paths, options, store=store)``: an ``Outcome`` for every article
    read, in input order, and a ``Failure`` for every input or article that could not be
    read, coded or stored; ``summary`` counts them, at any time.

    ``paths`` are files, directories (read recursively) or ``-`` (stdin). With a ``store``
    each article is stored as it comes (coded with its events; skipped or a near-duplicate
    without), articles it already holds are not read again, and the run is recorded in its
    ``runs`` table, finished when the iteration ends. Without one, an article read twice is
    handled once. ``resources`` reuses loaded models (and their model, workers and lexicons
    stand for those of ``options``); else they are loaded from ``options`` (``ModelError``,
    ``LexiconError`` when they cannot be). A batch runs once.
    """

    def __init__(
        self,
        paths: Sequence[str | Path],
        options: BatchOptions | None = None,
        *,
        store: Store | None = None,
        resources: Resources | None = None,
    ):
        self.paths = [str(p) for p in paths]
        self.options = options if options is not None else BatchOptions()
        self.store = store
        self.resources = resources or Resources.load(self.options.pipeline)
        self._counts: Counter[str] = Counter()  # Summary's fields but seconds
        self._started: float | None = None
        self._ended: float | None = None
        self._dedup = NearDuplicates(store.near_candidates if store is not None else None)
        self._triage = Triage(LanguageDetector(), self._dedup)
        # With a store, an id read twice is caught by ``store.has`` once its first copy is
        # stored, and by this set while that copy is still being coded: memory stays flat.
        self._in_flight: set[str] = set()
        self._failed: set[str] = set()  # ids not stored this run: no original for a copy
        self._read_failures: deque[Failure] = deque()  # found while the parser reads ahead

    @property
    def summary(self) -> Summary:
        """The counts so far (all of them once the iteration has ended)."""
        seconds = 0.0
        if self._started is not None:
            seconds = (self._ended or time.perf_counter()) - self._started
        return Summary(**self._counts, seconds=seconds)

    def __iter__(self) -> Iterator[Outcome | Failure]:
        if self._started is not None:
            raise ResgestaeError("this Batch has run already; make a new Batch to run again")
        self._started = time.perf_counter()  # after loading the models: the rate is coding's
        store = self.store
        run_id = store.start_run(self.paths) if store is not None else None
        verdicts = (self._triage(a) for a in self._articles())
        try:
            for verdict, result in in_order(verdicts, lambda arts: run(arts, self.resources)):
                yield from self._drain()
                yield self._settle(verdict, result)
            yield from self._drain()
        finally:
            self._ended = time.perf_counter()
        if store is not None and run_id is not None:
            store.finish_run(run_id, self.summary.counts())

    def _settle(self, verdict: Verdict, result: ArticleResult | None) -> Outcome | Failure:
        """Store one triaged (and maybe coded) article, and count it."""
        article = verdict.article
        self._in_flight.discard(article.id)
        where, error = CODING, result.error if result is not None else None
        if verdict.duplicate_of in self._failed:  # triaged before its original failed
            where = ORIGINAL
            error = f"a near-duplicate of {verdict.duplicate_of}, which was not stored"
        if error is None and self.store is not None:
            where, error = STORE, self._save(self.store, verdict, result)
        if error:
            # Not stored, so the next run codes (or stores) it again.
            self._failed.add(article.id)
            self._dedup.forget(article.id)  # no original for later copies
            self._counts["failures"] += 1
            return Failure(article.origin or article.id, where, error)
        c = self._counts
        if result is not None:
            c["articles"] += 1
            c["sentences"] += result.sentences
            c["events"] += len(result.events)
            c["non_political"] += result.topic is not None
        else:
            c["other_languages"] += verdict.status == SKIPPED
            c["duplicates"] += verdict.status == DUPLICATE
        return Outcome(verdict, result)

    def _save(self, store: Store, verdict: Verdict, result: ArticleResult | None) -> str | None:
        """Store one article; an error message if the database refused it (its transaction
        rolled back, so a later run stores it). A fatal error, after which DuckDB accepts
        nothing more, stops the batch with a ``StoreError``."""
        article = verdict.article
        try:
            if verdict.status == CODE and result is not None:
                store.add(result, verdict.signature)
            else:
                store.add_uncoded(
                    article,
                    verdict.status,
                    reason=verdict.reason,
                    duplicate_of=verdict.duplicate_of,
                    similarity=verdict.similarity,
                )
        except duckdb.FatalException as exc:
            raise StoreError(
                f"{store.path}: the database accepts no more writes ({exc}); what was stored "
                f"is kept: run the same batch again to resume"
            ) from exc
        except duckdb.Error as exc:
            return f"not stored: {exc}"
        self._dedup.forget(article.id)  # the store's index has it now
        return None

    def _articles(self) -> Iterator[Article]:
        store, opts = self.store, self.options
        items = read_paths(
            self.paths,
            default_date=opts.default_date,
            input_format=opts.input_format,
            columns=opts.columns,
            unique=store is None,
            max_bytes=opts.max_input_mb * MB,
        )
        for item in items:
            if isinstance(item, InputError):
                self._counts["failures"] += 1
                self._read_failures.append(Failure(item.origin, READ, item.message))
            elif store is None:
                yield item
            elif item.id in self._in_flight or store.has(item.id):
                self._counts["already_stored"] += 1  # stored, or being coded: one article
            else:
                self._in_flight.add(item.id)
                yield item

    def _drain(self) -> Iterator[Failure]:
        while self._read_failures:
            yield self._read_failures.popleft()


def ingest_paths(
    paths: Sequence[str | Path], db: str | Path, options: BatchOptions | None = None
) -> Report:
    """Code ``paths`` into the store at ``db`` (created if missing) the way `resgestae
    ingest` does, to the end; the ``Report`` lists what failed. Running it again adds
    nothing and resumes a run that was interrupted."""
    with open_store(db) as store:
        batch = Batch(paths, options, store=store)
        failures = tuple(item for item in batch if isinstance(item, Failure))
    return Report(batch.summary, failures)
