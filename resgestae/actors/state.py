"""The per-article state the actor resolvers share, and the noun-phrase syntax they all use.

``ArticleState`` holds one article's parse, the lexicon, the names found in it and what has
been resolved so far; the resolvers in ``names``, ``places``, ``agents`` and ``coref`` read
and extend it, in text order, so coreference can look back at what came before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from resgestae.actors.lexicon import ActorLexicon, Entry
from resgestae.types import Actor, Mention, Parsed, Token

# Dependents that belong to the noun phrase left of its head.
NP_LEFT = {
    "det",
    "amod",
    "compound",
    "nmod",
    "poss",
    "case",
    "nummod",
    "punct",
    "advmod",
    "quantmod",
    "npadvmod",
    "hmod",
    "hyph",
}

MODIFIER = {"compound", "amod", "nmod", "poss", "npadvmod"}

NOUNS = {"NOUN", "PROPN"}


def head_of(parsed: Parsed, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the syntactic head)."""
    toks = parsed.tokens
    for i in range(end - 1, start - 1, -1):
        h = toks[i].head
        if h == i or not start <= h < end:
            return i
    return end - 1


def np_left(parsed: Parsed, h: int) -> int:
    """First token of the noun phrase headed by ``h`` (left dependents only)."""
    toks = parsed.tokens
    left = h
    sent_start = parsed.sentences[toks[h].sent].tok_start
    while left - 1 >= sent_start:
        j, ok = left - 1, False
        if toks[j].dep == "advmod" and toks[j].head == h:  # "also representatives"
            break
        k = j
        for _ in range(6):  # walk up from j: does it attach to h through NP-internal arcs?
            if toks[k].dep not in NP_LEFT or toks[k].head == k:
                break
            k = toks[k].head
            if k == h:
                ok = True
                break
            if not left - 1 <= k <= h:
                break
        if not ok:
            break
        left = j
    return left


def span_text(parsed: Parsed, start: int, end: int) -> tuple[str, int, int]:
    toks = parsed.tokens
    a, b = toks[start].idx, toks[end - 1].end
    return parsed.article.text[a:b], a, b


def make_actor(
    parsed: Parsed,
    start: int,
    end: int,
    code: str | None,
    country: str | None,
    sector: str | None,
    rule: str | None,
    coref_of: str | None = None,
) -> Actor:
    """The actor for tokens [start, end), with its text and character offsets."""
    text, a, b = span_text(parsed, start, end)
    return Actor(text, code, country, sector, a, b, rule, coref_of)


@dataclass(slots=True)
class Name:
    """A lexicon name matched in the text: its token span, syntactic head and entry."""

    start: int  # token span of the matched name
    end: int
    head: int
    entry: Entry


@dataclass(slots=True)
class ArticleState:
    """One article's resolution so far: the parse, the lexicon, the names found in it, and
    the mentions resolved (``done`` by head token, ``mentions`` in text order)."""

    p: Parsed
    lex: ActorLexicon
    toks: tuple[Token, ...]
    resolve: Callable[[int], Mention | None]  # the composer's resolver, for "of" phrases
    names: list[Name] = field(default_factory=list)
    name_of: dict[int, Name] = field(default_factory=dict)
    places: list[Name] = field(default_factory=list)
    place_heads: set[int] = field(default_factory=set)
    done: dict[int, Mention | None] = field(default_factory=dict)
    agent_cache: dict[int, tuple[str, str, int] | None] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    modifiers: dict[int, Mention] = field(default_factory=dict)  # head -> a modifier mention
    context: str | None = None
    # "Bouteflika" after "Abdelaziz Bouteflika": last names of the people named so far
    surnames: dict[str, Name] = field(default_factory=dict)
    # "Wang" after "Chinese Foreign Minister Wang Yi": each word that ends or begins the
    # name of a person resolved so far by a title, not by the lexicon (a family name may
    # come first), to that mention
    titled: dict[str, Mention] = field(default_factory=dict)
    # mention head -> the lexicon kind behind it ("person", "leader", "country"..., or
    # "people" for a state's people), so coreference knows who "he", "she" and "it" can be
    kind_of: dict[int, str] = field(default_factory=dict)
