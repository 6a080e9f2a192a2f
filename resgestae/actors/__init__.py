"""Actors: lexicons and resolution of noun phrases to CAMEO-style actor codes."""

from resgestae.actors.lexicon import ActorLexicon, Entry, load_lexicon
from resgestae.actors.mentions import actor_at, find_mentions, unresolved

__all__ = ["ActorLexicon", "Entry", "load_lexicon", "find_mentions", "actor_at", "unresolved"]
