"""Opening a store for serving: a missing file, a file that is not DuckDB, a DuckDB file that
is not a store, each a one-line ``StoreError`` naming the file and the fix, from the library
and from `resgestae serve`."""

from __future__ import annotations

import duckdb
import pytest
from click.testing import CliRunner

from resgestae.cli.main import cli
from resgestae.errors import OptionError, StoreError
from resgestae.serve import create_app
from resgestae.serve.reader import decode_cursor, encode_cursor


def not_duckdb(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are notes, not a database\n")
    return path


def empty_duckdb(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE things (x INTEGER)")
    con.close()
    return path


CASES = {
    "missing": (lambda tmp: tmp / "absent.duckdb", "resgestae ingest"),
    "not DuckDB": (not_duckdb, "not a DuckDB database"),
    "not a store": (empty_duckdb, "not a resgestae store"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_store_that_cannot_be_served_is_a_one_line_error_naming_it(tmp_path, case):
    make, hint = CASES[case]
    path = make(tmp_path)
    with pytest.raises(StoreError) as err:
        create_app(path)
    message = str(err.value)
    assert str(path) in message and hint in message and "\n" not in message


@pytest.mark.parametrize("case", CASES)
def test_serve_says_it_in_one_line_and_exits_1(tmp_path, case):
    make, hint = CASES[case]
    path = make(tmp_path)
    result = CliRunner().invoke(cli, ["serve", "--db", str(path), "--port", "0"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error:") and str(path) in line and hint in line


def test_serving_writes_nothing_to_the_store(tmp_path):
    path = empty_duckdb(tmp_path)
    before = path.read_bytes()
    with pytest.raises(StoreError):
        create_app(path)  # an older resgestae would have upgraded it; serving never does
    assert path.read_bytes() == before


@pytest.mark.parametrize("day", ["2024-03-05", None])
def test_a_cursor_gives_back_the_sort_key_it_holds(day):
    got = decode_cursor(encode_cursor(day, "abc123"))
    assert (got[0].isoformat() if got[0] else None, got[1]) == (day, "abc123")


@pytest.mark.parametrize("bad", ["", "!!!", "bm90IGpzb24", "WzEsMl0", "WyJ4IiwiYSJd"])
def test_a_cursor_the_server_did_not_make_is_an_option_error(bad):
    # "" and "!!!" are not base64, "not json", [1,2] and ["x","a"] hold no sort key
    with pytest.raises(OptionError, match="cursor"):
        decode_cursor(bad)


def test_a_query_past_the_timeout_is_stopped(library):
    from resgestae.serve.reader import Reader

    with Reader(library["path"], timeout=0.2) as reader:
        with pytest.raises(TimeoutError, match="longer than 0.2 s"):
            # a sum over 10^11 rows: minutes of work, stopped after 0.2 s
            reader._rows("SELECT sum(i) FROM range(100000000000) t(i)")
        assert reader.health()["status"] == "ok"  # the connection still serves
