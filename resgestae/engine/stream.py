"""The cluster's side of a streamed Ray run: the batches the driver triages reach the coding
actors while it triages the next ones. Imports Ray; ``resgestae.engine.ray`` imports this
module only when a run starts.

- ``Feed``, a Ray actor on the driver's node, holds each batch by its number until the
  driver has its results back (``ack``), and says when there are no more (``end``).
- ``FeedDatasource`` is a Ray Data datasource of one read task, which asks the feed for batch 0,
  1, 2... and yields each as a block of one row (``packet``).
- ``PacketCoder``, what every actor of the pool runs, codes the articles of a packet
  (``BatchCoder``) and returns their results as a packet too.

Why by number and not a queue drained once: Ray retries a read task whose worker dies, and a
retried generator runs from the start, its first outputs dropped as already seen up to where
the first attempt got. A queue would hand the retry the next batches, to be dropped as seen
(tried here on Ray 2.60: 11 batches of 30 lost, silently). The feed hands it the same batch
for the same number instead: those still held, and an empty packet for those the driver has
its results of, which Ray drops anyway.

Why a packet is one row: Ray Data gathers what a read task yields into blocks of up to its
``target_max_block_size`` (128 MB) before passing them on, so a stream of small blocks waits
for the end of the stream; a dataset whose target is 1 byte passes each block on as soon as
it is yielded, and a block of one row is never cut smaller.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

import pyarrow as pa
import ray
from ray.data.block import BlockMetadata
from ray.data.datasource import Datasource, ReadTask
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

from resgestae.engine.coder import BatchCoder

__all__ = ["Feed", "FeedDatasource", "PacketCoder", "open_feed", "packet", "packets", "unpack"]

GONE = "gone"  # what the feed answers for a batch whose results the driver has
END = "end"  # and for a number past the last batch


class Feed:
    """Batches by number, from ``put`` until ``ack``: ``get(i)`` waits for batch ``i`` and
    returns its rows, ``GONE`` once acknowledged, ``END`` past the last (``end(total)``)."""

    def __init__(self) -> None:
        self.rows: dict[int, list[dict[str, Any]]] = {}
        self.total: int | None = None
        self.acked = -1  # every batch up to this one has its results back on the driver
        self.changed = asyncio.Condition()

    async def put(self, i: int, rows: list[dict[str, Any]]) -> None:
        """Hold batch ``i`` until it is acknowledged."""
        async with self.changed:
            self.rows[i] = rows
            self.changed.notify_all()

    async def end(self, total: int) -> None:
        """There are ``total`` batches, numbered from 0."""
        async with self.changed:
            self.total = total
            self.changed.notify_all()

    async def ack(self, i: int) -> None:
        """The driver has the results of every batch up to ``i``: let them go."""
        async with self.changed:
            for k in [k for k in self.rows if k <= i]:
                del self.rows[k]
            self.acked = max(self.acked, i)
            self.changed.notify_all()

    async def get(self, i: int) -> list[dict[str, Any]] | str:
        """Batch ``i``'s rows, ``GONE`` or ``END``, waiting until one of them holds."""
        async with self.changed:
            await self.changed.wait_for(lambda: self._answer(i) is not None)
            answer = self._answer(i)
            assert answer is not None
            return answer

    def _answer(self, i: int) -> list[dict[str, Any]] | str | None:
        if i in self.rows:
            return self.rows[i]
        if i <= self.acked:
            return GONE
        if self.total is not None and i >= self.total:
            return END
        return None


def open_feed() -> Any:
    """A ``Feed`` actor for one run, taking no CPU from the coders, on the driver's node when
    it can: it is not restarted (what it holds came from the driver), so only losing the
    driver's own node should lose it."""
    here = ray.get_runtime_context().get_node_id()
    return (
        ray.remote(Feed)
        .options(num_cpus=0, scheduling_strategy=NodeAffinitySchedulingStrategy(here, soft=True))
        .remote()
    )


def packet(i: int, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Batch ``i`` as a block of one row: its number and its rows as JSON."""
    return packets([(i, rows)])


def packets(batches: Iterable[tuple[int, Sequence[Mapping[str, Any]]]]) -> pa.Table:
    """Numbered batches as a block of a row each (``packet``)."""
    numbers, rows = [], []
    for i, batch in batches:
        numbers.append(i)
        rows.append(json.dumps(list(batch), ensure_ascii=False))
    return pa.table({"batch": numbers, "rows": rows})


def unpack(table: pa.Table) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """(number, rows) of every packet in ``table``."""
    yield from zip(
        table["batch"].to_pylist(), map(json.loads, table["rows"].to_pylist()), strict=True
    )


def _read(feed: Any) -> Iterator[pa.Table]:
    i = 0
    while (got := ray.get(feed.get.remote(i))) != END:
        yield packet(i, [] if got == GONE else got)  # a GONE packet: a retry, dropped by Ray
        i += 1


class FeedDatasource(Datasource):
    """The batches of ``feed`` in order, as a Ray Data datasource of one read task."""

    def __init__(self, feed: Any):
        super().__init__()
        self.feed = feed

    def estimate_inmemory_data_size(self) -> int | None:
        return None  # not known until the inputs are read

    def get_read_tasks(
        self, parallelism: int, per_task_row_limit: int | None = None, data_context: Any = None
    ) -> list[ReadTask]:
        """One task whatever the parallelism (and no row limit: a run reads every batch):
        batches come out of the feed in order."""
        meta = BlockMetadata(num_rows=None, size_bytes=None, input_files=None, exec_stats=None)
        return [ReadTask(partial(_read, self.feed), meta)]


class PacketCoder(BatchCoder):
    """A ``BatchCoder`` taking and giving packets: the rows of each batch in, their results
    (``BatchCoder.code``) out as a packet of the same number."""

    def __call__(self, batch: Any) -> pa.Table:
        return packets((i, self.code(rows)) for i, rows in unpack(batch))
