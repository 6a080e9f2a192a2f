"""Readers that turn files, directories and stdin into ``Article`` records.

Bad inputs come back as ``InputError`` values instead of exceptions, so a batch reports them
and goes on with the rest.
"""

from resgestae.ingest.jsonl import read_jsonl
from resgestae.ingest.paths import read_paths
from resgestae.ingest.text import article_id, parse_header, read_text

__all__ = ["article_id", "parse_header", "read_jsonl", "read_paths", "read_text"]
