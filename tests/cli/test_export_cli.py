"""``resgestae export`` in-process: usage errors, a missing store, and (once the store keeps
real-world events, ``Store.events``) every format written from an ingested store."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from resgestae.cli.main import cli
from resgestae.export.parquet import EVENT_TYPES, MENTION_TYPES
from resgestae.store import Store


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_format_is_required_and_checked(tmp_path):
    result = invoke("export", tmp_path / "out.tsv")
    assert result.exit_code == 2 and "--to" in result.output
    result = invoke("export", "--to", "xml", tmp_path / "out.tsv")
    assert result.exit_code == 2 and "gdelt" in result.output


def test_a_missing_store_is_a_one_line_error(tmp_path):
    db = tmp_path / "none.duckdb"
    result = invoke("export", "--to", "gdelt", tmp_path / "out.tsv", "--db", db)
    assert result.exit_code == 1
    assert str(db) in result.output and "resgestae ingest" in result.output
    assert "Traceback" not in result.output and not db.exists()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("export") / "events.duckdb"
    result = invoke("ingest", FIXTURES / "batch" / "a-header.txt", "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("to", ["gdelt", "acled", "plover", "parquet", "geojson"])
def test_every_format_from_a_store(store, to, tmp_path):
    out = tmp_path / f"out-{to}"
    result = invoke("export", "--to", to, out, "--db", store)
    assert result.exit_code == 0, result.output
    assert out.exists() and "events written to" in result.output


def test_filters_reach_the_store(store, tmp_path):
    with Store(str(store)) as s:
        expected = list(s.events(with_mentions=True, limit=1))
    out = tmp_path / "one.jsonl"
    result = invoke("export", "--to", "plover", out, "--db", store, "--limit", "1")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == [e["id"] for e in expected]
    gdelt = tmp_path / "g.tsv"
    assert invoke("export", "--to", "gdelt", gdelt, "--db", store, "--header").exit_code == 0
    with Store(str(store)) as s:
        stored = list(s.events(with_mentions=True))
    assert len(pd.read_csv(gdelt, sep="\t")) == len(stored)


def test_parquet_has_a_column_for_every_field_the_store_gives(store):
    """``parquet`` promises every field: a key ``Store.events`` adds needs a type in
    ``export/parquet.py`` (it would otherwise be left out of the datasets)."""
    with Store(str(store)) as s:
        events = list(s.events(with_mentions=True))
    assert events
    for e in events:
        assert set(e) - {"mentions"} <= set(EVENT_TYPES)
        for m in e["mentions"]:
            assert set(m) <= set(MENTION_TYPES)
