"""Running the pipeline over paths for a command: input errors reported as they come, language
and near-duplicate triage, a progress bar and a closing summary on stderr, and the exit code."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click
from tqdm import tqdm

from resgestae.errors import InputError, ResgestaeError
from resgestae.ingest import read_paths
from resgestae.ingest.dedup import NearDuplicates
from resgestae.ingest.lang import LanguageDetector
from resgestae.ingest.triage import CODE, DUPLICATE, SKIPPED, Triage, Verdict, in_order
from resgestae.types import Article

if TYPE_CHECKING:
    from resgestae.pipeline import ArticleResult
    from resgestae.store import Store


@dataclass
class Summary:
    articles: int = 0
    sentences: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0  # already stored
    languages: int = 0  # not English: not coded (stored as skipped by `ingest`)
    duplicates: int = 0  # near-duplicates of an earlier article: not coded, linked
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        rate = self.articles / seconds if seconds > 0 else 0.0
        extra = [
            f"{self.languages} not in English (skipped)" if self.languages else "",
            f"{self.duplicates} near-duplicates" if self.duplicates else "",
            f"{self.skipped} already stored" if self.skipped else "",
        ]
        return (
            f"{self.articles} articles, {self.sentences} sentences, {self.events} events, "
            f"{self.failures} failures{''.join(f', {x}' for x in extra if x)}; "
            f"{rate:.1f} articles/s ({seconds:.1f} s)"
        )

    def counts(self) -> dict[str, int]:
        return {
            "articles": self.articles,
            "events": self.events,
            "skipped": self.languages,
            "duplicates": self.duplicates,
            "failures": self.failures,
        }


class Batch:
    """``Batch(paths, ...).records()`` triages and codes every readable article, storing each
    in ``store`` when one is given; ``finish()`` prints the summary and exits with 1 if any
    input failed."""

    def __init__(
        self,
        paths: Sequence[str],
        *,
        model: str,
        workers: int = 1,
        lexicons: Sequence[Path] = (),
        default_date: dt.date | None = None,
        input_format: str | None = None,
        columns: Mapping[str, str] | None = None,
        quiet: bool = False,
        store: Store | None = None,
    ):
        # Imported here, not at the top: the pipeline pulls in spaCy, which `--help` and
        # `events` should not wait for.
        from resgestae.pipeline import Options, Resources

        self.paths, self.quiet, self.store = paths, quiet, store
        self.read = {"default_date": default_date, "input_format": input_format,
                     "columns": columns}  # fmt: skip
        self.summary = Summary()
        options = Options(model=model, workers=workers, lexicons=tuple(lexicons))
        try:
            self.resources = Resources.load(options)
        except ResgestaeError as exc:
            raise click.ClickException(str(exc)) from exc
        self.dedup = NearDuplicates(store.near_candidates if store is not None else None)
        # With a store, an id read twice is caught by ``store.has`` once its first copy is
        # stored, and by this set while that copy is still being coded: memory stays flat.
        self._in_flight: set[str] = set()
        self._failed: set[str] = set()  # ids not stored this run: no original for a copy
        self.triage = Triage(LanguageDetector(), self.dedup)

    def results(self) -> Iterator[ArticleResult]:
        """The coded articles only."""
        for _, result in self.records():
            if result is not None:
                yield result

    def records(self) -> Iterator[tuple[Verdict, ArticleResult | None]]:
        """Every article in input order, with its result when it was coded."""
        from resgestae.pipeline import run

        s = self.summary
        s.started = time.perf_counter()  # after loading the model: the rate is coding speed
        bar = tqdm(unit=" articles", file=sys.stderr, disable=self.quiet or not _tty())
        try:
            verdicts = (self.triage(a) for a in self._articles())
            for verdict, result in in_order(verdicts, lambda arts: run(arts, self.resources)):
                self._in_flight.discard(verdict.article.id)
                error = result.error if result is not None else None
                if verdict.duplicate_of in self._failed:  # triaged before its original failed
                    error = f"a near-duplicate of {verdict.duplicate_of}, which was not stored"
                if error is None and self.store is not None:
                    error = self._save(verdict, result)
                if error:
                    # Not stored, so the next run codes (or stores) it again.
                    self._failed.add(verdict.article.id)
                    self.dedup.forget(verdict.article.id)  # no original for later copies
                    s.failures += 1
                    origin = verdict.article.origin or verdict.article.id
                    tqdm.write(f"error: {origin}: {error}", file=sys.stderr)
                    bar.update()
                    continue
                if result is not None:
                    s.articles += 1
                    s.sentences += result.sentences
                    s.events += len(result.events)
                else:
                    s.languages += verdict.status == SKIPPED
                    s.duplicates += verdict.status == DUPLICATE
                bar.update()
                yield verdict, result
        finally:
            bar.close()

    def _save(self, verdict: Verdict, result: ArticleResult | None) -> str | None:
        """Store one article; an error message if the database refused it (its transaction
        rolled back, so a later run stores it). A fatal error, after which DuckDB accepts
        nothing more, stops the batch."""
        import duckdb

        store, article = self.store, verdict.article
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
        except duckdb.FatalException:
            raise
        except duckdb.Error as exc:
            return f"not stored: {exc}"
        self.dedup.forget(article.id)  # the store's index has it now
        return None

    def _articles(self) -> Iterator[Article]:
        store = self.store
        for item in read_paths(self.paths, **self.read, unique=store is None):
            if isinstance(item, InputError):
                self.summary.failures += 1
                tqdm.write(f"error: {item.origin}: {item.message}", file=sys.stderr)
            elif store is None:
                yield item
            elif item.id in self._in_flight or store.has(item.id):
                self.summary.skipped += 1  # stored already, or being coded: one article
            else:
                self._in_flight.add(item.id)
                yield item

    def finish(self) -> None:
        if not self.quiet:
            click.echo(self.summary.line(), err=True)
        if self.summary.failures:
            click.get_current_context().exit(1)


def _tty() -> bool:
    return sys.stderr.isatty()
