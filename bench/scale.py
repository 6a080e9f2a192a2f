"""Scaling out (issue 16): one process, `--workers 2` and Ray with two actors, on the same
corpus in one run; the speed-up of each parallel path, Ray's overhead over --workers, the
peak memory of each worker, and hours per ten million articles per 100 cores projected from
the measured rate per core.

    .venv/bin/python bench/scale.py [--articles 300] [--workers 2]

The corpus is throughput.py's (paragraphs of the samples recombined, seeded), written as
JSON Lines to a temporary folder and read back by each path as `resgestae code` would:
reading, triage, parse and coding, events returned to the caller, nothing stored. Times are
end to end from the models' loading (Ray's cluster is started before its clock starts: a
cluster outlives a job). A sampler reads every worker's CPU time and peak resident memory
from /proc. Needs Linux and, for the Ray row, `resgestae[ray]`. Writes bench/out/scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from rss import peak_rss_mb
from throughput import corpus

from resgestae.batch import Batch, BatchOptions, Failure

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "scale.json"
TICK = os.sysconf("SC_CLK_TCK")
CORPUS = 10_000_000
CORES = 100


def _descendants(root: int) -> dict[int, str]:
    """pid -> command line of every process under ``root``."""
    procs: dict[int, tuple[int, str]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text().rsplit(")", 1)[1].split()
                cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                procs[int(d.name)] = (int(stat[1]), cmd)
            except (OSError, ValueError, IndexError):
                pass
    found: dict[int, str] = {}
    frontier = {root}
    while frontier:
        frontier = {p for p, (pp, _) in procs.items() if pp in frontier} - set(found)
        found.update({p: procs[p][1] for p in frontier})
    return found


def _usage(pid: int) -> tuple[float, float] | None:
    """(CPU seconds, peak resident MB) of a process, or None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(stat[11]) + int(stat[12])) / TICK
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return cpu, int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


class Sampler:
    """Every 0.2 s, the CPU time and peak memory of the workers ``pick`` chooses among this
    process's descendants (their last reading counts: CPU time and VmHWM only grow)."""

    def __init__(self, pick: Callable[[str], bool]):
        self.pick, self.seen = pick, {}  # type: ignore[var-annotated]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid, cmd in _descendants(os.getpid()).items():
                if self.pick(cmd) and (u := _usage(pid)) is not None:
                    self.seen[pid] = u
            time.sleep(0.2)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _local(path: str, workers: int) -> dict:
    from resgestae.pipeline import Resources

    t0, c0 = time.perf_counter(), os.times()
    with Sampler(lambda cmd: "python" in cmd) as sampler:
        options = BatchOptions(workers=workers)
        res = Resources.load(options.pipeline)
        load_s, c1 = time.perf_counter() - t0, os.times()
        batch = Batch([path], options, resources=res)
        handled = _timed(batch)
    wall, c2 = time.perf_counter() - t0, os.times()
    load_cpu = (c1.user - c0.user) + (c1.system - c0.system)
    main_cpu = (c2.user - c1.user) + (c2.system - c1.system)
    kids_cpu = (c2.children_user - c1.children_user) + (c2.children_system - c1.children_system)
    peaks = [mb for _, mb in sampler.seen.values()] if workers > 1 else [peak_rss_mb()]
    coding_cpu = kids_cpu if workers > 1 else main_cpu
    return _row(batch.summary, handled, wall, load_s, load_cpu, coding_cpu, main_cpu, peaks)


def _ray(path: str, actors: int) -> dict:
    import ray

    from resgestae.engine.ray import RayBatch, _init

    _init(ray, None, actors)
    try:
        t0, c0 = time.perf_counter(), os.times()
        with Sampler(lambda cmd: "MapWorker" in cmd) as sampler:
            batch = RayBatch([path], BatchOptions(), actors=actors)
            handled = _timed(batch)
        wall, c1 = time.perf_counter() - t0, os.times()
    finally:
        ray.shutdown()
    driver = (c1.user - c0.user) + (c1.system - c0.system)
    # each actor loads the resources as one process does: that load's CPU (measured by the
    # single-process row, passed in LOAD_CPU) is taken out of the actors' CPU time
    load_cpu = float(os.environ.get("LOAD_CPU", "0"))
    coding_cpu = sum(cpu for cpu, _ in sampler.seen.values()) - load_cpu * len(sampler.seen)
    peaks = [mb for _, mb in sampler.seen.values()]
    return _row(batch.summary, handled, wall, None, load_cpu, coding_cpu, driver, peaks)


def _timed(batch) -> int:
    """Run the batch to the end; the articles it handled (read failures left out)."""
    return sum(1 for item in batch if not isinstance(item, Failure))


def _row(summary, handled, wall, load_s, load_cpu, coding_cpu, main_cpu, peaks) -> dict:
    # once the models are loaded: the wall time less one load (the actors load theirs side
    # by side, as the single process does: its load time, in LOAD_S, stands for theirs)
    load = load_s if load_s is not None else float(os.environ.get("LOAD_S", "0"))
    steady = summary.articles / (wall - load) if wall > load else None
    return {
        "articles": summary.articles,
        "events": summary.events,
        "failures": summary.failures,
        "wall_s": round(wall, 2),  # end to end, models loaded included
        "articles_per_s_end_to_end": round(summary.articles / wall, 2),
        "articles_per_s": round(steady, 2) if steady else None,  # models loaded
        "load_s": round(load_s, 2) if load_s is not None else None,
        "load_cpu_s": round(load_cpu, 2),
        "coding_cpu_s": round(coding_cpu, 2),  # the processes that parse and code
        "main_cpu_s": round(main_cpu, 2),  # the main process (driver) besides
        "articles_per_cpu_s": round(summary.articles / coding_cpu, 2) if coding_cpu else None,
        "peak_mb_per_worker": [round(p) for p in sorted(peaks)],
    }


def _child(path: str, kind: str, workers: int, load_cpu: float, load_s: float) -> dict:
    """One path in a fresh interpreter: no model cached by the one before."""
    import subprocess
    import sys

    env = dict(os.environ, LOAD_CPU=str(load_cpu), LOAD_S=str(load_s))
    cmd = [sys.executable, __file__, "--one", kind, "--workers", str(workers), "--corpus", path]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2, help="processes, and Ray actors")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--one", help=argparse.SUPPRESS)  # a path, in its own process
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        row = (
            _ray(args.corpus, args.workers)
            if args.one == "ray"
            else _local(args.corpus, 1 if args.one == "single" else args.workers)
        )
        print(json.dumps(row))
        return

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "corpus.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for a in corpus(args.articles, args.seed):
                row = {"id": a.id, "text": a.text, "source": a.source,
                       "published": a.published.isoformat() if a.published else None}  # fmt: skip
                f.write(json.dumps(row) + "\n")
        rows = {"single": _child(path, "single", 1, 0.0, 0.0)}
        load = rows["single"]["load_cpu_s"], rows["single"]["load_s"]
        rows[f"workers_{args.workers}"] = _child(path, "workers", args.workers, *load)
        try:
            import ray  # noqa: F401

            rows[f"ray_{args.workers}_actors"] = _child(path, "ray", args.workers, *load)
        except ImportError:
            print("ray is not installed (pip install 'resgestae[ray]'): no Ray row")
    single = rows["single"]["articles_per_s"]
    for row in rows.values():
        row["speedup"] = round(row["articles_per_s"] / single, 2) if row["articles_per_s"] else None
        row["speedup_end_to_end"] = round(
            row["articles_per_s_end_to_end"] / rows["single"]["articles_per_s_end_to_end"], 2
        )
        per_core = row["articles_per_cpu_s"]
        # a cluster of CORES cores coding at the measured rate per core of CPU time
        row["hours_per_10m_per_100_cores"] = (
            round(CORPUS / (per_core * CORES) / 3600, 1) if per_core else None
        )
    ray_row = rows.get(f"ray_{args.workers}_actors")
    workers_row = rows[f"workers_{args.workers}"]
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average_before_after": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
        "articles": args.articles,
        "paths": rows,
        "ray_over_workers": (
            round(workers_row["articles_per_s"] / ray_row["articles_per_s"] - 1, 3)
            if ray_row
            else None
        ),
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
