"""One exception hierarchy. Messages name the input and say how to fix the problem."""

from __future__ import annotations


class ResgestaeError(Exception):
    """Base class for every error resgestae raises on purpose."""


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
