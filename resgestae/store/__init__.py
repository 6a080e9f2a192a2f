"""DuckDB storage of articles, events and actor mentions, with event queries."""

from resgestae.store.db import Store

__all__ = ["Store"]
