"""`--engine ray` codes exactly what one process codes: on a local Ray, on a two-node
cluster joined with --address, and when a worker is killed mid-run (nothing lost, nothing
written twice); a rerun codes only what is missing and reports failures as the local path
does."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from resgestae.engine import parquet
from resgestae.engine.ray import BATCH_SIZE

from .helpers import (
    BIN,
    SAMPLES,
    as_output,
    cluster,
    kill_once_coding,
    local_events,
    parquet_rows,
    ray_env,
    reader_pids,
    worker_pids,
    write_corpus,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("needs_ray")]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    return [str(SAMPLES), str(write_corpus(folder, 40))]


@pytest.fixture(scope="module")
def expected(inputs) -> list[dict]:
    events = local_events(inputs)
    assert len(events) > 40  # the generated articles give events, or the test shows nothing
    return sorted(events, key=lambda e: e["id"])


@pytest.fixture(scope="module")
def two_nodes():
    with cluster(nodes=2) as found:
        yield found


def written(out: Path) -> tuple[list[dict], list[dict]]:
    """The articles and the mentions (as ``Event.to_dict()``, by id) in ``out``."""
    mentions = sorted(
        (as_output(m) for m in parquet_rows(out, parquet.MENTIONS)), key=lambda m: m["id"]
    )
    return parquet_rows(out, parquet.ARTICLES), mentions


def ingest(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    cmd = [str(BIN / "resgestae"), "ingest", *args, "--engine", "ray", "-q"]
    return subprocess.run(cmd, env=ray_env(), capture_output=True, text=True, timeout=timeout)


def test_a_local_ray_codes_the_events_of_one_process_and_a_rerun_only_what_is_missing(
    tmp_path, inputs, expected
):
    from resgestae.batch import BatchOptions
    from resgestae.engine.ray import RayBatch

    out = tmp_path / "out"
    batch = RayBatch(inputs, BatchOptions(), out=str(out), num_cpus=2, actors=2)
    assert [item for item in batch if not hasattr(item, "status")] == []  # no failures
    articles, mentions = written(out)
    assert mentions == expected
    assert batch.summary.articles == len(articles) == 44 and batch.summary.failures == 0

    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x", "text": "ok enough text here"}\n{not json\n', encoding="utf-8")
    again = ingest(*inputs, str(bad), "--out", str(out))
    assert again.returncode == 1
    local = subprocess.run([str(BIN / "resgestae"), "code", str(bad), "-q"], env=ray_env(),
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    errors = [line for line in again.stderr.splitlines() if line.startswith("error:")]
    assert errors == [line for line in local.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}:2: ")
    articles_after, mentions_after = written(out)
    ids = Counter(a["id"] for a in articles_after)
    assert set(ids) == {a["id"] for a in articles} | {"x"} and max(ids.values()) == 1
    assert [m for m in mentions_after if m["article_id"] != "x"] == expected


def test_a_two_node_cluster_joined_with_address_codes_the_same_events(
    tmp_path, inputs, expected, two_nodes
):
    address, _ = two_nodes
    done = ingest(*inputs, "--address", address, "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr[-2000:]
    articles, mentions = written(tmp_path / "out")
    assert mentions == expected
    assert sorted(a["id"] for a in articles) == sorted({a["id"] for a in articles})
    # and the folder, its events built, is queried as a store of the same articles
    from resgestae import ingest_paths
    from resgestae.store import open_store

    db = tmp_path / "events.duckdb"
    assert not ingest_paths(inputs, db).failures
    with open_store(tmp_path / "out") as folder:
        folder.recluster()
    with open_store(tmp_path / "out", read_only=True) as f, open_store(db, read_only=True) as s:
        assert list(f.events(with_mentions=True)) == list(s.events(with_mentions=True))


def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(tmp_path, two_nodes):
    address, tmp = two_nodes
    corpus = write_corpus(tmp_path, 96)
    expected = sorted(local_events([str(corpus)]), key=lambda e: e["id"])
    out = tmp_path / "out"
    cmd = [str(BIN / "resgestae"), "ingest", str(corpus), "--engine", "ray", "-q",
           "--address", address, "--out", str(out)]  # fmt: skip
    job = subprocess.Popen(cmd, env=ray_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        killed, batches_written = kill_once_coding(job, lambda: worker_pids(tmp), out)
        assert killed is not None, "no worker was seen coding"
        assert batches_written < 96 // BATCH_SIZE  # the kill came before the last batch
        _, err = job.communicate(timeout=600)
    finally:
        if job.poll() is None:
            job.kill()
    assert job.returncode == 0, err.decode()[-2000:]
    articles, mentions = written(out)
    assert sorted(a["id"] for a in articles) == [f"gen-{i:03d}" for i in range(96)]
    assert mentions == expected  # every mention once: none lost, none doubled


def test_a_read_task_killed_mid_run_loses_nothing_and_doubles_nothing(tmp_path, two_nodes):
    # Ray retries the read task from its start: it must get the same batches again by their
    # numbers, not the next ones (which Ray would drop as seen). Two batches read ahead at
    # most, so the read task is still waiting for batches when the first are written.
    address, tmp = two_nodes
    corpus = write_corpus(tmp_path, 160)
    expected = sorted(local_events([str(corpus)]), key=lambda e: e["id"])
    out = tmp_path / "out"
    run = (
        "import sys; from resgestae.batch import BatchOptions; "
        "from resgestae.engine.ray import RayBatch; "
        "batch = RayBatch([sys.argv[1]], BatchOptions(), out=sys.argv[2], address=sys.argv[3], "
        "read_ahead=2); print(*(f'coded:{getattr(i, \"id\", i)}' for i in batch))"
    )
    cmd = [sys.executable, "-c", run, str(corpus), str(out), address]
    job = subprocess.Popen(cmd, env=ray_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        killed, _ = kill_once_coding(job, lambda: reader_pids(tmp), out, tick=0.1)
        assert killed is not None, "the read task was not seen running"
        printed, err = job.communicate(timeout=600)
    finally:
        if job.poll() is None:
            job.kill()
    assert job.returncode == 0, err.decode()[-2000:]
    ids = [f"gen-{i:03d}" for i in range(160)]
    coded = [w.removeprefix("coded:") for w in printed.decode().split() if w.startswith("coded:")]
    assert coded == ids  # each article once, in input order (Ray prints its notices too)
    articles, mentions = written(out)
    assert sorted(a["id"] for a in articles) == ids
    assert mentions == expected


def test_a_run_stopped_early_stops_its_triage_thread(tmp_path, inputs):
    from resgestae.batch import BatchOptions
    from resgestae.engine.ray import RayBatch

    batch = RayBatch(inputs, BatchOptions(), num_cpus=2, actors=1, read_ahead=1)
    items = iter(batch)
    first = next(items)
    items.close()  # the caller stops: the thread waiting to send its next batch must end
    assert first.status
    assert not [t for t in threading.enumerate() if t.name == "resgestae-triage"]


def test_code_on_the_cluster_prints_what_code_prints_locally(two_nodes):
    address, _ = two_nodes
    cmd = [str(BIN / "resgestae"), "code", str(SAMPLES), "--format", "jsonl", "-q"]
    local = subprocess.run(cmd, env=ray_env(), capture_output=True, text=True, timeout=300)
    on_ray = subprocess.run(
        [*cmd, "--engine", "ray", "--address", address],
        env=ray_env(), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert local.returncode == on_ray.returncode == 0, on_ray.stderr[-2000:]
    assert local.stdout.count("\n") > 10 and on_ray.stdout == local.stdout  # same order too
    # one batch, two actors: a pool of one, without Ray's warning of actors left idle
    assert "minimum number of concurrent actors" not in on_ray.stderr
