"""Typed evidence of a coded event: the lexicon entry that matched and the inference steps
taken from it, formatted into the output's ``rule`` string only at output."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Evidence", "Step", "StepKind", "rule_text"]

# embeds     the entry governs another sense, which refined its code ("threatened to impose")
# refusal    an act announced as not to be done, coded as a refusal ("will not accept")
# intent     an act announced, coded as an intent or a threat ("will meet", "vowed to fight")
# must       an obligation reported by a speaker, coded as the speaker's demand
# author     the actor is the author of the document acted on ("the Senate's resolution")
# coref      the actor comes from another mention of the same event
# place      the recipient is the place the event happened in (not shown in ``rule``)
# state      the actor is the state the event happened in: an act only its authorities do
StepKind = Literal["embeds", "refusal", "intent", "must", "author", "coref", "place", "state"]
HIDDEN: frozenset[str] = frozenset({"place"})  # steps the output's rule string never had


@dataclass(frozen=True, slots=True)
class Step:
    """One inference from the entry to the event; ``entry`` is the embedded sense's id."""

    kind: StepKind
    entry: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an event was coded: its entry (id, source table, part of speech) and the steps."""

    entry: str  # the lexicon entry's id
    source: str  # hand (events.tsv) | petrarch (generated from PETRARCH-2's dictionary)
    pos: str  # the entry's part: verb | noun | control
    steps: tuple[Step, ...] = ()
    # the entry's argument frame: "*" a bare sense (the word alone is the event), else it
    # restricts its object ("obj", "noobj", "nonhuman")
    frame: str = "*"

    def plus(self, step: Step) -> Evidence:
        return Evidence(self.entry, self.source, self.pos, self.steps + (step,), self.frame)

    def has(self, kind: StepKind) -> bool:
        return any(s.kind == kind for s in self.steps)


def rule_text(evidence: Evidence) -> str:
    """The output's ``rule``: the entry id, then each shown step ("v.urge+v.withdraw+intent")."""
    parts = [evidence.entry]
    for s in evidence.steps:
        if s.kind not in HIDDEN:
            parts.append(s.entry if s.kind == "embeds" and s.entry else s.kind)
    return "+".join(parts)
