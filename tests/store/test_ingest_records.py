"""Skipped and near-duplicate articles in the store, the persistent LSH index, `sources`,
runs, and upgrading a store made before these columns existed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb

from resgestae.ingest.dedup import NearDuplicates
from resgestae.pipeline import ArticleResult
from resgestae.store import Store
from resgestae.types import Article, Event, EventDate, Trigger

TEXT = " ".join(f"word{i % 37} minister said talks{i % 11}" for i in range(120))
ORIGINAL = Article("orig", TEXT, dt.date(2024, 1, 2), "Wire", language="en")
COPY = Article("copy", "PARIS - " + TEXT, dt.date(2024, 1, 2), "Other Daily", language="en")
PT = Article("pt", "Milhares de professores marcharam.", language="pt")


def event(article):
    return Event("e1", article.id, article.source, article.published,
                 EventDate(None, "unknown", "unknown", None, None), "AGREE", None, "057", 1, 3.0,
                 (), (), None, "S.", (0, 2), Trigger("said", 0, 4), "r", False, 0.8)  # fmt: skip


def test_duplicate_found_through_the_store_and_counted_as_a_source(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        index = NearDuplicates(store.near_candidates)
        sig = index.signature(ORIGINAL.text)
        assert index.check(ORIGINAL.id, sig) is None
        assert store.add(ArticleResult(ORIGINAL, (event(ORIGINAL),), 1), sig)
        index.forget(ORIGINAL.id)
    with Store(path) as store:  # a new run: the index is read from the store
        index = NearDuplicates(store.near_candidates)
        match = index.check(COPY.id, index.signature(COPY.text))
        assert match.original == "orig"
        store.add_uncoded(COPY, "duplicate", reason="near-duplicate", duplicate_of=match.original,
                          similarity=match.similarity)  # fmt: skip
        store.add_uncoded(PT, "skipped", reason="language:pt")
        assert [e["sources"] for e in store.mentions()] == [2]
        [real] = store.events()  # the copy adds an article and a source, not an event
        assert (real["num_mentions"], real["num_articles"], real["num_sources"]) == (1, 2, 2)
        assert store.statuses() == {"coded": 1, "duplicate": 1, "skipped": 1}
        row = store.con.execute(
            "SELECT status, reason, language FROM articles WHERE id = 'pt'"
        ).fetchone()
        assert row == ("skipped", "language:pt", "pt")
        assert not store.add_uncoded(PT, "skipped")  # once


def test_runs_record_start_and_finish():
    with Store() as store:
        run = store.start_run(["a", "b"])
        assert store.con.execute("SELECT finished_at FROM runs").fetchone() == (None,)
        store.finish_run(run, {"articles": 3, "failures": 1})
        row = store.con.execute(
            "SELECT paths, articles, failures, finished_at FROM runs"
        ).fetchone()
        assert row[:3] == (["a", "b"], 3, 1) and row[3] is not None


def test_old_store_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "CREATE TABLE articles (id VARCHAR PRIMARY KEY, url VARCHAR, source VARCHAR, "
            "published DATE, title VARCHAR, text VARCHAR NOT NULL, origin VARCHAR, "
            "ingested_at TIMESTAMP NOT NULL)"
        )
        con.execute("INSERT INTO articles VALUES ('old', NULL, NULL, NULL, NULL, 'x', 'f', now())")
    with Store(path) as store:
        assert store.statuses() == {"coded": 1}
        assert store.add(ArticleResult(ORIGINAL, (), 1))


def test_store_index_follows_adds_and_survives_reopening(tmp_path):
    from resgestae.ingest.dedup import band_keys

    path = tmp_path / "s.duckdb"
    index = NearDuplicates()
    sig = index.signature(ORIGINAL.text)
    with Store(path) as store:
        assert store.near_candidates(band_keys(sig)) == []  # reads the (empty) index
        assert store.add(ArticleResult(ORIGINAL, (), 0), sig)
        assert not store.add(ArticleResult(ORIGINAL, (), 0), sig)  # stored once, indexed once
        assert [i for i, _ in store.near_candidates(band_keys(sig))] == ["orig"]
    with Store(path) as store:
        [(found, blob)] = store.near_candidates(band_keys(index.signature(COPY.text)))
        assert found == "orig" and blob == sig.tobytes()
        for key in band_keys(sig):  # rebuilt from the stored signature: all 32 bands, once
            assert store.near_candidates([key]) == [("orig", sig.tobytes())]


def test_writing_caps_duckdb_memory_and_drops_the_old_band_table(tmp_path):
    path = tmp_path / "s.duckdb"
    with duckdb.connect(str(path)) as con:  # a store from before: band keys in a table
        con.execute("CREATE TABLE lsh_bands (key BIGINT NOT NULL, article_id VARCHAR NOT NULL)")
        con.execute("CREATE INDEX lsh_bands_key ON lsh_bands (key)")
    with Store(path) as store:
        store.add_uncoded(PT, "skipped", reason="language:pt")
        limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert "MiB" in limit and float(limit.split()[0]) < 100  # not 80% of the machine
        tables = store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        assert ("lsh_bands",) not in tables and ("articles",) in tables


def memory_limit(store: Store) -> float:
    """DuckDB's memory cap in bytes, from its display ("85.3 MiB")."""
    value, unit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0].split()
    return float(value) * {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30}[unit]


def test_a_text_larger_than_the_memory_cap_is_stored(tmp_path):
    text = " ".join(f"word{i}" for i in range(3_500_000))  # ~33 MB; the cap is 24 MB
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add(ArticleResult(Article("big", text), (), 0))
        assert store.add_uncoded(Article("big-copy", text), "skipped", reason="test")
        assert store.add_uncoded(PT, "skipped", reason="language:pt")
        limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert "MiB" in limit and float(limit.split()[0]) < 400  # raised for them, bounded
        stored = store.con.execute("SELECT length(text) FROM articles WHERE id = 'big'")
        assert stored.fetchone()[0] == len(text)


def test_many_large_texts_in_one_row_group_survive_checkpoints_and_reopening(tmp_path):
    # A checkpoint rewrites the last row group whole: 30 MB of 1 MB texts once invalidated
    # the database under the 24 MB cap.
    path = tmp_path / "s.duckdb"
    texts = [" ".join(f"w{n}x{i}" for i in range(120_000)) for n in range(34)]  # ~1.1 MB each
    with Store(path) as store:
        for n, text in enumerate(texts[:30]):
            assert store.add_uncoded(Article(f"a{n}", text), "skipped", reason="test")
    with Store(path) as store:  # reopened: the row group's text is counted again
        assert store.add(ArticleResult(Article("a30", texts[30]), (), 0))
        tail = sum(len(t) for t in texts[:30])
        assert memory_limit(store) >= 2 * tail + 4 * len(texts[30]) - 2**20  # shown rounded
        for n, text in enumerate(texts[31:], start=31):
            assert store.add(ArticleResult(Article(f"a{n}", text), (), 0))
        assert store.counts()["articles"] == 34


def test_a_store_opened_again_takes_more_articles_when_its_indexes_outgrow_the_cap(
    tmp_path, monkeypatch
):
    # Opened again, a store's index blocks load as lookups reach them, and DuckDB cannot
    # evict them: the cap counted at the first write no longer holds them. A small block
    # cache (a stand-in for a store of millions of articles) makes it happen at test size.
    path = tmp_path / "grown.duckdb"
    with Store(path) as store:
        assert store.add(ArticleResult(ORIGINAL, (event(ORIGINAL),), 1))
        store.con.execute(
            "INSERT INTO articles SELECT a.* REPLACE (id || '-' || k AS id) "
            "FROM articles a, range(60000) r(k)"
        )
        store.con.execute(
            "INSERT INTO mentions SELECT m.* REPLACE (id || '-' || k AS id, "
            "article_id || '-' || k AS article_id, NULL AS event_id) "
            "FROM mentions m, range(60000) r(k)"
        )
    monkeypatch.setattr("resgestae.store.db.CACHE", 4 << 20)
    with Store(path) as store:
        for n in range(3):
            art = Article(f"new-{n}", f"Another text {n}. " * 30, dt.date(2024, 3, 9), "wire")
            mention = dataclasses.replace(event(art), id=f"{art.id}-e1")
            assert store.add(ArticleResult(art, (mention,), 1))
        copy = Article("copy-of-orig", ORIGINAL.text, ORIGINAL.published, "other")
        assert store.add_uncoded(copy, "duplicate", duplicate_of=ORIGINAL.id)
        assert store.counts()["articles"] == 60000 + 1 + 4
        assert store.counts()["mentions"] == 60000 + 1 + 3
