"""A Parquet folder written by the Ray engine's writer, read in place as a store: the same
articles, mentions and (after ``recluster``) real-world events as the same articles ingested
into a DuckDB store, through every read of the store; nothing written by reading; and a
folder that is not one is a one-line error naming it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from engine.helpers import CORPUS, ROOT, tree, write_extra, write_folder

from resgestae import ingest_paths
from resgestae.cluster import Settings
from resgestae.errors import StoreError
from resgestae.store import open_store
from resgestae.store.parquet import EVENTS_FILE, ParquetStore

pytestmark = pytest.mark.slow  # codes the corpus with the spaCy model

D = dt.date


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return [*map(str, CORPUS), str(write_extra(tmp_path_factory.mktemp("extra")))]


@pytest.fixture(scope="module")
def db(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "events.duckdb"
    assert not ingest_paths(corpus, path).failures
    return path


@pytest.fixture(scope="module")
def written(corpus, tmp_path_factory) -> Path:
    """The folder as the engine wrote it (no events yet); tests that change it copy it."""
    out = tmp_path_factory.mktemp("folder") / "out"
    write_folder(corpus, out)
    return out


@pytest.fixture
def folder(written, tmp_path) -> Path:
    shutil.copytree(written, tmp_path / "out")
    return tmp_path / "out"


@pytest.fixture(scope="module")
def clustered(written, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clustered") / "out"
    shutil.copytree(written, out)
    with open_store(out) as store:
        store.recluster()
    return out


def without_event(rows):
    return [{k: v for k, v in r.items() if k != "event_id"} for r in rows]


FILTERS = [
    {},
    {"actor": "KEN"},
    {"recipient": "BLR"},
    {"event": "PROTEST"},
    {"event": "14"},
    {"country": "per"},
    {"since": D(2024, 1, 1)},
    {"until": D(2023, 12, 31)},
    {"actor": "teachers", "since": D(2024, 3, 1)},
    {"text": "tear gas"},
    {"min_confidence": 0.6},
]


def test_the_corpus_has_what_the_comparisons_need(db):
    # a cross-article event, a near-duplicate, an article in another language: else the
    # comparisons below would not reach the code that handles them
    with open_store(db, read_only=True) as s:
        assert s.statuses() == {"coded": 10, "duplicate": 1, "skipped": 1}
        assert any(e["num_articles"] > 1 for e in s.events())
        assert any(m["sources"] > 1 for m in s.mentions())


def test_a_folder_opens_as_a_read_only_store_of_the_same_articles_and_mentions(written, db):
    with open_store(written, read_only=True) as f, open_store(db, read_only=True) as s:
        assert isinstance(f, ParquetStore)
        assert f.statuses() == s.statuses()
        assert f.counts() == s.counts() | {"events": 0}
        for filters in FILTERS:
            got = list(f.mentions(**filters))
            assert without_event(got) == without_event(s.mentions(**filters)), filters
            assert all(m["event_id"] is None for m in got)
        assert list(f.mentions(limit=3)) == list(f.mentions())[:3]
        assert f.unclustered() == s.counts()["mentions"]


def test_before_recluster_reading_events_says_to_run_it(written):
    with open_store(written, read_only=True) as f:
        for read in (lambda: f.events(), lambda: f.counts_by(["country"])):
            with pytest.raises(StoreError) as err:
                read()
            message = str(err.value)
            assert f"resgestae recluster --db {written}" in message and "\n" not in message


def test_recluster_builds_the_events_a_store_builds(clustered, db):
    with open_store(clustered, read_only=True) as f, open_store(db, read_only=True) as s:
        assert f.counts() == s.counts()
        assert f.unclustered() == 0
        for filters in FILTERS:
            assert list(f.events(**filters)) == list(s.events(**filters)), filters
            assert list(f.mentions(**filters)) == list(s.mentions(**filters)), filters
        assert list(f.events(with_mentions=True)) == list(s.events(with_mentions=True))
        for by in [["country"], ["year"], ["month"], ["week"], ["day"], ["event"],
                   ["actor"], ["recipient"], ["quad_class"], ["country", "month"]]:  # fmt: skip
            assert list(f.counts_by(by)) == list(s.counts_by(by)), by
        assert list(f.counts_by(["event"], country="KEN")) == list(
            s.counts_by(["event"], country="KEN")
        )


def test_recluster_keeps_its_settings_for_the_next_one(folder, db, tmp_path):
    wide = dataclasses.replace(Settings(), window_days=30, evidence=0)
    with open_store(folder) as f:
        n = f.recluster(wide)
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with open_store(copy) as s:
        assert s.recluster(wide) == n
        with open_store(folder) as again:  # the folder's own settings, read back
            assert again.settings == wide
            assert again.recluster() == n
            assert list(again.events()) == list(s.events())


def test_mentions_written_after_recluster_are_in_no_event_until_the_next(folder, corpus, db):
    with open_store(folder) as f:
        f.recluster()
    later = ROOT / "tests" / "fixtures" / "batch" / "c-records.jsonl"
    write_folder([str(later)], folder)  # another run into the same folder
    with open_store(db, read_only=True) as s:
        had = s.counts()["mentions"]
    with open_store(folder) as f:
        added = f.counts()["mentions"] - had
        assert added > 0
        assert f.unclustered() == added
        f.recluster()
        assert f.unclustered() == 0
        assert {m["event_id"] for m in f.mentions()} <= {e["id"] for e in f.events()}


def test_reading_writes_nothing_and_a_read_only_folder_is_not_reclustered(clustered):
    before = tree(clustered)
    with open_store(clustered, read_only=True) as f:
        list(f.events(with_mentions=True))
        list(f.counts_by(["country", "week"]))
        with pytest.raises(StoreError, match="read-only"):
            f.recluster()
        with pytest.raises(StoreError, match="--engine ray --out"):
            f.add_many([])
    assert tree(clustered) == before


def test_a_failed_recluster_keeps_the_events_it_had(folder):
    with open_store(folder) as f:
        f.recluster()
    before = (folder / EVENTS_FILE).read_bytes()
    broken = next((folder / "mentions").glob("*/*.parquet"))
    broken.write_bytes(b"not parquet any more")
    with pytest.raises(StoreError) as err:
        with open_store(folder) as f:
            f.recluster()
    assert str(folder) in str(err.value) and "\n" not in str(err.value)
    assert (folder / EVENTS_FILE).read_bytes() == before
    assert [p.name for p in (folder / "events").iterdir()] == ["events.parquet"]  # no leftovers


def not_parquet(tmp: Path) -> Path:
    part = tmp / "out" / "articles" / "month=2024-03"
    part.mkdir(parents=True)
    (part / "part-0.parquet").write_text("these are notes\n")
    return tmp / "out"


def no_datasets(tmp: Path) -> Path:
    (tmp / "out").mkdir()
    (tmp / "out" / "notes.txt").write_text("notes\n")
    return tmp / "out"


def no_articles(tmp: Path) -> Path:
    (tmp / "out" / "articles").mkdir(parents=True)
    return tmp / "out"


def empty(tmp: Path) -> Path:
    (tmp / "out").mkdir()
    return tmp / "out"


@pytest.mark.parametrize(
    "make,hint",
    [
        (empty, "empty folder"),
        (no_datasets, "no articles/ or mentions/"),
        (no_articles, "no Parquet files"),
        (not_parquet, "cannot read the Parquet folder"),
    ],
)
def test_a_folder_that_is_not_one_the_engine_wrote_is_a_one_line_error(tmp_path, make, hint):
    path = make(tmp_path)
    for read_only in (True, False):
        with pytest.raises(StoreError) as err:
            open_store(path, read_only=read_only)
        message = str(err.value)
        assert message.startswith(f"{path}:") and hint in message and "\n" not in message
