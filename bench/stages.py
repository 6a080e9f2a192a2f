"""What each stage costs beside the parse, on the corpus ``throughput.py`` builds.

Parses the corpus once (bare ``nlp.pipe`` plus the copy into plain records), then times each
stage alone over those parses — actors, event coding, dates, places — and the whole of
``pipeline.code_parsed``; best of ``--repeat`` interleaved runs. Reports each stage as a share
of the parse and of the whole pipeline (parse + ``code_parsed``), the figures issues 4, 5 and 6
set limits on (coding <= 25% of the parse, actors <= 10% and dates + places <= 15% of the
pipeline). Writes bench/out/stages.json.

    .venv/bin/python bench/stages.py [--articles 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from throughput import corpus

from resgestae import actors, coding, dates, geo
from resgestae.nlp import to_parsed
from resgestae.pipeline import Options, Resources, code_parsed

OUT = Path(__file__).resolve().parent / "out" / "stages.json"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    res = Resources.load(Options())
    articles = corpus(args.articles, args.seed)
    texts = [a.text for a in articles]
    parse_s = best(lambda: list(res.nlp.pipe(texts, batch_size=32)), args.repeat)
    docs = list(res.nlp.pipe(texts, batch_size=32))
    copy_s = best(
        lambda: [to_parsed(d, a, "m") for d, a in zip(docs, articles, strict=True)], args.repeat
    )
    parsed = [to_parsed(d, a, "m") for d, a in zip(docs, articles, strict=True)]
    mentions = [actors.find_mentions(p, res.actors) for p in parsed]
    stages = {
        "actors": lambda: [actors.find_mentions(p, res.actors) for p in parsed],
        "coding": lambda: [
            (coding.code(p, m, res.events), coding.contexts(p, res.events))
            for p, m in zip(parsed, mentions, strict=True)
        ],
        "dates": lambda: [dates.find_timexes(p, p.article.published) for p in parsed],
        "places": lambda: [
            [geo.event_location(p, t, s.tok_start, res.gazetteer) for s in p.sentences]
            for p, t in ((p, geo.find_toponyms(p, res.gazetteer)) for p in parsed)
        ],
        "code_parsed": lambda: [code_parsed(p, res) for p in parsed],
    }
    seconds = {name: best(fn, args.repeat) for name, fn in stages.items()}
    parse_total = parse_s + copy_s
    pipeline = parse_total + seconds["code_parsed"]
    result = {
        "articles": len(articles),
        "tokens": sum(len(p.tokens) for p in parsed),
        "model": res.options.model,
        "parse_s": round(parse_s, 3),
        "copy_to_records_s": round(copy_s, 3),
        "stages_s": {k: round(v, 3) for k, v in seconds.items()},
        "share_of_parse": {k: round(v / parse_total, 3) for k, v in seconds.items()},
        "share_of_pipeline": {k: round(v / pipeline, 3) for k, v in seconds.items()},
        "dates_and_places_share_of_pipeline": round(
            (seconds["dates"] + seconds["places"]) / pipeline, 3
        ),
    }
    print(json.dumps(result, indent=2))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
