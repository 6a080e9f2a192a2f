"""Turning raw bytes into text, with errors that say what is wrong and how to fix it; the
bounds every reader keeps (input size, publication dates)."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from typing import BinaryIO

from resgestae.errors import InputError

# The most one input may hold in memory at once, decompressed: a whole text, HTML or feed
# file, one JSON line, one CSV row, one WARC record (BatchOptions.max_input_mb, --max-input-mb).
MAX_INPUT_MB = 256
MB = 1 << 20
# Publication dates outside FIRST_YEAR..(today + LEAD) are typing errors or placeholders
# (0001-01-01, 9999-12-31), not dates news was published on.
FIRST_YEAR = 1900
LEAD = dt.timedelta(days=366)

SURROGATE = re.compile("[\ud800-\udfff]")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def check(data: bytes, origin: str, *, records: bool = False) -> None:
    """Raise ``InputError`` for an empty, UTF-16 or binary file (``data``: its first bytes).
    With ``records`` (JSON Lines, CSV, feeds: each record read on its own) a stray NUL is the
    problem of its record only; the file is binary when NULs are more than a tenth of it."""
    if not data.strip():
        raise InputError(origin, "the file is empty; remove it or add the article text")
    if data.startswith(UTF16_BOMS) or _looks_utf16(data):
        raise InputError(
            origin,
            "this looks like UTF-16 text; convert it to UTF-8, e.g. "
            "iconv -f utf-16 -t utf-8 FILE > FILE.utf8",
        )
    if data.count(0) > (len(data) // 10 if records else 0):
        raise InputError(
            origin, "this looks like a binary file, not text; pass .txt or .jsonl articles"
        )


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: mostly-ASCII text leaves every second byte zero, and only those."""
    head = data[:1024]
    half = len(head) // 2
    if half < 4:
        return False
    zeros = sorted((head[0::2].count(0), head[1::2].count(0)))
    return zeros[1] > 0.6 * half and zeros[0] < 0.05 * half


def decode(data: bytes, origin: str) -> str:
    """UTF-8 text from ``data`` (a leading BOM is dropped), or raise ``InputError``."""
    check(data, origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(origin, not_utf8(exc)) from None


def not_utf8(exc: UnicodeDecodeError) -> str:
    """The message for text that is not UTF-8: the first bad byte, and how to convert."""
    bad = exc.object[exc.start : exc.start + 1].hex()
    return (
        f"not UTF-8 text (byte 0x{bad} at offset {exc.start}); re-save it as UTF-8, "
        f"e.g. iconv -f latin1 -t utf-8 FILE > FILE.utf8"
    )


def scrub(text: str) -> str:
    """``text`` with each lone surrogate (``"\\ud800"`` from a JSON escape or an HTML
    entity) replaced by U+FFFD: they cannot be encoded, so neither parsed nor stored."""
    return SURROGATE.sub("\ufffd", text) if SURROGATE.search(text) else text


def parse_date(value: str, origin: str, what: str) -> dt.date:
    """A calendar date from ``YYYY-MM-DD`` (a full ISO timestamp is cut to its date), in the
    range ``check_date`` allows."""
    text = value.strip()
    try:
        date = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(
            origin,
            f"impossible date {value!r} in {what}; write a real calendar date as YYYY-MM-DD",
        ) from None
    return check_date(date, origin, what)


def check_date(date: dt.date, origin: str, what: str, today: dt.date | None = None) -> dt.date:
    """``date``, or ``InputError`` when it cannot be a publication date: before
    ``FIRST_YEAR`` or more than a year after ``today``."""
    latest = (today or dt.date.today()) + LEAD
    if not dt.date(FIRST_YEAR, 1, 1) <= date <= latest:
        raise InputError(
            origin,
            f"implausible publication date {date.isoformat()} in {what}; publication dates "
            f"run from {FIRST_YEAR}-01-01 to a year from today ({latest.isoformat()}): fix "
            f"the date or leave it out",
        )
    return date


def too_large(origin: str, what: str, max_bytes: int) -> InputError:
    """The error for an input over the size bound."""
    return InputError(
        origin,
        f"{what} holds more than {_mb(max_bytes)} (decompressed); split the input, or raise "
        f"the bound with --max-input-mb (RESGESTAE_MAX_INPUT_MB)",
    )


def _mb(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB // 10 else f"{n:,} bytes"


def read_bounded(stream: BinaryIO, origin: str, max_bytes: int) -> bytes:
    """All of ``stream``, or ``InputError`` once it holds more than ``max_bytes``: at most
    ``max_bytes`` + 1 bytes are ever read, however far a gzip stream would expand."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(origin, "the file", max_bytes)
    stream.read(1)  # b"" at the end; a gzip stream cut short raises EOFError here
    return data


def bounded_lines(stream: BinaryIO, origin: str, max_bytes: int, what: str = "line"):
    """The lines of ``stream`` (with their newline), each read with at most ``max_bytes``
    in memory; a longer one raises ``InputError`` naming ``origin:N`` (the rest of the
    stream cannot be split into lines without reading it)."""
    n = 0
    while line := stream.readline(max_bytes + 1):
        n += 1
        if len(line) > max_bytes:
            raise too_large(f"{origin}:{n}", f"{what} {n}", max_bytes)
        yield line
