"""The CLI in-process with click's CliRunner: help, usage errors, code, ingest, events."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from click.testing import CliRunner
from conftest import FIXTURES, REFERENCE_ARTICLE

from resgestae.cli.main import cli

BATCH = FIXTURES / "batch"
BAD = ["d-empty.txt", "e-bad-date.txt", "f-malformed.jsonl:2", "f-malformed.jsonl:3",
       "g-latin1.txt", "h-binary.txt"]  # fmt: skip
CONTRACT = {
    "id", "article_id", "source_name", "published", "date", "date_precision", "date_source",
    "event", "mode", "cameo", "quad_class", "goldstein", "actor", "recipient", "location",
    "sentence", "span", "negated", "confidence",
}  # fmt: skip


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_has_help(name):
    assert cli.help, "`resgestae` has no help text"
    command = cli.commands[name]
    assert command.help, f"`resgestae {name}` has no help text"
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"`resgestae {name} {param.opts[0]}` has no help text"
    result = invoke(name, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.startswith("resgestae, version")


@pytest.mark.parametrize(
    "args,words",
    [
        (["code"], "Missing argument"),
        (["code", BATCH, "--date", "2020-13-45"], "YYYY-MM-DD"),
        (["code", BATCH, "--format", "xml"], "jsonl"),
        (["code", BATCH, "--workers", "0"], "x>=1"),
        (["ingest", BATCH, "--lexicon", "no-such-lexicon.tsv"], "does not exist"),
        (["events", "--since", "yesterday"], "YYYY-MM-DD"),
    ],
)
def test_usage_errors_exit_2(args, words):
    result = invoke(*args)
    assert result.exit_code == 2
    assert words in result.output


def test_events_without_database_says_how_to_create_it(tmp_path):
    db = tmp_path / "none.duckdb"
    result = invoke("events", "--db", db)
    assert result.exit_code == 1
    assert str(db) in result.output and "resgestae ingest" in result.output
    assert not db.exists()


# Below: the full pipeline with the real spaCy model.


@pytest.fixture(scope="module")
def reference_events():
    if not REFERENCE_ARTICLE.exists():
        pytest.skip("reference article not available")
    result = invoke("code", REFERENCE_ARTICLE, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_code_reference_article_prints_the_contract(reference_events):
    assert reference_events
    for e in reference_events:
        assert CONTRACT <= set(e)
        assert e["published"] == "2020-11-26" and e["source_name"] == "Azernews"
        assert e["date_precision"] in {"day", "week", "month", "year", "decade", "unknown"}
        assert e["date_source"] in {"text", "publication", "unknown"}
        for a in e["actor"] + e["recipient"]:
            assert {"text", "code", "country", "sector"} <= set(a)
        start, end = e["span"]
        assert start < end
    assert len({e["id"] for e in reference_events}) == len(reference_events)


def test_code_reference_article_protest_in_baku(reference_events):
    protests = [e for e in reference_events if e["event"] == "PROTEST"]
    assert any(
        "AZE" in {a["country"] for a in e["actor"]}
        and (e["location"] or {}).get("country") == "AZE"
        and e["date"] == "2020-11-26"
        for e in protests
    )
    assert not any("FRA" in {a["country"] for a in e["actor"]} for e in protests)


def test_code_csv_and_table(reference_events):
    csv_out = invoke("code", REFERENCE_ARTICLE, "--format", "csv", "--quiet")
    rows = list(csv.reader(io.StringIO(csv_out.stdout)))  # sentences may hold newlines
    assert rows[0][:2] == ["id", "article_id"] and len(rows) == len(reference_events) + 1
    table = invoke("code", REFERENCE_ARTICLE, "--format", "table", "--quiet")
    assert table.stdout.split()[0] == "date" and "PROTEST" in table.stdout


def test_code_bad_inputs_are_named_and_the_rest_is_coded():
    result = invoke("code", BATCH, "--format", "jsonl")
    assert result.exit_code == 1
    for name in BAD:
        assert f"{BATCH / name}" in result.stderr
    assert "6 articles" in result.stderr and "6 failures" in result.stderr
    assert "articles/s" in result.stderr


def test_code_stdin_and_quiet():
    text = REFERENCE_ARTICLE.read_text(encoding="utf-8") if REFERENCE_ARTICLE.exists() else ""
    result = invoke("code", "-", "--format", "jsonl", "--quiet", input=text or "Crowds met.")
    assert result.exit_code == 0 and result.stderr == ""


def test_ingest_twice_adds_nothing_and_events_queries(tmp_path, reference_path):
    db = tmp_path / "t.duckdb"
    args = ("ingest", BATCH, reference_path, "--db", db)
    first = invoke(*args)
    assert first.exit_code == 1 and "7 articles" in first.stderr
    counts = _counts(db)
    second = invoke(*args)
    assert second.exit_code == 1
    assert "0 articles" in second.stderr and "7 already stored" in second.stderr
    assert _counts(db) == counts and counts[0] == 7

    everything = invoke("events", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in everything.stdout.splitlines()]
    assert len(rows) == counts[1]
    protests = invoke("events", "--db", db, "--event", "PROTEST", "--country", "FRA")
    assert all(json.loads(line)["event"] == "PROTEST" for line in protests.stdout.splitlines())
    limited = invoke("events", "--db", db, "--limit", "1", "--format", "jsonl")
    assert len(limited.stdout.splitlines()) == min(1, len(rows))


def _counts(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)"
        ).fetchone()
