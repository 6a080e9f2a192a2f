"""ACLED-style event type and sub-type for a coded event.

ACLED distinguishes what PLOVER's type and mode leave open: who fought whom (an armed clash
between two armed groups, an attack on civilians), the weapon (air strike, shelling, IED,
grenade, suicide bomb, chemical weapon), and how a protest went (peaceful, with
intervention, violent). The weapon and protest cues come from the sentence (``cues.tsv``).
"""

from __future__ import annotations

from collections.abc import Sequence

from resgestae.coding.lexicon import Cue, Entry, EventLexicon
from resgestae.types import Actor

__all__ = ["sentence_cues", "acled_subtype", "article_contexts"]

ARMED = frozenset({"MIL", "REB", "INS", "UAF", "COP", "SPY", "PRM"})
PROTESTER_WORDS = ("protest", "demonstrat", "marcher", "rioter")


def sentence_cues(
    lex: EventLexicon, lemmas: Sequence[str], words: Sequence[str], table=None
) -> list[Cue]:
    """Cues found in a sentence, in the file's order of precedence (weapon and protest cues,
    or with ``table`` another cue table such as the contexts)."""
    index = lex.cue_index(lex.cues if table is None else table)
    found: dict[int, Cue] = {}
    for seq in (list(lemmas), [w.lower() for w in words]):
        for k, w in enumerate(seq):
            for order, cue in index.get(w, ()):
                if order not in found and tuple(seq[k : k + len(cue.words)]) == cue.words:
                    found[order] = cue
    return [found[o] for o in sorted(found)]


def _armed(actors: Sequence[Actor]) -> bool:
    return any(a.sector in ARMED for a in actors)


def _protesters(actors: Sequence[Actor]) -> bool:
    return any(a.text.lower().find(w) >= 0 for a in actors for w in PROTESTER_WORDS)


def _attack_or_clash(actors, recipients, groups) -> str:
    """ACLED's line between battles and violence against civilians: two armed sides fight
    ("clashed", "a gun battle", an attack on soldiers or a checkpoint) or an armed side
    attacks the unarmed (civilians, a school, a market)."""
    if "symmetric" in groups:
        return "Armed clash"
    if _armed(recipients):
        return "Armed clash"
    if any(r.sector == "CVL" for r in recipients) or "civilian_target" in groups:
        return "Attack"
    if "armed_target" in groups:
        return "Armed clash"
    return "Armed clash" if _armed(actors) else "Attack"


def acled_subtype(
    lex: EventLexicon,
    entry: Entry,
    plover: str,
    mode: str | None,
    cameo: str,
    actors: Sequence[Actor],
    recipients: Sequence[Actor],
    cues: Sequence[Cue],
) -> str | None:
    """The ACLED sub-type, or None where ACLED has none (verbal events, most cooperation)."""
    if entry.acled:
        return entry.acled
    groups = {c.group: c for c in reversed(cues)}  # first cue of each group wins
    if plover == "PROTEST":
        if "violent" in groups or mode == "riot":
            return "Violent demonstration"
        if "intervention" in groups:
            return "Protest with intervention"
        return "Peaceful protest"
    if plover == "ASSAULT":
        if "symmetric" in groups and (_protesters(actors) or _protesters(recipients)):
            return "Violent demonstration"  # clashes between police and protesters
        if _protesters(recipients):
            # ACLED: lethal or grave force is excessive; tear gas, batons and dispersal are
            # an intervention in the protest
            lethal = cameo.startswith(lex.acled_codes["lethal"]) or mode in ("firearms",)
            return "Excessive force against protesters" if lethal else "Protest with intervention"
        if _protesters(actors):
            return "Violent demonstration"
        if mode in ("abduct",):
            return "Abduction/forced disappearance"
        if mode == "sexual":
            return "Sexual violence"
        weapon = groups.get("weapon")
        if weapon is not None and weapon.acled:
            return weapon.acled
        if "mob" in groups:
            return "Mob violence"
        if mode in ("destroy",):
            return "Looting/property destruction"
        return _attack_or_clash(actors, recipients, groups)
    if plover == "COERCE" and _protesters(recipients):
        return "Protest with intervention"  # arrests at a protest: ACLED's protest type
    if plover == "COERCE" and cameo.startswith(lex.acled_codes["territory"]):
        state = any(a.sector in ("GOV", "MIL", "COP") for a in actors)
        if not state and any(a.sector in ("REB", "INS", "UAF") for a in actors):
            return "Non-state actor overtakes territory"
        return "Government regains territory"
    if plover in ("AGREE", "SUPPORT", "RETREAT", "CONCEDE", "COOPERATE", "CONSULT") and (
        "agreement" in groups
    ):
        return "Agreement"  # ceasefires, peace deals, prisoner exchanges between parties
    row = lex.acled_for(plover, mode, cameo)
    return row.subtype if row else None


def article_contexts(lex: EventLexicon, sentences) -> tuple[str, ...]:
    """PLOVER contexts evident anywhere in an article, most mentioned first, each with its
    detail where the table gives one ("disasters/natural"): ``sentences`` is a sequence of
    (lemmas, words) pairs."""
    counts: dict[str, int] = {}
    for lemmas, words in sentences:
        for cue in sentence_cues(lex, lemmas, words, lex.contexts):
            name = f"{cue.group}/{cue.mode}" if cue.mode else cue.group
            counts[name] = counts.get(name, 0) + 1
    return tuple(sorted(counts, key=lambda k: -counts[k]))
