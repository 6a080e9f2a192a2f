"""Regression tests for issue 14 at the batch level: an article over the length limit, a lone
surrogate and a placeholder date are failures of their own; the other articles of the same
parse batch are coded and stored, and a rerun resumes without crashing at the same place."""

from __future__ import annotations

import json

from click.testing import CliRunner

from resgestae import BatchOptions, Failure, ingest_paths
from resgestae.cli.main import cli

GOOD = [
    "Police in the capital arrested twelve students on Monday after a march.",
    "The two foreign ministers met in the port city on Tuesday to discuss the border.",
    "Soldiers detained four journalists near the airport on Wednesday, a union said.",
]
LONG = "The council debated the budget for the new harbour at length. " * 40  # 2,480 chars


def write_batch(path):
    records = [
        {"id": "g1", "text": GOOD[0], "published": "2024-05-02"},
        {"id": "long", "text": LONG, "published": "2024-05-02"},
        {"id": "g2", "text": GOOD[1], "published": "2024-05-02"},
        {"id": "sur", "text": "Police \ud800 arrested ten people in the square on Friday."},
        {"id": "late", "text": GOOD[2] + " Later.", "published": "9999-12-31"},
        {"id": "g3", "text": GOOD[2], "published": "2024-05-02"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


def test_the_batch_around_a_bad_article_is_coded_and_stored_and_a_rerun_resumes(tmp_path):
    news, db = tmp_path / "news.jsonl", tmp_path / "events.duckdb"
    write_batch(news)
    options = BatchOptions(max_chars=2000)
    report = ingest_paths([news], db, options)
    assert {(f.path, f.where) for f in report.failures} == {
        (f"{news}:2", "coding"),
        (f"{news}:5", "read"),
    }
    too_long = next(f for f in report.failures if f.path.endswith(":2"))
    assert "over the limit of 2,000" in too_long.message and "--max-chars" in too_long.message
    assert report.summary.articles == 4  # g1, g2, the surrogate one (replaced), g3
    again = ingest_paths([news], db, options)
    assert again.summary.already_stored == 4 and again.summary.articles == 0
    assert sorted(f.path for f in again.failures) == [f"{news}:2", f"{news}:5"]
    raised = ingest_paths([news], db, BatchOptions(max_chars=5000))
    assert raised.summary.articles == 1 and len(raised.failures) == 1  # only the date left


def test_code_reports_one_line_per_failure_and_exits_1(tmp_path):
    news = tmp_path / "news.jsonl"
    write_batch(news)
    result = CliRunner().invoke(
        cli, ["code", str(news), "--format", "jsonl", "--max-chars", "2000"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {news}:5: implausible publication date 9999-12-31")
    assert errors[1].startswith(f"error: {news}:2: the article is 2,480 characters long")
    ids = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    assert "long" not in ids and ids & {"g1", "g2", "g3"}


def test_failure_values_say_what_to_do(tmp_path):
    news = tmp_path / "news.jsonl"
    write_batch(news)
    from resgestae import Batch

    failures = [i for i in Batch([news], BatchOptions(max_chars=2000)) if isinstance(i, Failure)]
    assert all(";" in f.message for f in failures)  # what is wrong; what to do
