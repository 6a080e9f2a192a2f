"""What a batch yields and reports: an ``Outcome`` per article, a ``Failure`` per input or
article it could not read, code or store, and the ``Summary`` of the counts."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from resgestae.ingest.triage import Verdict
from resgestae.pipeline import ArticleResult
from resgestae.types import Article, Event

__all__ = ["CODING", "ORIGINAL", "READ", "STORE", "Failure", "Outcome", "Report", "Summary"]

# Failure.where: the step that failed
READ = "read"  # the input could not be read as an article
CODING = "coding"  # the pipeline failed on the article
STORE = "store"  # the database refused the article
ORIGINAL = "original"  # a near-duplicate of an article that failed, so not linked to it


@dataclass(frozen=True, slots=True)
class Failure:
    """An input or article the batch could not handle; nothing of it was stored, so running
    the batch again (once the cause is fixed) handles it."""

    path: str  # where it was read from ("path", "path:line", "path:record 3"), else its id
    where: str  # READ, CODING, STORE or ORIGINAL
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One article, triaged (``verdict``: coded, skipped for its language, or a
    near-duplicate), coded when its verdict says so (``result``, else None), and stored when
    the batch has a store."""

    verdict: Verdict
    result: ArticleResult | None = None

    @property
    def article(self) -> Article:
        """The article, with its detected language."""
        return self.verdict.article

    @property
    def status(self) -> str:
        """``coded``, ``skipped`` or ``duplicate`` (``resgestae.ingest.triage``)."""
        return self.verdict.status

    @property
    def events(self) -> tuple[Event, ...]:
        """The article's events; none when it was not coded."""
        return self.result.events if self.result is not None else ()


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts of a batch so far: coded ``articles`` with their ``sentences`` and
    ``events``, ``failures``, articles ``already_stored`` (not read again), articles in
    ``other_languages`` and ``duplicates`` (neither coded), coded articles of a
    ``non_political`` topic (sports, markets...: no events), and the ``seconds`` spent
    coding."""

    articles: int = 0
    sentences: int = 0
    events: int = 0
    failures: int = 0
    already_stored: int = 0
    other_languages: int = 0
    duplicates: int = 0
    non_political: int = 0
    seconds: float = 0.0

    @classmethod
    def of_run(
        cls, counts: Mapping[str, int], started: float | None, ended: float | None
    ) -> Summary:
        """The summary of a run with these ``counts``, started and (when it has) ended at
        these ``time.perf_counter()`` readings; not started: no seconds yet."""
        seconds = 0.0
        if started is not None:
            seconds = (ended or time.perf_counter()) - started
        return cls(**counts, seconds=seconds)

    def line(self) -> str:
        """The one-line summary `resgestae code` and `ingest` print on stderr."""
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        extra = [
            f"{self.other_languages} not in English (skipped)" if self.other_languages else "",
            f"{self.duplicates} near-duplicates" if self.duplicates else "",
            f"{self.already_stored} already stored" if self.already_stored else "",
            f"{self.non_political} not about politics (no events)" if self.non_political else "",
        ]
        return (
            f"{self.articles} articles, {self.sentences} sentences, {self.events} events, "
            f"{self.failures} failures{''.join(f', {x}' for x in extra if x)}; "
            f"{rate:.1f} articles/s ({self.seconds:.1f} s)"
        )

    def counts(self) -> dict[str, int]:
        """The counts a store records for a run (``Store.finish_run``)."""
        return {
            "articles": self.articles,
            "events": self.events,
            "skipped": self.other_languages,
            "duplicates": self.duplicates,
            "failures": self.failures,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """A finished batch: its ``summary`` and every ``failure``, in the order they arose."""

    summary: Summary
    failures: tuple[Failure, ...] = ()
