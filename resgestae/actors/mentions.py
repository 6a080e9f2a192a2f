"""Find the noun phrases that denote actors and resolve them against an ``ActorLexicon``.

Two kinds of evidence meet here: *names* (states, capitals, organisations, leaders; see
``names``) and *agent nouns* (protesters, senate, troops; see ``agents``) that give a sector
and take their country from the phrase's syntax, from an earlier mention (``coref``), or from
the article's context (``places``). This module composes them over one ``ArticleState``,
resolving mentions in text order so coreference can look back at what came before.
"""

from __future__ import annotations

from resgestae.actors.agents import agent_mention, compound_agents, partitive
from resgestae.actors.coref import pronoun, singular_pronoun, surname
from resgestae.actors.lexicon import PERSON_KINDS, ActorLexicon
from resgestae.actors.names import entity, named_mention, scan_names
from resgestae.actors.places import context_country, is_place
from resgestae.actors.state import ArticleState, make_actor, np_left
from resgestae.types import Actor, Mention, Parsed

__all__ = ["find_mentions", "actor_at", "unresolved"]


def _state(parsed: Parsed, lex: ActorLexicon) -> ArticleState:
    st = ArticleState(parsed, lex, parsed.tokens, resolve=lambda h: _resolve(st, h))
    st.names = scan_names(parsed, lex)
    for nm in st.names:
        for i in range(nm.start, nm.end):
            st.name_of[i] = nm
    st.places = [nm for nm in st.names if is_place(parsed, nm.head)]
    st.place_heads = {nm.head for nm in st.places}
    st.context = context_country(st)
    for nm in st.names:
        if nm.entry.kind in PERSON_KINDS and nm.end - nm.start > 1:
            st.surnames.setdefault(st.toks[nm.end - 1].text, nm)
    return st


def _resolve(st: ArticleState, h: int) -> Mention | None:
    if h in st.done:
        return st.done[h]
    st.done[h] = None  # guards against cycles through "of" phrases
    nm = st.name_of.get(h)
    if nm is not None:
        m = named_mention(st, nm) if nm.head == h else None
    else:
        m = (
            partitive(st, h)
            or agent_mention(st, h)
            or pronoun(st, h)
            or singular_pronoun(st, h)
            or surname(st, h)
            or entity(st, h)
        )
    st.done[h] = m
    return m


def find_mentions(parsed: Parsed, lexicon: ActorLexicon) -> tuple[Mention, ...]:
    """Every noun phrase in the article that denotes an actor, resolved, in text order."""
    st = _state(parsed, lexicon)
    seen: set[int] = set()
    for h in range(len(st.toks)):
        m = st.resolve(h)
        if m is not None and m.head not in seen:
            seen.add(m.head)
            st.mentions.append(m)
            _remember_name(st, m)
    compound_agents(st)
    # Modifiers join only now, so that coreference never takes one as an antecedent.
    extra = [m for h, m in st.modifiers.items() if h not in seen]
    return tuple(sorted(st.mentions + extra, key=lambda m: (m.tok_start, m.head)))


def _remember_name(st: ArticleState, m: Mention) -> None:
    """A resolved mention ending in a person's name of two words or more ("Chinese Foreign
    Minister Wang Yi") lets a later bare "Wang" or "Yi" take its actor."""
    a, toks = m.actor, st.toks
    if not a.code or a.coref_of is not None or toks[m.head].ent_type != "PERSON":
        return
    start = m.head
    while start > m.tok_start and toks[start - 1].ent_type == "PERSON":
        start -= 1
    if m.head - start < 1 or toks[m.head].pos != "PROPN":
        return
    for i in (start, m.head):
        st.titled.setdefault(toks[i].text, m)


def actor_at(parsed: Parsed, i: int, mentions: tuple[Mention, ...]) -> Actor | None:
    """The actor whose mention has head token ``i``, else whose span contains ``i``."""
    inside = None
    for m in mentions:
        if m.head == i:
            return m.actor
        if inside is None and m.tok_start <= i < m.tok_end:
            inside = m.actor
    return inside


def unresolved(parsed: Parsed, i: int) -> Actor:
    """An actor with null codes for the noun phrase headed by ``i``: keep the text, no guess."""
    left = np_left(parsed, i)
    return make_actor(parsed, left, i + 1, None, None, None, None)
