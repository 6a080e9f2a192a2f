"""``Batch``: read -> triage (language, near-duplicates) -> code -> store, over paths, the way
`resgestae code` (no store) and `resgestae ingest` (a store) run; ``ingest_paths`` runs one
into a database file.

Articles come out in input order; with a store, each once stored, a group of them (up to
``GROUP``) in one transaction, so whatever an interrupted run stored is a prefix of the input
and running it again resumes: the ids already stored are skipped before parsing. A group is
written by a thread of its own while the next one is coded, which runs in a worker process
of its own when there is a store (``Batch._coder``), so storing costs little beside coding.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
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
from resgestae.errors import InputError, ResgestaeError
from resgestae.ingest import read_paths
from resgestae.ingest.decode import MB
from resgestae.ingest.dedup import NearDuplicates
from resgestae.ingest.lang import LanguageDetector
from resgestae.ingest.triage import CODE, DUPLICATE, SKIPPED, Triage, Verdict, in_order
from resgestae.pipeline import ArticleResult, Resources, run
from resgestae.store import Coded, Store, Uncoded, open_store
from resgestae.store.files import is_fatal, store_error
from resgestae.types import Article

__all__ = ["GROUP", "GROUP_SECONDS", "Batch", "ingest_paths"]

_Held = tuple[Verdict, "ArticleResult | None"]  # an article settled, to store
_Error = tuple[str, str] | None  # why it was not stored: (where, message)

# Articles stored in one transaction, at most, and seconds a group waits for more: one
# commit (and one clustering) for many articles instead of one each, which cost as much as
# coding them (issue 14); a kill loses no more than a group's coding, done again on resume.
# A component a group joins is split and written again once a group, whatever joined it:
# 64 (about the two seconds of one process's coding) cost 30% less clustering than 32.
GROUP = 64
GROUP_SECONDS = 2.0


class Batch:
    """``for item in Batch(paths, options, store=store)``: an ``Outcome`` for every article
    read, in input order, and a ``Failure`` for every input or article that could not be
    read, coded or stored; ``summary`` counts them, at any time.

    ``paths`` are files, directories (read recursively) or ``-`` (stdin). With a ``store``
    articles are stored a group at a time (``GROUP``; coded with their events, skipped or
    near-duplicates without) and each comes out once its group is stored; articles it
    already holds are not read again; a store that can take no more writes (a full disk)
    ends the iteration with its ``StoreError``; and the run is recorded in its
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
        # With a store, settled articles wait here until their group is stored (_flush).
        self._pending: list[tuple[Verdict, ArticleResult | None] | Failure] = []
        self._group_started: float | None = None
        # The group being written (by _writer's one thread) and what its write returns.
        self._writing: tuple[list[_Held | Failure], Future[list[_Error]]] | None = None
        self._writer: ThreadPoolExecutor | None = None

    @property
    def summary(self) -> Summary:
        """The counts so far (all of them once the iteration has ended)."""
        return Summary.of_run(self._counts, self._started, self._ended)

    def __iter__(self) -> Iterator[Outcome | Failure]:
        if self._started is not None:
            raise ResgestaeError("this Batch has run already; make a new Batch to run again")
        self._started = time.perf_counter()  # after loading the models: the rate is coding's
        store = self.store
        run_id = store.start_run(self.paths) if store is not None else None
        verdicts = (self._triage(a) for a in self._articles())
        code = self._coder()
        if store is not None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="resgestae-store")
        try:
            for verdict, result in in_order(verdicts, code):
                yield from self._drain()
                yield from self._settle(verdict, result)
            yield from self._flush()
            yield from self._collect()
            yield from self._drain()
        finally:
            if self._writer is not None:  # a group being written is written (or refused)
                self._writer.shutdown(wait=True)
            self._ended = time.perf_counter()
        if store is not None and run_id is not None:
            store.finish_run(run_id, self.summary.counts())

    def _coder(self) -> Callable[[Iterable[Article]], Iterator[ArticleResult]]:
        """What parses and codes the triaged articles. With a store and one worker, on a
        machine of two cores or more, the pipeline runs in one process of its own (forked,
        the models already loaded) while this one reads, triages and stores: storing is
        mostly Python, which a thread could not run beside the parse (they share one
        interpreter lock), so ingesting took a fifth longer than coding (bench/store.py)."""
        res = self.resources
        if self.store is None or res.options.workers > 1 or (os.cpu_count() or 1) < 2:
            return lambda arts: run(arts, res)
        from resgestae.engine.local import run_parallel

        return lambda arts: run_parallel(arts, res, workers=1)

    def _settle(
        self, verdict: Verdict, result: ArticleResult | None
    ) -> Iterator[Outcome | Failure]:
        """One triaged (and maybe coded) article: yielded (and counted) at once without a
        store; with one, held until its group is stored (``_flush``), in order."""
        error = result.error if result is not None else None
        if error is not None:
            self._in_flight.discard(verdict.article.id)
            self._pending.append(self._fail(verdict.article, CODING, error))
        else:
            self._pending.append((verdict, result))
        if self._group_started is None:
            self._group_started = time.perf_counter()
        held = sum(not isinstance(p, Failure) for p in self._pending)
        waited = time.perf_counter() - self._group_started
        if self.store is None or held >= GROUP or waited >= GROUP_SECONDS:
            yield from self._flush()

    def _flush(self) -> Iterator[Outcome | Failure]:
        """Without a store, yield the held articles. With one, hand them to the writer in
        one transaction (one by one if the database refuses the group, so only the article
        it refuses fails), once the group before is written, and yield that one's in order.
        A fatal error (``StoreError``: a full disk, a permission) stops the batch."""
        group, self._pending, self._group_started = self._pending, [], None
        if self._writer is None:
            for p in group:
                if isinstance(p, Failure):
                    yield p
                elif (error := _orphan(p[0], self._failed)) is not None:
                    yield self._fail(p[0].article, *error)
                else:
                    yield self._count(*p)
            return
        done = list(self._collect())  # first: a copy's original may have failed in it
        held = [p for p in group if not isinstance(p, Failure)]
        if held:
            self._writing = group, self._writer.submit(self._write, held, set(self._failed))
        else:
            done += [p for p in group if isinstance(p, Failure)]  # failures only
        yield from done

    def _collect(self) -> Iterator[Outcome | Failure]:
        """The group being written, once it is: its articles in order, each an ``Outcome``
        or the ``Failure`` that kept it from being stored."""
        if self._writing is None:
            return
        group, future = self._writing
        self._writing = None
        errors = iter(future.result())  # a StoreError stops the batch here
        for p in group:
            if isinstance(p, Failure):
                yield p
                continue
            verdict, result = p
            self._in_flight.discard(verdict.article.id)
            error = next(errors)
            if error is not None:
                yield self._fail(verdict.article, *error)
            else:
                self._dedup.forget(verdict.article.id)  # the store's index has it now
                yield self._count(verdict, result)

    def _write(self, held: list[_Held], failed: set[str]) -> list[_Error]:
        """In the writer's thread: store ``held`` (``failed``: ids not stored this run) and
        return, for each, None or (where, message) if it was not stored."""
        assert self.store is not None
        if len(held) > 1 and not any(v.duplicate_of in failed for v, _ in held):
            try:
                self.store.add_many([_item(v, r) for v, r in held])
                return [None] * len(held)
            except duckdb.Error as exc:
                if is_fatal(exc):
                    raise store_error(self.store.path, exc) from exc
                # one of them is refused: find which, one by one
        errors: list[_Error] = []
        for verdict, result in held:
            error = self._save(verdict, result, failed)
            if error is not None:
                failed.add(verdict.article.id)
            errors.append(error)
        return errors

    def _save(self, verdict: Verdict, result: ArticleResult | None, failed: set[str]) -> _Error:
        """Store one article; (where, message) if it is not stored: its original was not,
        or the database refused it (its transaction rolled back, so a later run stores it).
        A fatal error, after which the store takes no more writes, is the ``StoreError``
        that stops the batch."""
        if (error := _orphan(verdict, failed)) is not None:
            return error
        assert self.store is not None
        try:
            self.store.add_many([_item(verdict, result)])
        except duckdb.Error as exc:
            if is_fatal(exc):
                raise store_error(self.store.path, exc) from exc
            return STORE, f"not stored: {' '.join(str(exc).split())}"
        return None

    def _fail(self, article: Article, where: str, error: str) -> Failure:
        # Not stored, so the next run codes (or stores) it again.
        self._failed.add(article.id)
        self._dedup.forget(article.id)  # no original for later copies
        self._counts["failures"] += 1
        return Failure(article.origin or article.id, where, error)

    def _count(self, verdict: Verdict, result: ArticleResult | None) -> Outcome:
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


def _orphan(verdict: Verdict, failed: set[str]) -> _Error:
    """The error of a near-duplicate triaged before its original failed, else None."""
    if verdict.duplicate_of in failed:
        return ORIGINAL, f"a near-duplicate of {verdict.duplicate_of}, which was not stored"
    return None


def _item(verdict: Verdict, result: ArticleResult | None) -> Coded | Uncoded:
    if verdict.status == CODE and result is not None:
        return Coded(result, verdict.signature)
    return Uncoded(
        verdict.article,
        verdict.status,
        reason=verdict.reason,
        duplicate_of=verdict.duplicate_of,
        similarity=verdict.similarity,
    )


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
