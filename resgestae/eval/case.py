"""CASE 2021 task 2 snippets (TSV ``id, EventSnippet, SubType``) and the label choice.

A snippet gets one label from the events resgestae codes in it (``snippet_label``):

1. events with an ACLED sub-event type (``Event.acled_subtype``) come first; among them the
   most confident wins (ties: first in the text), and its sub-type is mapped to the CASE label
   (ACLED "Peaceful protest" -> ``PEACE_PROTEST`` ...; CASE labels pass through unchanged);
2. otherwise the most confident event whose PLOVER type maps to one of CASE's labels outside
   ACLED: ``ATTRIB`` for ACCUSE (blame and claims of responsibility), ``DIPLO`` for the
   diplomatic verbal and material cooperation types (CONSULT, AGREE, COOPERATE, SUPPORT,
   REQUEST, REJECT, CONCEDE, RETREAT, AID, SANCTION, THREATEN);
3. otherwise the article's most mentioned context that names one of CASE's non-political
   labels (disasters, natural or man-made; organised crime), from the cue table
   ``data/coding/contexts.tsv``;
4. otherwise ``NO_EVENT`` ("no political event"), which is never a gold label and so always
   counts as wrong.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resgestae.eval import codes, metrics
from resgestae.eval.score import main_event
from resgestae.types import Article, Event

__all__ = [
    "KIND",
    "ACLED_LABELS",
    "EXTRA_LABELS",
    "NO_EVENT",
    "Snippet",
    "snippet_label",
    "looks_like",
    "load",
    "predict",
    "score",
    "details",
]

KIND = "case"
NO_EVENT = "NO_POLITICAL_EVENT"

# ACLED's 25 sub-event types (as ACLED names them) -> the CASE 2021 labels.
ACLED_LABELS = {
    "armed clash": "ARMED_CLASH",
    "government regains territory": "GOV_REGAINS_TERIT",
    "non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "chemical weapon": "CHEM_WEAP",
    "air/drone strike": "AIR_STRIKE",
    "suicide bomb": "SUIC_BOMB",
    "shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "remote explosive/landmine/ied": "REM_EXPLOS",
    "grenade": "GRENADE",
    "sexual violence": "SEX_VIOL",
    "attack": "ATTACK",
    "abduction/forced disappearance": "ABDUCT_DISSAP",
    "peaceful protest": "PEACE_PROTEST",
    "protest with intervention": "PROTEST_WITH_INTER",
    "excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "violent demonstration": "VIOL_DEMONSTR",
    "mob violence": "MOB_VIOL",
    "agreement": "AGREEMENT",
    "arrests": "ARREST",
    "change to group/activity": "CHANGE_TO_GROUP_ACT",
    "disrupted weapons use": "DISR_WEAP",
    "headquarters or base established": "HQ_ESTABLISHED",
    "looting/property destruction": "PROPERTY_DISTRUCT",
    "non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "other": "OTHER",
}
_ALIASES = {"arrest": "ARREST", "shelling/artillery/missile": "ART_MISS_ATTACK"}
# Article contexts (``pipeline.ArticleResult.contexts``) that name CASE's non-political
# labels, used when a snippet codes no political event.
CONTEXT_LABELS = {
    "disasters/natural": "NATURAL_DISASTER",
    "disasters/man-made": "MAN_MADE_DISASTER",
    "crime/organised": "ORG_CRIME",
    "trafficking/organised": "ORG_CRIME",
    "illegal_drugs/organised": "ORG_CRIME",
}
EXTRA_LABELS = ("DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
ALL_LABELS = frozenset(ACLED_LABELS.values()) | frozenset(EXTRA_LABELS)

PLOVER_EXTRA = {"ACCUSE": "ATTRIB"} | dict.fromkeys(
    (
        "CONSULT",
        "AGREE",
        "COOPERATE",
        "SUPPORT",
        "REQUEST",
        "REJECT",
        "CONCEDE",
        "RETREAT",
        "AID",
        "SANCTION",
        "THREATEN",
    ),
    "DIPLO",
)


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    label: str


def case_label(acled_subtype: str | None) -> str | None:
    """The CASE label for an ACLED sub-event type name (or a CASE label), else None."""
    if not acled_subtype:
        return None
    name = re.sub(r"\s+", " ", acled_subtype.strip().lower().replace("_", " "))
    if name.upper().replace(" ", "_") in ALL_LABELS:
        return name.upper().replace(" ", "_")
    return ACLED_LABELS.get(name) or _ALIASES.get(name)


def snippet_label(events: Sequence[Event], contexts: Sequence[str] = ()) -> str:
    """One CASE label for a snippet from the events coded in it and the article's contexts
    (see the module docstring)."""
    # main_event gives None only for an empty list, so a label is found whenever one qualifies
    acled = main_event([e for e in events if case_label(e.acled_subtype)])
    label = case_label(acled.acled_subtype) if acled is not None else None
    if label:
        return label
    extra = main_event([e for e in events if codes.plover_type(e.event) in PLOVER_EXTRA])
    plover = codes.plover_type(extra.event) if extra is not None else None
    if plover is not None:
        return PLOVER_EXTRA[plover]
    for context in contexts:  # most mentioned first
        if context in CONTEXT_LABELS:
            return CONTEXT_LABELS[context]
    return NO_EVENT


def looks_like(path: Path, head: str) -> bool:
    first = head.splitlines()[0] if head else ""
    return "\t" in first and "EventSnippet" in first


def load(path: Path) -> list[Snippet]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Snippet(str(r.get("id") or k), r["EventSnippet"], r["SubType"].strip())
        for k, r in enumerate(rows)
        if r.get("EventSnippet") and r.get("SubType")
    ]


def predict(snippets: Sequence[Snippet], system) -> list[str]:
    articles = [Article(id=s.id, text=s.text) for s in snippets]
    out = []
    for p in system.parse(articles, desc=KIND):
        result = system.result(p, every=True)
        out.append(snippet_label(result.events, result.contexts))
    return out


def score(snippets: Sequence[Snippet], labels: Sequence[str]) -> dict[str, float]:
    gold = [s.label for s in snippets]
    acled = set(ACLED_LABELS.values())
    sub = [(g, p) for g, p in zip(gold, labels, strict=True) if g in acled]
    return {
        "weighted_f1": metrics.weighted_f1(gold, labels),
        "macro_f1": metrics.macro_f1(gold, labels),
        "accuracy": metrics.accuracy(gold, labels),
        "weighted_f1_acled25": metrics.weighted_f1([g for g, _ in sub], [p for _, p in sub]),
    }


def details(snippets: Sequence[Snippet], labels: Sequence[str]) -> dict:
    return {"confusion": metrics.confusion([s.label for s in snippets], labels)}
