"""From mentions to real-world events: the mentions (coded sentence-level events) that report
one act, in one article or many, are joined into one event.

``Settings`` holds the rule's parameters; ``rule.compatible`` says whether two mentions
(``Member``) report one event; ``components`` groups a whole set into connected components
and ``link`` adds new mentions to stored components (the same result whatever the order);
``split`` cuts a component into events whose mentions are all compatible; ``summarise``
chooses an event's fields from its mentions. The store (``resgestae.store``) runs them while
ingesting and in ``Store.recluster``.
"""

from resgestae.cluster.components import Merge, component_id, components, event_id, link, split
from resgestae.cluster.rule import Member, compatible, precisions, type_key, window
from resgestae.cluster.settings import Settings
from resgestae.cluster.summary import EVENT_KEYS, EventRecord, Seen, summarise

__all__ = [
    "EVENT_KEYS",
    "EventRecord",
    "Member",
    "Merge",
    "Seen",
    "Settings",
    "compatible",
    "component_id",
    "components",
    "event_id",
    "link",
    "precisions",
    "split",
    "summarise",
    "type_key",
    "window",
]
