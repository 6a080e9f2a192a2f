"""Expanding paths (files, directories, ``-``) into a stream of articles, each file read by
the reader its format needs (``detect``)."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from resgestae.errors import InputError
from resgestae.ingest import detect
from resgestae.ingest.decode import MAX_INPUT_MB, MB, check, decode, read_bounded, scrub
from resgestae.ingest.gzmembers import Members
from resgestae.types import Article

STDIN = "<stdin>"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How ``read_paths`` reads each input (its keyword arguments, in one record)."""

    default_date: dt.date | None = None  # for articles that carry no date
    input_format: str | None = None  # one of detect.FORMATS; None detects it per file
    columns: Mapping[str, str] = field(default_factory=dict)  # CSV field -> column
    max_bytes: int = MAX_INPUT_MB * MB  # the most one file, line, row or record may hold


def read_paths(
    paths: Sequence[str],
    *,
    default_date: dt.date | None = None,
    input_format: str | None = None,
    columns: Mapping[str, str] | None = None,
    unique: bool = True,
    max_bytes: int = MAX_INPUT_MB * MB,
) -> Iterator[Article | InputError]:
    """Articles from files, directories (recursively, sorted) and ``-`` (stdin).

    With ``unique``, each article id is yielded once: the same text reached by two paths is
    one article. That remembers every id; a caller with a store checks ids there instead.
    No file, JSON line, CSV row or WARC record is held in memory past ``max_bytes``
    (decompressed): a larger one is an ``InputError``. No exception escapes for a bad input.
    """
    opts = ReadOptions(default_date, input_format, dict(columns or {}), max_bytes)
    seen: set[str] = set()
    for item in _read_all(paths, opts):
        if unique and isinstance(item, Article):
            if item.id in seen:
                continue
            seen.add(item.id)
        yield item


def _read_all(paths: Sequence[str], opts: ReadOptions) -> Iterator[Article | InputError]:
    for p in paths:
        if p == "-":
            with tempfile.TemporaryFile() as spool:
                yield from _read_stream(_stdin(spool), STDIN, opts)
            continue
        path = Path(p)
        if path.is_dir():
            files = _files(path, opts)
            if not files:
                yield InputError(p, f"no readable files in this directory ({_known()})")
            for f in files:
                yield from _read_file(f, opts)
        elif path.is_file():
            yield from _read_file(path, opts)
        else:
            yield InputError(p, "no such file or directory; check the path")


def _known() -> str:
    return " ".join(sorted(detect.EXTENSIONS)) + " .xml, or .gz of any"


def _files(root: Path, opts: ReadOptions) -> list[Path]:
    found = (
        f for f in root.rglob("*") if f.is_file() and (opts.input_format or detect.is_input(f.name))
    )
    return sorted(found, key=lambda f: f.relative_to(root).parts)


def _stdin(spool: BinaryIO) -> BinaryIO:
    """Standard input, copied to ``spool`` (a file, not memory) so a reader can seek in it."""
    shutil.copyfileobj(sys.stdin.buffer, spool, 1 << 20)
    spool.seek(0)
    if spool.read(2) == detect.GZIP_MAGIC:
        return cast(BinaryIO, Members(spool))
    spool.seek(0)
    return spool


def _read_file(path: Path, opts: ReadOptions) -> Iterator[Article | InputError]:
    try:
        stream = detect.open_binary(str(path))
    except OSError as exc:
        yield InputError(str(path), f"cannot read the file ({exc.strerror}); check permissions")
        return
    try:
        yield from _read_stream(stream, str(path), opts)
    finally:
        detect.close(stream)


def _read_stream(
    stream: BinaryIO, origin: str, opts: ReadOptions
) -> Iterator[Article | InputError]:
    """Every record of one input; a gzip stream cut short ends it with an error that says how
    many records were read before, and each corrupt member is an error of its own."""
    n, fmt = 0, "input"
    try:
        head = _peek(stream)
        fmt = opts.input_format or detect.detect(origin, head)
        if isinstance(stream, Members):
            stream.pause = fmt == "warc"  # the WARC reader says which records were lost
            stream.damaged.clear()  # found while peeking: found again, and reported, below
        for item in _records(stream, origin, fmt, opts):
            if isinstance(item, Article):
                n += 1
                item = _scrubbed(item)
            yield item
    except (EOFError, zlib.error, OSError) as exc:
        yield InputError(
            origin,
            f"the compressed file is cut short or corrupt ({exc}) after {n} articles; those "
            f"were read, the rest is lost; re-download or re-compress the file",
        )
    except RecursionError:
        yield InputError(origin, "the input is nested too deeply to read; simplify or drop it")
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not end the batch
        yield InputError(
            origin,
            f"the {fmt} reader failed after {n} articles "
            f"({type(exc).__name__}: {exc}); the rest of the file was not read; please report it",
        )
    if isinstance(stream, Members) and not stream.pause:
        for damage in stream.damaged.values():
            yield InputError(
                f"{origin}:gzip member at byte {damage.offset}",
                f"corrupt gzip member ({damage.reason}); its records were skipped and the "
                f"members after it read; check the file with gzip -t",
            )


def _scrubbed(article: Article) -> Article:
    """The article without lone surrogates in any text field (see ``decode.scrub``)."""
    from dataclasses import fields, replace

    changes: dict[str, Any] = {}
    for f in fields(article):
        value = getattr(article, f.name)
        if isinstance(value, str) and (clean := scrub(value)) is not value:
            changes[f.name] = clean
    return replace(article, **changes) if changes else article


def _peek(stream: BinaryIO) -> bytes:
    head = stream.read(detect.HEAD)
    stream.seek(0)
    return head


def _records(
    stream: BinaryIO, origin: str, fmt: str, opts: ReadOptions
) -> Iterator[Article | InputError]:
    # Each reader is imported when a file needs it: trafilatura, feedparser and fastwarc take
    # a second to import, and most runs read none of them.
    date, limit = opts.default_date, opts.max_bytes
    if fmt != "warc":
        try:
            check(_peek(stream), origin, records=fmt in ("jsonl", "csv", "tsv", "feed"))
        except InputError as exc:
            yield exc
            return
    if fmt == "warc":
        from resgestae.ingest.warc import read_warc

        yield from read_warc(stream, origin, default_date=date, max_bytes=limit)
    elif fmt == "jsonl":
        from resgestae.ingest.jsonl import read_jsonl

        yield from read_jsonl(stream, origin, default_date=date, max_bytes=limit)
    elif fmt in ("csv", "tsv"):
        from resgestae.ingest.csv import read_csv

        delimiter = "\t" if fmt == "tsv" else ","
        yield from read_csv(
            stream,
            origin,
            delimiter=delimiter,
            columns=opts.columns,
            default_date=date,
            max_bytes=limit,
        )
    else:
        try:
            data = read_bounded(stream, origin, limit)
            if fmt == "feed":
                from resgestae.ingest.feed import read_feed

                yield from read_feed(data, origin, default_date=date)
            elif fmt == "html":
                from resgestae.ingest.html import read_html

                yield read_html(data, origin, default_date=date)
            else:
                from resgestae.ingest.text import read_text

                yield read_text(decode(data, origin), origin, default_date=date)
        except InputError as exc:
            yield exc
