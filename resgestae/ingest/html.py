"""HTML pages: main text and metadata (title, date, author, site) with trafilatura."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

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
    if len(text) < MIN_TEXT:
        doc, text = _deep(data, url, doc, text)
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


DEPTH = 250  # libxml2 drops what is nested deeper than 255 levels, unless told the tree is huge
HUGE_DEPTH = 2000  # and deeper than 2048 even then


def _deep(data: bytes | str, url: str | None, doc, text: str):
    """``(doc, text)`` for a page nested past libxml2's limit: trafilatura over a huge tree,
    else the text of its paragraphs; ``(doc, text)`` as they were for any other page."""
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.utils import decode_file

    html = decode_file(data) if isinstance(data, bytes) else data
    flat = _Flat()
    flat.feed(html)
    flat.close()
    if flat.depth <= DEPTH:
        return doc, text  # not the limit's fault: no text to find
    if flat.depth <= HUGE_DEPTH:
        parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
            deep = trafilatura.bare_extraction(
                tree, url=url, with_metadata=True, include_comments=False, include_tables=False
            )
        except (lxml.etree.ParserError, ValueError, RecursionError):
            deep = None
        if (
            isinstance(deep, Document)
            and len(found := _paragraphs(deep.text, deep.title)) >= MIN_TEXT
        ):
            return deep, found
    return doc, "\n\n".join(flat.paragraphs)


class _Flat(HTMLParser):
    """The text of a page's paragraphs and how deep its tags nest, from the standard
    library's event parser, which has no nesting limit."""

    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
    BLOCK = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self._open, self._in = 0, 0, 0
        self._skip = 0  # inside script or style
        self._words: list[str] = []
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self._open += 1
        self.depth = max(self.depth, self._open)
        self._in += tag in self.BLOCK
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self._open = max(0, self._open - 1)
        self._skip = max(0, self._skip - (tag in ("script", "style")))
        if tag in self.BLOCK:
            self._in = max(0, self._in - 1)
            if (paragraph := " ".join(" ".join(self._words).split())) and not self._in:
                self.paragraphs.append(paragraph)
                self._words = []

    def handle_data(self, data):
        if self._in and not self._skip:
            self._words.append(data)


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
