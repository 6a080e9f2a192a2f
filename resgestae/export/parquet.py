"""Parquet datasets of every field, partitioned by month (hive-style ``month=YYYY-MM/``
folders): ``events/`` and ``mentions/`` under one folder.

DuckDB writes them (it is already resgestae's store, so Parquet needs no new dependency):
one ``COPY`` per dataset from ``ev`` and ``mn`` (``resgestae.export.source``), typed as
``EVENT_TYPES`` and ``MENTION_TYPES``, by month, within DuckDB's memory limit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from resgestae.errors import ExportError
from resgestae.export.source import DAY, EVENT_TYPES, MENTION_TYPES, Source

__all__ = ["EVENT_TYPES", "MENTION_TYPES", "DATASETS", "MONTH", "check_folder", "write_parquet"]

DATASETS = ("events", "mentions")
# The partition of an event (and of its mentions): its day's YYYY-MM (the first day its date
# covers, else the day it was first seen), else "unknown".
MONTH = f"coalesce(strftime({DAY}, '%Y-%m'), 'unknown')"


def check_folder(root: Path) -> None:
    """Refuse a folder holding anything but an earlier export: writing replaces its
    datasets, and must not delete what a user keeps there."""
    if root.exists() and not root.is_dir():
        raise ExportError(f"{root}: is a file; parquet writes a folder, give a folder name")
    if root.is_dir():
        other = sorted(p.name for p in root.iterdir() if p.name not in DATASETS)
        if other:
            raise ExportError(
                f"{root}: the folder holds other files ({', '.join(other[:3])}); "
                "give a new or empty folder (an earlier parquet export there is replaced)"
            )


def _typed(types: dict[str, str], table: str) -> str:
    return ", ".join(f'{table}."{k}"::{v} AS "{k}"' for k, v in types.items())


def write_parquet(source: Source, path: str | Path) -> int:
    """Write ``path/events/month=.../*.parquet`` and ``path/mentions/month=.../*.parquet``,
    replacing the datasets there (the exports ``check_folder`` it first); returns the number
    of events. Mentions are partitioned by their event's month, so an event and its evidence
    sit in the same partition."""
    root = Path(path)
    root.mkdir(parents=True, exist_ok=True)
    selects = {
        "events": f"SELECT {_typed(EVENT_TYPES, 'ev')}, {MONTH} AS month FROM ev",
        "mentions": f"SELECT {_typed(MENTION_TYPES, 'mn')}, ev.month FROM mn "
        f"JOIN (SELECT _n, {MONTH} AS month FROM ev) ev ON ev._n = mn._n",
    }
    written = {}
    for name, select in selects.items():
        target = root / name
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()  # an empty dataset is still a folder, so readers find both
        options = "FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE"
        written[name] = source.copy(select, target, options)
    return written["events"]
