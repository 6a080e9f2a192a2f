"""Datelines and bylines are sentences of their own.

A report often opens "WASHINGTON (AP) — China vowed on Friday..." or "By JANE DOE and JOHN
ROE, Associated Press BEIRUT (AP) — A spokesman says...". With no full stop between them, the
parser makes the byline and the dateline part of the first sentence, and their names become
the subject or objects of its verb ("press", "Associated"). This component, run before the
parser (which keeps sentence starts set before it), starts a sentence after a dateline's
dash and, after a byline, at the dateline's place name.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["NAME", "mark_datelines"]

NAME = "resgestae_dateline"  # a change here changes parses: raise parse.SEGMENTATION
DASHES = frozenset({"—", "–", "--", "-", "\ufffd"})  # U+FFFD: a dash lost in decoding
REACH = 40  # a dateline ends within this many tokens of its paragraph's start
SENTENCE_END = frozenset({".", "!", "?"})


@Language.component(NAME)
def mark_datelines(doc: Doc) -> Doc:
    """Set sentence starts after the dateline of each paragraph that opens with one."""
    for start in _paragraph_starts(doc):
        dash = _dateline_dash(doc, start)
        if dash is None:
            continue
        first = _next_word(doc, dash)
        if first < len(doc):
            doc[first].is_sent_start = True
        if doc[start].text == "By":
            # the byline's names come first: the place is the last run of capitals before
            # the dash, outside the agency's brackets ("Associated Press WASHINGTON (AP) —")
            places = [
                t.i for t in doc[start + 1 : dash] if _capitals(t.text) and doc[t.i - 1].text != "("
            ]
            if places:
                run = places[-1]
                while run - 1 > start and _capitals(doc[run - 1].text):
                    run -= 1
                doc[run].is_sent_start = True
    return doc


def _paragraph_starts(doc: Doc) -> list[int]:
    starts = [0]
    for t in doc:
        if "\n\n" in t.whitespace_ or (t.is_space and "\n\n" in t.text):
            starts.append(t.i + 1)
    return [s for s in starts if s < len(doc)]


def _dateline_dash(doc: Doc, start: int) -> int | None:
    """The dash ending a dateline that opens at ``start`` ("BEIRUT (AP) —"): the first dash
    within reach, after a word in capitals and with no full stop before it, followed by a
    capitalised word; or, with no dash, the agency's closing bracket after a place in
    capitals ("MEXICO CITY (AP) Mexico's...")."""
    seen_place = False
    for t in doc[start : min(len(doc), start + REACH)]:
        if t.text in SENTENCE_END:
            return None
        if t.text in DASHES and t.i > start and (t.text != "-" or t.whitespace_):
            after = _next_word(doc, t.i)
            if seen_place and after < len(doc) and doc[after].text[:1].isupper():
                return t.i
            return None
        if _capitals(t.text) and len(t.text) > 1:
            seen_place = True
        if t.text == ")" and t.i - start >= 3 and doc[t.i - 2].text == "(":
            # "MEXICO CITY (AP) Mexico's Senate...": the agency's bracket ends it, dashless
            after = _next_word(doc, t.i)
            if (
                _capitals(doc[t.i - 1].text)
                and _capitals(doc[t.i - 3].text)
                and after < len(doc)
                and doc[after].text not in DASHES
                and doc[after].text[:1].isupper()
            ):
                return t.i
    return None


def _next_word(doc: Doc, i: int) -> int:
    """The first token after i that is not white space (``len(doc)`` if none)."""
    i += 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _capitals(word: str) -> bool:
    return word.isalpha() and word.isupper()
