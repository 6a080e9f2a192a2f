"""English words for time expressions, kept as data (written by the team)."""

from __future__ import annotations

from resgestae.words import number_words

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

# TimeML season codes; the month each season starts in (northern hemisphere).
SEASONS = {
    "spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
    "winter": ("WI", 12),
}  # fmt: skip

# Counts of time units: the cardinal words up to a hundred ("zero" and "score" count no
# years), and the articles and phrases a duration is written with ("a couple of weeks").
NUMBERS: dict[str, float] = {
    "a": 1, "an": 1,
    **{w: n for w, n in number_words().items() if 1 <= n <= 100 and w != "score"},
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12,
    "half a": 0.5, "a half": 0.5,
}  # fmt: skip

# Vague counts: "several years" is a duration of unknown length (TimeML "PXY").
VAGUE = ("several", "a few", "few", "some", "many", "numerous", "multiple", "the coming")

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": -1, "final": -1,
}  # fmt: skip

DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip

# unit word -> (TimeML duration letter, multiplier, is a clock unit)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
}  # fmt: skip

# Parts of the day, TimeML codes.
DAY_PARTS = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip

# Words that refer to the present, past or future without a calendar value.
REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "today's": "PRESENT_REF", "the present": "PRESENT_REF", "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "current": "PRESENT_REF", "immediately": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "once": "PAST_REF",
    "in the past": "PAST_REF", "earlier": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF", "in the future": "FUTURE_REF", "future": "FUTURE_REF",
    "soon": "FUTURE_REF", "shortly": "FUTURE_REF", "later": "FUTURE_REF",
    "in the near future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "upcoming": "FUTURE_REF", "eventually": "FUTURE_REF",
}  # fmt: skip

# Frequencies (TimeML SET) written as one word.
SET_WORDS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y",
    "hourly": "PT1H", "biweekly": "P2W", "biannually": "P6M",
}  # fmt: skip
