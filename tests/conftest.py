"""Shared fixtures: the real spaCy model, loaded once per session; and a cache of its own.

``RESGESTAE_CACHE`` (the gazetteer pickle, the eval parse cache) points at a temporary folder
for the whole session, set before collection so subprocesses inherit it: a test never reads
what an earlier run, or the user, left in ~/.cache/resgestae, and never writes there. The
gazetteer is built once per session (~8 s) and parses are parsed fresh.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from resgestae.nlp import load_model, to_parsed
from resgestae.types import Article, Parsed

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE_ARTICLE = SHARED / "samples" / "azernews-2020-11-26-baku-rally.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


_CACHE: dict[str, str | None] = {}


def pytest_configure(config):
    _CACHE["before"] = os.environ.get("RESGESTAE_CACHE")
    _CACHE["dir"] = tempfile.mkdtemp(prefix="resgestae-test-cache-")
    os.environ["RESGESTAE_CACHE"] = _CACHE["dir"]


def pytest_unconfigure(config):
    if _CACHE.get("dir"):
        shutil.rmtree(_CACHE["dir"], ignore_errors=True)
    if _CACHE.get("before") is None:
        os.environ.pop("RESGESTAE_CACHE", None)
    else:
        os.environ["RESGESTAE_CACHE"] = _CACHE["before"]


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
