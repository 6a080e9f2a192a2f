"""The disk cache (``$RESGESTAE_CACHE``, default ``~/.cache/resgestae``): resources that are
slow to build, kept as pickles keyed by what they are built from, so a start reads them in a
fraction of the time."""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """The cache folder: ``$RESGESTAE_CACHE``, else ``~/.cache/resgestae``."""
    root = os.environ.get("RESGESTAE_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "resgestae"


def load_pickle(path: Path) -> object | None:
    """The object pickled at ``path``, or None when it is missing or unreadable. The garbage
    collector is paused meanwhile: the many small objects a load makes would otherwise set it
    off again and again, for a quarter of the time."""
    if not path.exists():
        return None
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # a broken or stale cache is rebuilt by the caller
    finally:
        if enabled:
            gc.enable()


def save_pickle(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path`` atomically (parallel workers never read half a file);
    a read-only cache folder only makes the next start slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass


def cached(path: Path, build: Callable[[], T], kind: type[T]) -> T:
    """The ``kind`` object pickled at ``path``, else ``build()`` (then pickled there)."""
    value = load_pickle(path)
    if isinstance(value, kind):
        return value
    built = build()
    save_pickle(path, built)
    return built
