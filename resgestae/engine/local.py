"""``--workers N`` on one machine: each of N processes runs the whole pipeline (parse and
coding) over chunks of articles, and the results come back in input order.

spaCy's own ``n_process`` parallelises only the parse: the Docs travel back to the main
process as bytes, which then copies them into plain records and codes them alone, a quarter
of the work or more on one core while the parsers wait for it, so two workers ran no faster
than one. Here the main process only reads and stores.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from resgestae.pipeline import ArticleResult, Options, Resources
    from resgestae.types import Article

__all__ = ["CHUNK", "run_parallel"]

# Articles per task: one parse batch of the pipeline's; chunks of 8 cost a worker a fifth more
# CPU an article (bench/scale.py), more than an uneven share of a short batch costs.
CHUNK = 32
AHEAD = 3  # chunks in flight per worker: enough to keep each busy, few held in memory

_resources: Resources | None = None  # the worker process's own


def run_parallel(
    articles: Iterable[Article], res: Resources, workers: int | None = None
) -> Iterator[ArticleResult]:
    """``pipeline.run`` over ``workers`` processes (``res.options.workers`` by default),
    results in input order. Where processes fork (Linux) they start with ``res`` already
    loaded; elsewhere each loads its own."""
    workers = workers or res.options.workers
    single = replace(res, options=replace(res.options, workers=1))
    forks = sys.platform.startswith("linux")
    ctx = mp.get_context("fork" if forks else "spawn")
    init_args: tuple[Resources | None, Options] = (single if forks else None, single.options)
    stream = iter(articles)
    with ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init, initargs=init_args
    ) as pool:
        pending: deque[Future[list[ArticleResult]]] = deque()
        try:
            while True:
                while len(pending) < workers * AHEAD and (chunk := list(islice(stream, CHUNK))):
                    pending.append(pool.submit(_code, chunk))
                if not pending:
                    return
                yield from pending.popleft().result()
        finally:  # stopped early (an error, Ctrl-C): don't code what nobody will read
            for future in pending:
                future.cancel()


def _init(res: Resources | None, options: Options) -> None:
    global _resources
    if res is None:
        from resgestae.pipeline import Resources

        res = Resources.load(options)
    _resources = res


def _code(chunk: list[Article]) -> list[ArticleResult]:
    from resgestae.pipeline import run

    assert _resources is not None
    return list(run(chunk, _resources))
