"""Plain-text articles: one per file, with an optional ``date YYYY-MM-DD By SOURCE`` header."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from resgestae.errors import InputError
from resgestae.ingest.decode import parse_date
from resgestae.types import Article

# "date" then something that starts like a date, so a body that merely begins with the word
# "date" is not taken for a header. The date itself is validated separately, for a clear error.
HEADER = re.compile(r"\s*date\s+(\d[\d/.-]*)(?:\s+by\s+(.*?))?\s*", re.IGNORECASE)


def article_id(text: str) -> str:
    """The content hash used when a record has neither id nor url."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_header(line: str, origin: str) -> tuple[dt.date, str | None] | None:
    """``(date, source)`` from a header line, None if the line is not a header."""
    m = HEADER.fullmatch(line)
    if not m:
        return None
    published = parse_date(m.group(1), origin, "the header line 'date YYYY-MM-DD By SOURCE'")
    return published, (m.group(2) or None)


def read_text(text: str, origin: str, *, default_date: dt.date | None = None) -> Article:
    """One article from the text of one file.

    ``Article.text`` is the body without the header, stripped of surrounding blank lines, so
    character offsets index exactly what the parser saw.
    """
    first, _, rest = text.partition("\n")
    header = parse_header(first, f"{origin}:1")
    published, source, body = default_date, None, text
    if header:
        (published, source), body = header, rest
    body = body.strip()
    if not body:
        raise InputError(origin, "the file has a header but no article text; add the body")
    return Article(
        id=article_id(body), text=body, published=published, source=source, origin=origin
    )
