"""Which time expression dates an event: the one attached to its predicate in the parse."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from resgestae.dates.recognise import span_head
from resgestae.types import EventDate, Parsed, Timex

__all__ = ["event_date", "date_range"]

# Edges a date phrase climbs to reach the word it modifies; a clause edge (relcl, ccomp,
# advcl...) stops the climb, so a date inside "which was adopted on X" stays with "adopted".
_CLIMB = {"prep", "pobj", "npadvmod", "nmod", "compound", "amod", "appos", "nummod", "pcomp",
          "dobj", "attr", "tmod", "obl", "advmod", "quantmod", "det", "case", "dep"}  # fmt: skip
_PRECISIONS = ("day", "week", "month", "year", "decade")
# "since the signing of the agreement in 1994": a date inside the object of a temporal
# preposition dates that nested event, not the verb the preposition hangs on.
_TEMPORAL_PREPS = {"since", "after", "before", "until", "till", "following", "prior"}
# "protested over a period of several months", "throughout the past two years": a duration
# the event is spread over. Such an event happened on many days before the report, not on
# its publication day; "jailed for five years" gives the sentence's length, not its time.
_EXTENT = re.compile(r"(?:^|\s)(?:over|throughout)(?: the| a)?(?: (?:period|course|span|space))?"
                     r"(?: of)?$", re.IGNORECASE)  # fmt: skip
_LONG = ("M", "Y", "E", "C")  # TimeML duration units of a month and longer (decade, century)


def event_date(
    parsed: Parsed, timexes: tuple[Timex, ...], trigger_i: int, published: dt.date | None
) -> EventDate:
    """The date of the event whose predicate is token ``trigger_i``."""
    own = _predicate_group(parsed, trigger_i)  # the extent check below reads it too
    for pred in (trigger_i, _host_verb(parsed, trigger_i)):
        if pred is None:
            continue
        preds = own if pred == trigger_i else _predicate_group(parsed, pred)
        for tx in sorted(timexes, key=lambda t: abs(t.tok_start - trigger_i)):
            if _usable(tx) and _governor(parsed, tx, preds) is not None:
                return _since(parsed, tx, _from_timex(tx), published)
    for tx in timexes:
        if _extent(parsed, tx) and _governor(parsed, tx, own):
            return EventDate(None, "unknown", "text", None, None, tx.text, tx.start, tx.end,
                             rule=f"extent:{tx.rule}")  # fmt: skip
    only = _sentence_date(parsed, timexes, trigger_i)
    if only is not None:
        return replace(_from_timex(only), rule=f"sentence-date:{only.rule or 'timex'}")
    if published is None:
        return EventDate(None, "unknown", "unknown", None, None)
    return EventDate(published.isoformat(), "day", "publication", published, published,
                     rule="publication-date")  # fmt: skip


def _since(parsed: Parsed, tx: Timex, date: EventDate, published: dt.date | None) -> EventDate:
    """A date after "since" ("have been killed since Saturday") runs to the report."""
    if _word_before(parsed, tx) != "since" or date.last is None or published is None:
        return date
    if published <= date.last:
        return date
    return replace(date, last=published, rule=f"since:{date.rule}")


def _word_before(parsed: Parsed, tx: Timex) -> str | None:
    """The word just before ``tx``, lower-cased (None at the start of the text)."""
    return parsed.tokens[tx.tok_start - 1].text.lower() if tx.tok_start > 0 else None


def _extent(parsed: Parsed, tx: Timex) -> bool:
    """Whether ``tx`` is a duration of a month or more that an event is spread over."""
    if tx.type != "DURATION" or not tx.value or tx.value[-1] not in _LONG or "T" in tx.value:
        return False
    before = " ".join(t.text for t in parsed.tokens[max(0, tx.tok_start - 4) : tx.tok_start])
    return _EXTENT.search(before) is not None


def _sentence_date(parsed: Parsed, timexes: tuple[Timex, ...], i: int) -> Timex | None:
    """For a past event with no date of its own, the one date its sentence gives ("Police
    responding to reports of a man with a gun on Wednesday fatally shot him"; "In January
    2002, X said that the area was mined"): a sentence about the past is dated once, and
    the date attaches to whichever verb the parse chose. None when the sentence gives no
    date or several, or its one date is the start or end of a span ("since 2015")."""
    toks = parsed.tokens
    if toks[i].tag not in ("VBD", "VBN", "NN", "NNS"):
        return None  # present and future events are not dated by the past
    sent = toks[i].sent
    inside = [t for t in timexes if toks[t.tok_start].sent == sent and _usable(t)]
    if len(inside) != 1:
        return None
    tx = inside[0]
    if _word_before(parsed, tx) in _TEMPORAL_PREPS | {"by", "from", "to"}:
        return None
    k = _host(parsed, tx)
    if k != i and (
        toks[k].dep in ("acl", "relcl") or (toks[k].dep == "conj" and not parsed.coordinated(k))
    ):
        # "the truce agreed in May 2019" (often misparsed as a second verb, with no "and"):
        # the date of what describes a noun
        return None
    if tx.precision in ("day", "time", "week") and _reports(parsed, k, i):
        return None  # "said on Tuesday that troops had entered": entered before, day unknown
    return tx


def _host(parsed: Parsed, tx: Timex) -> int:
    """The verb the timex hangs on (or the top of its phrase)."""
    toks = parsed.tokens
    k = span_head(parsed, tx.tok_start, tx.tok_end)
    for _ in range(6):
        if toks[k].pos in ("VERB", "AUX") or toks[k].head == k:
            break
        k = toks[k].head
    return k


def _reports(parsed: Parsed, k: int, i: int) -> bool:
    """Whether verb k reports event i in a clausal complement."""
    toks = parsed.tokens
    return any(toks[c].dep == "ccomp" and i in parsed.subtree(c) for c in parsed.children[k])


def _host_verb(parsed: Parsed, i: int) -> int | None:
    """For an event noun without a date of its own, the verb it is the object of ("came
    under the occupation ... in the 1990s"): that verb's date is the event's. Not through a
    temporal preposition ("since the signing"), which dates something else."""
    toks = parsed.tokens
    if toks[i].pos not in ("NOUN", "PROPN"):
        return None
    k = i
    for _ in range(4):
        tok = toks[k]
        if tok.head == k or tok.dep not in ("pobj", "prep", "dobj", "nsubj", "nsubjpass"):
            return None
        if tok.dep == "pobj" and toks[tok.head].lemma.lower() in _TEMPORAL_PREPS:
            return None
        k = tok.head
        if toks[k].pos in ("VERB", "AUX"):
            return k
    return None


def _predicate_group(parsed: Parsed, i: int) -> set[int]:
    """The trigger with the verbs coordinated with it ("discussed and adopted") and the
    auxiliary/complement verbs of one predicate ("decided to sign"), which share a date."""
    toks = parsed.tokens
    group, stack = set(), [i]
    while stack:
        j = stack.pop()
        if j in group:
            continue
        group.add(j)
        tok = toks[j]
        if (tok.dep == "xcomp" or parsed.coordinated(j) or _purpose(parsed, j)) and tok.head != j:
            stack.append(tok.head)
        stack.extend(
            c
            for c in parsed.children[j]
            if toks[c].dep == "xcomp" or parsed.coordinated(c) or _purpose(parsed, c)
        )
    return group


def _purpose(parsed: Parsed, j: int) -> bool:
    """Whether verb j is an infinitive of purpose ("marched on Monday to demand"), done
    when the verb it hangs on is."""
    toks = parsed.tokens
    # spaCy often hangs it on a noun before it as a relative clause ("a period of months to
    # demand")
    return toks[j].dep in ("advcl", "relcl") and any(
        toks[c].tag == "TO" for c in parsed.children[j]
    )


def _governor(parsed: Parsed, tx: Timex, preds: set[int]) -> int | None:
    """The predicate in ``preds`` that the timex attaches to, climbing through
    phrase-internal edges only; None if the climb leaves the clause first."""
    toks = parsed.tokens
    i = span_head(parsed, tx.tok_start, tx.tok_end)
    passed_noun = False
    for _ in range(12):
        if i in preds and not tx.tok_start <= i < tx.tok_end:
            return i
        tok = toks[i]
        if tok.head == i:
            return None
        if tok.dep not in _CLIMB and not tx.tok_start <= i < tx.tok_end:
            return None
        if toks[tok.head].pos in ("VERB", "AUX") and tok.head not in preds:
            return None  # attached to another verb
        if tok.pos in ("NOUN", "PROPN") and not tx.tok_start <= i < tx.tok_end:
            passed_noun = True
        if passed_noun and tok.text.lower() in _TEMPORAL_PREPS:
            return None
        i = tok.head
    return None


def _usable(tx: Timex) -> bool:
    return (
        tx.type in ("DATE", "TIME")
        and tx.value is not None
        and (tx.precision in _PRECISIONS or tx.precision == "time" or tx.value == "PRESENT_REF")
    )


def _from_timex(tx: Timex) -> EventDate:
    value, precision = tx.value, tx.precision
    if value is None or value == "PRESENT_REF":  # None is kept out by _usable
        return EventDate(None, "unknown", "text", None, None, tx.text, tx.start, tx.end, tx.rule)
    if precision == "time":
        value, precision = value.split("T")[0], "day"
    if precision == "decade":
        value = f"{value}0s"
    first, last = date_range(tx.value)
    return EventDate(value, precision, "text", first, last, tx.text, tx.start, tx.end, tx.rule)


def date_range(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day a TimeML value covers (None for values without a calendar anchor)."""
    if not value or value.startswith("X"):
        return None, None
    v = value.split("T")[0]
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
        d = dt.date(*map(int, m.groups()))
        return d, d
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v):
        y, w = int(m.group(1)), int(m.group(2))
        if m.group(3):
            return dt.date.fromisocalendar(y, w, 6), dt.date.fromisocalendar(y, w, 7)
        return dt.date.fromisocalendar(y, w, 1), dt.date.fromisocalendar(y, w, 7)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
        y, mo = int(m.group(1)), int(m.group(2))
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        y, q = int(m.group(1)), int(m.group(2))
        last = 3 * q
        return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
    if m := re.fullmatch(r"(\d{4})-H([12])", v):
        y, h = int(m.group(1)), int(m.group(2))
        return dt.date(y, 6 * h - 5, 1), dt.date(y, 6 * h, 30 if h == 1 else 31)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
        y = int(m.group(1))
        start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(2)]
        end = dt.date(y + 1, 2, calendar.monthrange(y + 1, 2)[1]) if start == 12 else None
        return dt.date(y, start, 1), end or dt.date(y, start + 2, 30 if start in (6, 9) else 31)
    if m := re.fullmatch(r"\d{4}", v):
        return dt.date(int(v), 1, 1), dt.date(int(v), 12, 31)
    if m := re.fullmatch(r"\d{3}", v):
        return dt.date(int(v) * 10, 1, 1), dt.date(int(v) * 10 + 9, 12, 31)
    if m := re.fullmatch(r"\d{2}", v):
        return dt.date(max(1, int(v) * 100), 1, 1), dt.date(int(v) * 100 + 99, 12, 31)
    return None, None
