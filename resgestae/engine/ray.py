"""Coding on a Ray cluster: ``RayBatch`` reads and triages the inputs on the driver exactly
as ``resgestae.batch.Batch`` does (the same readers, language check and near-duplicates, in
input order), then codes them with a Ray Data pipeline, ``map_batches`` over a pool of
actors sized to the cluster, each loading the resources once (``BatchCoder``), and writes
articles and mentions as Parquet by month under ``out`` (``resgestae.engine.parquet``).

Ray retries the batch of an actor that dies on a new one; its files are named by its article
ids, so the retry replaces them and nothing is written twice. Articles whose ids are already
under ``out`` are not read again. Ray is an optional extra: this module imports it only when
a batch runs.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from resgestae.batch.options import BatchOptions
from resgestae.batch.records import CODING, READ, STORE, Failure, Summary
from resgestae.engine import parquet
from resgestae.engine.coder import BatchCoder, article_row
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
WAVE = 50_000  # articles read ahead into the cluster at a time (bounds the driver's memory)


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
    parallel, ``batch_size`` articles at a time."""

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
        wave: int = WAVE,
    ):
        if actors is not None and actors < 1:
            raise OptionError(f"actors is {actors}; give 1 or more")
        self.paths = [str(p) for p in paths]
        self.options = options if options is not None else BatchOptions()
        self.out, self.address, self.num_cpus = out, address, num_cpus
        self.actors, self.batch_size, self.wave = actors, batch_size, wave
        self._counts: Counter[str] = Counter()
        self._started: float | None = None
        self._ended: float | None = None

    @property
    def summary(self) -> Summary:
        return Summary.of_run(self._counts, self._started, self._ended)

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
            wave: list[dict[str, Any]] = []
            for item in self._triaged(done):
                if isinstance(item, Failure):
                    yield item
                    continue
                wave.append(item)
                if len(wave) >= self.wave:
                    yield from self._code(ray, wave, actors)
                    wave = []
            if wave:
                yield from self._code(ray, wave, actors)
        finally:
            self._ended = time.perf_counter()
            if started_ray:
                ray.shutdown()

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
                self._counts["failures"] += 1
                yield Failure(item.origin, READ, item.message)
            elif item.id in done:
                self._counts["already_stored"] += 1
            else:
                v = triage(item)
                verdict = {"status": v.status, "reason": v.reason,
                           "duplicate_of": v.duplicate_of, "similarity": v.similarity}  # fmt: skip
                yield article_row(v.article, seq, verdict)
                seq += 1

    def _code(self, ray: Any, rows: list[dict[str, Any]], actors: int) -> Iterator[Coded | Failure]:
        batches = -(-len(rows) // self.batch_size)
        # a block per batch: an actor takes blocks, so fewer blocks than actors idle some
        data = ray.data.from_items(rows, override_num_blocks=batches)
        coded = data.map_batches(
            BatchCoder,
            fn_constructor_kwargs={
                "options": replace(self.options.pipeline, workers=1),
                "out": self.out,
            },
            batch_size=self.batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(actors, batches)),
            num_cpus=1,
        )
        try:
            for r in coded.iter_rows():
                yield self._settle(r)
        except ray.exceptions.RayError as exc:  # retried by Ray, and failed every time
            first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise ResgestaeError(
                f"the Ray job failed ({first}); what was written under --out is kept: run the "
                f"same command again to resume"
            ) from None

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
