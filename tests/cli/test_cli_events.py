"""`resgestae events` (real-world events and --mentions), `counts` and `recluster` over a
store ingested from the syndicated-copy fixture (tests/fixtures/cluster)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from resgestae.cli.main import cli

CLUSTER = FIXTURES / "cluster"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def lines(result):
    assert result.exit_code == 0, result.output
    return [json.loads(x) for x in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cluster") / "s.duckdb"
    result = invoke("ingest", CLUSTER / "original.txt", CLUSTER / "copy.txt", "--db", path, "-q")
    assert result.exit_code == 0, result.output
    return path


def test_a_syndicated_copy_gives_one_protest_with_two_sources(db):
    [protest] = lines(invoke("events", "--db", db, "--event", "PROTEST", "--format", "jsonl"))
    assert (protest["num_mentions"], protest["num_articles"], protest["num_sources"]) == (2, 2, 2)
    assert protest["date"] == "2024-05-15"  # the copy's "on Wednesday", and the original's day
    mentions = lines(invoke("events", "--db", db, "--event", "PROTEST", "--mentions",
                            "--format", "jsonl"))  # fmt: skip
    assert len(mentions) == 2 and {m["event_id"] for m in mentions} == {protest["id"]}
    assert {m["source"] for m in mentions} == {"Coastal Wire", "Harbour Times"}
    assert all(m["article_length"] > 100 and m["sources"] == 1 for m in mentions)


def test_the_other_order_gives_the_same_events(db, tmp_path):
    other = tmp_path / "o.duckdb"
    assert invoke("ingest", CLUSTER / "copy.txt", CLUSTER / "original.txt", "--db", other,
                  "-q").exit_code == 0  # fmt: skip

    def events(path):
        return {(e["id"], e["num_mentions"]) for e in
                lines(invoke("events", "--db", path, "--format", "jsonl"))}  # fmt: skip

    assert events(other) == events(db)


def test_counts_by_country_and_month_in_each_format(db):
    rows = lines(invoke("counts", "--db", db, "--by", "country,month", "--format", "jsonl"))
    total = len(lines(invoke("events", "--db", db, "--format", "jsonl")))
    assert rows and all(r["month"] == "2024-05" for r in rows)
    assert sum(r["events"] for r in rows) == total
    protest = lines(invoke("counts", "--db", db, "--by", "event", "--event", "PROTEST",
                           "--format", "jsonl"))  # fmt: skip
    assert protest == [{"event": "PROTEST", "events": 1, "mentions": 2}]
    csv = invoke("counts", "--db", db, "--by", "event", "--format", "csv").stdout.splitlines()
    assert csv[0] == "event,events,mentions" and "PROTEST,1,2" in csv
    table = invoke("counts", "--db", db, "--by", "event", "--format", "table").stdout
    assert table.split()[:3] == ["event", "events", "mentions"]
    assert ["PROTEST", "1", "2"] in [line.split() for line in table.splitlines()]


def test_counts_refuses_an_unknown_dimension(db):
    result = invoke("counts", "--db", db, "--by", "country,colour")
    assert result.exit_code == 2 and "'colour' is not a dimension" in result.output


def test_recluster_rebuilds_the_events_under_new_settings(db, tmp_path):
    copy = tmp_path / "r.duckdb"
    copy.write_bytes(db.read_bytes())
    result = invoke("recluster", "--db", copy, "--no-same-article", "--window-days", "0")
    mentions = len(lines(invoke("events", "--db", copy, "--mentions", "--format", "jsonl")))
    assert result.exit_code == 0 and f"events from {mentions} mentions" in result.stderr
    [protest] = lines(invoke("events", "--db", copy, "--event", "PROTEST", "--format", "jsonl"))
    assert protest["num_mentions"] == 2  # the same day: still one event
    back = invoke("recluster", "--db", copy, "--same-article", "--window-days", "1")
    assert back.exit_code == 0
    assert lines(invoke("events", "--db", copy, "--format", "jsonl")) == lines(
        invoke("events", "--db", db, "--format", "jsonl"))  # fmt: skip


def test_events_and_counts_need_an_existing_store(tmp_path):
    for command in (["events"], ["counts", "--by", "month"], ["recluster"]):
        result = invoke(*command, "--db", tmp_path / "none.duckdb")
        assert result.exit_code == 1 and "no such database" in result.output


def test_events_as_csv_and_table_carry_the_event_fields(db):
    import csv
    import io

    out = invoke("events", "--db", db, "--event", "PROTEST", "--format", "csv").stdout
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["num_mentions"], row["num_sources"], row["date_first"]) == ("2", "2", "2024-05-15")
    assert row["first_seen"] == "2024-05-15" and row["last_seen"] == "2024-05-16"
    table = invoke("events", "--db", db, "--event", "PROTEST", "--format", "table").stdout
    assert "reports" in table.splitlines()[0] and " 2/2 " in table.splitlines()[2]
