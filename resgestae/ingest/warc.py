"""WARC archives (plain or gzip): the HTML of each response record, one record at a time.

fastwarc parses the records; the archive is read as a stream, and each record's payload is
dropped once its article is extracted, so memory does not grow with the archive.
A record that cannot be parsed is reported with its number and offset, and reading resumes at
the next record header.
"""

from __future__ import annotations

import datetime as dt
import gzip
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from resgestae.errors import InputError
from resgestae.ingest.decode import MAX_INPUT_MB, MB, too_large
from resgestae.ingest.gzmembers import Damage
from resgestae.ingest.html import read_html
from resgestae.types import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
HEADER = b"WARC/1."
SCAN = 1 << 16


def read_warc(
    stream: BinaryIO,
    origin: str,
    *,
    default_date: dt.date | None = None,
    max_bytes: int = MAX_INPUT_MB * MB,
) -> Iterator[Article | InputError]:
    """Articles from the HTML response records of a WARC stream (already decompressed).

    Non-HTML and non-200 records are passed over silently: a crawl holds images, scripts and
    redirects. ``origin`` for each article is ``path:record N``. A gzip archive cut short
    yields the records before the cut and an error for the record it cuts. Read through
    ``gzmembers.Members`` (as ``read_paths`` does), a corrupt gzip member costs only its own
    records: an error names its offset, and reading goes on at the next member. A record over
    ``max_bytes`` is an error, and is not read.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType  # only when a WARC is read

    guarded = _Guarded(stream)
    position, n, last = stream.tell(), 0, None  # last: held back until the next record parses
    last_pos = position
    while True:
        records = ArchiveIterator(
            guarded, record_types=WarcRecordType.response, parse_http=True, stream_detect=False
        )
        try:
            for record in records:
                if last is not None:
                    yield last
                n += 1
                position = last_pos = record.stream_pos
                last = _article(record, f"{origin}:record {n}", default_date, max_bytes)
        except (OSError, ValueError) as exc:  # fastwarc: "Invalid WARC header" and kin
            if last is not None and not isinstance(last, InputError):
                yield last
            elif last is None or n == 0:
                n += 1
            last = None
            yield InputError(
                f"{origin}:record {n}",
                f"corrupt WARC record after offset {position} ({exc}); skipped it and went on "
                f"with the next record; check the archive with `warcio check`",
            )
            found = _next_header(guarded, position + 1)
            if found is None:
                return
            position = found
            continue
        damage = getattr(stream, "paused", None)
        if not isinstance(damage, Damage):
            break
        if last is not None and last_pos < damage.position:
            yield last  # it ended before the damaged member began
        last = None
        yield InputError(
            f"{origin}:gzip member at byte {damage.offset}",
            f"corrupt gzip member after record {n} ({damage.reason}); its records were "
            f"skipped and reading went on at the next member; check the archive with gzip -t",
        )
        stream.resume()  # type: ignore[attr-defined]
        position = stream.tell()
    if guarded.error is not None:
        yield InputError(
            f"{origin}:record {n}",
            f"the archive is cut short inside this record ({guarded.error}); the records "
            f"before it were read; re-download or re-compress the archive",
        )
    elif last is not None:
        yield last


class _Guarded:
    """A stream whose read ends quietly where a gzip stream is cut short, remembering why, so
    the records before the cut are still parsed."""

    def __init__(self, inner: BinaryIO):
        self.inner = inner
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            return b""
        if size is None or size < 0:
            size = 1 << 62
        read1 = getattr(self.inner, "read1", self.inner.read)
        parts, got = [], 0
        try:  # piece by piece: a failing read loses its own piece, not what came before
            while got < size and (part := read1(min(size - got, 1 << 16))):
                parts.append(part)
                got += len(part)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            self.error = exc
        return b"".join(parts)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.inner.seek(offset, whence)

    def tell(self) -> int:
        return self.inner.tell()

    def close(self) -> None:
        """Nothing: the reader's caller owns the stream and closes it (``detect.close``);
        a new ``ArchiveIterator`` reads on after a corrupt record."""


def _article(record, where: str, default_date: dt.date | None, max_bytes: int):
    if record.content_length > max_bytes:
        return too_large(where, "the record", max_bytes)
    if not record.is_http_parsed or record.content_length == 0:
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


def _next_header(stream: _Guarded, start: int) -> int | None:
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


def warc_record(url: str, html: str, *, status: str = "200 OK", gzip_it: bool = False) -> bytes:
    """One WARC/1.0 response record holding ``html``: for tests and the benchmark, which build
    their archives instead of committing crawled pages. Concatenate records for an archive
    (gzip each one on its own, as crawlers do, for ``.warc.gz``)."""
    import uuid

    body = html.encode("utf-8")
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    record = head + http + b"\r\n\r\n"
    return gzip.compress(record, compresslevel=1) if gzip_it else record
