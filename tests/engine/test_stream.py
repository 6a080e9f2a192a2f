"""The feed between the driver's triage and the cluster's read task: batches by number, held
until acknowledged, so a read task that Ray retries from the start gets the same batch for
the same number (or, for a batch already settled, word that it is gone), never the next."""

from __future__ import annotations

import asyncio

import pytest

pytestmark = pytest.mark.usefixtures("needs_ray")


def test_a_retried_reader_gets_the_same_batches_by_number_and_gone_for_the_settled():
    from resgestae.engine.stream import END, GONE, Feed

    async def run() -> list:
        feed = Feed()
        await feed.put(0, [{"seq": 0}])
        await feed.put(1, [{"seq": 1}])
        first = [await feed.get(0), await feed.get(1)]
        await feed.ack(0)  # the driver has batch 0's results
        waiting = asyncio.ensure_future(feed.get(2))  # the reader is ahead of the triage
        await asyncio.sleep(0.01)
        assert not waiting.done()
        await feed.put(2, [{"seq": 2}])
        await feed.end(3)
        retried = [await feed.get(i) for i in range(4)]  # a retry starts again at 0
        return [first, await waiting, retried]

    first, waited, retried = asyncio.run(run())
    assert first == [[{"seq": 0}], [{"seq": 1}]]
    assert waited == [{"seq": 2}]
    assert retried == [GONE, [{"seq": 1}], [{"seq": 2}], END]


def test_the_end_comes_whatever_the_order_the_last_batches_arrive_in():
    from resgestae.engine.stream import END, Feed

    async def run() -> list:
        feed = Feed()
        await feed.end(2)  # sent by the triage thread after batch 1, but arrived first
        late = asyncio.ensure_future(feed.get(1))
        await feed.put(1, [{"seq": 1}])
        return [await late, await feed.get(2)]

    assert asyncio.run(run()) == [[{"seq": 1}], END]


def test_a_packet_is_one_row_and_unpacks_to_its_number_and_rows():
    from resgestae.engine.stream import packet, unpack

    rows = [{"id": "a", "text": "Ação em Lisboa", "similarity": None}, {"id": "b", "seq": 3}]
    block = packet(7, rows)
    assert block.num_rows == 1
    assert list(unpack(block)) == [(7, rows)]
