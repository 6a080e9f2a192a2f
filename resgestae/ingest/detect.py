"""Which reader a file needs: by extension where it is unambiguous, else by its first bytes.

A ``.gz`` file is decompressed as it is read (``gzmembers.Members``), whatever it holds; its
format is that of the name without ``.gz`` (``news.jsonl.gz``) or of its decompressed first
bytes.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import BinaryIO, cast

from resgestae.ingest.gzmembers import Members

FORMATS = ("text", "jsonl", "html", "feed", "warc", "csv", "tsv")
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".csv": "csv",
    ".tsv": "tsv",
}
SNIFFED = (".xml", ".gz")  # read in a directory walk too; the content decides
GZIP_MAGIC = b"\x1f\x8b"
HEAD = 4096


def suffix(name: str) -> str:
    """The extension that names the format: ``.warc`` for ``crawl.warc.gz``."""
    suffixes = [s.lower() for s in PurePath(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def is_input(name: str) -> bool:
    """Whether a directory walk reads this file."""
    return suffix(name) in EXTENSIONS or PurePath(name).suffix.lower() in SNIFFED


def open_binary(path: str) -> BinaryIO:
    """The file's bytes, decompressed on the fly when it is gzip (by content, not name)."""
    raw = open(path, "rb")  # noqa: SIM115 - handed to the caller, who closes it
    if raw.read(2) == GZIP_MAGIC:
        # member by member, so a corrupt one costs only its own records; see close()
        return cast(BinaryIO, Members(raw))
    raw.seek(0)
    return raw


def close(stream: BinaryIO) -> None:
    """Close a stream from ``open_binary``, and the file under it when it was gzip."""
    inner = getattr(stream, "raw", None) if isinstance(stream, Members) else None
    stream.close()
    if inner is not None:
        inner.close()


def detect(name: str, head: bytes) -> str:
    """The format of a file called ``name`` whose (decompressed) content starts with ``head``."""
    return EXTENSIONS.get(suffix(name)) or sniff(head)


def sniff(head: bytes) -> str:
    """The format from the first bytes alone; CSV is never guessed (name it ``.csv``)."""
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        if any(tag in start[:2048] for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")):
            return "feed"
        if any(tag in start[:2048] for tag in (b"<!doctype html", b"<html", b"<head", b"<body")):
            return "html"
    return "text"
