"""`resgestae serve --db DIR` over a Parquet folder written by the Ray engine's writer: every
route answers as it does over a DuckDB store of the same articles (in-process, and from a
real server), and a folder whose events are not built yet is refused at start, saying to
run `recluster`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from engine.helpers import CORPUS, write_extra, write_folder
from fastapi.testclient import TestClient

from resgestae import ingest_paths
from resgestae.errors import StoreError
from resgestae.serve import create_app
from resgestae.store import open_store

from .conftest import ROOT, free_port

pytestmark = pytest.mark.slow  # codes the corpus with the spaCy model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return [*map(str, CORPUS), str(write_extra(tmp_path_factory.mktemp("extra")))]


@pytest.fixture(scope="module")
def written(corpus, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("folder") / "out"
    write_folder(corpus, folder)
    return folder


@pytest.fixture(scope="module")
def folder(written, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clustered") / "out"
    shutil.copytree(written, out)
    with open_store(out) as store:
        store.recluster()
    return out


@pytest.fixture(scope="module")
def pair(corpus, folder, tmp_path_factory):
    """Test clients over the folder and over a DuckDB store of the same articles."""
    db = tmp_path_factory.mktemp("db") / "events.duckdb"
    assert not ingest_paths(corpus, db).failures
    with open_store(db, read_only=True) as store:
        events = list(store.events())
    apps = create_app(folder), create_app(db)
    with TestClient(apps[0]) as over_folder, TestClient(apps[1]) as over_store:
        yield over_folder, over_store, events
    for app in apps:
        app.state.reader.close()


def test_every_route_answers_as_over_the_store(pair):
    over_folder, over_store, events = pair
    assert len(events) > 20
    paths = [
        "/api/events?limit=500",
        "/api/events?limit=3&country=KEN",
        "/api/events?q=tear%20gas",
        "/api/events?min_confidence=0.6&since=2024-01-01",
        "/api/counts?by=country,month",
        "/api/counts?by=week,event&actor=teachers",
        "/api/actors?top=5",
        "/api/map?limit=5",
        "/api/map",
    ]
    paths += [f"/api/events/{e['id']}" for e in events]
    for path in paths:
        got, want = over_folder.get(path), over_store.get(path)
        assert got.status_code == want.status_code == 200, path
        assert got.json() == want.json(), path
    assert over_folder.get("/api/events?limit=500").json()["events"] == events
    health = over_folder.get("/api/health").json()
    assert health == over_store.get("/api/health").json() | {"store": "out"}


def test_articles_and_their_pages_are_those_of_the_store(pair):
    over_folder, over_store, events = pair
    cursor, pages = None, 0
    while True:  # paged two at a time, with the cursors the folder's server gives
        q = "/api/events?limit=2" + (f"&cursor={cursor}" if cursor else "")
        got, want = over_folder.get(q).json(), over_store.get(q).json()
        assert got == want
        cursor, pages = got["next"], pages + 1
        if cursor is None:
            break
    assert pages == -(-len(events) // 2)
    ids = {
        a["id"]
        for e in events
        for a in over_folder.get(f"/api/events/{e['id']}").json()["articles"]
    }
    assert "copy-1" in ids  # the near-duplicate carries its original's event
    for article in sorted(ids):
        got, want = (c.get(f"/api/articles/{article}") for c in (over_folder, over_store))
        assert got.status_code == 200 and got.json() == want.json()


def test_a_folder_without_events_is_refused_saying_to_run_recluster(written):
    with pytest.raises(StoreError) as err:
        create_app(written)
    message = str(err.value)
    assert message.startswith(f"{written}:") and "recluster" in message and "\n" not in message


def test_resgestae_serve_serves_the_folder(folder, pair, tmp_path):
    over_folder = pair[0]
    port = free_port()
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", "from resgestae.cli.main import cli; cli()", "serve"]
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*cmd, "--db", str(folder), "--port", str(port), "--quiet"],
            env=env, stdout=out, stderr=out,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        for path in ("/api/health", "/api/events?limit=5", "/api/counts?by=country"):
            assert httpx.get(url + path, timeout=10).json() == over_folder.get(path).json()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
