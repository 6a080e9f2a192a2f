"""Event coding: predicates from the dependency parse, coded in CAMEO and PLOVER."""

from resgestae.coding.admit import Admission, admit, load_admission
from resgestae.coding.calibrate import Calibration
from resgestae.coding.coder import Coded, code, contexts
from resgestae.coding.evidence import Evidence, Step, rule_text
from resgestae.coding.lexicon import EventLexicon, load_lexicon
from resgestae.coding.participants import place_recipient, state_actors
from resgestae.coding.settle import settle
from resgestae.coding.size import event_size
from resgestae.coding.topic import article_topic

__all__ = [
    "Admission",
    "admit",
    "article_topic",
    "load_admission",
    "Calibration",
    "Coded",
    "EventLexicon",
    "Evidence",
    "Step",
    "code",
    "contexts",
    "event_size",
    "load_lexicon",
    "place_recipient",
    "rule_text",
    "settle",
    "state_actors",
]
