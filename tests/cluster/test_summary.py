"""An event's fields chosen from its mentions."""

from __future__ import annotations

from resgestae.cluster import EVENT_KEYS, Seen, summarise

from .helpers import LISBON, PORTO, D, mention, row, who


def test_fields_come_from_the_best_supported_mentions():
    t, police = who("PRT", "EDU"), who("PRT", "COP")
    ms = [
        row(mention(1, "a", day=D(2024, 3, 6), actor=[t], location=PORTO, confidence=0.4,
                    dead=3)),
        row(mention(2, "b", day=D(2024, 3, 6), actor=[t], location=LISBON, confidence=0.9,
                    dead=3)),
        row(mention(3, "c", day=D(2024, 3, 7), actor=[police], location=LISBON, confidence=0.6,
                    dead=5, source="publication")),
    ]  # fmt: skip
    seen = [Seen("a", "Wire", None, D(2024, 3, 6)), Seen("b", "Daily", "https://d.example/1",
            D(2024, 3, 7)), Seen("c", None, "https://c.example/x", D(2024, 3, 8)),
            Seen("a2", "wire ", None, D(2024, 3, 9))]  # fmt: skip
    e = summarise("ev1", ms, seen)
    d = e.to_dict()
    assert tuple(d) == EVENT_KEYS
    assert d["actor"] == [t.to_dict()]  # two of three
    assert d["location"] == LISBON.to_dict()  # two of three
    assert d["fatalities"] == 3  # the count two reports give, not 3 + 3 + 5
    assert d["confidence"] == 0.9
    assert (d["date"], d["date_first"], d["date_last"]) == (
        "2024-03-06",
        "2024-03-06",
        "2024-03-07",
    )
    assert d["sentence"] == "Sentence 2 of b." and d["source_url"] == "https://d.example/1"
    assert (d["num_mentions"], d["num_articles"], d["num_sources"]) == (3, 4, 3)  # wire twice
    assert (d["first_seen"], d["last_seen"]) == ("2024-03-06", "2024-03-09")
    assert e.mention_ids == ("a-001", "b-002", "c-003")


def test_a_tie_goes_to_the_most_confident_mention():
    ms = [row(mention(1, "a", day=D(2024, 3, 6), location=PORTO, confidence=0.3)),
          row(mention(2, "b", day=D(2024, 3, 6), location=LISBON, confidence=0.8))]  # fmt: skip
    assert summarise("e", ms, []).location == LISBON.to_dict()


def test_a_missing_value_counts_only_when_no_mention_has_one():
    ms = [row(mention(n, "a", day=D(2024, 3, 6))) for n in (1, 2)]
    ms.append(row(mention(3, "b", day=D(2024, 3, 6), location=PORTO, confidence=0.1)))
    e = summarise("e", ms, [])
    assert e.location == PORTO.to_dict() and e.fatalities is None and e.actor == ()
