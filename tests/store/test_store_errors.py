"""Storage errors say their cause, filters match literally, read-only opens run no DDL, and
several articles in one transaction store what one by one would (issue 14)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from resgestae.errors import OptionError, StoreError
from resgestae.pipeline import ArticleResult
from resgestae.store import Coded, Store, Uncoded, open_store
from resgestae.store.schema import SCHEMA_VERSION
from resgestae.types import Actor, Article, Event, EventDate, Trigger

D = dt.date
MARCH_6 = D(2024, 3, 6)
ROOT = os.geteuid() == 0
WILD = Actor("the 50% union_x", "FRALAB", "FRA", "LAB", 0, 15, "test")
GOV = Actor("the government", "FRAGOV", "FRA", "GOV", 0, 14, "test")
ARMY = Actor("the army", "MLIMIL", "MLI", "MIL", 0, 8, "test")


def mention(article, n, actor, kind="PROTEST", cameo="141", day=MARCH_6):
    return Event(
        id=f"{article.id}-{n}", article_id=article.id, source_name=article.source,
        published=article.published, date=EventDate(day.isoformat(), "day", "text", day, day),
        event=kind, mode=None, cameo=cameo, quad_class=4, goldstein=-6.5, actor=(actor,),
        recipient=(), location=None, sentence=f"{article.id} sentence {n}.",
        span=(n * 40, n * 40 + 30), trigger=Trigger("marched", n * 40, n * 40 + 7),
        rule="test", negated=False, confidence=0.6,
    )  # fmt: skip


def article(name, day=MARCH_6, source="wire", text=None):
    return Article(name, text or f"Text of {name}. " * 20, day, source, f"https://x.example/{name}")


A, B, C = article("a"), article("b", source="daily"), article("c", D(2024, 3, 7), "herald")
RESULTS = [
    ArticleResult(A, (mention(A, 1, WILD), mention(A, 2, GOV, "ACCUSE", "111")), 2),
    ArticleResult(B, (mention(B, 1, WILD), mention(B, 2, ARMY, "ASSAULT", "19")), 2),
    ArticleResult(C, (mention(C, 1, ARMY, "ASSAULT", "19", D(2024, 3, 7)),), 1),
]


@pytest.fixture
def store():
    with Store() as s:
        for r in RESULTS:
            assert s.add(r)
        yield s


def ids(rows):
    return sorted(d["id"] for d in rows)


# --- filters: % and _ are literal ------------------------------------------------------


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"actor": "%"}, ["a-1", "b-1"]),  # the only actor with a % in its text
        ({"actor": "50%"}, ["a-1", "b-1"]),
        ({"actor": "5_%"}, []),  # not "5, any character, anything"
        ({"actor": "union_x"}, ["a-1", "b-1"]),
        ({"actor": "union%x"}, []),
        ({"actor": "_"}, ["a-1", "b-1"]),
        ({"actor": "F_A"}, []),  # not FRA
        ({"country": "F_A"}, []),
        ({"country": "%"}, []),
        ({"event": "%"}, []),
        ({"event": "1_"}, []),  # not 14, 11, 19
        ({"event": "1%"}, []),
        ({"actor": "\\"}, []),  # the escape character itself is literal too
        ({"actor": "fra"}, ["a-1", "a-2", "b-1"]),  # code prefixes still match
    ],
)
def test_mention_filters_match_literally(store, filters, expected):
    assert ids(store.mentions(**filters)) == expected


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"actor": "%"}, 1),
        ({"actor": "_"}, 1),
        ({"actor": "F_A"}, 0),
        ({"country": "F_A"}, 0),
        ({"event": "%"}, 0),
        ({"event": "1_"}, 0),
        ({"country": "fra"}, 2),
    ],
)
def test_event_and_count_filters_match_literally(store, filters, expected):
    assert len(list(store.events(**filters))) == expected
    counted = sum(r["events"] for r in store.counts_by(["country"], **filters))
    assert counted == expected


def test_a_limit_beyond_64_bits_is_an_option_error(store):
    with pytest.raises(OptionError, match="out of range"):
        list(store.events(limit=2**64))
    assert len(list(store.events(limit=2**63 - 1))) == 4


# --- several articles per transaction ----------------------------------------------------


def test_add_many_stores_what_adding_one_by_one_stores(store):
    with Store() as s:
        dup = Uncoded(article("d", source="copy"), "duplicate", duplicate_of="a", similarity=0.9)
        stored = s.add_many([Coded(RESULTS[2]), Coded(RESULTS[0]), dup, Coded(RESULTS[1]),
                             Coded(RESULTS[0])])  # fmt: skip
        assert stored == [True, True, True, True, False]  # the second copy of a: already there
        assert store.add_uncoded(dup.article, "duplicate", duplicate_of="a", similarity=0.9)
        assert s.counts() == store.counts()
        assert list(s.events()) == list(store.events())
        assert list(s.mentions()) == list(store.mentions())
        assert s.add_many([Coded(RESULTS[1])]) == [False]


def test_a_refused_group_writes_nothing(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        bad = ArticleResult(article("z"), (mention(article("z"), 1, GOV),) * 2, 1)  # same id twice
        with pytest.raises(duckdb.ConstraintException):
            s.add_many([Coded(RESULTS[0]), Coded(bad)])
        assert s.counts() == {"articles": 0, "mentions": 0, "events": 0, "actor_mentions": 0}
        assert s.add_many([Coded(RESULTS[0])]) == [True]


# --- files that are not stores ------------------------------------------------------------


def test_a_sqlite_file_is_refused_before_duckdb_reads_it(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))  # where DuckDB would put a downloaded extension
    path = tmp_path / "s.duckdb"
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE t (x)")
        con.commit()
    with pytest.raises(StoreError, match="not a DuckDB database \\(it is a SQLite database\\)"):
        open_store(path)
    with pytest.raises(StoreError, match="SQLite"):
        open_store(path, read_only=True)
    assert not home.exists()


def test_a_duckdb_database_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE prices (day DATE, value DOUBLE)")
    with pytest.raises(StoreError, match="not a resgestae store \\(its tables: prices\\)"):
        open_store(path)
    with duckdb.connect(str(path), read_only=True) as con:  # nothing was added to it
        assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0] == 1


def test_an_empty_file_is_a_new_store_for_writing_and_an_error_for_reading(tmp_path):
    path = tmp_path / "s.duckdb"
    path.touch()
    with pytest.raises(StoreError, match="the file is empty"):
        open_store(path, read_only=True)
    with open_store(path) as s:
        assert s.add(RESULTS[0])
    with open_store(path, read_only=True) as s:
        assert s.counts()["articles"] == 1


# --- schema versions -------------------------------------------------------------------------


def test_a_store_records_its_schema_version_and_refuses_a_later_one(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as s:
        s.add(RESULTS[0])
    with duckdb.connect(str(path)) as con:
        got = con.execute("SELECT value FROM settings WHERE name = 'schema_version'").fetchone()
        assert got == (str(SCHEMA_VERSION),)
        con.execute("UPDATE settings SET value = '99' WHERE name = 'schema_version'")
    for read_only in (False, True):
        with pytest.raises(StoreError, match="schema version 99, made by a later resgestae"):
            open_store(path, read_only=read_only)


def test_a_store_from_before_versions_is_upgraded_when_written_and_read_as_it_is(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as s:
        s.add(RESULTS[0])
    with duckdb.connect(str(path)) as con:  # as a store made before versions were recorded
        con.execute("DELETE FROM settings WHERE name = 'schema_version'")
    with open_store(path, read_only=True) as s:  # its schema is this one: it reads
        assert len(list(s.mentions())) == 2
    with open_store(path) as s:
        assert s.add(RESULTS[1])
    with duckdb.connect(str(path), read_only=True) as con:
        got = con.execute("SELECT value FROM settings WHERE name = 'schema_version'").fetchone()
        assert got == (str(SCHEMA_VERSION),)


def test_a_version_2_store_without_story_names_is_refused_read_only_and_upgraded_when_written(
    tmp_path,
):
    path = tmp_path / "s.duckdb"
    with open_store(path) as s:
        s.add(RESULTS[0])
    with duckdb.connect(str(path)) as con:  # as version 2 made it: mentions had no story
        con.execute("ALTER TABLE mentions DROP COLUMN story")
        con.execute("UPDATE settings SET value = '2' WHERE name = 'schema_version'")
    with pytest.raises(StoreError, match="must be upgraded before it is queried"):
        open_store(path, read_only=True)
    with open_store(path) as s:
        assert s.add(RESULTS[1])
        stories = {m["article_id"]: m["story"] for m in s.mentions()}
    assert stories[RESULTS[0].article.id] is None  # stored before: no names to give
    assert stories[RESULTS[1].article.id] == list(RESULTS[1].events[0].story)
    with open_store(path, read_only=True) as s:
        assert len(list(s.mentions())) == len(RESULTS[0].events) + len(RESULTS[1].events)


def test_a_store_from_before_real_world_events_must_be_upgraded_before_a_read_only_open(
    tmp_path,
):
    path = tmp_path / "old.duckdb"
    with open_store(path) as s:
        s.add(RESULTS[0])
    with duckdb.connect(str(path)) as con:  # the old layout: mentions in `events`
        con.execute("DROP TABLE events")
        con.execute("ALTER TABLE mentions RENAME TO events")
        con.execute("ALTER TABLE events DROP COLUMN event_id")
        con.execute("ALTER TABLE actor_mentions RENAME COLUMN mention_id TO event_id")
        con.execute("DELETE FROM settings")
    with pytest.raises(StoreError, match="must be upgraded.*resgestae recluster"):
        open_store(path, read_only=True)
    with open_store(path) as s:  # the upgrade path still runs
        assert len(list(s.mentions())) == 2 and len(list(s.events())) == 2
    with open_store(path, read_only=True) as s:
        assert len(list(s.events())) == 2


# --- read-only opens ------------------------------------------------------------------------


@contextlib.contextmanager
def read_only_folder(path: Path):
    """Make ``path`` (a folder) read-only: a read-only mount as root (who may write any
    file), else permissions."""
    if ROOT:
        subprocess.run(["mount", "--bind", str(path), str(path)], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["umount", str(path)], check=True)
    else:
        modes = {p: p.stat().st_mode for p in (path, *path.iterdir())}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)


def mountable() -> bool:
    return not ROOT or subprocess.run(["which", "mount"], capture_output=True).returncode == 0


@pytest.mark.skipif(not mountable(), reason="root without mount(8): cannot make a folder read-only")
def test_a_read_only_store_is_queried_and_not_written(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "s.duckdb"
    with open_store(path) as s:
        for r in RESULTS:
            s.add(r)
    before = path.read_bytes()
    with read_only_folder(folder):
        with open_store(path, read_only=True) as s:
            assert len(list(s.events(actor="%"))) == 1
            assert s.counts()["mentions"] == 5
            with pytest.raises(StoreError, match="opened read-only"):
                s.add(ArticleResult(article("n"), (), 0))
        with pytest.raises(StoreError, match="read-only.*events, counts, export open it"):
            open_store(path)
        with pytest.raises(StoreError, match="cannot create the database: the folder"):
            open_store(folder / "new.duckdb")
    assert path.read_bytes() == before  # no DDL, no write
    assert sorted(p.name for p in folder.iterdir()) == ["s.duckdb"]


# --- another process holds the store ----------------------------------------------------------


def test_a_store_held_by_another_process_names_it(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as s:
        s.add(RESULTS[0])
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        for read_only in (False, True):
            with pytest.raises(StoreError) as err:
                open_store(path, read_only=read_only)
            assert f"another process (PID {holder.pid}, " in str(err.value)
            assert "wait for it to finish" in str(err.value)
    finally:
        holder.kill()
        holder.communicate()


# --- a full disk ------------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(path: Path, size: str):
    path.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                       check=True, capture_output=True)  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount a small tmpfs to fill ({exc}); needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


@pytest.mark.skipif(not ROOT, reason="filling a disk for real needs a tmpfs mount (root)")
def test_a_full_disk_says_so_and_the_store_keeps_what_it_had(tmp_path):
    with small_disk(tmp_path / "disk", "1m") as disk:
        path = disk / "s.duckdb"
        texts = [os.urandom(40_000).hex() for _ in range(40)]  # 80 KB an article
        stored = 0
        with open_store(path) as s, pytest.raises(StoreError) as err:
            for i, text in enumerate(texts):
                s.add(ArticleResult(article(f"n{i}", text=text), (), 0))
                stored += 1
        message = str(err.value)
        assert "the disk is full (No space left on device)" in message
        assert "rollback" not in message and "\n" not in message
        assert 0 < stored < len(texts)
        for p in disk.iterdir():
            p.unlink()
        with open_store(path) as s:  # a new store, and DuckDB's file is not left half made
            assert s.counts()["articles"] == 0


@pytest.mark.skipif(not ROOT, reason="filling a disk for real needs a tmpfs mount (root)")
def test_a_store_created_on_a_full_disk_leaves_no_file_behind(tmp_path):
    with small_disk(tmp_path / "disk", "64k") as disk:
        filler = disk / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as f:
            while True:
                f.write(b"x" * 4096)
                f.flush()
        with pytest.raises(StoreError, match="No space left on device"):
            open_store(disk / "s.duckdb")
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]
        filler.unlink()
        with open_store(disk / "s.duckdb") as s:
            assert s.add(RESULTS[0])
