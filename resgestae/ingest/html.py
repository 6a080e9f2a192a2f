"""HTML pages: main text and metadata (title, date, author, site) with trafilatura."""

from __future__ import annotations

import datetime as dt
import re

import lxml.html

from resgestae.errors import InputError
from resgestae.ingest.decode import check_date
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
    import trafilatura  # here, not at import: most commands never read HTML
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=False
    )  # a Document (as_dict is False), or None when the page has no main text
    text = _paragraphs(doc.text, doc.title) if isinstance(doc, Document) else ""
    if len(text) < MIN_TEXT and (deep := _deep_tree(data)) is not None:
        # libxml2 stops at 255 levels of nesting unless told the tree is huge
        doc = trafilatura.bare_extraction(
            deep, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
        text = _paragraphs(doc.text, doc.title) if isinstance(doc, Document) else ""
        if len(text) < MIN_TEXT:  # too deep for trafilatura itself: the paragraphs' text
            paragraphs = (" ".join(p.text_content().split()) for p in deep.iter("p"))
            text = "\n\n".join(p for p in paragraphs if p)
    if len(text) < MIN_TEXT:
        raise InputError(
            origin,
            "no article text found in this HTML page (navigation or an empty page?); "
            "remove it from the input or pass the article text as .txt",
        )
    meta = doc if isinstance(doc, Document) else Document()
    page_url = canonical_url(meta.url) or canonical_url(url)
    if published is None and (date := _date(meta.date)) is not None:
        published = check_date(date, origin, "the page's date metadata")
    return Article(
        id=page_url or article_id(text),
        text=text,
        published=published or default_date,
        source=meta.sitename or meta.hostname or None,
        url=page_url,
        title=meta.title or None,
        origin=origin,
        author=meta.author or None,
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


DEPTH = 250  # levels of nesting past which a page is parsed again as a huge tree


def _deep_tree(data: bytes | str):
    """The page parsed without libxml2's nesting limit, if it is nested deeper than
    ``DEPTH`` (else None: its failure to give text is not the limit's)."""
    from trafilatura.utils import decode_file

    text = decode_file(data) if isinstance(data, bytes) else data
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None
    depth = {tree: 0}
    for el in tree.iterdescendants():
        d = depth[el.getparent()] + 1
        if d > DEPTH:
            return tree
        depth[el] = d
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
