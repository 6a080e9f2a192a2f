"""The compatibility rule between two mentions, one condition at a time."""

from __future__ import annotations

import dataclasses

import pytest

from resgestae.cluster import Member, Settings, compatible
from resgestae.cluster.rule import contradicts
from resgestae.errors import OptionError

from .helpers import GAIA, LISBON, PORTO, PORTUGAL, D, mention, place, row, who

S = Settings()
TEACHERS = who("PRT", "EDU")
DAY = D(2024, 3, 6)


def ok(a, b, settings=S):
    ma, mb = Member.from_dict(row(a)), Member.from_dict(row(b))
    assert compatible(ma, mb, settings) == compatible(mb, ma, settings)  # symmetric
    return compatible(ma, mb, settings)


def base(n, article="a", **kw):
    fields = {"day": DAY, "actor": [TEACHERS], "location": PORTO} | kw
    return mention(n, article, **fields)


def test_same_type_day_actor_and_place_is_one_event():
    assert ok(base(1), base(2, "b"))


def test_another_type_is_another_event_and_without_plover_the_cameo_root_decides():
    assert not ok(base(1), base(2, kind="ASSAULT", cameo="190"))
    assert ok(base(1, kind="", cameo="141"), base(2, kind="", cameo="145"))
    assert not ok(base(1, kind="", cameo="141"), base(2, kind="", cameo="190"))


@pytest.mark.parametrize(
    "days,window,expected", [(1, 1, True), (2, 1, False), (1, 0, False), (2, 2, True)]
)
def test_day_dates_overlap_within_the_window(days, window, expected):
    later = base(2, day=D(2024, 3, 6 + days))
    assert ok(base(1), later, Settings(window_days=window)) is expected


def test_a_coarse_date_joins_only_its_own_precision_unless_mixed():
    march = base(2, day=(D(2024, 3, 1), D(2024, 3, 31)), precision="month")
    also_march = base(3, day=(D(2024, 3, 1), D(2024, 3, 31)), precision="month")
    assert not ok(base(1), march)
    assert ok(base(1), march, Settings(mixed_precision=True))
    assert ok(march, also_march)
    april = base(4, day=(D(2024, 4, 1), D(2024, 4, 30)), precision="month")
    assert not ok(march, april)


def test_an_undated_mention_joins_nothing():
    assert not ok(base(1, day=None), base(2, day=None))


def test_actors_agree_on_country_and_sector_or_a_side_unknown():
    assert not ok(base(1), base(2, actor=[who("ESP", "EDU")]))  # another country
    assert not ok(base(1), base(2, actor=[who("PRT", "MIL")]))  # another sector
    assert ok(base(1), base(2, actor=[who("PRT")]))  # sector unknown on one side
    assert ok(base(1), base(2, actor=[who("ESP", "EDU"), who("PRT", "EDU")]))  # one in common
    assert ok(base(1), base(2, actor=[]))  # nobody named: the place is the evidence
    assert not ok(base(1, recipient=[who("PRT", "GOV")]), base(2, recipient=[who("FRA", "GOV")]))


def test_places_same_region_or_near_or_a_country_holding_them():
    assert ok(base(1), base(2, location=GAIA))  # same admin1
    assert not ok(base(1), base(2, location=LISBON))  # ~270 km, another region
    assert ok(base(1), base(2, location=LISBON), Settings(distance_km=300))
    assert ok(base(1), base(2, location=PORTUGAL))
    assert not ok(base(1), base(2, location=place("Vigo", "ESP", "Galicia", 42.24, -8.72)))
    assert ok(base(1), base(2, location=None))


def test_evidence_a_bare_country_or_the_articles_main_place_is_not_enough():
    bare = {"actor": [who("PRT")], "location": None}
    assert not ok(base(1, **bare), base(2, "b", **bare))  # compatible, but nothing shared
    assert ok(base(1, **bare), base(2, "b", **bare), Settings(evidence=0))
    main = dataclasses.replace(PORTO, rule="event:article-main-place")
    assert not ok(base(1, actor=[], location=main), base(2, actor=[], location=main))
    assert not ok(base(1, actor=[], location=main), base(2, actor=[], location=GAIA))
    assert ok(base(1, actor=[], location=PORTO), base(2, actor=[], location=PORTO))
    # a whole country is compatible with its places, but no evidence
    assert not ok(base(1, actor=[], location=PORTUGAL), base(2, "b", actor=[], location=PORTO))
    # across two articles, that both are about the place is evidence
    assert ok(base(1, actor=[], location=main), base(2, "b", actor=[], location=GAIA))
    both = {"actor": [TEACHERS], "recipient": [], "location": PORTO}
    assert ok(base(1, **both), base(2, **both), Settings(evidence=2))
    assert not ok(base(1, **both), base(2, location=None), Settings(evidence=2))


def test_organisations_are_evidence_without_a_country():
    un = who(None, None, code="IGOUNO")
    assert ok(base(1, actor=[un], location=None), base(2, "b", actor=[un], location=None))
    crowd = who(None, None, code="CVL")  # a bare sector code names nobody
    assert not ok(base(1, actor=[crowd], location=None), base(2, "b", actor=[crowd], location=None))


def test_dates_that_differ_need_more_evidence():
    actor_only = {"location": None}
    assert ok(base(1, **actor_only), base(2, "b", **actor_only))  # same day
    next_day = base(2, "b", day=D(2024, 3, 7), **actor_only)
    assert not ok(base(1, **actor_only), next_day)  # the actor alone: two days' acts
    assert ok(base(1, **actor_only), next_day, Settings(window_evidence=0))
    assert ok(base(1), base(2, "b", day=D(2024, 3, 7)))  # actor and place


BRITAIN, RUSSIA = who("GBR", text="Britain"), who("RUS", text="Russia")


def accusation(n, article, day, source="text", **kw):
    fields = {"kind": "ACCUSE", "cameo": "112", "day": day, "source": source} | kw
    return mention(n, article, **fields)


def test_the_same_two_countries_in_the_same_roles_are_evidence():
    dyad = {"actor": [BRITAIN], "recipient": [RUSSIA]}
    assert ok(accusation(1, "a", DAY, **dyad), accusation(2, "b", DAY, **dyad))
    reversed_ = {"actor": [RUSSIA], "recipient": [BRITAIN]}
    assert not ok(accusation(1, "a", DAY, **dyad), accusation(2, "b", DAY, **reversed_))
    # one country on both sides (a government and its own citizens) is no pair
    home = {"actor": [BRITAIN], "recipient": [BRITAIN]}
    assert not ok(accusation(1, "a", DAY, **home), accusation(2, "b", DAY, **home))


def test_a_stance_dated_by_its_report_may_be_one_told_weeks_before():
    dyad = {"actor": [BRITAIN], "recipient": [RUSSIA]}
    told = accusation(1, "a", DAY, **dyad)
    later = accusation(2, "b", D(2024, 3, 26), "publication", **dyad)
    assert ok(told, later)
    # in the text, twenty days apart: two accusations
    assert not ok(told, accusation(2, "b", D(2024, 3, 26), **dyad))
    assert not ok(told, accusation(2, "b", D(2024, 4, 20), "publication", **dyad))  # too long
    assert not ok(told, later, Settings(stance_days=0))
    # a month-precision stance holds a report's day of that month
    march = accusation(3, "c", (D(2024, 3, 1), D(2024, 3, 31)), precision="month", **dyad)
    assert ok(march, later)
    # the same actor alone is not enough: one government's accusations of a month are many
    alone = {"actor": [who("GBR", "GOV")], "recipient": []}
    assert ok(accusation(1, "a", DAY, **alone), accusation(2, "b", DAY, **alone))
    assert not ok(
        accusation(1, "a", DAY, **alone), accusation(2, "b", D(2024, 3, 26), "publication", **alone)
    )
    # an act, not a stance, is dated by its report as the day it happened
    protest = base(2, "b", day=D(2024, 3, 26), source="publication")
    assert not ok(base(1), protest)


def test_a_stance_placed_only_in_a_country_is_not_set_apart_by_a_place_elsewhere():
    dyad = {"actor": [BRITAIN], "recipient": [RUSSIA]}
    london = place("London", "GBR", "England", 51.51, -0.13)
    russia = place("Russia", "RUS", None, 61.5, 105.3, "country")
    assert ok(accusation(1, "a", DAY, location=london, **dyad),
              accusation(2, "b", DAY, location=russia, **dyad))  # fmt: skip
    # two cities in two countries do set it apart, and an act is set apart by a country
    moscow = place("Moscow", "RUS", "Moscow", 55.76, 37.62)
    assert not ok(accusation(1, "a", DAY, location=london, **dyad),
                  accusation(2, "b", DAY, location=moscow, **dyad))  # fmt: skip
    spain = place("Spain", "ESP", None, 40.0, -4.0, "country")
    assert not ok(base(1), base(2, "b", location=spain))


def test_mentions_without_shared_evidence_do_not_contradict_each_other():
    def contra(a, b):
        return contradicts(Member.from_dict(row(a)), Member.from_dict(row(b)), S)

    march = base(2, "b", day=(D(2024, 3, 1), D(2024, 3, 31)), precision="month", actor=[])
    assert not ok(base(1), march) and not contra(base(1), march)  # no evidence, no conflict
    april = base(3, "c", day=(D(2024, 4, 1), D(2024, 4, 30)), precision="month")
    assert contra(base(1), april)
    assert contra(base(1), base(4, "d", location=LISBON))
    assert contra(base(1), base(5, "e", actor=[who("PRT", "HLH")]))
    assert not contra(base(1), base(6, "f", actor=[], location=None))


def test_a_shared_story_name_across_articles_is_evidence():
    story = {"actor": [], "location": None, "story": ("skripal", "salisbury")}
    other = {"actor": [], "location": None, "story": ("sergei skripal",)}
    assert ok(base(1, "a", **story), base(2, "b", **other))
    assert not ok(base(1, "a", **story), base(2, "b", **(other | {"story": ("afrin",)})))
    assert not ok(base(1, "a", **story), base(2, "a", **other))  # one article: one story
    assert not ok(base(1, "a", **story), base(2, "b", **other), Settings(story=False))
    # a shared story does not join what the actors part
    assert not ok(
        base(1, "a", **story | {"actor": [TEACHERS]}), base(2, "b", **other | {"actor": [BRITAIN]})
    )


def test_same_article_setting():
    assert ok(base(1), base(2))
    assert not ok(base(1), base(2), Settings(same_article=False))
    assert ok(base(1), base(2, "b"), Settings(same_article=False))


def test_impossible_settings_are_refused():
    for bad in ({"window_days": -1}, {"distance_km": -5}, {"evidence": 4}, {"window_evidence": 4},
                {"stance_days": -1}):  # fmt: skip
        with pytest.raises(OptionError):
            Settings(**bad)


def test_a_face_holds_every_field_the_rule_reads_but_the_id_and_the_article():
    # The clustering compares one mention of a face for all of them (cluster.components):
    # a field missing from the face would make mentions that differ in it look alike.
    m = Member.from_dict(row(base(1, recipient=[who("ESP", "GOV")], story=("ana lopes",))))
    other = {"key": "ACCUSE", "first": D(2024, 3, 5), "last": D(2024, 3, 7),
             "precision": "week", "actor": (), "recipient": (), "place": None,
             "reported": True, "story": ()}  # fmt: skip
    fields = {f.name for f in dataclasses.fields(Member) if f.init} - {"id", "article_id"}
    assert fields == set(other)  # a new field needs a value here, and a place in the face
    for name, value in other.items():
        assert getattr(m, name) != value
        assert dataclasses.replace(m, **{name: value}).face != m.face, name
    assert dataclasses.replace(m, id="b-1", article_id="b").face == m.face


SPANS = {
    "day": (DAY, DAY),
    "week": (D(2024, 3, 4), D(2024, 3, 10)),
    "month": (D(2024, 3, 1), D(2024, 3, 31)),
    "year": (D(2024, 1, 1), D(2024, 12, 31)),
}


@pytest.mark.parametrize(
    "settings", [S, Settings(mixed_precision=True), Settings(window_evidence=0)]
)
def test_a_mention_joins_only_the_precisions_the_candidate_lookup_reads(settings):
    """``precisions`` (what the store's candidate lookup filters events on) never leaves out
    the precision of a compatible mention, and does leave some out by default."""
    from resgestae.cluster import precisions

    kinds = [("PROTEST", "141"), ("ACCUSE", "112")]
    made = [base(n, "ab"[n % 2], kind=k, cameo=c, day=SPANS[p], precision=p, source=src,
                 recipient=[who("ESP", "GOV")])
            for n, ((k, c), p, src) in enumerate(
                (kc, p, src) for kc in kinds for p in SPANS for src in ("text", "publication"))
            ]  # fmt: skip
    ms = [Member.from_dict(row(e)) for e in made]
    left_out = 0
    for a in ms:
        allowed = precisions(a, settings)
        for b in ms:
            if allowed is not None and b.precision not in allowed:
                left_out += 1
                assert not compatible(a, b, settings), (a.id, b.id)
    assert (left_out > 0) == (not settings.mixed_precision)
