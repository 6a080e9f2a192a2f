"""Where an event happened: a locative phrase on its predicate, else a place in its sentence
that is not a participant, else the article's main place."""

from __future__ import annotations

from dataclasses import replace

from resgestae.geo.gazetteer import Gazetteer
from resgestae.geo.resolve import context, to_location
from resgestae.types import Location, Parsed, Toponym
from resgestae.words import word_list

LOCATIVE_PREPS = word_list("locative_prepositions")
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "outside",
    "near",
    "close",
}
# dependents that name participants: a place there is an actor or recipient ("Baku and Yerevan
# agreed", "protest against France"), not the scene
PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "attr", "appos", "conj"}


def _toponym_at(toponyms: tuple[Toponym, ...], tokens: set[int]) -> Toponym | None:
    for t in toponyms:
        if t.location is not None and t.tok_start in tokens:
            return t
    return None


def _is_locative(parsed: Parsed, i: int) -> bool:
    """Is token i (or its phrase) governed by a locative preposition or a direction word?"""
    toks = parsed.tokens
    steps = 0
    while steps < 8:
        t = toks[i]
        if t.dep == "pobj":
            prep = toks[t.head]
            word = prep.text.lower()
            if word in LOCATIVE_PREPS:
                return True
            if word == "of" and toks[prep.head].text.lower() in DIRECTIONS:
                return True
            if word != "of":
                return False
            i = prep.head  # "the city of X": climb through "of"
        elif t.dep in ("compound", "amod", "nmod", "poss", "appos", "conj") and t.head != i:
            i = t.head
        else:
            return False
        steps += 1
    return False


def _head_dep(parsed: Parsed, t: Toponym) -> str:
    toks = parsed.tokens
    span = range(t.tok_start, t.tok_end)
    head = next((j for j in span if toks[j].head not in span or toks[j].head == j), t.tok_start)
    return toks[head].dep


# The last article's main place: every event of an article asks the same question. Holding
# the objects themselves (not their ids) means a new article can never be mistaken for it.
_last: list = [None, None, None, None]


def _main_place(parsed: Parsed, toponyms: tuple[Toponym, ...], gazetteer: Gazetteer):
    if not (_last[0] is parsed and _last[1] is toponyms and _last[2] is gazetteer):
        spans = [(t.tok_start, t.tok_end) for t in toponyms]
        _last[:] = [parsed, toponyms, gazetteer, context(parsed, gazetteer, spans).main]
    return _last[3]


def event_location(
    parsed: Parsed,
    toponyms: tuple[Toponym, ...],
    trigger_i: int,
    gazetteer: Gazetteer,
    actor_countries: frozenset[str] = frozenset(),
) -> Location | None:
    toks = parsed.tokens
    # 1. a locative phrase on the predicate or on its clause head ("staged a rally in Baku")
    heads = {trigger_i, toks[trigger_i].head}
    for h in heads:
        for c in parsed.children[h]:
            if toks[c].dep in ("prep", "advmod", "npadvmod", "advcl", "pobj"):
                sub = set(parsed.subtree(c))
                for t in toponyms:
                    if (
                        t.location is not None
                        and t.tok_start in sub
                        and _is_locative(parsed, t.tok_start)
                    ):
                        return replace(t.location, rule="event:locative")
    # 2. a place in the same sentence: locative first, then a modifier ("Baku residents")
    sent = parsed.sentence_of(trigger_i)
    inside = [
        t
        for t in toponyms
        if t.location is not None and sent.tok_start <= t.tok_start < sent.tok_end
    ]
    for t in inside:
        if t.location is not None and _is_locative(parsed, t.tok_start):
            return replace(t.location, rule="event:sentence-locative")
    for t in inside:
        if (
            t.location is not None
            and _head_dep(parsed, t) in ("compound", "nmod", "amod")
            and t.location.precision != "country"
        ):
            return replace(t.location, rule="event:sentence-modifier")
    # 3. the article's main place, unless the actors are all of other states: an apology made by
    # one government is not placed in another's capital for want of a place (none is honest)
    main = _main_place(parsed, toponyms, gazetteer)
    if main is None:
        return None
    loc = to_location(gazetteer, main, main.name, None, None, "event:article-main-place")
    if actor_countries and loc.country not in actor_countries:
        return None
    return loc
