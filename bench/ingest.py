"""Ingest without NLP: reading, HTML extraction, language detection and near-duplicate
checks, beside the NLP stage's rate (bench/out/throughput.json), and peak memory as a
generated WARC grows.

    .venv/bin/python bench/ingest.py [--pages 1000] [--sizes 10,100,1000]

Pages are generated (seeded) news-like HTML: navigation, an inline script, an article of 6-10
paragraphs, related links, a footer; about 1 in 10 is a wire copy of an earlier page. The
archives go to a temporary folder and are deleted afterwards. Each memory point runs in its
own subprocess (peak RSS from /proc: bench/rss.py), storing every article and its MinHash bands in a
DuckDB file as `resgestae ingest` does, minus the parse. Writes bench/out/ingest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rss import peak_rss_mb

from resgestae.ingest import read_paths
from resgestae.ingest.dedup import NearDuplicates
from resgestae.ingest.lang import LanguageDetector
from resgestae.ingest.triage import CODE, Triage
from resgestae.ingest.warc import warc_record
from resgestae.types import Article

TOKEN = re.compile(r"\w+|[^\w\s]")  # about what spaCy counts as tokens
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "ingest.json"
NLP = ROOT / "bench" / "out" / "throughput.json"
WORDS = (
    "the of and to in a is that for on was with he it as at by said from his but they be "
    "this have are not government minister police people president country city officials "
    "were protest talks army border security forces party election vote leader opposition "
    "capital week after year told state national would its which been an their had more "
    "against over new two workers union strike court agreement military rebels killed "
    "reported spokesman statement council parliament troops attack meeting deal peace"
).split()


def paragraph(rng: random.Random) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 28))).capitalize() + "."
        for _ in range(rng.randint(3, 6))
    )


def page(i: int, rng: random.Random, story: list[str]) -> str:
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(60))
    related = "".join(
        f'<li><a href="/story/{rng.randint(0, 10**6)}">{paragraph(rng)[:70]}</a></li>'
        for _ in range(25)
    )
    script = "var config = {" + ",".join(f'"k{k}": {k}' for k in range(2500)) + "};"
    body = "".join(f"<p>{p}</p>" for p in story)
    return (
        f"<!DOCTYPE html><html><head><title>Story {i} | Bench Daily</title>"
        f'<meta property="og:site_name" content="Bench Daily">'
        f'<meta property="article:published_time" content="2024-05-06T08:00:00Z">'
        f'<link rel="canonical" href="https://bench.example.org/story/{i}">'
        f"<script>{script}</script></head><body><header><ul>{nav}</ul></header>"
        f"<main><article><h1>Story {i}</h1>{body}</article>"
        f"<aside><ul>{related}</ul></aside></main><footer>Bench Daily, invented.</footer>"
        f"</body></html>"
    )


def write_warc(path: Path, target_bytes: int, seed: int = 0) -> int:
    """Write pages until the archive reaches ``target_bytes``; returns the page count."""
    rng = random.Random(seed)
    stories: list[list[str]] = []
    n = size = 0
    with open(path, "wb") as out:
        while size < target_bytes:
            if stories and rng.random() < 0.1:  # a wire copy of an earlier story
                story = stories[rng.randrange(len(stories))] + [paragraph(rng)]
            else:
                story = [paragraph(rng) for _ in range(rng.randint(6, 10))]
                stories.append(story)
                if len(stories) > 200:  # wire copies come from recent stories only
                    stories.pop(0)
            record = warc_record(f"https://bench.example.org/story/{n}", page(n, rng, story))
            out.write(record)
            size += len(record)
            n += 1
    return n


def ingest(path: Path, db: Path | None) -> dict:
    """Read, extract, triage (and store, with ``db``): `resgestae ingest` without the parse."""
    from resgestae.pipeline import ArticleResult
    from resgestae.store import Store

    store = Store(db) if db else None
    dedup = NearDuplicates(store.near_candidates if store else None)
    triage = Triage(LanguageDetector(), dedup)  # loading the model is left out of the time
    counts = {"articles": 0, "coded": 0, "duplicates": 0, "failures": 0, "tokens": 0}
    start = time.perf_counter()
    for item in read_paths([str(path)], unique=store is None):  # as batch/run.py reads
        if not isinstance(item, Article):
            counts["failures"] += 1
            continue
        if store is not None and store.has(item.id):
            continue
        v = triage(item)
        counts["articles"] += 1
        counts["tokens"] += len(TOKEN.findall(item.text))
        counts["coded" if v.status == CODE else "duplicates"] += 1
        if store is not None:
            if v.status == CODE:
                store.add(ArticleResult(v.article, (), 0), v.signature)
                dedup.forget(v.article.id)
            else:
                store.add_uncoded(v.article, v.status, duplicate_of=v.duplicate_of)
    counts["seconds"] = round(time.perf_counter() - start, 2)
    if store is not None:
        store.close()
    return counts


def child(path: str, db: str) -> None:
    counts = ingest(Path(path), Path(db))
    counts["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(counts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000, help="pages for the throughput run")
    ap.add_argument("--sizes", default="10,100,1000", help="archive sizes (MB) for memory")
    ap.add_argument("--child", nargs=2, metavar=("WARC", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(*args.child)

    report: dict = {"python": platform.python_version(), "machine": platform.machine()}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        # Throughput: a fixed page count, in this process, no store.
        warc = tmpdir / "pages.warc"
        pages = 0
        target = args.pages * 30_000
        pages = write_warc(warc, target)
        counts = ingest(warc, None)
        rate = counts["articles"] / counts["seconds"]
        tokens_rate = counts["tokens"] / counts["seconds"]
        report["throughput"] = {**counts, "pages": pages, "articles_per_s": round(rate, 1),
                                "tokens_per_s": round(tokens_rate),
                                "mb": round(warc.stat().st_size / 1e6, 1)}  # fmt: skip
        if NLP.exists():  # the NLP stage's rate on the same machine (bench/throughput.py)
            nlp = json.loads(NLP.read_text())["resgestae"]
            report["throughput"]["nlp_articles_per_s"] = nlp["articles_per_s"]
            report["throughput"]["nlp_tokens_per_s"] = nlp["tokens_per_s"]
            # Per token: the parse costs in proportion to text length, and these generated
            # articles are longer than throughput.py's.
            report["throughput"]["times_faster_than_nlp"] = round(
                tokens_rate / nlp["tokens_per_s"], 1
            )
        print(json.dumps(report["throughput"]), flush=True)
        warc.unlink()

        # Memory: one subprocess per archive size.
        report["memory"] = []
        for mb in (int(s) for s in args.sizes.split(",")):
            path = tmpdir / f"{mb}mb.warc"
            write_warc(path, mb * 1_000_000, seed=mb)
            db = tmpdir / f"{mb}mb.duckdb"
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path), str(db)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            point = {"mb": mb, **json.loads(out.stdout.splitlines()[-1])}
            report["memory"].append(point)
            print(json.dumps(point), flush=True)
            path.unlink()
            for f in tmpdir.glob(f"{mb}mb.duckdb*"):
                os.remove(f)
        peaks = [p["peak_rss_mb"] for p in report["memory"]]
        report["memory_growth"] = round(max(peaks) / min(peaks) - 1, 3)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    print(f"peak RSS growth {report['memory_growth']:.1%} from {peaks[0]} MB to {peaks[-1]} MB")


if __name__ == "__main__":
    main()
