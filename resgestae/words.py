"""Shared word lists: each list lives once, in ``resgestae/data/words/<name>.txt``.

One word a line (``number_words.tsv``: word TAB value); ``#`` starts a comment line.
``data/words/README.md`` says what each list is for and which stage uses it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["word_list", "number_words", "topic_cues"]


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of ``data/words/<name>.txt`` (comments and blank lines skipped)."""
    res = resources.files("resgestae") / "data" / "words" / f"{name}.txt"
    lines = res.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


def _pairs(name: str) -> list[tuple[str, str]]:
    """The two columns of ``data/words/<name>.tsv`` (comments and blank lines skipped)."""
    res = resources.files("resgestae") / "data" / "words" / f"{name}.tsv"
    out = []
    for line in res.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, value = line.split("\t")
            out.append((key.strip(), value.strip()))
    return out


@cache
def number_words() -> dict[str, int]:
    """Cardinal number words and their values, from ``data/words/number_words.tsv``."""
    return {word: int(value) for word, value in _pairs("number_words")}


@cache
def topic_cues() -> dict[str, str]:
    """Lemmas of non-political topics and their topic, from ``data/words/topic_cues.tsv``."""
    return dict(_pairs("topic_cues"))
