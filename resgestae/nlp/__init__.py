"""spaCy loading and parsing. spaCy objects never leave this folder: ``parse`` returns
``Parsed`` records of plain data."""

from resgestae.nlp.parse import (
    DEFAULT_MODEL,
    MAX_CHARS,
    Unparsed,
    load_model,
    parse,
    parse_each,
    to_parsed,
)
from resgestae.nlp.pieces import PIECE, pieces

__all__ = [
    "DEFAULT_MODEL",
    "MAX_CHARS",
    "PIECE",
    "Unparsed",
    "load_model",
    "parse",
    "parse_each",
    "pieces",
    "to_parsed",
]
