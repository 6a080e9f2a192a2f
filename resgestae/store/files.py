"""The store's file, checked before DuckDB opens it, and DuckDB's errors about it turned into
one-line ``StoreError`` messages that say the cause and the fix.

Checked first because DuckDB does worse on its own: a SQLite file makes it look for (and,
when allowed, download) its SQLite extension; an empty file left by a store created on a full
disk is "not a valid DuckDB database" for every later run; a read-only folder is found only
at the first commit, after the model has loaded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from resgestae.errors import StoreError

__all__ = ["check_file", "is_fatal", "remove_new", "store_error"]

MAGIC = b"DUCK"  # at byte 8 of every DuckDB file, after the header's checksum
_OTHER = (
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"PK\x03\x04", "a zip file"),
    (b"\x1f\x8b", "a gzip file"),
)
_LOCK = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)(?: by user (\S+))?")
_RESUME = "what was stored is kept: run the same command again to resume"


def check_file(path: str, *, read_only: bool) -> None:
    """Raise ``StoreError`` if ``path`` cannot be the store: not a DuckDB file, not readable
    or (unless ``read_only``) not writable, itself or its folder. An empty file (a store
    whose creation failed, e.g. on a full disk) is removed when writing: it holds nothing
    and DuckDB would refuse it for good."""
    p = Path(path)
    folder = p.parent
    if p.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file; give a file name")
    if not p.exists():
        if read_only:
            raise StoreError(f"{path}: no such database; create it with `resgestae ingest`")
        if not folder.is_dir():
            raise StoreError(f"{path}: no folder {folder}; create it first or give another file")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(
                f"{path}: cannot create the database: the folder {folder} is read-only; give "
                f"a file in a folder you can write"
            )
        return
    if not os.access(p, os.R_OK):
        raise StoreError(f"{path}: cannot read the database (permission denied); make it readable")
    with p.open("rb") as f:
        head = f.read(16)
    if not head:
        if read_only:
            raise StoreError(
                f"{path}: the file is empty, not a store; fill it with `resgestae ingest`"
            )
        p.unlink()
        Path(path + ".wal").unlink(missing_ok=True)
        return
    if head[8:12] != MAGIC:
        kind = next((f" (it is {k})" for magic, k in _OTHER if head.startswith(magic)), "")
        raise StoreError(
            f"{path}: not a DuckDB database{kind}; give a store made by `resgestae ingest`, "
            f"or a new file name"
        )
    if read_only:
        return
    if not os.access(p, os.W_OK):
        raise StoreError(
            f"{path}: cannot write the database: the file is read-only; make it writable "
            f"(chmod u+w), or only query it (events, counts, export open it read-only)"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"{path}: cannot write the database: its folder {folder} is read-only (DuckDB "
            f"writes its log, {p.name}.wal, beside it); make the folder writable, or only "
            f"query it (events, counts, export open it read-only)"
        )


def remove_new(path: str) -> None:
    """Remove what a failed creation of the store at ``path`` left (a file holding no
    database, which later runs would reject, and its log)."""
    for p in (Path(path), Path(path + ".wal")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


def is_fatal(exc: duckdb.Error) -> bool:
    """Whether ``exc`` means the store can take no more writes (a full disk, an I/O or
    permission error, a failed commit, an invalidated database) rather than refusing one
    article."""
    return isinstance(
        exc,
        duckdb.IOException
        | duckdb.FatalException
        | duckdb.InternalException
        | duckdb.TransactionException
        | duckdb.PermissionException,
    ) or _cause(exc) in ("disk", "permission")


def store_error(path: str, exc: duckdb.Error, *, doing: str = "write") -> StoreError:
    """``exc`` from DuckDB as a one-line ``StoreError`` saying its cause and what to do;
    ``doing`` is "open" or "write" (then what was stored is kept)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    detail = text.split(". See also")[0]
    cause = _cause(exc)
    if cause == "lock":
        m = _LOCK.search(text)
        who = f" (PID {m.group(2)}, {Path(m.group(1)).name})" if m else ""
        return StoreError(
            f"{path}: another process{who} has the database open (a running `resgestae "
            f"ingest` or `recluster` holds it until it ends); wait for it to finish, or use "
            f"another --db"
        )
    if cause == "disk":
        tail = _RESUME if doing == "write" else "then run the command again"
        return StoreError(
            f"{path}: the disk is full (No space left on device); free some space or use "
            f"--db on another disk; {tail}"
        )
    if cause == "permission":
        return StoreError(
            f"{path}: cannot {doing} the database ({detail}); make the file and its folder "
            f"writable, or use another --db"
        )
    if doing == "open":
        return StoreError(
            f"{path}: cannot open the database ({detail}); check that it is a store made by "
            f"`resgestae ingest`, or give another file"
        )
    return StoreError(f"{path}: the database accepts no more writes ({detail}); {_RESUME}")


def _cause(exc: BaseException) -> str | None:
    text = str(exc)
    if "Conflicting lock" in text or "Could not set lock" in text:
        return "lock"
    if "No space left on device" in text or "Disk quota exceeded" in text:
        return "disk"
    if "Permission denied" in text or "Read-only file system" in text:
        return "permission"
    return None
