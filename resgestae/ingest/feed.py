"""RSS and Atom feeds with feedparser: one article per entry."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

import feedparser

from resgestae.errors import InputError
from resgestae.ingest.html import MIN_TEXT, strip_html
from resgestae.ingest.text import article_id
from resgestae.ingest.urls import canonical_url
from resgestae.types import Article


def read_feed(
    data: bytes, origin: str, *, default_date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Articles from the entries of an RSS or Atom feed.

    An entry's text is its full content when the feed carries it, else its summary, with the
    HTML stripped; its date is the entry's published (else updated) date. An entry whose date
    is present but cannot be read, or that has no text, is an ``InputError`` naming
    ``origin:entry N``; the other entries are read.
    """
    feed = feedparser.parse(data)
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputError(
            origin,
            f"no feed entries found{why}; pass an RSS or Atom file, or force another format "
            f"with --input-format",
        )
        return
    source = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, start=1):
        try:
            yield _entry(entry, f"{origin}:entry {n}", source, default_date)
        except InputError as exc:
            yield exc


def _entry(entry, where: str, source: str | None, default_date: dt.date | None) -> Article:
    url = canonical_url(entry.get("link"))
    text = _text(entry)
    if len(text) < MIN_TEXT:
        raise InputError(where, "the entry has no content or summary text; nothing to code")
    title = strip_html(entry.get("title", "")) or None
    return Article(
        id=url or article_id(text),
        text=text,
        published=_published(entry, where) or default_date,
        source=source,
        url=url,
        title=title,
        origin=where,
        author=entry.get("author") or None,
    )


def _text(entry) -> str:
    bodies = [c.get("value", "") for c in entry.get("content", [])]
    for body in (*bodies, entry.get("summary", "")):
        text = strip_html(body or "")
        if len(text) >= MIN_TEXT:
            return text
    return ""


def _published(entry, where: str) -> dt.date | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        parsed = entry.get(f"{key}_parsed")
        if parsed is None:
            raise InputError(
                where,
                f"cannot read the {key} date {raw!r}; feeds must use RFC 822 "
                f"('Tue, 10 Nov 2020 08:00:00 GMT') or ISO 8601 ('2020-11-10T08:00:00Z') dates",
            )
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).date()
    return None
