"""JSON Lines articles: one object per line with id, url, source, published, title, text."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO, cast

from resgestae.errors import InputError
from resgestae.ingest.decode import MAX_INPUT_MB, MB, bounded_lines, not_utf8, parse_date, scrub
from resgestae.ingest.text import article_id
from resgestae.ingest.urls import canonical_url
from resgestae.types import Article

FIELDS = ("id", "url", "source", "published", "title", "text")


def read_jsonl(
    data: bytes | BinaryIO | Iterable[bytes],
    origin: str,
    *,
    default_date: dt.date | None = None,
    max_bytes: int = MAX_INPUT_MB * MB,
) -> Iterator[Article | InputError]:
    """Articles from JSON Lines (bytes, or a binary stream read line by line, each line at
    most ``max_bytes``); a bad line yields an ``InputError`` naming ``origin:line``."""
    if isinstance(data, bytes):
        lines: Iterable[bytes] = data.splitlines()
    elif hasattr(data, "readline"):
        lines = bounded_lines(cast(BinaryIO, data), origin, max_bytes)
    else:
        lines = data
    try:
        for n, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            where = f"{origin}:{n}"
            try:
                yield _record(raw, where, default_date)
            except InputError as exc:
                yield exc
    except InputError as exc:  # a line over the bound: the lines after it cannot be found
        yield InputError(exc.origin, f"{exc.message}; the lines after it were not read")


def _record(raw: bytes, where: str, default_date: dt.date | None) -> Article:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, not_utf8(exc)) from None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            where,
            f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one "
            f'JSON object with at least a "text" field',
        ) from None
    if not isinstance(rec, dict):
        raise InputError(where, 'each line must be a JSON object like {"text": "..."}')
    text = rec.get("text")
    if isinstance(text, str):
        text = scrub(text)  # a "\ud800" escape decodes to a lone surrogate
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, 'the record has no "text"; add the article body as a string')
    published = default_date
    if rec.get("published"):
        published = parse_date(str(rec["published"]), where, '"published"')
    raw_url = _str(rec.get("url"))
    url = canonical_url(raw_url)
    return Article(
        id=_str(rec.get("id")) or url or raw_url or article_id(text),
        text=text,
        published=published,
        source=_str(rec.get("source")),
        url=url or raw_url,
        title=_str(rec.get("title")),
        origin=where,
        author=_str(rec.get("author")),
    )


def _str(value: object) -> str | None:
    return None if value is None or value == "" else scrub(str(value))
