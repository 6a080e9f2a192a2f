"""Throughput of `resgestae code` beside bare spaCy, on the same texts in the same process.

Builds a corpus of a few hundred articles in memory by recombining the paragraphs of the
bundled samples and the reference article, parses it with bare ``nlp.pipe``, then runs the
full ``pipeline.run`` (parse + actors + coding + dates + location) over the same articles.
Prints articles/s and tokens/s for both (fastest of --repeat interleaved runs) and the
coding overhead; writes bench/out/throughput.json.

    .venv/bin/python bench/throughput.py [--articles 300] [--model NAME] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from pathlib import Path

from resgestae.ingest import read_paths
from resgestae.pipeline import Options, Resources, run
from resgestae.types import Article

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "samples", ROOT.parent / "shared" / "samples"]
OUT = ROOT / "bench" / "out" / "throughput.json"


def corpus(n: int, seed: int) -> list[Article]:
    """``n`` articles of 4-8 paragraphs drawn (seeded) from the source articles."""
    found = read_paths([str(p) for p in SOURCES if p.exists()])
    sources = [a for a in found if isinstance(a, Article)]
    paragraphs = [p.strip() for a in sources for p in a.text.split("\n\n") if p.strip()]
    dates = [a.published for a in sources]
    rng = random.Random(seed)
    return [
        Article(
            id=f"bench-{i}",
            text="\n\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 8)))),
            published=rng.choice(dates),
            source="bench",
        )
        for i in range(n)
    ]


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--model", default=Options().model)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    args = ap.parse_args()

    articles = corpus(args.articles, args.seed)
    options = Options(model=args.model, workers=args.workers, batch_size=args.batch_size)
    res, load_s = timed(lambda: Resources.load(options))
    nlp = res.nlp
    list(nlp.pipe(a.text for a in articles[:8]))  # warm up before timing either run

    texts = [a.text for a in articles]

    def bare() -> int:
        docs = nlp.pipe(texts, batch_size=args.batch_size, n_process=args.workers)
        return sum(len(d) for d in docs)

    # Interleaved and best-of-N: on a shared machine, load from other processes only ever
    # slows a run down, so the fastest run is the closest to the true cost.
    bare_s = full_s = float("inf")
    for _ in range(args.repeat):
        bare_tokens, t = timed(bare)
        bare_s = min(bare_s, t)
        results, t = timed(lambda: list(run(articles, res)))
        full_s = min(full_s, t)
    full_tokens = sum(r.tokens for r in results)

    n = len(articles)
    report = {
        "articles": n,
        "model": args.model,
        "workers": args.workers,
        "batch_size": args.batch_size,
        "repeat": args.repeat,
        "load_seconds": round(load_s, 2),
        "spacy": {"seconds": round(bare_s, 2), "tokens": bare_tokens,
                  "articles_per_s": round(n / bare_s, 1),
                  "tokens_per_s": round(bare_tokens / bare_s)},
        "resgestae": {"seconds": round(full_s, 2), "tokens": full_tokens,
                      "articles_per_s": round(n / full_s, 1),
                      "tokens_per_s": round(full_tokens / full_s),
                      "events": sum(len(r.events) for r in results)},
        "overhead_ratio": round(full_s / bare_s, 2),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }  # fmt: skip
    for name in ("spacy", "resgestae"):
        r = report[name]
        print(
            f"{name:10} {r['articles_per_s']:8.1f} articles/s {r['tokens_per_s']:9d} tokens/s"
            f"  ({r['seconds']} s, {r['tokens']} tokens)"
        )
    print(f"overhead   {report['overhead_ratio']}x the bare parse; {n} articles, {args.model}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
