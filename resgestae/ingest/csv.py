"""CSV and TSV tables: one article per row, columns mapped to article fields."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from resgestae.errors import InputError
from resgestae.ingest.decode import MAX_INPUT_MB, MB, bounded_lines, parse_date, too_large
from resgestae.ingest.text import article_id
from resgestae.ingest.urls import canonical_url
from resgestae.types import Article

FIELDS = ("id", "url", "source", "published", "title", "author", "text")


def parse_columns(spec: str) -> dict[str, str]:
    """``"text=body,published=date"`` -> ``{"text": "body", "published": "date"}``.

    Raises ``ValueError`` with the fix for an unknown field or a pair without ``=``.
    """
    mapping = {}
    for pair in filter(None, (p.strip() for p in spec.split(","))):
        field, sep, column = pair.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not column:
            raise ValueError(f"{pair!r} is not FIELD=COLUMN; write e.g. text=body,published=date")
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r}; fields are {', '.join(FIELDS)}")
        mapping[field] = column
    return mapping


def read_csv(
    stream: BinaryIO,
    origin: str,
    *,
    delimiter: str = ",",
    columns: Mapping[str, str] | None = None,
    default_date: dt.date | None = None,
    max_bytes: int = MAX_INPUT_MB * MB,
) -> Iterator[Article | InputError]:
    """Articles from a table with a header row; a field is read from the column that
    ``columns`` maps it to, else from the column of the same name. Errors name ``origin:line``.
    A line or a cell longer than ``max_bytes`` ends the table with an error.
    """
    mapping = {f: f for f in FIELDS} | dict(columns or {})
    # a NUL byte (which the csv module refuses, ending the table) becomes U+FFFD in its cell
    raw = (
        line.replace(b"\x00", "\ufffd".encode())
        for line in bounded_lines(stream, origin, max_bytes)
    )
    lines = codecs.iterdecode(raw, "utf-8-sig")
    csv.field_size_limit(min(max_bytes, 2**31 - 1))  # a quoted cell may span lines
    reader = csv.DictReader(lines, delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except UnicodeDecodeError as exc:
        yield InputError(origin, f"not UTF-8 text ({exc.reason}); re-save the table as UTF-8")
        return
    except (InputError, csv.Error) as exc:
        yield InputError(origin, f"unreadable header ({exc}); check the table's first line")
        return
    given = columns or {}
    absent = [c for f, c in mapping.items() if c not in header and (f == "text" or f in given)]
    if absent:
        yield InputError(
            f"{origin}:1",
            f"no column {', '.join(map(repr, absent))} in the header ({', '.join(header)}); "
            f"name the columns with --columns text=COLUMN,published=COLUMN,...",
        )
        return
    used = {f: c for f, c in mapping.items() if c in header}
    line = 1
    try:
        for row in reader:
            where, line = f"{origin}:{line + 1}", reader.line_num
            try:
                yield _row(row, used, where, default_date)
            except InputError as exc:
                yield exc
    except UnicodeDecodeError as exc:
        yield InputError(f"{origin}:{line + 1}", f"not UTF-8 text ({exc.reason}); re-save as UTF-8")
    except InputError as exc:  # a line over the bound
        yield InputError(exc.origin, f"{exc.message}; the rows after it were not read")
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            yield too_large(f"{origin}:{line + 1}", "a cell", max_bytes)
        else:
            yield InputError(f"{origin}:{line + 1}", f"malformed CSV ({exc}); check the quoting")


def _row(row: dict, used: Mapping[str, str], where: str, default_date: dt.date | None) -> Article:
    if None in row:
        raise InputError(where, "the row has more cells than the header; check the quoting")
    if any(row[c] is None for c in used.values()):
        raise InputError(where, "the row has fewer cells than the header; fill in every column")
    value = {f: (row[c] or "").strip() or None for f, c in used.items()}
    text = value.get("text")
    if not text:
        raise InputError(where, f"the {used['text']!r} cell is empty; add the article text")
    published = default_date
    if when := value.get("published"):
        published = parse_date(when, where, f"column {used['published']!r}")
    url = canonical_url(value.get("url"))
    return Article(
        id=value.get("id") or url or article_id(text),
        text=text,
        published=published,
        source=value.get("source"),
        url=url or value.get("url"),
        title=value.get("title"),
        origin=where,
        author=value.get("author"),
    )
