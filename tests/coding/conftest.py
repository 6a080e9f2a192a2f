from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from resgestae.nlp import to_parsed
from resgestae.pipeline import Options, Resources, code_parsed
from resgestae.types import Article, Event


@pytest.fixture(scope="session")
def resources():
    """The shipped resources with no output threshold: these tests are about what the coder
    finds and how it codes it; which confidence is emitted is tested on its own."""
    return Resources.load(Options(min_confidence=0.0))


@pytest.fixture(scope="session")
def coder():
    """coder(resources) -> code(text): the article's events, through every stage after the
    real parse, with those resources."""

    def make(res: Resources):
        def _code(text: str, published: dt.date | None = dt.date(2024, 3, 15)) -> list[Event]:
            article = Article(id="t", text=text, published=published)
            parsed = to_parsed(res.nlp(text), article, "test")
            return list(code_parsed(parsed, res).events)

        return _code

    return make


@pytest.fixture(scope="session")
def code(resources, coder):
    """code(text) -> the article's events, through every stage after the real parse."""
    return coder(resources)


@pytest.fixture(scope="session")
def code_raw(resources, coder):
    """Like ``code``, without a calibration: events keep the coder's raw confidence."""
    return coder(replace(resources, calibration=None))
