"""Gazetteer cost: first build (cold cache) and later loads, each in a fresh process, with peak
resident memory; then the geo stage (toponyms + resolution) beside the parse it runs on.

    .venv/bin/python bench/geo.py [--repeat 3] [--texts 200]

Writes bench/out/geo.json (not committed). Figures vary with the machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, "bench")
from rss import peak_rss_mb
t = time.perf_counter()
from resgestae.geo import load_gazetteer
gaz = load_gazetteer(Path(sys.argv[1]))
print(time.perf_counter() - t, len(gaz.places), peak_rss_mb())
"""


def _child(cache: Path) -> tuple[float, int, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(cache)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.split()
    return float(out[0]), int(out[1]), float(out[2])


def gazetteer_cost(repeat: int) -> dict:
    builds, loads = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            builds.append(_child(Path(tmp)))
            loads.append(_child(Path(tmp)))
    return {
        "build_s": min(b[0] for b in builds),
        "build_peak_rss_mb": max(b[2] for b in builds),
        "load_s": min(x[0] for x in loads),
        "load_peak_rss_mb": max(x[2] for x in loads),
        "places": builds[0][1],
    }


def stage_cost(texts: int) -> dict:
    from resgestae.eval import geo as ev
    from resgestae.geo import find_toponyms, load_gazetteer
    from resgestae.nlp import load_model, to_parsed
    from resgestae.types import Article

    gold = ROOT.parent / "shared" / "eval" / "dev" / "geoparsing" / "GeoWebNews.xml"
    arts = [Article(id=a.id, text=a.text) for a in ev.load(gold)[:texts]]
    nlp, gaz = load_model(), load_gazetteer()
    t = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in arts]))
    parse_s = time.perf_counter() - t
    parsed = [to_parsed(d, a, "bench") for d, a in zip(docs, arts, strict=True)]
    t = time.perf_counter()
    n = sum(len(find_toponyms(p, gaz)) for p in parsed)
    geo_s = time.perf_counter() - t
    return {
        "texts": len(arts),
        "parse_s": round(parse_s, 2),
        "geo_s": round(geo_s, 3),
        "geo_share_of_parse": round(geo_s / parse_s, 4),
        "toponyms": n,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--texts", type=int, default=200)
    args = ap.parse_args()
    result = {
        "gazetteer": gazetteer_cost(args.repeat),
        "stage": stage_cost(args.texts),
        "python": sys.version.split()[0],
    }
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "geo.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
