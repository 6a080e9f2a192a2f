"""Find time expressions in a parsed article: spaCy DATE/TIME entities plus our own patterns
for what the small model misses, each normalised against the publication date with the tense
of the verb that governs it."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from resgestae.dates.lexicon import DECADE_WORDS, NUMBERS, SEASONS, UNITS, VAGUE
from resgestae.dates.normalise import Norm, normalise
from resgestae.types import Parsed, Timex

__all__ = ["find_timexes", "tense_of"]

_CAP_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_CAP_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMW = "|".join(sorted(map(re.escape, list(NUMBERS) + list(VAGUE)), key=len, reverse=True))
_NUM = (
    rf"(?:\d+(?:\.\d+)?|(?i:{_NUMW})(?:-(?i:one|two|three|four|five|six|seven|eight|nine))?)"
    r"(?: and a half)?"
)
_UNIT = rf"(?i:(?:{'|'.join(UNITS)})s?|centuries)"
_SEASON = rf"(?i:{'|'.join(SEASONS)})"
_PART = r"(?i:morning|afternoon|evening|night)"
_REL = r"(?i:(?:earlier |later )?(?:this|last|next|past|previous|coming|following))"
_CAL = rf"(?:(?i:week(?:end)?|month|year|quarter|decade)|{_CAP_DAY}|{_CAP_MONTH}|{_SEASON})"

_PATTERNS = [
    # absolute and partial dates
    rf"(?:{_CAP_DAY},? )?{_CAP_MONTH} {_ORD}(?:,? {_YEAR})?(?!\d)",
    rf"(?:{_CAP_DAY},? )?(?:the )?{_ORD} (?:of )?{_CAP_MONTH}(?:,? {_YEAR})?",
    rf"{_CAP_MONTH},? (?:of )?{_YEAR}",
    r"\b\d{4}-\d{2}-\d{2}\b",
    rf"\b(?:in|of|by|since|until|till|during|before|after|early|late|through|mid-) ?{_CAP_MONTH}",
    r"\b(?:Jan|Febr)uary|\bApril|\bJune|\bJuly|\bAugust|\b(?:Septem|Octo|Novem|Decem)ber",
    # years, decades, centuries, quarters, seasons, fiscal years
    rf"\b(?i:(?:in|of|by|since|until|till|during|before|after|from|to|through|early|late|"
    rf"year|around|circa) |mid-)(?i:the year )?{_YEAR}\b(?!['’]?s\b| ?%)",
    r"(?i:the )?(?:1[5-9]|20)\d0['’]?s\b",
    r"(?:(?i:the )|\b)['’]?\d0s\b",
    rf"(?i:the )(?i:{'|'.join(DECADE_WORDS)})\b",
    r"(?i:the )\d{1,2}(?:st|nd|rd|th) [Cc]entury",
    rf"(?i:(?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:fiscal )?(?:quarter|half)"
    rf"(?: of (?:the )?(?:fiscal )?(?:year )?(?:{_YEAR})?)?)",
    rf"\bQ[1-4](?:[ -]{_YEAR})?\b",
    rf"\b(?i:fiscal(?: year)?) (?:{_YEAR})|\bFY ?\d{{2,4}}\b",
    rf"(?i:(?:the |this |last |next )?(?:spring|summer|autumn|winter)(?: of)?(?: {_YEAR})?)\b",
    rf"(?i:(?:the |this |last |next )fall)(?: of)?(?: {_YEAR})?\b",
    # relative expressions
    rf"{_REL} {_CAL}\b",
    r"(?i:(?:earlier|later) in the (?:week|month|year))",
    rf"\b(?i:today|tonight|yesterday|tomorrow)(?: {_PART})?\b",
    rf"(?i:\bthis) {_PART}\b|(?i:\blast night)\b",
    rf"{_CAP_DAY}(?: {_PART})?",
    rf"\b{_NUM}[ -]{_UNIT} (?i:ago|earlier|later|before|after)\b",
    r"\b(?i:now|recently|nowadays|previously)\b",
    r"(?i:\b(?:in )?the (?:near |distant )?(?:past|future))\b",
    # durations and ages ("the 30-years-old conflict", "nearly three decades")
    rf"\b(?:(?i:the )?(?i:past|last|next|first|coming|previous) )?{_NUM}[ -]{_UNIT}"
    r"(?:[ -](?i:old|long))?\b",
    rf"\b(?i:the )(?i:past|last|next|previous|coming) {_UNIT}\b",
    r"\b(?i:decades|centuries)\b",
    # sets
    rf"\b(?i:every|each|per) (?:other )?(?:{_UNIT}|{_CAP_DAY})\b",
    r"\b(?i:daily|weekly|monthly|annually|yearly|quarterly)\b",
    # times of day
    r"\b\d{1,2}(?:[:.]\d{2})? ?[ap]\.m\.|\b\d{1,2}(?::\d{2})? ?[ap]m\b"
    r"(?: (?i:local time|GMT|UTC|[A-Z]{2,4}))?",
    r"\b(?i:at )\d{1,2}:\d{2}\b(?: (?i:local time|GMT|UTC))?",
    r"\b\d{1,2}:?\d{2} (?:GMT|UTC)\b",
    r"\b(?i:noon|midnight|midday)\b",
]
_FINDER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_RANGE = re.compile(
    r"^(?P<pre>(?:from|between) )?(?P<a>.+?)(?P<sep> (?:to|and|until|till|through) |\s?[-–]\s?)"
    r"(?P<b>.+)$",
    re.I,
)
_FUTURE_VERBS = {"plan", "expect", "schedule", "set", "due", "intend", "aim", "hope", "want",
                 "agree", "promise", "pledge", "vow", "threaten", "prepare", "go"}  # fmt: skip


def find_timexes(parsed: Parsed, published: dt.date | None) -> tuple[Timex, ...]:
    """Every time expression in the article, normalised against ``published``."""
    text = parsed.article.text
    starts = [t.idx for t in parsed.tokens]
    spans = [(e.start, e.end, "spacy") for e in parsed.entities if e.label in ("DATE", "TIME")]
    spans += [(m.start() + _lead(m.group()), m.end(), "pattern") for m in _FINDER.finditer(text)]
    # Longer candidates first, spaCy before patterns; a later one overlapping a kept one is
    # dropped, so each stretch of text yields one reading.
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[2] != "spacy", s[0]))
    kept: list[Timex] = []
    for start, end, source in spans:
        for tx in _read(parsed, starts, text, start, end, source, published):
            if not any(tx.start < k.end and k.start < tx.end for k in kept):
                kept.append(tx)
    return tuple(sorted(kept, key=lambda t: t.start))


_LEAD = re.compile(
    r"^(?:(?:in|of|by|since|until|till|during|before|after|from|to|through|around|circa|at)"
    r" |mid-)",
    re.I,
)


def _lead(s: str) -> int:
    """Characters of a leading preposition the pattern needed as context but is not part of
    the expression."""
    m = _LEAD.match(s)
    return m.end() if m else 0


def _read(parsed, starts, text, start, end, source, published):
    """Timexes for one candidate span: as a whole, as a range of two, or trimmed."""
    whole = _timex(parsed, starts, text, start, end, source, published)
    if whole:
        return [whole]
    m = _RANGE.match(text[start:end])
    if m:
        a0 = start + (len(m.group("pre")) if m.group("pre") else 0)
        a = _timex(parsed, starts, text, a0, start + m.end("a"), source, published)
        b_text = m.group("b")
        b = _timex(parsed, starts, text, start + m.start("b"), end, source, published)
        if a and b:
            return [a, b]
        if a and b is None and re.fullmatch(r"\d{2}", b_text) and a.precision == "year":
            return [a]  # "2001-09": keep the first year
    # spaCy often takes in a word too many ("the 30-year-old", "Monday's"): drop edge tokens
    toks = [t for t in parsed.tokens if start <= t.idx < end]
    for lo, hi in ((1, 0), (0, 1), (1, 1)):
        if len(toks) > lo + hi:
            s, e = toks[lo].idx, toks[len(toks) - 1 - hi].end
            tx = _timex(parsed, starts, text, s, e, source, published)
            if tx:
                return [tx]
    return []


def _timex(parsed, starts, text, start, end, source, published) -> Timex | None:
    surface = text[start:end]
    if not surface.strip():
        return None
    tok_start = max(0, bisect.bisect_right(starts, start) - 1)
    tok_end = max(tok_start + 1, bisect.bisect_left(starts, end))
    tense = tense_of(parsed, tok_start, tok_end)
    norm: Norm | None = normalise(surface, published, tense)
    if norm is None:
        return None
    return Timex(surface, start, end, tok_start, tok_end, norm.value, norm.precision, norm.type,
                 f"{source}:{norm.rule}")  # fmt: skip


def span_head(parsed: Parsed, tok_start: int, tok_end: int) -> int:
    """The token of a span whose head lies outside it."""
    for i in range(tok_start, tok_end):
        h = parsed.tokens[i].head
        if h == i or not tok_start <= h < tok_end:
            return i
    return tok_start


def tense_of(parsed: Parsed, tok_start: int, tok_end: int) -> str | None:
    """ "past", "future", "present" or None: the tense of the verb governing a span."""
    i = span_head(parsed, tok_start, tok_end)
    for _ in range(8):
        tok = parsed.tokens[i]
        if tok.pos in ("VERB", "AUX") and not (tok_start <= i < tok_end):
            return verb_tense(parsed, i)
        if tok.head == i:
            return None
        i = tok.head
    return None


def verb_tense(parsed: Parsed, v: int, depth: int = 0) -> str | None:
    toks = parsed.tokens
    verb = toks[v]
    aux = [toks[c] for c in parsed.children[v] if toks[c].dep in ("aux", "auxpass")]
    words = {a.text.lower() for a in aux}
    if words & {"will", "'ll", "shall", "wo"}:
        return "future"
    if verb.lemma in _FUTURE_VERBS and verb.tag in ("VBN", "VBG", "JJ"):
        return "future"  # "is scheduled to", "is set for", "are planning"
    if any(a.tag == "MD" for a in aux):
        return None
    if verb.tag == "VBD" or any(a.tag == "VBD" for a in aux):
        return "past"
    if verb.tag == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "past"
    if verb.tag == "VB" and "to" in words and depth < 3 and verb.head != v:
        parent = toks[verb.head]
        if parent.lemma in _FUTURE_VERBS:
            return "future"
        if parent.pos in ("VERB", "AUX"):
            return verb_tense(parsed, verb.head, depth + 1)
    if verb.tag in ("VBZ", "VBP", "VBG"):
        return "present"
    return None
