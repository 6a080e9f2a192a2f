"""One exception hierarchy. Messages name the input and say how to fix the problem."""

from __future__ import annotations

__all__ = [
    "ExportError",
    "InputError",
    "LexiconError",
    "ModelError",
    "OptionError",
    "ResgestaeError",
    "StoreError",
]


class ResgestaeError(Exception):
    """Base class for every error resgestae raises on purpose; its message is one line that
    names what is wrong and says how to fix it (the CLI prints it as it is)."""


class InputError(ResgestaeError):
    """An input (file, line, record) that cannot be read as an article.

    ``origin`` names it ("path", "path:line"), so a batch can report it and go on.
    """

    def __init__(self, origin: str, message: str):
        self.origin = origin
        self.message = message
        super().__init__(f"{origin}: {message}")


class ModelError(ResgestaeError):
    """The spaCy model cannot be loaded."""


class LexiconError(ResgestaeError):
    """A lexicon file (packaged or given with --lexicon) is malformed."""


class StoreError(ResgestaeError):
    """The DuckDB store cannot be opened, or can no longer be written."""


class OptionError(ResgestaeError, ValueError):
    """An option with a value the library cannot use (the CLI checks its own before)."""


class ExportError(ResgestaeError):
    """An export cannot be written: an unknown format, or a file or folder that cannot be
    created or would overwrite what it should not."""
