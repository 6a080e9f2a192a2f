"""DuckDB storage of articles, events and actor mentions, with event queries."""

from resgestae.store.db import Store, open_store

__all__ = ["Store", "open_store"]
