"""Real-world events in the store: kept while ingesting in any order, rebuilt by recluster,
queried and counted, and built when a store made before them is opened."""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import pytest

from resgestae.cluster import EVENT_KEYS, Settings
from resgestae.pipeline import ArticleResult
from resgestae.store import Store
from resgestae.types import Actor, Article, Event, EventDate, Location, Trigger

D = dt.date
TEACHERS = Actor("teachers", "PRTEDU", "PRT", "EDU", 0, 8, "test")
NURSES = Actor("nurses", "PRTHLH", "PRT", "HLH", 0, 6, "test")
GOV = Actor("the government", "PRTGOV", "PRT", "GOV", 0, 14, "test")
PORTO = Location(
    "Porto", "Porto", "PRT", "Porto", 41.15, -8.61, 2735943, "city", None, None, "event:locative"
)


def mention(article, n, day, actor, kind="PROTEST", cameo="141", place=PORTO, confidence=0.5):
    return Event(
        id=f"{article.id}-{n}", article_id=article.id, source_name=article.source,
        published=article.published, date=EventDate(day.isoformat(), "day", "text", day, day),
        event=kind, mode=None, cameo=cameo, quad_class=4, goldstein=-6.5, actor=(actor,),
        recipient=(GOV,) if kind == "ACCUSE" else (), location=place,
        sentence=f"{article.id} sentence {n}.", span=(n * 40, n * 40 + 30),
        trigger=Trigger("marched", n * 40, n * 40 + 7), rule="test", negated=False,
        confidence=confidence,
    )  # fmt: skip


def article(name, day, source):
    return Article(name, f"Text of {name}. " * 20, day, source, f"https://{source}.example/{name}")


A = article("a", D(2024, 3, 6), "wire")
B = article("b", D(2024, 3, 7), "daily")
C = article("c", D(2024, 3, 7), "herald")
E = article("e", D(2024, 3, 9), "wire")
RESULTS = [
    ArticleResult(A, (mention(A, 1, D(2024, 3, 6), TEACHERS),
                      mention(A, 2, D(2024, 3, 6), TEACHERS, "ACCUSE", "111")), 2),
    ArticleResult(B, (mention(B, 1, D(2024, 3, 6), TEACHERS, confidence=0.9),
                      mention(B, 2, D(2024, 3, 7), NURSES)), 2),
    ArticleResult(C, (mention(C, 1, D(2024, 3, 7), TEACHERS),
                      mention(C, 2, D(2024, 3, 8), NURSES, "ACCUSE", "111")), 2),
    ArticleResult(E, (mention(E, 1, D(2024, 3, 9), NURSES),), 1),
]  # fmt: skip


def events_of(store):
    """Event id -> its mentions, as the mentions table links them."""
    rows = store.con.execute("SELECT event_id, id FROM mentions").fetchall()
    out: dict[str, set] = {d["id"]: set() for d in store.events()}
    for event, mention in rows:
        out[event].add((mention,))
    return {k: frozenset(v) for k, v in out.items()}


def filled(results):
    s = Store()
    for r in results:
        assert s.add(r)
    return s


def test_two_orders_give_the_same_events_and_recluster_the_same_again():
    with filled(RESULTS) as one, filled(RESULTS[::-1]) as other:
        first = events_of(one)
        assert first == events_of(other)
        assert len(first) == 5  # teachers' protest (3 reports), 2 accusations, 2 nurses' protests
        assert one.recluster() == 5 and events_of(one) == first
        for d in one.events():  # every stored row agrees with its mentions
            ids = one.con.execute("SELECT mention_ids FROM events WHERE id = ?", [d["id"]])
            assert frozenset((i,) for i in ids.fetchone()[0]) == first[d["id"]]


def test_an_event_across_articles_counts_its_reports():
    with filled(RESULTS) as s:
        [protest] = [d for d in s.events(event="PROTEST", actor="PRTEDU")]
        assert tuple(protest) == EVENT_KEYS
        assert (protest["num_mentions"], protest["num_articles"], protest["num_sources"]) == (
            3,
            3,
            3,
        )
        assert (protest["first_seen"], protest["last_seen"]) == ("2024-03-06", "2024-03-07")
        assert (protest["date_first"], protest["date_last"]) == ("2024-03-06", "2024-03-07")
        assert protest["source_url"] == "https://daily.example/b"  # its surest mention's
        assert protest["sentence"] == "b sentence 1."
        [full] = s.events(event="PROTEST", actor="teachers", with_mentions=True)
        assert sorted(m["id"] for m in full["mentions"]) == ["a-1", "b-1", "c-1"]
        assert {m["event_id"] for m in full["mentions"]} == {protest["id"]}
        assert {m["url"] for m in full["mentions"]} >= {"https://wire.example/a"}


@pytest.mark.parametrize(
    "filters,n",
    [({}, 5), ({"event": "ACCUSE"}, 2), ({"event": "14"}, 3), ({"recipient": "PRTGOV"}, 2),
     ({"country": "prt"}, 5), ({"since": D(2024, 3, 8)}, 2), ({"until": D(2024, 3, 6)}, 2),
     ({"actor": "nurses", "event": "PROTEST"}, 2), ({"actor": "nobody"}, 0)],
)  # fmt: skip
def test_event_filters(filters, n):
    with filled(RESULTS) as s:
        assert len(list(s.events(**filters))) == n
        assert len(list(s.events(**filters, limit=1))) == min(n, 1)


def test_counts_by_dimensions_and_filters():
    with filled(RESULTS) as s:
        assert list(s.counts_by(["event"])) == [
            {"event": "ACCUSE", "events": 2, "mentions": 2},
            {"event": "PROTEST", "events": 3, "mentions": 5},
        ]
        rows = list(s.counts_by(["country", "day"], event="PROTEST"))
        assert rows == [
            {"country": "PRT", "day": "2024-03-06", "events": 1, "mentions": 3},
            {"country": "PRT", "day": "2024-03-07", "events": 1, "mentions": 1},
            {"country": "PRT", "day": "2024-03-09", "events": 1, "mentions": 1},
        ]
        assert [r["week"] for r in s.counts_by(["week"])] == ["2024-W10"]


def test_a_failed_article_leaves_the_events_as_they_were():
    with filled(RESULTS[:2]) as s:
        before = events_of(s)
        bad = ArticleResult(C, (mention(C, 1, D(2024, 3, 6), TEACHERS), object()), 2)
        with pytest.raises(AttributeError):
            s.add(bad)
        assert events_of(s) == before and not s.has("c")


def test_a_near_duplicate_adds_an_article_and_a_source_never_a_mention():
    with filled(RESULTS[:1]) as s:
        copy = dataclasses.replace(A, id="a-copy", source="gazette", url=None)
        s.add_uncoded(copy, "duplicate", reason="near-duplicate", duplicate_of="a", similarity=0.9)
        protest = next(s.events(event="PROTEST"))
        assert (protest["num_mentions"], protest["num_articles"], protest["num_sources"]) == (
            1,
            2,
            2,
        )
        assert s.counts()["mentions"] == 2


@pytest.mark.parametrize("together", [False, True], ids=["apart", "in-one-group"])
def test_a_near_duplicate_counts_in_events_written_after_it(together):
    """The articles carrying an event are cached as read: the original's near-duplicate,
    stored after they were, still counts when a later report rewrites the event (stored
    in a group of its own, or in one group with the duplicate)."""
    from resgestae.store.db import Coded, Uncoded

    with filled(RESULTS[:2]) as s:  # b joins a's protest: a's articles read and cached
        copy = dataclasses.replace(A, id="a-copy", source="gazette", url=None)
        dup = Uncoded(copy, "duplicate", "near-duplicate", "a", 0.9)
        if together:
            assert s.add_many([dup, Coded(RESULTS[2], None)]) == [True, True]
        else:
            assert s.add_many([dup]) == [True]
            assert s.add(RESULTS[2])
        protest = max(s.events(event="PROTEST"), key=lambda d: d["num_mentions"])
        assert (protest["num_mentions"], protest["num_articles"], protest["num_sources"]) == (
            3, 4, 4,
        )  # fmt: skip
        before = sorted(s.events(), key=lambda d: d["id"])
        s.recluster()  # reads every article afresh
        assert sorted(s.events(), key=lambda d: d["id"]) == before


def test_an_article_without_a_day_is_seen_the_day_it_was_stored_as_recluster_reads_it():
    """A new article's part in its events is taken as written, not read back: the day of
    one that gives no publication day is its storing day, as the stored row says."""
    undated = [dataclasses.replace(r, article=dataclasses.replace(r.article, published=None))
               for r in RESULTS]  # fmt: skip
    with filled(undated) as s:
        before = sorted(s.events(), key=lambda d: d["id"])
        assert all(d["first_seen"] is not None for d in before)
        s.recluster()  # reads every article's row
        assert sorted(s.events(), key=lambda d: d["id"]) == before


def test_recluster_under_new_settings_is_kept_in_the_store(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        for r in RESULTS:
            s.add(r)
        assert (
            s.recluster(Settings(window_days=0)) == 6
        )  # c-1, a day after a-1 and b-1, no longer joins them
    with Store(path) as s:
        assert s.settings.window_days == 0 and len(list(s.events())) == 6


OLD_DDL = """
CREATE TABLE articles (id VARCHAR PRIMARY KEY, url VARCHAR, source VARCHAR, published DATE,
    title VARCHAR, text VARCHAR NOT NULL, origin VARCHAR, ingested_at TIMESTAMP NOT NULL);
CREATE TABLE events (id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, source_name VARCHAR,
    published DATE, date VARCHAR, date_precision VARCHAR, date_source VARCHAR, event VARCHAR,
    mode VARCHAR, cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    actor STRUCT(text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, "start" INTEGER,
                 "end" INTEGER, rule VARCHAR)[],
    recipient STRUCT(text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR,
                     "start" INTEGER, "end" INTEGER, rule VARCHAR)[],
    location STRUCT(text VARCHAR, name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE,
                    lon DOUBLE, geonameid BIGINT, precision VARCHAR, "start" INTEGER,
                    "end" INTEGER, rule VARCHAR),
    sentence VARCHAR, span INTEGER[], trigger STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER),
    rule VARCHAR, negated BOOLEAN, confidence DOUBLE, acled_type VARCHAR, acled_subtype VARCHAR,
    plover_score DOUBLE, context VARCHAR[], date_first DATE, date_last DATE);
CREATE TABLE actor_mentions (event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL, text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR,
    start_char INTEGER, end_char INTEGER, rule VARCHAR);
"""


def test_a_store_made_before_real_world_events_is_upgraded_and_clustered(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:  # the old schema, its events one per mention
        con.execute(OLD_DDL)
        for r in RESULTS[:3]:
            a = r.article
            con.execute("INSERT INTO articles VALUES (?, ?, ?, ?, NULL, ?, 'f', now())",
                        [a.id, a.url, a.source, a.published, a.text])  # fmt: skip
            for e in r.events:
                d = e.to_dict()
                keep = [k for k in d if k not in ("size", "fatalities", "restated", "story")]
                marks = ", ".join("?" * (len(keep) + 2))
                names = ", ".join(f'"{k}"' for k in keep)
                con.execute(
                    f"INSERT INTO events ({names}, date_first, date_last) VALUES ({marks})",
                    [d[k] for k in keep] + [e.date.first, e.date.last],
                )
                x = e.actor[0]
                con.execute(
                    "INSERT INTO actor_mentions VALUES (?, ?, 'actor', 'x', ?, ?, ?, 0, 1, 't')",
                    [e.id, a.id, x.code, x.country, x.sector],
                )
    with Store(path) as s:
        assert s.counts()["mentions"] == 6
        with filled(RESULTS[:3]) as fresh:
            assert events_of(s) == events_of(fresh)  # the events a new store builds
        assert [m["id"] for m in s.mentions(actor="PRTHLH")] == ["b-2", "c-2"]  # via mention_id
        assert s.add(RESULTS[3]) and len(list(s.events())) == 5
    with Store(path) as s:  # opened again: nothing to upgrade
        assert len(list(s.events())) == 5


# Days around year ends, where a day's ISO week belongs to the next or the last year.
# Days at least three apart: each mention its own event.
EDGES = [D(2020, 12, 31), D(2021, 1, 3), D(2023, 1, 1), D(2024, 12, 30), D(2025, 1, 5),
         D(2025, 2, 1)]  # fmt: skip


def test_counts_by_period_label_each_event_by_its_first_day():
    arts = [article(f"p{i}", day, "wire") for i, day in enumerate(EDGES)]
    with filled([ArticleResult(a, (mention(a, 1, a.published, TEACHERS),), 1) for a in arts]) as s:
        days = [d["date_first"] for d in s.events()]
        assert len(days) == len(EDGES)
        for by, label in [
            ("year", lambda d: f"{d.year}"),
            ("month", lambda d: f"{d.year}-{d.month:02d}"),
            ("week", lambda d: "{}-W{:02d}".format(*d.isocalendar()[:2])),
            ("day", lambda d: d.isoformat()),
        ]:
            want: dict[str, int] = {}
            for day in days:
                key = label(D.fromisoformat(day))
                want[key] = want.get(key, 0) + 1
            got = {r[by]: r["events"] for r in s.counts_by([by])}
            assert got == want, by
            assert list(got) == sorted(want)  # in order of the labels


def test_the_events_are_the_same_whether_stored_rows_were_cached_or_read_again(tmp_path):
    with filled(RESULTS) as warm:  # one store: each article finds the rows before it cached
        expected, records = events_of(warm), sorted(warm.events(), key=lambda d: d["id"])
    for r in RESULTS:  # a store opened again for each article reads every row afresh
        with Store(tmp_path / "cold.duckdb") as cold:
            assert cold.add(r)
    with Store(tmp_path / "cold.duckdb", read_only=True) as cold:
        assert events_of(cold) == expected
        assert sorted(cold.events(), key=lambda d: d["id"]) == records


def test_events_kept_while_adding_are_those_recluster_builds_column_for_column():
    """Many small components joined and split as articles arrive: every stored event row,
    its component among them, is the one clustering the whole store at once writes."""
    import random

    rng = random.Random(13)
    lisbon = dataclasses.replace(PORTO, name="Lisbon", admin1="Lisboa", lat=38.72, lon=-9.14)
    results = []
    for k in range(40):
        art = article(f"r{k:02d}", D(2024, 3, 6 + k % 4), rng.choice(["wire", "daily"]))
        ms = []
        for n in range(1, 4):
            kind = rng.choice(["PROTEST", "ACCUSE"])
            ms.append(mention(art, n, D(2024, 3, 6 + rng.randrange(4)),
                              rng.choice([TEACHERS, NURSES, GOV]), kind,
                              "141" if kind == "PROTEST" else "111",
                              rng.choice([PORTO, lisbon, None])))  # fmt: skip
        results.append(ArticleResult(art, tuple(ms), 3))
    with filled(results) as s:
        query = "SELECT * FROM events ORDER BY id"
        before = s.con.execute(query).fetchall()
        assert len({r[0] for r in before}) < 120  # mentions did join
        s.recluster()
        assert s.con.execute(query).fetchall() == before


def test_an_event_left_whole_when_its_component_merges_moves_to_the_new_component():
    """Two components joined by a new mention that splits off with one of them: the other
    event keeps its mentions and its row, and takes the merged component's id."""
    people = Actor("people", None, None, None, 0, 6, "test")
    x, y, z = (article(n, D(2024, 3, 6), "wire") for n in ("x", "y", "z"))
    results = [
        ArticleResult(x, (mention(x, 1, D(2024, 3, 6), TEACHERS, place=None),), 1),
        ArticleResult(
            y, (mention(y, 1, D(2024, 3, 6), people), mention(y, 2, D(2024, 3, 6), NURSES)), 2
        ),  # fmt: skip
        ArticleResult(z, (mention(z, 1, D(2024, 3, 6), TEACHERS),), 1),
    ]
    with filled(results) as s:
        query = "SELECT * FROM events ORDER BY id"
        assert len(list(s.events())) == 2
        components = s.con.execute("SELECT DISTINCT component FROM events").fetchall()
        assert len(components) == 1  # one component, two events
        before = s.con.execute(query).fetchall()
        s.recluster()
        assert s.con.execute(query).fetchall() == before


def test_the_candidates_of_a_day_leave_out_events_of_a_coarser_precision():
    """A day-dated mention cannot join a year-long event (unless precisions mix): the
    candidate lookup does not read that event's component; the events are still those
    that clustering the whole store gives."""
    from resgestae.cluster import Member
    from resgestae.store import clusters

    def dated(e, precision, first, last):
        return dataclasses.replace(e, date=EventDate(str(first.year), precision, "text",
                                                     first, last))  # fmt: skip

    y = article("y", D(2024, 3, 6), "wire")
    year = dated(mention(y, 1, D(2024, 3, 6), TEACHERS), "year", D(2024, 1, 1), D(2024, 12, 31))
    day = mention(A, 1, D(2024, 3, 6), TEACHERS)
    for settings, read in ((Settings(), False), (Settings(mixed_precision=True), True)):
        with Store(settings=settings) as s:
            assert s.add(ArticleResult(y, (year,), 1))
            new = Member.from_dict(day.to_dict() | {"date_first": day.date.first,
                                                     "date_last": day.date.last})  # fmt: skip
            assert (year.id in clusters._candidates(s.con, [new], settings)) == read
            assert s.add(ArticleResult(A, (day,), 1))
            before = sorted(s.events(), key=lambda d: d["id"])
            s.recluster()
            assert sorted(s.events(), key=lambda d: d["id"]) == before


def test_each_event_carries_exactly_its_mentions_past_a_page_of_rows():
    # More events than one fetch (500 rows), each with mentions from two articles, so the
    # events and their mentions, read side by side, must keep step across pages.
    results = []
    for k in range(400):
        day = D(2024, 1, 1) + dt.timedelta(days=7 * (k // 2))
        a = article(f"p{k:03d}", day, ("wire", "daily")[k % 2])
        results.append(ArticleResult(a, (mention(a, 1, day, TEACHERS),
                                         mention(a, 2, day, NURSES, "ACCUSE", "111"),
                                         mention(a, 3, day, GOV, "DEMAND", "100")), 3))  # fmt: skip
    with filled(results) as s:
        order: dict[str, list[str]] = {}
        for m in s.mentions():
            order.setdefault(m["event_id"], []).append(m["id"])
        assert len(order) == 600 and {len(v) for v in order.values()} == {2}
        for filters in ({}, {"event": "ACCUSE"}, {"since": D(2024, 6, 1), "limit": 7}):
            full = list(s.events(with_mentions=True, **filters))
            assert [d["id"] for d in full] == [d["id"] for d in s.events(**filters)]
            for d in full:
                assert [m["id"] for m in d["mentions"]] == order[d["id"]], filters
        assert len(full) == 7
