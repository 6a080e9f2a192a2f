"""What to do with each article before parsing: code it, skip it (not English), or link it to
the original it nearly duplicates; and the ordering that keeps a store a clean prefix of the
input, so an interrupted run resumes by skipping what is stored."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from resgestae.ingest.dedup import NearDuplicates
from resgestae.ingest.lang import LanguageDetector
from resgestae.types import Article

CODE, SKIPPED, DUPLICATE = "coded", "skipped", "duplicate"
LANGUAGES = ("en",)  # what the pipeline codes today

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What to do with one article (``status``), and why: the language ``reason`` of a
    skipped one, the original a duplicate matches, the signature of one to code."""

    article: Article  # with ``language`` set when detected
    status: str  # CODE | SKIPPED | DUPLICATE
    reason: str | None = None  # why it was skipped: "language:pt"
    duplicate_of: str | None = None
    similarity: float | None = None
    signature: np.ndarray | None = None  # MinHash, indexed with the article when stored


class Triage:
    """``triage(article) -> Verdict``. ``detector`` None codes every language; ``dedup`` None
    links no near-duplicates."""

    def __init__(
        self,
        detector: LanguageDetector | None,
        dedup: NearDuplicates | None,
        languages: Iterable[str] = LANGUAGES,
    ):
        self.detector, self.dedup, self.languages = detector, dedup, tuple(languages)

    def __call__(self, article: Article) -> Verdict:
        if self.detector is not None:
            lang = self.detector.detect(article.text).code
            article = _with_language(article, lang)
            if lang is not None and lang not in self.languages:
                return Verdict(article, SKIPPED, reason=f"language:{lang}")
        if self.dedup is None:
            return Verdict(article, CODE)
        match, sig = self.dedup.triage(article.id, article.text)
        if match is not None:
            return Verdict(article, DUPLICATE, "near-duplicate", match.original, match.similarity)
        return Verdict(article, CODE, signature=sig)


def _with_language(article: Article, lang: str | None) -> Article:
    from dataclasses import replace

    return replace(article, language=lang)


def in_order(
    verdicts: Iterable[Verdict], code: Callable[[Iterable[Article]], Iterator[R]]
) -> Iterator[tuple[Verdict, R | None]]:
    """``(verdict, result)`` in input order: ``code`` runs over the articles to code (results
    in the same order, as ``pipeline.run`` gives them) and the others pass with None. So a
    near-duplicate is never stored before its original, whatever the parser's batch size."""
    queue: deque[Verdict] = deque()

    def to_code() -> Iterator[Article]:
        for v in verdicts:
            queue.append(v)
            if v.status == CODE:
                yield v.article

    for result in code(to_code()):
        while queue[0].status != CODE:
            yield queue.popleft(), None
        yield queue.popleft(), result
    while queue:
        yield queue.popleft(), None


__all__ = ["CODE", "DUPLICATE", "SKIPPED", "Triage", "Verdict", "in_order"]
