"""Event coding: predicates from the dependency parse, coded in CAMEO and PLOVER."""

from resgestae.coding.coder import Coded, code, contexts, place_recipient, settle
from resgestae.coding.lexicon import EventLexicon, load_lexicon

__all__ = ["Coded", "EventLexicon", "code", "contexts", "load_lexicon", "place_recipient", "settle"]
