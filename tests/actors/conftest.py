"""Fixtures shared by the actor tests: the packaged lexicon, and mentions of a sentence."""

from __future__ import annotations

import pytest

from resgestae.actors import find_mentions, load_lexicon


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture(scope="module")
def mentions(parse, lex):
    """mentions(text, published=None) -> the sentence's mentions, with the real model."""

    def _mentions(text, published=None):
        return find_mentions(parse(text, published), lex)

    return _mentions
