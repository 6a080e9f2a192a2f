"""Shared fixtures: the real spaCy model, loaded once per session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from resgestae.nlp import load_model, to_parsed
from resgestae.types import Article, Parsed

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE_ARTICLE = SHARED / "samples" / "azernews-2020-11-26-baku-rally.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def parse(nlp):
    """parse(text, published=None, id="t") -> Parsed, with the real model."""

    def _parse(text: str, published: dt.date | None = None, id: str = "t") -> Parsed:
        article = Article(id=id, text=text, published=published)
        return to_parsed(nlp(text), article, "test")

    return _parse


@pytest.fixture(scope="session")
def reference_path() -> Path:
    if not REFERENCE_ARTICLE.exists():
        pytest.skip(f"reference article not found at {REFERENCE_ARTICLE}")
    return REFERENCE_ARTICLE


@pytest.fixture(scope="session")
def reference_text() -> str:
    if not REFERENCE_ARTICLE.exists():
        pytest.skip(f"reference article not found at {REFERENCE_ARTICLE}")
    return REFERENCE_ARTICLE.read_text(encoding="utf-8")
