"""The server's fixtures: a store made once per session by the real pipeline from the short
reports in tests/fixtures/serve (written for these tests), the app over it in-process, and a
real ``resgestae serve`` (uvicorn) on a free localhost port, stopped after the session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed: pip install '.[serve]'")

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from resgestae import ingest_paths, open_store  # noqa: E402
from resgestae.serve import create_app  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "serve"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("serve") / "events.duckdb"
    report = ingest_paths([FIXTURES], db)
    assert not report.failures
    return db


@pytest.fixture(scope="session")
def library(store_path) -> dict:
    """What the library reads from the store (``Store.events``, ``counts``), read before the
    app opens it read-only (DuckDB refuses one file open twice in one process with two
    configurations)."""
    from resgestae.store.queries import DIMENSIONS

    with open_store(store_path, create=False) as store:
        by = [[d] for d in DIMENSIONS] + [["country", "week"], ["event", "year", "day"]]
        counts_by = {",".join(b): list(store.counts_by(b)) for b in by}
        return {
            "events": list(store.events()),
            "counts": store.counts(),
            "counts_by": counts_by,
            "path": store_path,
        }


@pytest.fixture(scope="session")
def app(library):
    return create_app(library["path"])


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live(library, tmp_path_factory):
    """The base URL of ``resgestae serve`` running in its own process on a free port (after
    ``library`` has read the store: a reader elsewhere locks out its writer)."""
    store_path = library["path"]
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    port = free_port()
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", "from resgestae.cli.main import cli; cli()", "serve"]
    cmd += ["--db", str(store_path)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*cmd, "--port", str(port), "--quiet"], env=env, stdout=out, stderr=out
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            pytest.fail(f"resgestae serve did not start: {log.read_text()[-2000:]}")
        time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
