"""Cutting a long text into pieces the parser takes one at a time.

spaCy refuses a text over ``nlp.max_length`` (E088, 1,000,000 characters) and needs about
1 GB of memory per 100,000 characters for the parser and the entity recogniser, so a long
article is parsed in pieces of at most ``PIECE`` characters, cut where a sentence cannot
continue: a blank line, else the end of a sentence, else a space, else anywhere. The pieces
concatenate to the text exactly, so offsets in the parse are offsets in the article.
"""

from __future__ import annotations

import re

PIECE = 100_000  # characters parsed at once
# A cut in the last half of the window at one of these (tried in order) keeps a piece long.
BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),  # a paragraph break, and the blank lines after it
    re.compile(r"[.!?][\"'”’)\]]*\s+"),  # a sentence end and the space after it
    re.compile(r"\s+"),  # any space: a "sentence" without punctuation
)


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters (``size`` >= 2)
    that join to ``text``; one piece when it fits."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = _cut(text, start, start + size)
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _cut(text: str, start: int, end: int) -> int:
    """The best place in ``text[start:end]`` to end a piece (an index into ``text``)."""
    half = start + (end - start) // 2
    for pattern in BREAKS:
        last = None
        for match in pattern.finditer(text, half, end):
            last = match
        if last is not None and last.end() > start:
            # the whitespace after a break ends the piece, so the next starts with a word;
            # a match running to ``end`` may go on past it, and the next piece takes the rest
            return last.end()
    return end
