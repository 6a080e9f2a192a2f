"""`--db DIR`: a Parquet folder written by the Ray engine's writer, given to `events`,
`counts`, `export` and `recluster` in-process, prints and writes what the same commands give
over a DuckDB store of the same articles; before `recluster` the folder's events are a
one-line error that says to run it; a folder that is not one is a one-line error too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from engine.helpers import CORPUS, ROOT, write_extra, write_folder

from resgestae import ingest_paths
from resgestae.cli.main import cli
from resgestae.export import FORMATS, mentions_path

pytestmark = pytest.mark.slow  # codes the corpus with the spaCy model


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def out(*args) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


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
    folder = tmp_path_factory.mktemp("folder") / "out"
    write_folder(corpus, folder)
    return folder


@pytest.fixture(scope="module")
def clustered(written, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("clustered") / "out"
    shutil.copytree(written, folder)
    result = invoke("recluster", "--db", folder)
    assert result.exit_code == 0, result.output
    return folder


def test_before_recluster_events_and_counts_say_to_run_it_and_mentions_print(written, db):
    for args in (["events"], ["counts", "--by", "country"]):
        result = invoke(*args, "--db", written)
        assert result.exit_code == 1 and "Traceback" not in result.output
        (line,) = result.output.strip().splitlines()
        assert line.startswith(f"Error: {written}:") and "resgestae recluster" in line
    got = [json.loads(x) for x in out("events", "--mentions", "--db", written).splitlines()]
    want = [json.loads(x) for x in out("events", "--mentions", "--db", db).splitlines()]
    assert [m | {"event_id": None} for m in want] == got
    assert len(got) > 20


def test_recluster_says_how_many_events_as_for_a_store(clustered, db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    folder = invoke("recluster", "--db", clustered)
    store = invoke("recluster", "--db", copy)
    assert folder.exit_code == store.exit_code == 0
    assert folder.stderr == store.stderr and " events from " in folder.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["events"],
        ["events", "--format", "csv"],
        ["events", "--format", "table", "--country", "KEN"],
        ["events", "--actor", "teachers", "--since", "2024-01-01", "--limit", "2"],
        ["events", "--event", "14", "--until", "2023-12-31"],
        ["events", "--mentions", "--recipient", "BLR"],
        ["events", "--mentions", "--format", "csv"],
        ["counts", "--by", "country,month"],
        ["counts", "--by", "week,event", "--format", "csv"],
        ["counts", "--by", "actor,recipient,quad_class", "--since", "2024-01-01"],
    ],
)
def test_queries_of_the_folder_print_what_the_store_prints(clustered, db, args):
    assert out(*args, "--db", clustered) == out(*args, "--db", db)


def exported(to: str, path: Path) -> object:
    """What an export wrote: the text of its files, or the rows of its Parquet datasets."""
    if to == "parquet":
        con = duckdb.connect()
        return {
            d: con.sql(f"SELECT * FROM read_parquet('{path}/{d}/*/*.parquet', "
                       "hive_partitioning = true) ORDER BY ALL").fetchall()
            for d in ("events", "mentions")
        }  # fmt: skip
    files = [path, mentions_path(path)] if to == "gdelt" else [path]
    return [f.read_text(encoding="utf-8") for f in files]


@pytest.mark.parametrize("to", FORMATS)
def test_every_export_of_the_folder_is_that_of_the_store(clustered, db, to, tmp_path):
    got, want = tmp_path / f"folder-{to}", tmp_path / f"store-{to}"
    a = invoke("export", "--to", to, got, "--db", clustered, "--event", "PROTEST")
    b = invoke("export", "--to", to, want, "--db", db, "--event", "PROTEST")
    assert a.exit_code == b.exit_code == 0, a.output + b.output
    assert a.stderr == b.stderr.replace(str(want), str(got))
    assert exported(to, got) == exported(to, want)
    assert exported(to, got) not in ([""], {"events": [], "mentions": []})


def test_mentions_written_after_recluster_are_warned_of(written, tmp_path):
    folder = tmp_path / "out"
    shutil.copytree(written, folder)
    assert invoke("recluster", "--db", folder, "-q").exit_code == 0
    more = ROOT / "tests" / "fixtures" / "batch" / "c-records.jsonl"
    write_folder([str(more)], folder)
    result = invoke("events", "--db", folder)
    assert result.exit_code == 0
    (warning,) = result.stderr.strip().splitlines()
    assert warning.startswith(f"warning: {folder}:") and "resgestae recluster" in warning
    assert invoke("recluster", "--db", folder, "-q").exit_code == 0
    assert invoke("events", "--db", folder).stderr == ""


def empty(tmp: Path) -> Path:
    (tmp / "out").mkdir()
    return tmp / "out"


def not_parquet(tmp: Path) -> Path:
    (tmp / "out" / "mentions" / "month=2024-01").mkdir(parents=True)
    (tmp / "out" / "articles" / "month=2024-01").mkdir(parents=True)
    (tmp / "out" / "articles" / "month=2024-01" / "part-1.parquet").write_text("a,b\n1,2\n")
    return tmp / "out"


def other(tmp: Path) -> Path:
    (tmp / "out").mkdir()
    (tmp / "out" / "report.txt").write_text("notes\n")
    return tmp / "out"


def absent(tmp: Path) -> Path:
    return tmp / "absent"


@pytest.mark.parametrize("make", [empty, not_parquet, other, absent], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "args",
    [["events"], ["events", "--mentions"], ["counts", "--by", "day"], ["recluster"],
     ["export", "--to", "plover", "x.jsonl"], ["serve", "--port", "0"]],
)  # fmt: skip
def test_a_folder_that_cannot_be_read_is_a_one_line_error(tmp_path, make, args):
    path = make(tmp_path)
    args = [str(tmp_path / a) if a == "x.jsonl" else a for a in args]
    result = invoke(*args, "--db", path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: {path}:")
