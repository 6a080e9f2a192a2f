"""The system under evaluation: the real pipeline, its resources loaded once, parses cached.

Scorers call these methods and never touch spaCy or the stages directly, so a test can hand a
scorer a stand-in with the same methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path

from resgestae.eval.cache import parse_cached
from resgestae.types import Article, Event, Location, Parsed, Timex, Toponym

__all__ = ["System"]


class System:
    """Loads only what a kind needs: the parser always, the gazetteer for geo, the full
    ``pipeline.Resources`` for event coding."""

    def __init__(
        self,
        model: str | None = None,
        options=None,
        cache: Path | None = None,
        progress=None,
    ):
        self._model = model
        self._options = options  # pipeline.Options; built from ``model`` when not given
        self._cache = cache
        self._progress = progress  # callable(iterable, total, desc) -> iterable, or None

    @property
    def model(self) -> str:
        from resgestae.nlp import DEFAULT_MODEL

        if self._options is not None:
            return self._options.model
        return self._model or DEFAULT_MODEL

    @cached_property
    def nlp(self):
        from resgestae.nlp import load_model

        return load_model(self.model)

    @cached_property
    def gazetteer(self):
        from resgestae import geo

        return geo.load_gazetteer()

    @cached_property
    def resources(self):
        from resgestae.pipeline import Options, Resources

        return Resources.load(self._options or Options(model=self.model))

    def parse(self, articles: Sequence[Article], desc: str = "parsing") -> Iterator[Parsed]:
        batch = self._options.batch_size if self._options else 32
        stream: Iterable[Parsed] = parse_cached(
            articles, self.nlp, model=self.model, batch_size=batch, root=self._cache
        )
        if self._progress:
            stream = self._progress(stream, len(articles), desc)
        return iter(stream)

    def output(self, articles: Sequence[Article], desc: str = "coding") -> list[tuple[Event, ...]]:
        """The events ``resgestae code`` emits for each article: the same triage (an article
        not in English or a near-duplicate of an earlier one is not coded, so has none), then
        the pipeline on the cached parse."""
        from resgestae.ingest.dedup import NearDuplicates
        from resgestae.ingest.lang import LanguageDetector
        from resgestae.ingest.triage import CODE, Triage

        triage = Triage(LanguageDetector(), NearDuplicates())
        verdicts = [triage(a) for a in articles]
        coded = iter(self.parse([v.article for v in verdicts if v.status == CODE], desc))
        return [self.result(next(coded)).events if v.status == CODE else () for v in verdicts]

    @cached_property
    def candidates(self):
        """The resources with no output threshold: every event the coder admits, at any
        confidence."""
        from dataclasses import replace

        res = self.resources
        return replace(res, options=replace(res.options, min_confidence=0.0))

    def events(self, parsed: Parsed) -> tuple[Event, ...]:
        """The candidate events of a sentence-level record, at any confidence: those gold sets
        hold one event per sentence and score the best candidate (how it is typed and who
        takes part), not whether the system emits it, which the article set measures."""
        return self.result(parsed, every=True).events

    def result(self, parsed: Parsed, *, every: bool = False):
        """The pipeline's whole ``ArticleResult``: events and article contexts; ``every``: at
        any confidence, not only those ``resgestae code`` emits."""
        from resgestae.pipeline import code_parsed

        return code_parsed(parsed, self.candidates if every else self.resources)

    def timexes(self, parsed: Parsed, anchor: dt.date | None) -> tuple[Timex, ...]:
        from resgestae import dates

        return tuple(dates.find_timexes(parsed, anchor))

    def toponyms(self, parsed: Parsed, **convention: bool) -> tuple[Toponym, ...]:
        """``convention``: the corpus' recognition switches (``adjectives``, ``embedded``), passed
        by the geo scorer from the corpus format; the pipeline's defaults otherwise."""
        from resgestae import geo

        return tuple(geo.find_toponyms(parsed, self.gazetteer, **convention))

    def resolve(
        self, parsed: Parsed, start: int, end: int, toponyms: Sequence[Toponym]
    ) -> Location | None:
        from resgestae import geo

        return geo.resolve_span(parsed, start, end, self.gazetteer, tuple(toponyms))
