"""What the commands say when the store cannot be used (issue 14): one line with the cause,
no traceback, a non-zero exit, and an ingest that cannot store stops at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest
from click.testing import CliRunner

from resgestae.cli.main import cli
from resgestae.pipeline import Resources

ROOT = os.geteuid() == 0
RUN = [sys.executable, "-c", "from resgestae.cli.main import cli; cli()"]
STORY = (
    "Protesters marched through the capital on Monday and demanded the release of detained "
    "union leaders, while police blocked the road to parliament. "
)


def corpus(path, n, words=400):
    filler = " ".join(f"word{i % 97}" for i in range(words))
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = f"{STORY}Officials said {filler} {i}."
            f.write(json.dumps({"id": f"a{i}", "published": "2024-05-06", "text": text}) + "\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    src, path = folder / "in.jsonl", folder / "s.duckdb"
    corpus(src, 2, words=10)
    result = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_a_limit_beyond_64_bits_is_a_usage_error(db):
    for command in (["events"], ["export", "--to", "plover", str(db) + ".jsonl"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(db), "--limit", str(2**64)])
        assert result.exit_code == 2
        assert "--limit" in result.output and "Traceback" not in result.output


def test_wildcards_in_filters_are_literal(db):
    every = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    assert every.exit_code == 0 and every.output.strip()
    for option in (["--actor", "%"], ["--country", "_"], ["--event", "%"]):
        result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl", *option])
        assert result.exit_code == 0 and result.output == "", option


def test_queries_leave_a_store_untouched(db):
    before = db.read_bytes()
    for command in (["events"], ["counts", "--by", "country"], ["events", "--mentions"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(db), "--format", "jsonl"])
        assert result.exit_code == 0, result.output
    assert db.read_bytes() == before


def test_a_sqlite_file_is_one_line(tmp_path):
    import sqlite3

    path = tmp_path / "s.duckdb"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    for command in (["events"], ["counts", "--by", "year"], ["recluster"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(path)])
        assert result.exit_code == 1
        assert "not a DuckDB database (it is a SQLite database)" in result.output
        assert "Traceback" not in result.output


def read_only(folder, on: bool) -> None:
    """A read-only mount as root (who may write into any folder), else permissions."""
    if not ROOT:
        folder.chmod(0o555 if on else 0o755)
    elif on:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
    else:
        subprocess.run(["umount", str(folder)], check=True)


def test_ingest_into_a_read_only_folder_fails_before_the_model_loads(tmp_path, monkeypatch):
    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(Resources, "load", no_model)
    folder = tmp_path / "ro"
    folder.mkdir()
    read_only(folder, True)
    try:
        result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(folder / "s.db")])
    finally:
        read_only(folder, False)
    assert result.exit_code == 1 and "the folder" in result.output and "read-only" in result.output


@pytest.mark.slow
@pytest.mark.skipif(not ROOT, reason="filling a disk for real needs a tmpfs mount (root)")
def test_ingest_on_a_full_disk_stops_at_once_and_says_why(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(disk)],
                           capture_output=True)  # fmt: skip
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mount.stderr.decode().strip()}")
    try:
        src = tmp_path / "in.jsonl"
        n = 400
        corpus(src, n)
        db = disk / "s.duckdb"
        done = subprocess.run([*RUN, "ingest", str(src), "--db", str(db), "--quiet"],
                              capture_output=True, text=True, timeout=600)  # fmt: skip
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        assert "No space left on device" in done.stderr
        assert "rollback" not in done.stderr
        lines = [x for x in done.stderr.splitlines() if x.strip()]
        assert len(lines) == 1, lines  # one message, not one per remaining article
        for p in disk.iterdir():
            p.unlink()
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_second_writer_is_told_who_holds_the_store(db):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        for command in (["events"], ["ingest", str(db) + ".none"]):
            result = CliRunner().invoke(cli, [*command, "--db", str(db)])
            assert result.exit_code == 1
            assert f"another process (PID {holder.pid}" in result.output
            assert "Traceback" not in result.output
    finally:
        holder.kill()
        holder.communicate()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
