"""RSS and Atom feeds with feedparser: one article per entry."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

import feedparser

from resgestae.errors import InputError
from resgestae.ingest.decode import check_date
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
    try:
        feed = feedparser.parse(CHARREF.sub(_charref, data).replace(b"\x00", b"&#xfffd;"))
    except Exception as exc:  # noqa: BLE001 - feedparser's loose parser has its own bugs
        yield InputError(
            origin,
            f"the feed cannot be parsed ({type(exc).__name__}: {exc}); check that it is "
            f"well-formed XML (xmllint --noout FILE)",
        )
        return
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
        if parsed is None or not _real_date(raw):  # feedparser makes 2020-02-30 March 1st
            raise InputError(
                where,
                f"cannot read the {key} date {raw!r}; feeds must use RFC 822 "
                f"('Tue, 10 Nov 2020 08:00:00 GMT') or ISO 8601 ('2020-11-10T08:00:00Z') dates",
            )
        try:
            date = dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).date()
        except (OverflowError, OSError, ValueError):  # year 9999 plus a time zone
            date = dt.date.max
        return check_date(date, where, f"the {key} date {raw!r}")
    return None


ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")
RFC822 = re.compile(r"(?:\w+,\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})")
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}


def _real_date(raw: str) -> bool:
    """Whether the calendar date written in ``raw`` exists (feedparser rolls 2020-02-30
    over to March 1st rather than refuse it); True for forms it cannot check."""
    if m := ISO.match(raw):
        y, mo, d = map(int, m.groups())
    elif (m := RFC822.match(raw.strip())) and m.group(2).lower() in MONTHS:
        y, mo, d = int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))
        y += 2000 if y < 50 else 1900 if y < 100 else 0
    else:
        return True
    try:
        dt.date(y, mo, d)
    except ValueError:
        return False
    return True


CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _charref(m: re.Match[bytes]) -> bytes:
    """A character reference feedparser would choke on (a lone surrogate, past U+10FFFF)
    as U+FFFD; the others as they are."""
    ref = m.group(1)
    code = int(ref[1:], 16) if ref[:1] in b"xX" else int(ref)
    return b"&#xfffd;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else m.group(0)
