"""The batch as a library: read -> triage -> code -> store over paths, with failures as
values, the summary, resuming, and errors from the project's hierarchy."""

from __future__ import annotations

import duckdb
import pytest
from conftest import FIXTURES

from resgestae import (
    Batch,
    BatchOptions,
    Failure,
    ModelError,
    OptionError,
    Outcome,
    ResgestaeError,
    Resources,
    Store,
    StoreError,
    coding,
    ingest_paths,
    open_store,
)
from resgestae.batch.records import CODING, ORIGINAL, READ, STORE

BATCH = FIXTURES / "batch"
INGEST = FIXTURES / "ingest"
GOOD = "date 2024-05-02 By Test Wire\n\nPolice in Lima arrested twelve students on Monday.\n"
BAD = "date 2024-05-02 By Test Wire\n\nSoldiers in Bamako detained four journalists.\n"
STORY = (
    "Soldiers in Bamako detained four journalists on Monday after they filmed a checkpoint "
    "near the airport, a press union said. The union demanded their release and said the "
    "reporters had been taken to a barracks outside the city without charge."
)


@pytest.fixture(scope="module")
def resources():
    return Resources.load()


def split(items):
    return ([i for i in items if isinstance(i, Outcome)],
            [i for i in items if isinstance(i, Failure)])  # fmt: skip


def test_bad_inputs_are_failures_and_the_rest_is_coded_in_order(resources):
    batch = Batch([BATCH], resources=resources)
    outcomes, failures = split(list(batch))
    assert [o.article.origin for o in outcomes] == [
        str(BATCH / "a-header.txt"),
        *(f"{BATCH / 'c-records.jsonl'}:{n}" for n in (1, 2, 3)),
        f"{BATCH / 'f-malformed.jsonl'}:1",
        str(BATCH / "nested" / "b-plain.txt"),
    ]
    assert {f.where for f in failures} == {READ} and len(failures) == 6
    assert str(failures[0]) == f"{failures[0].path}: {failures[0].message}"
    assert any(f.path.endswith("d-empty.txt") and "empty" in f.message for f in failures)
    s = batch.summary
    assert (s.articles, s.failures) == (6, 6)
    assert s.events == sum(len(o.events) for o in outcomes) and s.seconds > 0
    assert batch.summary == s  # the clock stopped with the batch
    assert s.line().startswith("6 articles, ") and "6 failures" in s.line()


def test_languages_and_near_duplicates_are_outcomes_without_events(tmp_path, resources):
    (tmp_path / "a.txt").write_text(f"date 2024-05-02 By A\n\n{STORY}\n", "utf-8")
    (tmp_path / "b.txt").write_text(f"date 2024-05-02 By B\n\nBAMAKO (B) - {STORY}\n", "utf-8")
    pt = "Milhares de professores marcharam pelo centro de Lisboa na quarta-feira contra o plano."
    (tmp_path / "c.txt").write_text(pt, "utf-8")
    outcomes, failures = split(list(batch := Batch([tmp_path], resources=resources)))
    assert not failures
    assert [o.status for o in outcomes] == ["coded", "duplicate", "skipped"]
    assert outcomes[0].events and not outcomes[1].events and outcomes[1].result is None
    assert outcomes[1].verdict.duplicate_of == outcomes[0].article.id
    assert outcomes[2].article.language == "pt"
    assert (batch.summary.duplicates, batch.summary.other_languages) == (1, 1)


def test_ingest_paths_twice_adds_nothing_and_records_runs(tmp_path):
    db = tmp_path / "t.duckdb"
    first = ingest_paths([BATCH], db)
    assert first.summary.articles == 6 and len(first.failures) == 6
    second = ingest_paths([BATCH], db)
    assert second.summary.articles == 0 and second.summary.already_stored == 6
    assert [f.path for f in second.failures] == [f.path for f in first.failures]
    with open_store(db, create=False) as store:
        assert store.counts()["articles"] == 6
        runs = store.con.execute("SELECT articles, failures, finished_at FROM runs ORDER BY id")
        rows = runs.fetchall()
    assert [r[:2] for r in rows] == [(6, 6), (0, 6)] and all(r[2] for r in rows)


def test_coding_storing_and_original_failures_are_values_and_resume(tmp_path, monkeypatch,
                                                                  resources):  # fmt: skip
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.txt").write_text(f"date 2024-05-02 By A\n\n{STORY}\n", "utf-8")
    (tmp_path / "c.txt").write_text(f"date 2024-05-02 By B\n\nBAMAKO (B) - {STORY}\n", "utf-8")
    (tmp_path / "d.txt").write_text(BAD, "utf-8")
    real_code, real_add = coding.code, Store.add_many

    def failing(parsed, mentions, lexicon):  # a fault in one article stands for a bug
        if parsed.article.origin.endswith("b.txt"):
            raise RuntimeError("injected fault")
        return real_code(parsed, mentions, lexicon)

    def refusing(self, items):  # stands for a write DuckDB refuses
        if any(it.article.origin.endswith("d.txt") for it in items):
            raise duckdb.OutOfMemoryException("injected: could not allocate block")
        return real_add(self, items)

    monkeypatch.setattr(coding, "code", failing)
    monkeypatch.setattr(Store, "add_many", refusing)
    with open_store(tmp_path / "t.duckdb") as store:
        outcomes, failures = split(list(Batch([tmp_path], store=store, resources=resources)))
        assert [o.article.origin[-5:] for o in outcomes] == ["a.txt"]
        assert [(f.path[-5:], f.where) for f in failures] == [
            ("b.txt", CODING), ("c.txt", ORIGINAL), ("d.txt", STORE)]  # fmt: skip
        assert "injected fault" in failures[0].message
        assert failures[2].message.startswith("not stored: injected")
        assert store.counts()["articles"] == 1
        monkeypatch.setattr(coding, "code", real_code)
        monkeypatch.setattr(Store, "add_many", real_add)
        again = Batch([tmp_path], store=store, resources=resources)
        outcomes, failures = split(list(again))
        assert not failures and again.summary.already_stored == 1
        assert [o.status for o in outcomes] == ["coded", "duplicate", "coded"]
        assert store.statuses() == {"coded": 3, "duplicate": 1}


def test_a_fatal_database_error_stops_the_batch_with_a_store_error(tmp_path, monkeypatch,
                                                                   resources):  # fmt: skip
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")

    def fatal(self, items):
        raise duckdb.FatalException("injected: database invalidated")

    monkeypatch.setattr(Store, "add_many", fatal)
    with open_store(tmp_path / "t.duckdb") as store:
        with pytest.raises(StoreError, match="run the same command again to resume"):
            list(Batch([tmp_path], store=store, resources=resources))


def test_a_batch_runs_once(resources):
    batch = Batch([BATCH / "a-header.txt"], resources=resources)
    assert len(list(batch)) == 1
    with pytest.raises(ResgestaeError, match="make a new Batch"):
        list(batch)


@pytest.mark.parametrize(
    "options,words",
    [
        ({"workers": 0}, "1 or more"),
        ({"input_format": "pdf"}, "warc"),
        ({"columns": {"words": "body"}}, "unknown article field 'words'"),
        ({"min_confidence": 1.5}, "from 0 to 1"),
    ],
)
def test_impossible_options_are_option_errors(options, words):
    with pytest.raises(OptionError, match=words):
        BatchOptions(**options)


def test_the_confidence_threshold_reaches_the_pipeline():
    assert BatchOptions(min_confidence=0.6).pipeline.min_confidence == 0.6


def test_options_reach_the_readers(resources):
    options = BatchOptions(columns={"text": "body", "title": "headline"})
    outcomes, failures = split(list(Batch([INGEST / "table.csv"], options, resources=resources)))
    assert [o.article.title for o in outcomes] == ["Dockers strike in Rotterdam",
                                                   "Students protest fees"]  # fmt: skip
    assert [f.path[-11:] for f in failures] == ["table.csv:3"]


def test_a_model_that_cannot_load_is_a_model_error():
    with pytest.raises(ModelError):
        Batch([BATCH], BatchOptions(model="no_such_spacy_model_xyz"))


def test_a_missing_database_is_a_store_error_when_it_must_exist(tmp_path):
    with pytest.raises(StoreError, match="resgestae ingest"):
        open_store(tmp_path / "none.duckdb", create=False)
    (tmp_path / "notes.duckdb").write_text("not a database", "utf-8")
    with pytest.raises(StoreError, match="not a DuckDB database; give a store"):
        open_store(tmp_path / "notes.duckdb")
