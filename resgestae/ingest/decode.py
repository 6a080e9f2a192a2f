"""Turning raw bytes into text, with errors that say what is wrong and how to fix it."""

from __future__ import annotations

import datetime as dt

from resgestae.errors import InputError


def check(data: bytes, origin: str) -> None:
    """Raise ``InputError`` for an empty or binary file."""
    if not data.strip():
        raise InputError(origin, "the file is empty; remove it or add the article text")
    if b"\x00" in data:
        raise InputError(
            origin, "this looks like a binary file, not text; pass .txt or .jsonl articles"
        )


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


def parse_date(value: str, origin: str, what: str) -> dt.date:
    """A calendar date from ``YYYY-MM-DD`` (a full ISO timestamp is cut to its date)."""
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(
            origin,
            f"impossible date {value!r} in {what}; write a real calendar date as YYYY-MM-DD",
        ) from None
