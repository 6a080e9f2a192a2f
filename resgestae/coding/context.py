"""The records the coder's steps share: one article's ``Context`` (parse, actor mentions,
lexicon, nouns tied to actors) and the ``Candidate`` predicates found in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from resgestae.coding.args import Mentions
from resgestae.coding.evidence import Step
from resgestae.coding.lexicon import Entry, EventLexicon
from resgestae.types import Actor, Parsed

__all__ = ["Candidate", "Context", "Kind", "Owner"]

# verb: a verb sense | light: an event noun under a light verb ("staged a rally") | noun: an
# event noun with its own participants | control: a verb coded with the one it governs
Kind = Literal["verb", "light", "noun", "control"]


@dataclass(frozen=True, slots=True)
class Owner:
    """A noun tied to an actor in the text ("a resolution of the French Senate")."""

    i: int
    lemma: str
    actor: Actor


@dataclass(frozen=True, slots=True)
class Context:
    """What every coding step reads about one article."""

    parsed: Parsed
    mentions: Mentions
    lexicon: EventLexicon
    owners: tuple[Owner, ...]

    def lemma(self, i: int) -> str:
        return self.parsed.tokens[i].lemma.lower()

    def words(self, name: str) -> frozenset[str]:
        """A named word list of the coder (lists.tsv)."""
        return self.lexicon.lists[name]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A predicate matched to an entry, with its participants, before it is settled."""

    pred: int  # the predicate token: dates and places attach to it
    trigger: tuple[int, int]  # token range
    entry: Entry
    cameo: str
    kind: Kind
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    negated: bool = False
    future: bool = False
    theme: str | None = None  # lemma of what the event is about
    steps: tuple[Step, ...] = ()
    acled: str | None = None  # an ACLED sub-type the construction fixes
