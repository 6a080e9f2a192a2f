"""WARC archives (plain or gzip): the HTML of each response record, one record at a time.

fastwarc parses the records; the archive is read as a stream, and each record's payload is
dropped once its article is extracted, so memory does not grow with the archive.
A record that cannot be parsed is reported with its number and offset, and reading resumes at
the next record header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from resgestae.errors import InputError
from resgestae.ingest.html import read_html
from resgestae.types import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
HEADER = b"WARC/1."
SCAN = 1 << 16


def read_warc(
    stream: BinaryIO, origin: str, *, default_date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Articles from the HTML response records of a WARC stream (already decompressed).

    Non-HTML and non-200 records are passed over silently: a crawl holds images, scripts and
    redirects. ``origin`` for each article is ``path:record N``.
    """
    position, n = stream.tell(), 0
    while True:
        records = ArchiveIterator(
            stream, record_types=WarcRecordType.response, parse_http=True, stream_detect=False
        )
        try:
            for record in records:
                n += 1
                position = record.stream_pos
                item = _article(record, f"{origin}:record {n}", default_date)
                if item is not None:
                    yield item
            return
        except (OSError, ValueError) as exc:  # fastwarc: "Invalid WARC header" and kin
            n += 1
            yield InputError(
                f"{origin}:record {n}",
                f"corrupt WARC record after offset {position} ({exc}); skipped it and went on "
                f"with the next record; check the archive with `warcio check`",
            )
            found = _next_header(stream, position + 1)
            if found is None:
                return
            position = found


def _article(record, where: str, default_date: dt.date | None):
    if not record.is_http_parsed:
        return InputError(where, "response record without a readable HTTP header; skipped it")
    if record.http_headers.status_code != 200:
        return None
    ctype = (record.http_content_type or "").split(";")[0].strip().lower()
    if ctype not in HTML_TYPES:
        return None
    url = record.headers.get("WARC-Target-URI")
    body = record.reader.read()
    data = body.decode(record.http_charset or "utf-8", errors="replace")
    try:
        return read_html(data, where, url=url, default_date=default_date)
    except InputError as exc:
        return exc


def _next_header(stream: BinaryIO, start: int) -> int | None:
    """Offset of the next line starting with ``WARC/1.`` at or after ``start``; the stream is
    left there. Backward seeks on a gzip stream re-read it from the start: slow but rare."""
    stream.seek(start)
    offset, tail = start, b""
    while chunk := stream.read(SCAN):
        buf = tail + chunk
        i = buf.find(b"\n" + HEADER)
        if i >= 0:
            found = offset - len(tail) + i + 1
            stream.seek(found)
            return found
        tail = buf[-len(HEADER) :]
        offset += len(chunk)
    return None
