"""Time expressions -> dates with precision.

``find_timexes`` finds and normalises every time expression in a parsed article;
``event_date`` picks the one that governs an event's predicate (or falls back to the
publication date, flagged); ``normalise`` is the parse-free core, for evaluation and tests.
"""

from resgestae.dates.govern import event_date
from resgestae.dates.normalise import Norm, normalise
from resgestae.dates.recognise import find_timexes

__all__ = ["Norm", "event_date", "find_timexes", "normalise"]
