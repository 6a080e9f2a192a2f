"""DuckDB storage of articles, events and actor mentions, with event queries."""

from resgestae.store.db import Coded, Store, Uncoded, open_store

__all__ = ["Coded", "Store", "Uncoded", "open_store"]
