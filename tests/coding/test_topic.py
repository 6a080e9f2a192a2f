"""An article about sports, markets or products yields no events, however its verbs read."""

from __future__ import annotations

import datetime as dt

from resgestae import words
from resgestae.actors import find_mentions
from resgestae.coding import article_topic
from resgestae.nlp import to_parsed
from resgestae.types import Article

SPORTS = (
    "The Harbour City team won the league final on Sunday. Their coach praised the fans after "
    "the game, in which the striker scored two goals and the goalkeeper saved a penalty. The "
    "season ends with a tournament next month, when the team plays its last match in the "
    "league; the coach said every player on the team fought for every point this season."
)
POLITICS = (
    "Kenyan police arrested twelve opposition supporters in Nairobi on Monday after a rally "
    "against the government. The interior minister said the protesters had attacked a police "
    "station. Opposition leaders condemned the arrests and demanded the release of the "
    "detainees, saying the government was afraid of the coming election. A court will hear "
    "the case on Friday, when fans of the local football team also gather for a match."
)


def _parse(resources, text):
    article = Article(id="t", text=text, published=dt.date(2024, 3, 15))
    return to_parsed(resources.nlp(text), article, "test")


def _topic(resources, text):
    parsed = _parse(resources, text)
    mentions = find_mentions(parsed, resources.actors)
    sectors = resources.events.lists["political_sector"]
    return article_topic(parsed, mentions, words.topic_cues(), sectors)


def test_a_sports_story_is_of_another_topic_and_yields_no_events(resources, code):
    assert _topic(resources, SPORTS) == "sports"
    assert code(SPORTS) == []  # "fought for every point", "won", "saved" are no events


def test_a_political_story_with_a_few_such_words_is_coded(resources, code):
    assert _topic(resources, POLITICS) is None
    assert {"COERCE", "ACCUSE"} <= {e.event for e in code(POLITICS)}


def test_a_story_with_no_cue_words_has_no_other_topic(resources):
    assert _topic(resources, "The minister resigned on Monday.") is None
