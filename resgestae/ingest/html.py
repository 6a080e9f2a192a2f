"""HTML pages: main text and metadata (title, date, author, site) with trafilatura."""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
import trafilatura
from trafilatura.settings import Document

from resgestae.errors import InputError
from resgestae.ingest.text import article_id
from resgestae.ingest.urls import canonical_url
from resgestae.types import Article

MIN_TEXT = 40  # characters; less than a sentence is navigation or an error page, not news


def read_html(
    data: bytes | str,
    origin: str,
    *,
    url: str | None = None,
    default_date: dt.date | None = None,
    published: dt.date | None = None,
) -> Article:
    """One article from an HTML page, or raise ``InputError`` when it has no article text.

    The id is the page's canonical URL (``<link rel=canonical>``, ``og:url``), else ``url``
    (where it was fetched from), else a hash of the text. ``published`` (from a WARC or feed)
    wins over the page's own date metadata, which wins over ``default_date``.
    """
    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=False
    )  # a Document (as_dict is False), or None when the page has no main text
    text = _paragraphs(doc.text, doc.title) if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or len(text) < MIN_TEXT:
        raise InputError(
            origin,
            "no article text found in this HTML page (navigation or an empty page?); "
            "remove it from the input or pass the article text as .txt",
        )
    page_url = canonical_url(doc.url) or canonical_url(url)
    return Article(
        id=page_url or article_id(text),
        text=text,
        published=published or _date(doc.date) or default_date,
        source=doc.sitename or doc.hostname or None,
        url=page_url,
        title=doc.title or None,
        origin=origin,
        author=doc.author or None,
    )


def _paragraphs(text: str | None, title: str | None) -> str:
    """trafilatura's text with one blank line between paragraphs (the parser then never runs a
    sentence across them) and without a leading headline that repeats the title."""
    if not text:
        return ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if title and lines and lines[0].casefold() == title.strip().casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


BLOCKS = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr|section|article)\b[^>]*>", re.I)


def strip_html(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry), paragraphs separated by a blank line."""
    if "<" not in fragment:
        return fragment.strip()
    marked = BLOCKS.sub("\n\n", fragment)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except (lxml.etree.ParserError, ValueError):
        return ""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)
