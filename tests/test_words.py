"""The shared word lists load once, as data, with the words their users rely on."""

from __future__ import annotations

import pytest

from resgestae.words import number_words, word_list


@pytest.mark.parametrize(
    "name, word",
    [
        ("partitives", "delegation"),
        ("collective_heads", "contingent"),
        ("place_prepositions", "throughout"),
        ("locative_prepositions", "between"),
    ],
)
def test_word_lists_hold_their_words(name, word):
    words = word_list(name)
    assert word in words
    assert not any(w.startswith("#") or not w.strip() for w in words)


def test_place_prepositions_are_locative_prepositions_that_never_take_actors():
    # "pressure on X", "talks between X and Y": these may locate an event but take actors too
    assert {"on", "between", "over"} <= word_list("locative_prepositions")
    assert not {"on", "between", "over"} & word_list("place_prepositions")


def test_number_words_have_their_values():
    n = number_words()
    assert (n["seven"], n["nineteen"], n["forty"], n["dozen"], n["million"]) == (
        7,
        19,
        40,
        12,
        1_000_000,
    )
