"""``--engine ray`` for `resgestae code` and `ingest`: a thin wrapper over
``resgestae.engine.ray`` (failures printed on stderr as they come, the summary, the exit
code), kept apart so the local commands never import it."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import click

from resgestae import output
from resgestae.cli.options import one_line_errors


def run_ray(
    paths: tuple[str, ...],
    options: Mapping[str, Any],
    *,
    address: str | None,
    quiet: bool,
    out: str | None = None,
    fmt: str | None = None,
) -> None:
    """Code ``paths`` on Ray: print the events (``out`` None, as `code` does) or write them
    to the Parquet folder ``out`` (as `ingest` does)."""
    from resgestae.batch import BatchOptions, Failure
    from resgestae.engine.ray import RayBatch

    opts = dict(options)
    opts.pop("workers", None)  # Ray's actors are the workers
    with one_line_errors():
        batch = RayBatch(paths, BatchOptions(**opts), out=out, address=address)

    def events():
        with one_line_errors():
            for item in batch:
                if isinstance(item, Failure):
                    click.echo(f"error: {item}", err=True)
                else:
                    yield from item.events

    if out is None:
        output.write(events(), fmt or output.default_format(sys.stdout), sys.stdout)
    else:
        for _ in events():
            pass
    summary = batch.summary
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.failures:
        click.get_current_context().exit(1)
