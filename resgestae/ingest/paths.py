"""Expanding paths (files, directories, ``-``) into a stream of articles."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from resgestae.errors import InputError
from resgestae.ingest.decode import check, decode
from resgestae.ingest.jsonl import read_jsonl
from resgestae.ingest.text import read_text
from resgestae.types import Article

SUFFIXES = (".txt", ".jsonl")
STDIN = "<stdin>"


def read_paths(
    paths: Sequence[str], *, default_date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Articles from files, directories (recursively, sorted) and ``-`` (stdin).

    Each article id is yielded once: the same text reached by two paths is one article.
    """
    seen: set[str] = set()
    for item in _read_all(paths, default_date):
        if isinstance(item, Article):
            if item.id in seen:
                continue
            seen.add(item.id)
        yield item


def _read_all(paths: Sequence[str], default_date: dt.date | None) -> Iterator[Article | InputError]:
    for p in paths:
        if p == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), STDIN, None, default_date)
            continue
        path = Path(p)
        if path.is_dir():
            files = _files(path)
            if not files:
                yield InputError(p, "no .txt or .jsonl files in this directory")
            for f in files:
                yield from _read_file(f, default_date)
        elif path.is_file():
            yield from _read_file(path, default_date)
        else:
            yield InputError(p, "no such file or directory; check the path")


def _files(root: Path) -> list[Path]:
    found = (f for f in root.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
    return sorted(found, key=lambda f: f.relative_to(root).parts)


def _read_file(path: Path, default_date: dt.date | None) -> Iterator[Article | InputError]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot read the file ({exc.strerror}); check permissions")
        return
    yield from _read_bytes(data, str(path), path.suffix.lower() == ".jsonl", default_date)


def _read_bytes(
    data: bytes, origin: str, jsonl: bool | None, default_date: dt.date | None
) -> Iterator[Article | InputError]:
    """``jsonl`` None means sniff: JSON Lines when the first non-blank byte is ``{``."""
    if jsonl is None:
        jsonl = data.lstrip().startswith(b"{")
    try:
        if jsonl:
            check(data, origin)
            yield from read_jsonl(data, origin, default_date=default_date)
        else:
            yield read_text(decode(data, origin), origin, default_date=default_date)
    except InputError as exc:
        yield exc
