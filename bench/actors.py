"""Cost of actor resolution beside the rest of the pipeline, on the throughput corpus.

Parses the corpus of ``bench/throughput.py`` once (to plain ``Parsed`` records), then times,
on the same parses, ``actors.find_mentions`` alone and ``pipeline.code_parsed`` (all stages
after the parse, the actor stage included), and reports the actor stage as a share of the
parse and of the whole pipeline (parse + ``code_parsed``). Fastest of --repeat interleaved
runs; lexicon loading is timed apart. Writes bench/out/actors.json.

    .venv/bin/python bench/actors.py [--articles 300] [--model NAME] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

from resgestae import actors, nlp
from resgestae.pipeline import Options, Resources, code_parsed

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import corpus, timed  # noqa: E402

OUT = Path(__file__).resolve().parent / "out" / "actors.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--model", default=Options().model)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    args = ap.parse_args()

    articles = corpus(args.articles, args.seed)
    _, lexicon_s = timed(actors.load_lexicon)  # first load compiles the tables
    res = Resources.load(Options(model=args.model))

    parse_s = stage_s = rest_s = float("inf")
    for _ in range(args.repeat):
        parsed, t = timed(lambda: list(nlp.parse(articles, res.nlp, model=args.model)))
        parse_s = min(parse_s, t)
        _, t = timed(lambda ps=parsed: [actors.find_mentions(p, res.actors) for p in ps])
        stage_s = min(stage_s, t)
        _, t = timed(lambda ps=parsed: [code_parsed(p, res) for p in ps])
        rest_s = min(rest_s, t)

    tokens = sum(len(p.tokens) for p in parsed)
    mentions = sum(len(actors.find_mentions(p, res.actors)) for p in parsed)
    result = {
        "articles": len(articles),
        "tokens": tokens,
        "mentions": mentions,
        "model": args.model,
        "cpu": platform.processor() or platform.machine(),
        "lexicon_load_s": round(lexicon_s, 3),
        "lexicon_names": len(res.actors.names),
        "parse_s": round(parse_s, 3),
        "actors_s": round(stage_s, 3),
        "code_parsed_s": round(rest_s, 3),
        "actors_share_of_parse": round(stage_s / parse_s, 4),
        "actors_share_of_pipeline": round(stage_s / (parse_s + rest_s), 4),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
