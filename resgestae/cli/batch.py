"""Running the pipeline over paths for a command: input errors reported as they come, a
progress bar and a closing summary on stderr, and the exit code."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click
from tqdm import tqdm

from resgestae.errors import InputError, ResgestaeError
from resgestae.ingest import read_paths
from resgestae.types import Article

if TYPE_CHECKING:
    from resgestae.pipeline import ArticleResult


@dataclass
class Summary:
    articles: int = 0
    sentences: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        rate = self.articles / seconds if seconds > 0 else 0.0
        skipped = f", {self.skipped} already stored" if self.skipped else ""
        return (
            f"{self.articles} articles, {self.sentences} sentences, {self.events} events, "
            f"{self.failures} failures{skipped}; {rate:.1f} articles/s ({seconds:.1f} s)"
        )


class Batch:
    """``Batch(paths, ...).results()`` codes every readable article; ``finish()`` prints the
    summary and exits with 1 if any input failed."""

    def __init__(
        self,
        paths: Sequence[str],
        *,
        model: str,
        workers: int = 1,
        lexicons: Sequence[Path] = (),
        default_date: dt.date | None = None,
        quiet: bool = False,
        skip: Callable[[str], bool] | None = None,
    ):
        # Imported here, not at the top: the pipeline pulls in spaCy, which `--help` and
        # `events` should not wait for.
        from resgestae.pipeline import Options, Resources

        self.paths, self.default_date, self.quiet, self.skip = paths, default_date, quiet, skip
        self.summary = Summary()
        options = Options(model=model, workers=workers, lexicons=tuple(lexicons))
        try:
            self.resources = Resources.load(options)
        except ResgestaeError as exc:
            raise click.ClickException(str(exc)) from exc

    def results(self) -> Iterator[ArticleResult]:
        from resgestae.pipeline import run

        s = self.summary
        s.started = time.perf_counter()  # after loading the model: the rate is coding speed
        bar = tqdm(unit=" articles", file=sys.stderr, disable=self.quiet or not _tty())
        try:
            for result in run(self._articles(), self.resources):
                s.articles += 1
                s.sentences += result.sentences
                s.events += len(result.events)
                bar.update()
                yield result
        finally:
            bar.close()

    def _articles(self) -> Iterator[Article]:
        for item in read_paths(self.paths, default_date=self.default_date):
            if isinstance(item, InputError):
                self.summary.failures += 1
                tqdm.write(f"error: {item.origin}: {item.message}", file=sys.stderr)
            elif self.skip and self.skip(item.id):
                self.summary.skipped += 1
            else:
                yield item

    def finish(self) -> None:
        if not self.quiet:
            click.echo(self.summary.line(), err=True)
        if self.summary.failures:
            click.get_current_context().exit(1)


def _tty() -> bool:
    return sys.stderr.isatty()
