"""Coding on a Ray cluster: ``RayBatch`` reads and triages the inputs on the driver exactly
as ``resgestae.batch.Batch`` does (the same readers, language check and near-duplicates, in
input order), in a thread of its own, while one Ray Data pipeline codes the batches triaged
so far: a ``Feed`` actor holds them by number, one read task passes them on in order, and
``map_batches`` over one pool of actors codes them, each actor loading the resources once
for the whole run (``resgestae.engine.stream``). With ``out`` the actors write articles and
mentions as Parquet by month (``resgestae.engine.parquet``).

The driver keeps at most ``read_ahead`` batches triaged ahead of the results it has back,
which bounds its memory. The pool starts once there are as many batches as actors, or the
input has ended with fewer (then it has one actor a batch). Read failures and the articles
already written are the driver's to count and report, as they come.

Ray retries the batch of an actor that dies on a new one; its files are named by its article
ids, so the retry replaces them and nothing is written twice. A read task retried after its
worker died gets the same batches by the same numbers, so nothing is lost or doubled there
either. Articles whose ids are already under ``out`` are not read again. Ray is an optional
extra: this module imports it only when a batch runs.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from resgestae.batch.options import BatchOptions
from resgestae.batch.records import CODING, READ, STORE, Failure, Summary
from resgestae.engine import parquet
from resgestae.engine.coder import article_row
from resgestae.errors import InputError, OptionError, ResgestaeError
from resgestae.ingest import read_paths
from resgestae.ingest.dedup import NearDuplicates
from resgestae.ingest.lang import LanguageDetector
from resgestae.ingest.triage import CODE, DUPLICATE, SKIPPED, Triage

__all__ = ["Coded", "RayBatch", "ray_ingest"]

INSTALL = "Ray is not installed; pip install 'resgestae[ray]' (on the driver and every worker)"
# Articles per map_batches call: one parse batch of the pipeline's (batches of 8 or 16 cost
# a worker a fifth more CPU an article: bench/scale.py).
BATCH_SIZE = 32
# Batches per actor triaged ahead of the results back (bounds the driver's memory): Ray Data
# sends each actor two at a time, and results come back in input order, so a slow batch
# holds back those after it.
READ_AHEAD = 8
_BATCH, _END = "batch", "end"  # notes from the triage thread, beside its read failures


@dataclass(frozen=True, slots=True)
class Coded:
    """One article the cluster handled: its id, ``status`` (coded, skipped, duplicate) and,
    when the batch writes no folder, its events as ``Event.to_dict()`` dicts."""

    id: str
    status: str
    events: tuple[dict, ...] = ()


class RayBatch:
    """``for item in RayBatch(paths, options, out=DIR)``: a ``Coded`` for every article the
    cluster handled, in input order, and a ``Failure`` for every input or article that could
    not be read, coded or written; ``summary`` counts them. ``address`` is the cluster's
    (``ray://host:10001``, ``host:6379`` or ``auto``); None starts a local Ray with
    ``num_cpus`` (default: every core). ``actors`` (default: the cluster's CPUs) code in
    parallel, ``batch_size`` articles at a time; ``read_ahead`` batches (default: 8 an
    actor) at most are triaged ahead of the results."""

    def __init__(
        self,
        paths: Sequence[str | Path],
        options: BatchOptions | None = None,
        *,
        out: str | None = None,
        address: str | None = None,
        num_cpus: int | None = None,
        actors: int | None = None,
        batch_size: int = BATCH_SIZE,
        read_ahead: int | None = None,
    ):
        if actors is not None and actors < 1:
            raise OptionError(f"actors is {actors}; give 1 or more")
        if read_ahead is not None and read_ahead < 1:
            raise OptionError(f"read_ahead is {read_ahead}; give 1 or more")
        self.paths = [str(p) for p in paths]
        self.options = options if options is not None else BatchOptions()
        self.out, self.address, self.num_cpus = out, address, num_cpus
        self.actors, self.batch_size, self.read_ahead = actors, batch_size, read_ahead
        self._counts: Counter[str] = Counter()  # the main thread's: what came back coded
        self._read: Counter[str] = Counter()  # the triage thread's: read failures, stored
        self._started: float | None = None
        self._ended: float | None = None

    @property
    def summary(self) -> Summary:
        return Summary.of_run(self._counts + self._read, self._started, self._ended)

    def __iter__(self) -> Iterator[Coded | Failure]:
        if self._started is not None:
            raise ResgestaeError("this RayBatch has run already; make a new one to run again")
        ray = _import_ray()
        started_ray = not ray.is_initialized()
        if started_ray:
            _init(ray, self.address, self.num_cpus)
        self._started = time.perf_counter()
        try:
            actors = self.actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
            done: set[str] = set()
            if self.out is not None:
                done = parquet.written_ids(*parquet.open_folder(self.out))
            yield from self._stream(ray, actors, done)
        finally:
            self._ended = time.perf_counter()
            if started_ray:
                ray.shutdown()

    def _stream(self, ray: Any, actors: int, done: set[str]) -> Iterator[Coded | Failure]:
        """Triage in a thread, code on the cluster, and pass on what each of them gives."""
        from resgestae.engine import stream

        feed = stream.open_feed()
        ahead = self.read_ahead or READ_AHEAD * actors
        triage = _Triaging(self._triaged(done), feed, self.batch_size, ahead)
        try:
            # the pool: an actor a batch up to `actors`, known once there are that many
            # batches or the input has ended (a few batches of triage before coding starts)
            want = min(actors, ahead)  # more actors than batches in flight would idle
            while triage.noted < want and not triage.ended:
                yield from triage.notes(wait=True)
            if triage.noted:
                pool = min(want, triage.noted) if triage.ended else want
                yield from self._code(ray, feed, pool, triage)
            while not triage.ended:  # what the thread read after the last batch
                yield from triage.notes(wait=True)
        finally:
            triage.close()
            ray.kill(feed)
        if triage.error is not None:
            raise triage.error

    def _triaged(self, done: set[str]) -> Iterator[dict[str, Any] | Failure]:
        """Article rows to code, triaged in input order as ``Batch`` does without a store,
        and the read failures; articles already written are counted, not read again."""
        opts = self.options
        triage = Triage(LanguageDetector(), NearDuplicates(None))
        items = read_paths(
            self.paths,
            default_date=opts.default_date,
            input_format=opts.input_format,
            columns=opts.columns,
        )
        seq = 0
        for item in items:
            if isinstance(item, InputError):
                self._read["failures"] += 1
                yield Failure(item.origin, READ, item.message)
            elif item.id in done:
                self._read["already_stored"] += 1
            else:
                v = triage(item)
                verdict = {"status": v.status, "reason": v.reason,
                           "duplicate_of": v.duplicate_of, "similarity": v.similarity}  # fmt: skip
                yield article_row(v.article, seq, verdict)
                seq += 1

    def _code(self, ray: Any, feed: Any, pool: int, triage: _Triaging) -> Iterator[Coded | Failure]:
        from resgestae.engine import stream

        data = ray.data.read_datasource(stream.FeedDatasource(feed), num_cpus=0,
                                        override_num_blocks=1)  # fmt: skip
        # each packet on as soon as it is read (resgestae.engine.stream), and in input order
        data.context.target_max_block_size = 1
        data.context.execution_options.preserve_order = True
        coded = data.map_batches(
            stream.PacketCoder,
            fn_constructor_kwargs={
                "options": replace(self.options.pipeline, workers=1),
                "out": self.out,
            },
            batch_size=1,  # a packet: one batch of articles
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=pool),
            num_cpus=1,
        )
        settled = 0  # the batches whose results are back: 0 to settled - 1
        # prefetch_batches=0: a prefetching iterator holds each block back until the next
        # one is there, and the next batch is not sent until this one's results are back
        blocks = iter(coded.iter_batches(batch_size=None, batch_format="pyarrow",
                                         prefetch_batches=0))  # fmt: skip
        try:
            for block in blocks:
                for i, results in stream.unpack(block):
                    if i < settled:  # cannot happen (Ray drops a retry's repeats): be sure
                        continue
                    if i > settled:
                        raise ResgestaeError(_lost(settled))
                    for r in results:
                        yield self._settle(r)
                    settled += 1
                    feed.ack.remote(i)
                    triage.settled()
                yield from triage.notes()
        except ray.exceptions.RayError as exc:  # retried by Ray, and failed every time
            first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise ResgestaeError(
                f"the Ray job failed ({first}); what was written under --out is kept: run the "
                f"same command again to resume"
            ) from None
        finally:
            # the end to the feed before the pipeline closes: closing it waits for the read
            # task, which waits for the next batch or the end
            triage.close()
            blocks.close()
        if triage.error is None and settled != triage.sent:
            raise ResgestaeError(_lost(settled))

    def _settle(self, r: dict[str, Any]) -> Coded | Failure:
        c = self._counts
        if r["error"]:
            c["failures"] += 1
            where = STORE if str(r["error"]).startswith("not written") else CODING
            return Failure(r["origin"] or r["id"], where, r["error"])
        if r["status"] == CODE:
            c["articles"] += 1
            c["sentences"] += int(r["sentences"])
            c["events"] += int(r["events"])
            c["non_political"] += r["topic"] is not None
        else:
            c["other_languages"] += r["status"] == SKIPPED
            c["duplicates"] += r["status"] == DUPLICATE
        return Coded(r["id"], r["status"], tuple(json.loads(r["events_json"])))


class _Triaging:
    """The driver's reading and triage in a thread of its own: article rows go to ``feed``
    in batches numbered from 0, at most ``ahead`` of them not yet settled; read failures
    and a note of every batch sent go to the main thread (``notes``). The end is always
    sent to the feed, whatever stops the thread, so the pipeline never waits for batches
    that will not come; ``close`` stops it early."""

    def __init__(self, items: Iterator[Any], feed: Any, batch_size: int, ahead: int):
        self.items, self.feed, self.batch_size = items, feed, batch_size
        self.sent = 0  # the thread's count
        self.noted = 0  # the batches the main thread has seen noted
        self.ended = False  # the main thread has seen the end noted
        self.error: BaseException | None = None
        self._slots = threading.Semaphore(ahead)
        self._stop = threading.Event()
        self._notes: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="resgestae-triage", daemon=True)
        self._thread.start()

    def notes(self, wait: bool = False) -> Iterator[Failure]:
        """The read failures noted so far, counting the batches and the end noted beside
        them; with ``wait``, first wait for the thread to note something."""
        try:
            note = self._notes.get() if wait else self._notes.get_nowait()
            while True:
                if isinstance(note, Failure):
                    yield note
                elif note == _BATCH:
                    self.noted += 1
                else:
                    self.ended = True
                note = self._notes.get_nowait()
        except queue.Empty:
            return

    def settled(self) -> None:
        """The results of one more batch are back: the thread may send another."""
        self._slots.release()

    def close(self) -> None:
        """Stop the thread (at its next article, or while it waits to send) and wait."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        rows: list[dict[str, Any]] = []
        try:
            for item in self.items:
                if self._stop.is_set():
                    return
                if isinstance(item, Failure):
                    self._notes.put(item)
                    continue
                rows.append(item)
                if len(rows) == self.batch_size:
                    if not self._send(rows):
                        return
                    rows = []
            if rows:
                self._send(rows)
        except BaseException as exc:  # raised on the main thread when the run ends
            self.error = exc
        finally:
            try:
                self.feed.end.remote(self.sent)
            finally:
                self._notes.put(_END)

    def _send(self, rows: list[dict[str, Any]]) -> bool:
        while not self._slots.acquire(timeout=0.1):
            if self._stop.is_set():
                return False
        self.feed.put.remote(self.sent, rows)
        self.sent += 1
        self._notes.put(_BATCH)
        return True


def _lost(settled: int) -> str:
    return (
        f"the Ray job returned no results for batch {settled} and on; what was written under "
        f"--out is kept: run the same command again to code the rest"
    )


def ray_ingest(
    paths: Sequence[str | Path],
    out: str,
    options: BatchOptions | None = None,
    **ray_options: Any,
) -> tuple[Summary, tuple[Failure, ...]]:
    """Code ``paths`` on Ray into the Parquet folder ``out``, to the end: the summary and
    what failed. Running it again writes nothing twice and codes what is missing."""
    batch = RayBatch(paths, options, out=out, **ray_options)
    failures = tuple(item for item in batch if isinstance(item, Failure))
    return batch.summary, failures


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise ResgestaeError(INSTALL) from None
    return ray


def _init(ray: Any, address: str | None, num_cpus: int | None) -> None:
    """Join the cluster at ``address``, or start a local one, quietly: the summary and the
    failures are what a run prints."""
    kwargs: dict[str, Any] = {"address": address, "logging_level": logging.WARNING,
                              "log_to_driver": False}  # fmt: skip
    if address is None:  # "local": a Ray of its own, never a cluster found running here
        kwargs.update(address="local", include_dashboard=False, num_cpus=num_cpus)
    try:
        ray.init(**kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ResgestaeError(
            f"cannot reach the Ray cluster at {address} ({exc}); start it with `ray start "
            f"--head` or give its address (host:6379, ray://host:10001 or auto)"
        ) from None
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # per-dataset INFO lines
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = True  # events come out in input order
    ctx.verbose_stats_logs = False
