"""Event coding: predicates from the dependency parse, coded in CAMEO and PLOVER."""

from resgestae.coding.coder import Coded, code, contexts, place_recipient, settle
from resgestae.coding.lexicon import EventLexicon, load_lexicon
from resgestae.coding.size import event_size

__all__ = [
    "Coded",
    "EventLexicon",
    "code",
    "contexts",
    "event_size",
    "load_lexicon",
    "place_recipient",
    "settle",
]
