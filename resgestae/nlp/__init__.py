"""spaCy loading and parsing. spaCy objects never leave this folder: ``parse`` returns
``Parsed`` records of plain data."""

from resgestae.nlp.parse import DEFAULT_MODEL, load_model, parse, to_parsed

__all__ = ["DEFAULT_MODEL", "load_model", "parse", "to_parsed"]
