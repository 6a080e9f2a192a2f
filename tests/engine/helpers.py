"""A generated corpus (our own sentences) and a Ray cluster on this machine, for the engine
tests; the cluster's processes are found by its own temporary folder and ended by pid."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
BIN = Path(sys.executable).parent
RAY = str(BIN / "ray")

_ACTS = (
    "{a} troops clashed with rebels near {p} on Tuesday, leaving at least {n} people dead.",
    "Thousands of {d} nurses marched through {p} on Monday to demand higher pay.",
    "The foreign minister of {a} met his counterpart from {b} in {p} to discuss trade.",
    "{a} condemned the missile test carried out by {b} last week.",
    "Police in {p} arrested {n} protesters outside the parliament on Friday.",
    "The government of {a} signed an agreement with {b} on Wednesday to reopen the border.",
    "{a} expelled two diplomats from {b}, accusing them of spying.",
    "Officials in {a} said they would send food aid to {b} after the floods.",
)
_PLACES = (
    ("France", "French", "Paris"), ("Kenya", "Kenyan", "Nairobi"),
    ("Peru", "Peruvian", "Lima"), ("Poland", "Polish", "Warsaw"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Ghana", "Ghanaian", "Accra"),
)  # fmt: skip


def corpus(n: int, seed: int = 7) -> list[dict]:
    """``n`` JSON Lines articles of 3-5 sentences from the templates above, over months."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(3, 5)):
            (a, d, p), (b, _, _) = rng.sample(_PLACES, 2)
            act = rng.choice(_ACTS)
            sentences.append(act.format(a=a, b=b, d=d, p=p, n=rng.randint(2, 40)))
        out.append(
            {
                "id": f"gen-{i:03d}",
                "source": "Generated Wire",
                "published": f"2024-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}",
                "title": f"Report {i}",
                "text": " ".join(sentences),
            }
        )
    return out


def write_corpus(folder: Path, n: int) -> Path:
    path = folder / "generated.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in corpus(n)), encoding="utf-8")
    return path


def local_events(paths: list[str]) -> list[dict]:
    """The events of the single-process run (`resgestae code`), as ``Event.to_dict()``."""
    from resgestae.batch import Batch, Outcome

    return [e.to_dict() for o in Batch(paths) if isinstance(o, Outcome) for e in o.events]


def parquet_rows(out: Path, dataset: str) -> list[dict]:
    """Every row of ``out/dataset`` as DuckDB reads the folder, with the file it is in."""
    con = duckdb.connect()
    rel = con.sql(
        f"SELECT * FROM read_parquet('{out}/{dataset}/*/*.parquet', hive_partitioning = true, "
        "filename = true)"
    )
    cols = rel.columns
    return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


def as_output(row: dict) -> dict:
    """A mention read back from Parquet in the form of ``Event.to_dict()``."""
    from resgestae.store.schema import MENTION_KEYS

    d = {k: row[k] for k in MENTION_KEYS}
    d["published"] = d["published"].isoformat() if d["published"] else None
    return d


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ray_env() -> dict[str, str]:
    """The environment of the cluster's processes: this checkout importable on every node,
    and no auth token (a throwaway cluster on 127.0.0.1)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["RAY_AUTH_MODE"] = "disabled"
    env["RAY_USAGE_STATS_ENABLED"] = "0"
    return env


@contextmanager
def cluster(nodes: int = 2) -> Iterator[tuple[str, Path]]:
    """A head and ``nodes - 1`` more nodes of one CPU each, on this machine, started with
    `ray start`; yields the address and the cluster's temporary folder. Stopped (by pid: the
    processes whose command line names the folder, and their children) on the way out."""
    tmp = Path(tempfile.mkdtemp(prefix="rg", dir="/tmp"))  # short: Ray's socket paths
    port = free_port()
    address = f"127.0.0.1:{port}"
    env = ray_env()
    common = ["--num-cpus", "1", "--temp-dir", str(tmp), "--disable-usage-stats"]
    try:
        subprocess.run(
            [RAY, "start", "--head", "--port", str(port), "--node-ip-address", "127.0.0.1",
             "--include-dashboard=false", *common],
            env=env, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        for _ in range(nodes - 1):
            subprocess.run(
                [RAY, "start", "--address", address, "--node-ip-address", "127.0.0.1", *common],
                env=env, check=True, capture_output=True, timeout=120,
            )  # fmt: skip
        yield address, tmp
    finally:
        stop(tmp)
        shutil.rmtree(tmp, ignore_errors=True)


def _procs() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every process."""
    found = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        found[int(d.name)] = (ppid, cmd)
    return found


def cluster_pids(tmp: Path) -> set[int]:
    """The processes of the cluster in ``tmp``: those naming it, and their descendants."""
    procs = _procs()
    pids = {pid for pid, (_, cmd) in procs.items() if str(tmp) in cmd}
    grew = True
    while grew:
        more = {pid for pid, (ppid, _) in procs.items() if ppid in pids} - pids
        pids |= more
        grew = bool(more)
    return pids


def _named(tmp: Path, name: str) -> list[int]:
    """The cluster's processes whose command line holds ``name`` (Ray names them)."""
    procs = _procs()
    return sorted(p for p in cluster_pids(tmp) if name in procs.get(p, (0, ""))[1])


def worker_pids(tmp: Path) -> list[int]:
    """The cluster's actors coding articles (``BatchCoder`` in a Ray Data map worker)."""
    return _named(tmp, "MapWorker")


def reader_pids(tmp: Path) -> list[int]:
    """The cluster's read task handing the driver's batches to the actors
    (``resgestae.engine.stream.FeedDatasource``), while it runs."""
    return _named(tmp, "ReadFeed")


def kill_once_coding(
    job: subprocess.Popen, pids: Callable[[], list[int]], out: Path, tick: float = 0.2
) -> tuple[int | None, int]:
    """Wait until ``pids()`` finds a process and ``out`` has article files (coding has
    begun), then kill -9 the first process found: its pid (None if the job ended or five
    minutes passed first) and how many article files there were then."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and job.poll() is None:
        found, files = pids(), list(out.glob("articles/*/*.parquet"))
        if found and files:
            subprocess.run(["kill", "-9", str(found[0])], check=True)
            return found[0], len({f.name for f in files})
        time.sleep(tick)
    return None, 0


def stop(tmp: Path) -> None:
    for _ in range(3):  # a process may start another as it goes: look again
        pids = cluster_pids(tmp)
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(1)


# Articles for a folder and a store to hold the same of: the samples, a report and its
# syndicated copy (one real-world event, two sources), the server's four reports, and, written
# by ``write_extra``, a near-duplicate of one of them and an article in another language.
CORPUS = (SAMPLES, ROOT / "tests" / "fixtures" / "cluster", ROOT / "tests" / "fixtures" / "serve")


def write_extra(folder: Path) -> Path:
    """A JSON Lines file of two articles the triage does not code: a copy of a server report
    under another outlet (a near-duplicate: one more source for its events) and one of our
    own sentences in Portuguese (skipped)."""
    report = (ROOT / "tests" / "fixtures" / "serve" / "kenya-teachers.txt").read_text()
    rows = [
        {"id": "copy-1", "source": "Valley Post", "published": "2024-03-07",
         "url": "https://valley.example/teachers", "text": report.split("\n", 1)[1]},
        {"id": "pt-1", "source": "Jornal", "published": "2024-03-08",
         "text": "Milhares de professores marcharam hoje pelo centro da cidade para exigir "
                 "salários mais altos, disse o sindicato numa nota enviada aos jornais."},
    ]  # fmt: skip
    path = folder / "extra.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def write_folder(paths: list[str], out: Path) -> None:
    """Code ``paths`` into the Parquet folder ``out`` as a Ray run does, without Ray: the
    triage its driver makes (``RayBatch``: language, near-duplicates in memory, in input
    order), then the engine's own coder and writer (``BatchCoder``) on the rows, as one
    actor would."""
    from resgestae.engine.coder import BatchCoder, article_row
    from resgestae.ingest import read_paths
    from resgestae.ingest.dedup import NearDuplicates
    from resgestae.ingest.lang import LanguageDetector
    from resgestae.ingest.triage import Triage
    from resgestae.pipeline import Options
    from resgestae.types import Article

    triage = Triage(LanguageDetector(), NearDuplicates(None))
    rows = []
    for article in read_paths(paths):
        assert isinstance(article, Article), article  # the corpus reads without failures
        v = triage(article)
        verdict = {"status": v.status, "reason": v.reason, "duplicate_of": v.duplicate_of,
                   "similarity": v.similarity}  # fmt: skip
        rows.append(article_row(v.article, len(rows), verdict))
    result = BatchCoder(Options(), str(out))(rows)
    assert not any(result["error"]), result["error"]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
