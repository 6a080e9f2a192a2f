"""Parse-free normalisation of one time expression to a TimeML-style value.

``normalise("last week", date(2020, 11, 26))`` -> ``Norm("2020-W47", "week", "DATE", ...)``.
Relative expressions resolve against the anchor (the publication date); ``tense`` ("past",
"present", "future") decides which way an expression without a year or week points.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from resgestae.dates.lexicon import (
    DAY_PARTS,
    DECADE_WORDS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    REFS,
    SEASONS,
    SET_WORDS,
    UNITS,
    VAGUE,
    WEEKDAYS,
)

__all__ = ["Norm", "normalise"]


@dataclass(frozen=True, slots=True)
class Norm:
    value: str | None
    precision: str  # day|week|month|year|decade|century|time|unknown
    type: str  # DATE|TIME|DURATION|SET
    rule: str


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTH = rf"(?P<month>{_alt(MONTHS)})\.?"
WEEKDAY = rf"(?P<wd>{_alt(WEEKDAYS)})\.?"
UNIT = rf"(?P<unit>{_alt(UNITS)}|centurie)s?"
NUM = rf"(?P<num>\d+(?:[.,]\d+)?|{_alt(NUMBERS)}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|{_alt(VAGUE)})"  # noqa: E501
PART = rf"(?P<part>{_alt(DAY_PARTS)})"

# Words around an expression that do not change its value (TimeML puts them in "mod").
_LEADING = re.compile(
    r"^(?:on|in|at|by|since|until|till|through|throughout|during|from|to|of|for|over|within|"
    r"about|around|approximately|roughly|nearly|almost|some|only|just|more than|less than|"
    r"fewer than|at least|at most|up to|under|as early as|as late as|as of|before|after|"
    r"early|late|mid|mid-|the end of|the beginning of|the start of|the middle of|the turn of|"
    r"the rest of|the remainder of|the course of|the whole of|all of|end of|start of)\s+"
)
_MID = re.compile(r"^(?:mid|early|late)-")


def clean(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"[\u2013\u2014]", "-", t)
    t = re.sub(r"\s+", " ", t).strip(' ,;:()"!?')
    t = re.sub(r"'s$", "", t)
    prev = None
    while prev != t:
        prev = t
        t = _LEADING.sub("", t)
        t = _MID.sub("", t)
    return t


def normalise(text: str, anchor: dt.date | None, tense: str | None = None) -> Norm | None:
    """The TimeML-style value of one time expression, or None when it is not one."""
    t = clean(text)
    if not t:
        return None
    for rule in _RULES:
        out = rule(t, anchor, tense)
        if out is not None:
            return out
    if t.startswith("the "):
        return normalise(t[4:], anchor, tense)
    return None


# --- formatting -----------------------------------------------------------------------------


def fmt_day(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fmt_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _num(s: str | None) -> float | None:
    """A count: 3, "three", "twenty-five"; None for vague counts ("several")."""
    if s is None:
        return 1
    s = s.strip()
    if s in VAGUE:
        return None
    if s in NUMBERS:
        return NUMBERS[s]
    if "-" in s:
        tens, ones = s.split("-", 1)
        if tens in NUMBERS and ones in NUMBERS:
            return NUMBERS[tens] + NUMBERS[ones]
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


# --- rules: each takes (cleaned text, anchor, tense) and returns a Norm or None ----------------


def _refs(t, anchor, tense):
    if t in REFS:
        return Norm(REFS[t], "unknown", "DATE", "ref")
    m = re.fullmatch(r"(today|yesterday|tomorrow|tonight|the day before yesterday|"
                     r"the day after tomorrow|this|last)(?: " + PART + r")?", t)  # fmt: skip
    if not m or (m.group(1) in ("this", "last") and not m.group("part")):
        return None
    word, part = m.group(1), m.group("part")
    if word == "last" and part not in ("night",):
        return None
    shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2, "last": -1}.get(word, 0)  # fmt: skip
    if word == "tonight":
        part = "tonight"
    if anchor is None:
        return Norm(None, "day", "TIME" if part else "DATE", "relative-day")
    day = fmt_day(anchor + dt.timedelta(days=shift))
    if part:
        return Norm(f"{day}T{DAY_PARTS[part]}", "time", "TIME", "relative-day-part")
    return Norm(day, "day", "DATE", "relative-day")


def _sets(t, anchor, tense):
    if t in SET_WORDS:
        return Norm(SET_WORDS[t], "unknown", "SET", "set-word")
    m = re.fullmatch(rf"(?:(?:once|twice|\w+ times) )?(?:every|each|per|a|an) (?:other )?{UNIT}", t)
    if m and (m.group(0).split()[0] in ("every", "each", "per") or " a" in m.group(0)):
        letter, mult, clock = UNITS[m.group("unit").replace("centurie", "century")]
        return Norm(f"P{'T' if clock else ''}{mult}{letter}", "unknown", "SET", "set-every")
    m = re.fullmatch(rf"(?:every|each) {WEEKDAY}", t)
    if m:
        return Norm(f"XXXX-WXX-{WEEKDAYS[m.group('wd')] + 1}", "unknown", "SET", "set-weekday")
    return None


def _duration(t, anchor, tense):
    m = re.fullmatch(
        rf"(?:(?:the )?(?P<dir>past|last|next|previous|coming|following|first|final|"
        rf"recent|other) )?(?:an? (?=\d))?(?:{NUM}(?P<half> and a half)?[ -])?{UNIT}(?P<plural>s)?"
        rf"(?: and a half)?(?:[ -](?:long|old|of age|in length|running))?",
        t,
    )
    if not m:
        return None
    num, unit = m.group("num"), m.group("unit").replace("centurie", "century")
    if num is None and not (m.group("dir") or m.group("plural") or t.startswith("the ")):
        return None  # "year" alone is not a duration
    if num is None and m.group("dir") and not t.startswith("the ") and not m.group("plural"):
        return None  # "last year" is a date, "the last year" a duration
    if num is None and t.startswith("the ") and not m.group("dir"):
        return None  # "the year", "the month": a date by context, not a duration
    n = _num(num) if num else (None if m.group("plural") else 1)
    if n is not None and (m.group("half") or t.endswith("and a half")):
        n += 0.5
    letter, mult, clock = UNITS[unit]
    amount = "X" if n is None else _n(n * mult)
    return Norm(f"P{'T' if clock else ''}{amount}{letter}", "unknown", "DURATION", "duration")


def _ago(t, anchor, tense):
    # Only "ago" and "from now" count from the publication date; "two years after" counts
    # from another event, so TimeML marks it a duration.
    m = re.fullmatch(rf"{NUM}[ -]{UNIT}s? (?P<dir>ago|back|from now|hence)", t)
    m = m or re.fullmatch(rf"(?P<dir>in) {NUM} {UNIT}s?(?:' time| time)?", t)
    if not m:
        return None
    n = _num(m.group("num"))
    sign = -1 if m.group("dir") in ("ago", "back") else 1
    if m.group("dir") == "in" and tense != "future":
        return None
    if n is None:
        return Norm("PAST_REF" if sign < 0 else "FUTURE_REF", "unknown", "DATE", "ago-vague")
    unit = m.group("unit").replace("centurie", "century")
    letter, mult, clock = UNITS[unit]
    if anchor is None:
        return Norm(None, "unknown", "DATE", "ago")
    k = int(round(n * mult * sign))
    if clock or letter == "D":
        days = k if letter == "D" else 0
        return Norm(fmt_day(anchor + dt.timedelta(days=days)), "day", "DATE", "ago")
    if letter == "W":
        return Norm(fmt_week(anchor + dt.timedelta(weeks=k)), "week", "DATE", "ago")
    if letter == "M":
        d = _add_months(anchor, k)
        return Norm(f"{d.year:04d}-{d.month:02d}", "month", "DATE", "ago")
    year = anchor.year + k
    if mult >= 10:
        return Norm(f"{year:04d}"[:3], "decade", "DATE", "ago")
    return Norm(f"{year:04d}", "year", "DATE", "ago")


_OFFSET = {"this": 0, "current": 0, "the current": 0, "the present": 0, "last": -1,
           "past": -1, "previous": -1, "the previous": -1,
           "next": 1, "coming": 1, "following": 1, "the following": 1,
           "the next": 1, "later this": 0, "earlier this": 0, "earlier in the": 0,
           "later in the": 0, "this past": -1, "the same": 0}  # fmt: skip


def _relative(t, anchor, tense):
    m = re.fullmatch(rf"(?P<off>{_alt(_OFFSET)}) (?P<what>\w+)", t)
    if not m:
        return None
    off, what = _OFFSET[m.group("off")], m.group("what")
    if what not in ("week", "weekend", "month", "year", "quarter", "decade", "century") and (
        what not in WEEKDAYS and what not in MONTHS and what not in SEASONS
    ):
        return None
    if m.group("off") == "the same" and what not in ("week", "month", "year"):
        return None
    if anchor is None:
        return Norm(None, "unknown", "DATE", "relative")
    if what in ("week", "weekend"):
        d = anchor + dt.timedelta(weeks=off)
        suffix = "-WE" if what == "weekend" else ""
        return Norm(fmt_week(d) + suffix, "week", "DATE", "relative-week")
    if what == "month":
        d = _add_months(anchor, off)
        return Norm(f"{d.year:04d}-{d.month:02d}", "month", "DATE", "relative-month")
    if what == "year":
        return Norm(f"{anchor.year + off:04d}", "year", "DATE", "relative-year")
    if what == "quarter":
        q = (anchor.month - 1) // 3 + off
        y, q = anchor.year + q // 4, q % 4 + 1
        return Norm(f"{y:04d}-Q{q}", "month", "DATE", "relative-quarter")
    if what == "decade":
        return Norm(f"{anchor.year // 10 + off:03d}", "decade", "DATE", "relative-decade")
    if what == "century":
        return Norm(f"{anchor.year // 100 + off:02d}", "century", "DATE", "relative-century")
    if what in WEEKDAYS:
        way = {-1: "past", 1: "future"}.get(off, tense)
        d = weekday_date(WEEKDAYS[what], anchor, way, strict=off != 0)
        return Norm(fmt_day(d), "day", "DATE", "relative-weekday")
    if what in MONTHS:
        month = MONTHS[what]
        if off < 0:
            y = anchor.year if month < anchor.month else anchor.year - 1
        elif off > 0:
            y = anchor.year if month > anchor.month else anchor.year + 1
        else:
            y = anchor.year
        return Norm(f"{y:04d}-{month:02d}", "month", "DATE", "relative-month-name")
    code, start = SEASONS[what]
    y = anchor.year
    if off < 0 and anchor.month < start + 3:
        y -= 1
    if off > 0 and anchor.month >= start:
        y += 1
    return Norm(f"{y:04d}-{code}", "month", "DATE", "relative-season")


def weekday_date(wd: int, anchor: dt.date, tense: str | None, strict: bool = False) -> dt.date:
    """The weekday nearest the anchor in the tense's direction: a past "on Monday" is the
    latest Monday up to the anchor (news reports same-day events as "on Monday")."""
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7 or 7
    if strict and back == 0:
        back = 7
    if tense == "past":
        return anchor - dt.timedelta(days=back)
    if tense == "future":
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back) if back <= fwd else anchor + dt.timedelta(days=fwd)


def _decade(t, anchor, tense):
    m = re.fullmatch(r"(?:the )?(\d{3})0'?s", t)
    if m:
        return Norm(m.group(1), "decade", "DATE", "decade")
    m = re.fullmatch(r"(?:the )?'?(\d)0'?s", t)
    if m:  # "the '90s": the last century's, as news uses it
        return Norm(f"19{m.group(1)}", "decade", "DATE", "decade")
    m = re.fullmatch(rf"(?:the )?({_alt(DECADE_WORDS)})", t)
    if m:
        return Norm(f"19{DECADE_WORDS[m.group(1)]}", "decade", "DATE", "decade")
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", t) or re.fullmatch(
        rf"(?:the )?({_alt(k for k in ORDINALS if ORDINALS[k] > 0)}) century", t
    )
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else ORDINALS[m.group(1)]
        return Norm(f"{n - 1:02d}", "century", "DATE", "century")
    return None


_QUARTER = r"(?P<q>first|second|third|fourth|last|final|1st|2nd|3rd|4th)"


def _quarter(t, anchor, tense):
    m = (
        re.fullmatch(rf"(?:the )?{_QUARTER}(?: fiscal| calendar)? (?P<unit>quarter|half)"
                     r"(?: of(?: the)?(?: fiscal| calendar)?(?: year)?(?: (?P<y>\d{4}))?)?", t)
        or re.fullmatch(r"(?P<unit>q)(?P<q>[1-4])(?:[ -](?:of )?(?P<y>\d{4}))?", t)
        or re.fullmatch(rf"(?P<y>\d{{4}}) {_QUARTER} (?P<unit>quarter|half)", t)
    )  # fmt: skip
    if not m:
        return None
    half = m.group("unit") == "half"
    q = m.group("q")
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}.get(q) or int(
        q[0]
    )
    if q == -1:
        q = 2 if half else 4
    if half and q > 2:
        return None
    letter = "H" if half else "Q"
    if m.group("y"):
        return Norm(f"{m.group('y')}-{letter}{q}", "month", "DATE", "quarter")
    if anchor is None:
        return Norm(f"XXXX-{letter}{q}", "month", "DATE", "quarter")
    now = (anchor.month - 1) // (6 if half else 3) + 1
    y = anchor.year - 1 if tense == "past" and q > now else anchor.year
    return Norm(f"{y:04d}-{letter}{q}", "month", "DATE", "quarter")


def _fiscal(t, anchor, tense):
    m = re.fullmatch(r"(?:fiscal(?: year)?|fy) ?(?P<y>\d{4}|\d{2})", t)
    if not m:
        return None
    y = m.group("y")
    y = y if len(y) == 4 else f"20{y}"
    return Norm(f"FY{y}", "year", "DATE", "fiscal-year")


def _season(t, anchor, tense):
    m = re.fullmatch(rf"(?:the )?(?P<s>{_alt(SEASONS)})(?: of)?(?: (?P<y>\d{{4}}))?", t)
    m = m or re.fullmatch(rf"(?P<y>\d{{4}}) (?P<s>{_alt(SEASONS)})", t)
    if not m:
        return None
    code, start = SEASONS[m.group("s")]
    if m.group("y"):
        return Norm(f"{m.group('y')}-{code}", "month", "DATE", "season")
    if anchor is None:
        return Norm(f"XXXX-{code}", "month", "DATE", "season")
    y = anchor.year
    if tense == "past" and start > anchor.month:
        y -= 1
    elif tense == "future" and start + 3 <= anchor.month:
        y += 1
    return Norm(f"{y:04d}-{code}", "month", "DATE", "season")


def pick_year(month: int, day: int | None, anchor: dt.date, tense: str | None) -> int | None:
    """The year that puts a month (and day) nearest the anchor, in the tense's direction."""
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = dt.date(y, month, day or 1)
        except ValueError:
            continue
        if day is None:  # a month counts as past when it has started, future until it ends
            last = _add_months(d, 1) - dt.timedelta(days=1)
            lo, hi = d, last
        else:
            lo = hi = d
        cands.append((y, lo, hi))
    if not cands:
        return None  # no such day ("February 30")
    if tense == "past":
        ok = [c for c in cands if c[1] <= anchor]
        if ok:
            return max(ok)[0]
    if tense == "future":
        ok = [c for c in cands if c[2] >= anchor]
        if ok:
            return min(ok)[0]

    def dist(c):
        if c[1] <= anchor <= c[2]:
            return 0
        return min(abs((c[1] - anchor).days), abs((c[2] - anchor).days))

    return min(cands, key=dist)[0]


def _day_value(y: int | None, month: int, day: int) -> str | None:
    if y is not None:
        try:
            return fmt_day(dt.date(y, month, day))
        except ValueError:
            return None
    if not 1 <= day <= 31:
        return None
    return f"XXXX-{month:02d}-{day:02d}"


def _absolute(t, anchor, tense):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t) or re.fullmatch(r"(\d{4})/(\d{2})/(\d{2})", t)
    if m:
        return _mk_day(int(m.group(1)), int(m.group(2)), int(m.group(3)), "iso-date")
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", t)
    if m:  # US order, as in American wire copy
        y = int(m.group(3))
        return _mk_day(y + 2000 if y < 100 else y, int(m.group(1)), int(m.group(2)), "numeric-date")
    m = re.fullmatch(
        rf"(?:{WEEKDAY},? )?(?:the )?{MONTH} (?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,? (?P<y>\d{{4}}))?", t
    ) or re.fullmatch(
        rf"(?:{WEEKDAY},? )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {MONTH}"
        rf"(?:,? (?P<y>\d{{4}}))?", t
    )  # fmt: skip
    if m:
        month, day = MONTHS[m.group("month")], int(m.group("d"))
        if m.group("y"):
            return _mk_day(int(m.group("y")), month, day, "month-day-year")
        if anchor and (y := pick_year(month, day, anchor, tense)) is None:
            return None
        v = _day_value(y if anchor else None, month, day)
        return Norm(v, "day", "DATE", "month-day") if v else None
    m = re.fullmatch(rf"(?:the month of )?{MONTH},?(?: of)? (?P<y>\d{{4}})", t)
    if m:
        return Norm(f"{m.group('y')}-{MONTHS[m.group('month')]:02d}", "month", "DATE",
                    "month-year")  # fmt: skip
    m = re.fullmatch(rf"(?:the month of )?{MONTH}", t)
    if m:
        month = MONTHS[m.group("month")]
        if anchor is None:
            return Norm(f"XXXX-{month:02d}", "month", "DATE", "month")
        y = pick_year(month, None, anchor, tense)
        return Norm(f"{y:04d}-{month:02d}", "month", "DATE", "month")
    m = re.fullmatch(r"(?:the )?(?:year |calendar year )?(?P<y>1[5-9]\d\d|20\d\d)", t)
    if m:
        return Norm(m.group("y"), "year", "DATE", "year")
    m = re.fullmatch(rf"{WEEKDAY}(?: {PART})?", t)
    if m:
        if anchor is None:
            return Norm(None, "day", "DATE", "weekday")
        day = fmt_day(weekday_date(WEEKDAYS[m.group("wd")], anchor, tense))
        if m.group("part"):
            return Norm(f"{day}T{DAY_PARTS[m.group('part')]}", "time", "TIME", "weekday-part")
        return Norm(day, "day", "DATE", "weekday")
    return None


def _mk_day(y: int, month: int, day: int, rule: str) -> Norm | None:
    try:
        return Norm(fmt_day(dt.date(y, month, day)), "day", "DATE", rule)
    except ValueError:
        return None


_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))? ?(?P<ap>a\.?m\.?|p\.?m\.?)"
    r"|(?P<h2>\d{1,2}):(?P<mi2>\d{2})(?! ?[ap]\.?m)"
    r"|(?P<word>noon|midday|midnight)"
    r"|(?P<h3>[012]\d)(?P<mi3>[0-5]\d)(?= (?:gmt|utc|hours|hrs|z)\b)"
)
_ZONE = (
    r"(?: (?P<zone>local time|local|gmt|utc|z|est|edt|cst|cdt|pst|pdt|bst|cet|cest|hours|hrs"
    r"|[a-z]{2,4} time))?"
)


def _clock(t, anchor, tense):
    m = re.search(rf"(?:at |about |around )?(?:{_CLOCK.pattern}){_ZONE}", t)
    if not m:
        return None
    rest = (t[: m.start()] + " " + t[m.end() :]).strip(" ,")
    rest = re.sub(r"^(?:on|at|of)\s+|\s+(?:on|at|of)$", "", rest).strip(" ,")
    if m.group("word"):
        hh, mm = (0, 0) if m.group("word") == "midnight" else (12, 0)
    else:
        hh = int(m.group("h") or m.group("h2") or m.group("h3"))
        mm = int(m.group("mi") or m.group("mi2") or m.group("mi3") or 0)
        ap = (m.group("ap") or "").replace(".", "")
        if ap == "pm" and hh < 12:
            hh += 12
        if ap == "am" and hh == 12:
            hh = 0
        if hh > 23 or mm > 59:
            return None
    if rest in ("", "today", "this"):
        day = fmt_day(anchor) if anchor else "XXXX-XX-XX"
    else:
        base = normalise(rest, anchor, tense)
        if base is None or base.value is None or base.precision not in ("day", "time"):
            return None
        day = base.value.split("T")[0]
    zone = "Z" if m.group("zone") in ("gmt", "utc", "z") else ""  # TimeML marks UTC with Z
    return Norm(f"{day}T{hh:02d}:{mm:02d}{zone}", "time", "TIME", "clock")


_RULES = (_refs, _sets, _ago, _relative, _decade, _quarter, _fiscal, _season, _absolute,
          _duration, _clock)  # fmt: skip
