from __future__ import annotations

import datetime as dt

import pytest

from resgestae.nlp import to_parsed
from resgestae.pipeline import Options, Resources, code_parsed
from resgestae.types import Article, Event


@pytest.fixture(scope="session")
def resources():
    return Resources.load(Options())


@pytest.fixture(scope="session")
def code(resources):
    """code(text) -> the article's events, through every stage after the real parse."""

    def _code(text: str, published: dt.date | None = dt.date(2024, 3, 15)) -> list[Event]:
        article = Article(id="t", text=text, published=published)
        parsed = to_parsed(resources.nlp(text), article, "test")
        return list(code_parsed(parsed, resources).events)

    return _code
