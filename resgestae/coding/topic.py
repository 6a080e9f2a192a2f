"""Whether an article is about politics at all: sports, markets, products, weather and
celebrity stories yield no events, however their verbs read ("a three-run blast", "grabbing
25 rebounds", "offering free trials").

An article is of another topic when it has at least ``MIN_CUES`` of that topic's words
(``data/words/topic_cues.tsv``) and more than ``RATIO`` times as many as it has political actor
mentions (a state, a government, armed, police, judicial, legislative or party actor, an
international organisation). On the development articles the controls that had events had 13
to 59 cues against 0 to 10 political mentions; the political articles at most 4 cues, always
fewer than their political mentions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from resgestae.types import Actor, Mention, Parsed

__all__ = ["MIN_CUES", "RATIO", "article_topic", "political"]

MIN_CUES = 8
RATIO = 2


def political(actor: Actor, sectors: frozenset[str]) -> bool:
    """A state, an actor in one of the political ``sectors``, or an international body."""
    code = actor.code or ""
    if code.startswith(("IGO", "NGO")):
        return True
    if actor.country and code == actor.country:
        return True
    return (actor.sector or "") in sectors


def article_topic(
    parsed: Parsed, mentions: tuple[Mention, ...], cues: Mapping[str, str], sectors: frozenset[str]
) -> str | None:
    """The non-political topic the article is about ("sports", "markets"...), or None."""
    found = Counter(cues[t.lemma.lower()] for t in parsed.tokens if t.lemma.lower() in cues)
    if not found:
        return None
    topic = found.most_common(1)[0][0]
    total = sum(found.values())
    pol = sum(political(m.actor, sectors) for m in mentions)
    return topic if total >= MIN_CUES and total > RATIO * pol else None
