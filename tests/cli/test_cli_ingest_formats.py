"""`resgestae ingest`/`code` over the new inputs: formats, languages, near-duplicates,
--input-format and --columns, bad input counts and exit codes."""

from __future__ import annotations

import json
import shutil

import duckdb
from click.testing import CliRunner
from conftest import FIXTURES

from resgestae.cli.main import cli

INGEST = FIXTURES / "ingest"
COLUMNS = "text=body,published=date,title=headline,url=link"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def corpus(tmp_path):
    """The fixtures, plus the HTML article republished under another URL (a near-duplicate)."""
    root = tmp_path / "in"
    shutil.copytree(INGEST, root)
    (root / "table.tsv").unlink()  # its columns differ from table.csv's
    page = (INGEST / "article.html").read_text(encoding="utf-8")
    copy = page.replace("News.Example.ORG/world/teachers-march", "other.example.net/lisbon")
    copy = copy.replace("<p>The government said", "<p>LISBON (Wire) - The government said")
    (root / "republished.html").write_text(copy, encoding="utf-8")
    return root


def test_ingest_formats_languages_duplicates_and_failures(tmp_path):
    db = tmp_path / "t.duckdb"
    result = invoke("ingest", corpus(tmp_path), "--db", db, "--columns", COLUMNS)
    assert result.exit_code == 1  # bad inputs below
    err = result.stderr
    assert "feed.rss:entry 2" in err and "navigation-only.html" in err and "table.csv:3" in err
    assert "3 failures" in err
    assert "1 not in English (skipped)" in err and "1 near-duplicates" in err
    assert "6 articles" in err  # html, atom, 2 rss entries, 2 csv rows
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute("SELECT status, count(*) FROM articles GROUP BY 1").fetchall())
        assert rows == {"coded": 6, "skipped": 1, "duplicate": 1}
        dup = con.execute(
            "SELECT duplicate_of FROM articles WHERE url = 'https://other.example.net/lisbon'"
        ).fetchone()
        assert dup == ("https://news.example.org/world/teachers-march",)
        assert con.execute("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL").fetchone()[0]
    mentions = invoke("events", "--db", db, "--mentions", "--format", "jsonl").stdout.splitlines()
    lisbon = [json.loads(x) for x in mentions if "teachers-march" in x]
    assert lisbon and all(e["sources"] == 2 for e in lisbon)
    events = invoke("events", "--db", db, "--format", "jsonl").stdout.splitlines()
    lisbon = [json.loads(x) for x in events if "teachers-march" in x]  # its source_url
    # the copy is another article of the same site (same site name): one source
    assert lisbon and all(e["num_articles"] == 2 and e["num_sources"] == 1 for e in lisbon)

    again = invoke("ingest", corpus(tmp_path / "again"), "--db", db, "--columns", COLUMNS)
    assert "0 articles" in again.stderr and "8 already stored" in again.stderr


def test_an_article_read_twice_in_one_run_is_stored_once(tmp_path):
    db = tmp_path / "t.duckdb"
    page = INGEST / "article.html"
    result = invoke("ingest", page, page, "--db", db)  # the same file, given twice
    assert result.exit_code == 0, result.stderr
    assert "1 articles" in result.stderr and "1 already stored" in result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (1, 1)
        query = "SELECT count(*), count(DISTINCT id) FROM mentions"
        mentions, distinct = con.execute(query).fetchone()
        assert mentions == distinct > 0


def test_input_format_forces_a_reader(tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(INGEST / "article.html", page)
    out = invoke("code", page, "--input-format", "html", "--format", "jsonl", "--quiet")
    assert out.exit_code == 0
    assert all(
        json.loads(x)["article_id"] == "https://news.example.org/world/teachers-march"
        for x in out.stdout.splitlines()
    )


def test_bad_columns_and_input_format_are_usage_errors():
    bad = invoke("code", INGEST, "--columns", "body")
    assert bad.exit_code == 2 and "FIELD=COLUMN" in bad.output
    bad = invoke("code", INGEST, "--columns", "words=body")
    assert bad.exit_code == 2 and "unknown field" in bad.output
    bad = invoke("code", INGEST, "--input-format", "pdf")
    assert bad.exit_code == 2 and "warc" in bad.output
