"""An on-disk cache of parses, so repeated evaluations skip spaCy.

Each ``Parsed`` is pickled under ``$RESGESTAE_CACHE`` (default ``~/.cache/resgestae``) in
``parses/<key>.pkl``; the key hashes the model name, the record layout and the text, so a new
model or a changed ``Token`` never reads a stale entry. The article itself is not part of the
key: a cached parse is returned with the caller's ``Article``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from resgestae.cache import cache_dir
from resgestae.types import Article, Entity, Parsed, Sentence, Token

__all__ = ["cache_dir", "parse_cached"]


def _layout() -> str:
    return "|".join(
        ",".join(f.name for f in dataclasses.fields(cls))
        for cls in (Article, Token, Entity, Sentence, Parsed)
    )


def _key(model: str, text: str) -> str:
    from resgestae.nlp.parse import SEGMENTATION

    return hashlib.sha1(f"{model}+{SEGMENTATION}\0{_layout()}\0{text}".encode()).hexdigest()


def _read(path: Path) -> Parsed | None:
    try:
        with path.open("rb") as f:
            parsed = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None
    return parsed if isinstance(parsed, Parsed) else None


def _write(path: Path, parsed: Parsed) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(parsed, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def parse_cached(
    articles: Iterable[Article],
    nlp,
    *,
    model: str,
    batch_size: int = 32,
    root: Path | None = None,
) -> Iterator[Parsed]:
    """``nlp.parse`` with a disk cache; yields parses in the order of ``articles``."""
    from resgestae.nlp import parse

    folder = (root or cache_dir()) / "parses"
    articles = list(articles)
    found: dict[int, Parsed] = {}
    missing = []
    for k, article in enumerate(articles):
        hit = _read(folder / f"{_key(model, article.text)}.pkl")
        if hit is not None:
            found[k] = dataclasses.replace(hit, article=article)
        else:
            missing.append(k)
    todo = (articles[k] for k in missing)
    fresh = parse(todo, nlp, model=model, batch_size=batch_size)
    for k, article in enumerate(articles):
        if k not in found:
            parsed = next(fresh)
            _write(folder / f"{_key(model, article.text)}.pkl", parsed)
            found[k] = parsed
        yield found.pop(k)
