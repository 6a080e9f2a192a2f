"""A folder of Parquet datasets that a cluster writes into: ``articles/`` and ``mentions/``,
each partitioned by month (hive-style ``month=YYYY-MM/``), on any filesystem pyarrow reaches
(a local folder, ``s3://``, ``gs://``, ``hdfs://``).

``resgestae.store.parquet`` reads the folder back as a store (``events``, ``counts``,
``export`` and ``serve`` take it as ``--db``) and ``recluster`` adds its real-world events.

Every batch of articles is written as one file per partition it touches, named by a hash of
the batch's article ids and moved into place only once complete, mentions before articles.
So a batch written twice (a retried task) replaces its own files instead of adding to them,
a file that is seen is whole, and an article id in ``articles/`` means its mentions are
written: ``written_ids`` is what a rerun skips.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

# The folder's layout and columns are the reader's (``resgestae.store.parquet``, which reads
# the folder as a store): one place decides them for both.
from resgestae.store.parquet import ARTICLE_TYPES, ARTICLES, MENTION_TYPES, MENTIONS

__all__ = [
    "ARTICLES",
    "MENTIONS",
    "UNKNOWN_MONTH",
    "article_schema",
    "mention_schema",
    "open_folder",
    "write_batch",
    "written_ids",
]

UNKNOWN_MONTH = "unknown"


def _arrow_schema(types: Iterable[tuple[str, str]]) -> pa.Schema:
    """The Arrow schema of DuckDB column types, as DuckDB itself maps them: one place (the
    store's schema) decides each column's type, and DuckDB reads the files back as it."""
    cols = ", ".join(f'NULL::{kind} AS "{name}"' for name, kind in types)
    rel = duckdb.sql(f"SELECT {cols} LIMIT 0")
    assert rel is not None  # a SELECT always gives a relation
    return rel.to_arrow_table().schema


_SCHEMAS: dict[str, pa.Schema] = {}


def article_schema() -> pa.Schema:
    if ARTICLES not in _SCHEMAS:
        _SCHEMAS[ARTICLES] = _arrow_schema(ARTICLE_TYPES)
    return _SCHEMAS[ARTICLES]


def mention_schema() -> pa.Schema:
    if MENTIONS not in _SCHEMAS:
        _SCHEMAS[MENTIONS] = _arrow_schema(MENTION_TYPES)
    return _SCHEMAS[MENTIONS]


def open_folder(out: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem and root path of ``out``: a URI pyarrow knows (``s3://bucket/x``) or a
    local folder (relative to the current one)."""
    if "://" not in out:
        import os

        out = os.path.abspath(out)
    fs, root = pafs.FileSystem.from_uri(out)
    return fs, root.rstrip("/")


def month_of(day: dt.date | None) -> str:
    return f"{day.year:04d}-{day.month:02d}" if day else UNKNOWN_MONTH


def batch_name(ids: Sequence[str]) -> str:
    """The file name of a batch: the same articles always give the same name."""
    digest = hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:20]
    return f"part-{digest}.parquet"


def write_batch(
    fs: pafs.FileSystem, root: str, articles: list[dict[str, Any]], mentions: list[dict[str, Any]]
) -> None:
    """Write one batch: its ``mentions`` rows (each with ``month``) and then its
    ``articles`` rows (each with ``month``), one file per dataset and month, each written
    whole under a hidden name and then moved over the final one."""
    name = batch_name([a["id"] for a in articles])
    for dataset, rows, schema in (
        (MENTIONS, mentions, mention_schema()),
        (ARTICLES, articles, article_schema()),
    ):
        by_month: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            by_month.setdefault(row["month"], []).append(row)
        for month, part in sorted(by_month.items()):
            folder = f"{root}/{dataset}/month={month}"
            fs.create_dir(folder, recursive=True)
            table = pa.Table.from_pylist(part, schema=schema)
            tmp = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"  # hidden: no reader lists it
            pq.write_table(table, tmp, filesystem=fs)
            fs.move(tmp, f"{folder}/{name}")


def written_ids(fs: pafs.FileSystem, root: str) -> set[str]:
    """The ids of the articles already written under ``root`` (none if it is new)."""
    folder = f"{root}/{ARTICLES}"
    if fs.get_file_info(folder).type == pafs.FileType.NotFound:
        return set()
    data = ds.dataset(folder, filesystem=fs, format="parquet", partitioning="hive")
    return set(data.to_table(columns=["id"]).column("id").to_pylist())
