"""The article-level scorer on invented gold (fixtures/articles) and hand-made outputs; the
expected figures are worked out by hand in the comments. A slow test runs the kind on the
development gold when it is there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resgestae.errors import InputError
from resgestae.eval import articles, detect_kind, evaluate
from resgestae.types import Actor, Event, EventDate, Location, Trigger

from .helpers import EVAL_FIXTURES

GOLD = EVAL_FIXTURES / "articles" / "events.json"
DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev" / "articles"


def who(country=None, code=None):
    return Actor("x", code, country, None, 0, 1, None)


def place(country, name="Somewhere"):
    return Location(name, name, country, None, None, None, None, "city")


def out(text, sentence, type_, *, trigger="t", confidence=0.5, actor=(), recipient=(),
        date=None, location=None) -> Event:  # fmt: skip
    start = text.index(sentence)
    return Event(
        id="e", article_id="a", source_name=None, published=None,
        date=EventDate(date, "day" if date else "unknown", "text", None, None),
        event=type_, mode=None, cameo="000", quad_class=1, goldstein=0.0,
        actor=tuple(actor), recipient=tuple(recipient), location=location,
        sentence=sentence, span=(start, start + len(sentence)),
        trigger=Trigger(trigger, start, start + 1), rule="test", negated=False,
        confidence=confidence,
    )  # fmt: skip


@pytest.fixture(scope="module")
def gold():
    return articles.load(GOLD)


def outputs(gold):
    a, b, _ = gold
    s1 = "Freedonian troops shelled the border town of Lakeside on Tuesday."
    s2 = "Sylvanian officials condemned the attack."
    s3 = "Later the shelling went on near the river."
    s4 = "Both governments agreed to hold talks in May."
    t = a.text
    return [
        [
            # listed first but less confident: the sure one in the same sentence matches a.1
            out(t, s1, "ASSAULT", trigger="low", confidence=0.3),
            out(
                t,
                s1,
                "ASSAULT",
                trigger="shelled",
                confidence=0.9,
                actor=[who("FRD", "FRDMIL")],
                recipient=[who(None, "CVL")],
                date="2030-04-28",
                location=place("FRD", "Lakeside"),
            ),  # fmt: skip
            out(t, s3, "ASSAULT", trigger="shelling"),  # a.1 again: a duplicate
            out(
                t,
                s2,
                "PROTEST",
                trigger="condemned",
                actor=[who("SYL")],
                recipient=[who(None, "FRD")],
            ),  # fmt: skip
            out(t, s4, "CONSULT", trigger="talks", location=place("FRD")),  # the ok event
            out(t, s2, "SUPPORT", trigger="officials"),  # a type a.2 does not accept
        ],
        [
            out(b.text, "The home team won the cup final on Sunday.", "ASSAULT"),
            out(b.text, "Fans sang in the square.", "AGREE"),
        ],  # fmt: skip
        [],
    ]


def test_fixture_gold_is_detected_and_loaded_with_its_corpus_texts(gold):
    assert detect_kind(GOLD) == "articles"
    assert [a.doc for a in gold] == ["a", "b", "c"]
    assert gold[0].text.startswith("Freedonian troops") and gold[0].published.day == 2
    assert [a.political for a in gold] == [True, False, False]
    assert gold[0].events[1].location is None and gold[0].events[0].location.places == ("Lakeside",)


def test_metrics_follow_the_readme_definitions(gold):
    m = articles.score(gold, outputs(gold))
    # 8 outputs: 3 first matches (a.1, a.2 and the ok a.3), 2 duplicates of a.1, 3 false
    assert (m["articles"], m["outputs"], m["core_events"]) == (3, 8, 3)
    assert m["event_precision"] == 0.375  # 3 / 8
    assert m["core_recall"] == 0.667  # a.1 and a.2 of the core a.1, a.2, a.4
    assert m["event_f1"] == 0.48  # 2 * 3/8 * 2/3 / (3/8 + 2/3) = 12/25
    assert m["duplicate_share"] == 0.25  # 2 / 8
    assert m["false_events_per_control"] == 1.0  # 2 outputs over the 2 controls
    # over the 3 matches: a.1's date is at day precision where gold says a month;
    # the ok event has a location where the gold says none
    assert m["actor_ok"] == 1.0 and m["recipient_ok"] == 1.0
    assert m["date_ok"] == 0.667 and m["location_ok"] == 0.667
    assert m["all_fields_ok"] == 0.333  # only a.2's match is right everywhere


def test_details_list_each_hit_duplicate_false_event_and_miss(gold):
    found = [(o["kind"], o.get("gold_id"), o.get("trigger")) for o in
             articles.details(gold, outputs(gold))["outcomes"]]  # fmt: skip
    assert found == [
        ("HIT", "a.1", "shelled"),
        ("DUP", None, "low"),
        ("HIT", "a.2", "condemned"),
        ("FALSE", None, "officials"),
        ("DUP", None, "shelling"),
        ("HIT", "a.3", "talks"),
        ("MISS", "a.4", None),
        ("FALSE", None, "t"),
        ("FALSE", None, "t"),
    ]
    hits = [o for o in articles.match_article(gold[0], outputs(gold)[0]) if o.kind == "HIT"]
    assert [h.wrong for h in hits] == [("date_ok",), (), ("location_ok",)]


def test_no_output_scores_zero_without_dividing_by_zero(gold):
    m = articles.score(gold, [[], [], []])
    assert m["event_precision"] == 0.0 and m["core_recall"] == 0.0 and m["event_f1"] == 0.0
    assert m["false_events_per_control"] == 0.0 and m["actor_ok"] == 0.0


def test_empty_role_means_no_coded_country():
    assert articles.role_ok((), [who(None, "CVL")]) and articles.role_ok((), [])
    assert not articles.role_ok((), [who("FRD")])
    assert articles.role_ok(None, [who("FRD")])  # field left out: anything goes
    assert articles.role_ok(("IGO",), [who(None, "IGOUNO")])  # a code prefix is enough
    assert not articles.role_ok(("SYL",), [])


def test_date_is_compared_at_the_outputs_precision():
    t = "Talks opened."
    assert articles.date_ok(("2030-04",), out(t, t, "CONSULT", date="2030-04"))
    assert not articles.date_ok(("2030-04",), out(t, t, "CONSULT", date="2030-04-28"))
    assert not articles.date_ok(("2030",), out(t, t, "CONSULT", date="2030-04"))
    assert not articles.date_ok(("2030",), out(t, t, "CONSULT"))  # no date is wrong
    assert articles.date_ok(None, out(t, t, "CONSULT"))


def test_location_null_wants_none_and_places_match_either_way():
    t = "Talks opened."
    lake = articles.GoldLocation("FRD", ("Lakeside",))
    assert articles.location_ok(None, out(t, t, "CONSULT"))
    assert not articles.location_ok(None, out(t, t, "CONSULT", location=place("FRD")))
    assert articles.location_ok(lake, out(t, t, "CONSULT", location=place("FRD", "lakeside")))
    assert not articles.location_ok(lake, out(t, t, "CONSULT", location=place("SYL", "Lakeside")))
    assert not articles.location_ok(lake, out(t, t, "CONSULT", location=place("FRD", "Hill")))
    assert articles.location_ok(
        articles.GoldLocation("FRD"), out(t, t, "CONSULT", location=place("FRD", "Hill"))
    )


def test_corpus_is_found_above_the_gold_and_may_be_a_timeml_folder(tmp_path):
    tml = tmp_path / "texts"
    tml.mkdir()
    (tml / "n1.tml").write_text(
        "<TimeML><DOCID>n1</DOCID><TEXT>Envoys <EVENT>met</EVENT> today.</TEXT></TimeML>"
    )
    (tmp_path / "sub").mkdir()
    gold = tmp_path / "sub" / "events.json"
    gold.write_text(json.dumps({"corpus": "texts", "articles": [
        {"doc": "n1", "published": "2030-01-01", "political": True, "events": []}]}))  # fmt: skip
    (a,) = articles.load(gold)
    assert a.text == "Envoys met today."


def test_bad_gold_is_a_clear_error(tmp_path):
    gold = tmp_path / "events.json"
    gold.write_text(json.dumps({"corpus": "nowhere.xml", "articles": []}))
    with pytest.raises(InputError, match="nowhere.xml"):
        articles.load(gold)
    gold.write_text(json.dumps({"corpus": str(EVAL_FIXTURES / "articles" / "corpus.xml"),
        "articles": [{"doc": "zz", "published": "2030-01-01", "political": True}]}))  # fmt: skip
    with pytest.raises(InputError, match="article zz"):
        articles.load(gold)


@pytest.mark.slow
def test_articles_kind_on_the_development_gold():
    if not DEV.is_dir():
        pytest.skip(f"article gold not found at {DEV}")
    (score,) = list(evaluate(DEV, kind="articles"))
    m = score.metrics
    assert score.kind == "articles" and m["articles"] == score.n > 0
    assert m["outputs"] > 0 and m["core_events"] > 0
    shares = ("event_precision", "core_recall", "event_f1", "duplicate_share", "actor_ok",
              "recipient_ok", "date_ok", "location_ok", "all_fields_ok")  # fmt: skip
    for name in shares:
        assert 0.0 <= m[name] <= 1.0, name
    kinds = {o["kind"] for o in score.details["outcomes"]}
    assert kinds <= {"HIT", "DUP", "FALSE", "MISS"} and "HIT" in kinds
