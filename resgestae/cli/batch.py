"""Running a library ``Batch`` for a command: each failure printed on stderr as it comes, a
progress bar, the closing summary, and the exit code. The batch itself (read, triage, code,
store) is ``resgestae.batch``."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from resgestae.cli.options import one_line_errors

if TYPE_CHECKING:  # resgestae.batch loads the pipeline, which `--help` need not wait for
    from resgestae.batch import Batch, Outcome
    from resgestae.store import Store


def open_batch(
    paths: Sequence[str], options: Mapping[str, Any], store: Store | None = None
) -> Batch:
    """The batch for a command's PATH... and ``input_options`` (without ``quiet``)."""
    from resgestae.batch import Batch, BatchOptions

    with one_line_errors():
        return Batch(paths, BatchOptions(**options), store=store)


def outcomes(batch: Batch, quiet: bool) -> Iterator[Outcome]:
    """The batch's outcomes, with its failures printed on stderr as they come and a progress
    bar there when it is a terminal (and not ``quiet``)."""
    from tqdm import tqdm

    from resgestae.batch.records import READ, Failure

    bar = tqdm(unit=" articles", file=sys.stderr, disable=quiet or not sys.stderr.isatty())
    try:
        with one_line_errors():
            for item in batch:
                if isinstance(item, Failure):
                    tqdm.write(f"error: {item}", file=sys.stderr)
                    if item.where == READ:  # not an article: the bar counts articles
                        continue
                else:
                    yield item
                bar.update()
    finally:
        bar.close()


def finish(batch: Batch, quiet: bool) -> None:
    """Print the summary (unless ``quiet``); exit with 1 if any input failed."""
    summary = batch.summary
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.failures:
        click.get_current_context().exit(1)
