"""What storing costs: `resgestae ingest` beside `resgestae code` on the same articles, side by
side in one process (issue 14: ingest within 10% of code), and ``Store.add`` alone over the
coded results.

Builds the ``throughput.py`` corpus, loads the models once, then runs, interleaved and best
of ``--repeat``: a ``Batch`` without a store (what `code` does, minus printing), a ``Batch``
into a new DuckDB file (what `ingest` does) and ``Store.add`` of the coded results into
another new file (the storing alone, in the groups ``Batch`` stores), timing within it the
joining of mentions to events (``store.clusters.link_articles``; issue 13: clustering at
most 5% of the pipeline). With ``--stored N`` the ``Store.add`` runs go into a store that
holds N articles already (with their mentions and events): copies of the corpus's, under
other ids, moved back by whole years and given types of their own, so that none joins a new
mention but every lookup the clustering makes runs against a store of that size. Writes
bench/out/store.json. Run it with PYTHONPATH at another checkout to measure that commit.

    .venv/bin/python bench/store.py [--articles 300] [--repeat 2] [--stored 1000000]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import tempfile
import time
from pathlib import Path

from throughput import corpus

from resgestae.batch import Batch, BatchOptions, Outcome
from resgestae.ingest import read_paths
from resgestae.pipeline import Resources
from resgestae.store import db as store_db
from resgestae.store import open_store

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "store.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest counts")
    ap.add_argument("--stored", type=int, default=0, help="articles in the store beforehand")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="resgestae-bench-store-"))
    src = tmp / "corpus.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for a in corpus(args.articles, 0):
            row = {"id": a.id, "text": a.text, "source": a.source}
            row["published"] = a.published.isoformat() if a.published else None
            f.write(json.dumps(row) + "\n")
    assert sum(1 for _ in read_paths([str(src)])) == args.articles
    options = BatchOptions()
    resources = Resources.load(options.pipeline)

    def code() -> list[Outcome]:
        batch = Batch([src], options, resources=resources)
        return [o for o in batch if isinstance(o, Outcome)]

    def ingest(db: Path) -> int:
        with open_store(db) as store:
            batch = Batch([src], options, store=store, resources=resources)
            return sum(isinstance(o, Outcome) for o in batch)

    def store_only(
        db: Path, outcomes: list[Outcome], background: Path | None = None
    ) -> tuple[int, float]:
        """Store the coded outcomes as ``Batch`` does: in groups of ``GROUP`` (one at a
        time before ``Store.add_many``, so that older commits can be measured too), into a
        copy of ``background`` if given. Returns the mentions added and the seconds the
        adding took (opening the store left out)."""
        if background is not None:
            shutil.copyfile(background, db)
        with open_store(db) as store:
            before = store.counts()["mentions"]
            start = time.perf_counter()
            if hasattr(store, "add_many"):
                from resgestae.batch.run import GROUP, _item

                items = [_item(o.verdict, o.result) for o in outcomes]
                for i in range(0, len(items), GROUP):
                    store.add_many(items[i : i + GROUP])
            else:
                for o in outcomes:
                    if o.result is not None:
                        store.add(o.result, o.verdict.signature)
                    else:
                        store.add_uncoded(o.article, o.status)
            spent = time.perf_counter() - start
            return store.counts()["mentions"] - before, spent

    def fill(db: Path, outcomes: list[Outcome], copies: int) -> None:
        """A store of ``copies`` copies of the coded outcomes, each under ids of its own,
        moved back by ``copies`` whole years (366 days) from the next one, and with a type of
        its own (PROTEST~3): moved dates alone keep a copy's day-long events from the others'
        but not its year- and decade-long ones, each a day or a year off the next copy's,
        which chained all the copies' into components of hundreds of mentions."""
        store_only(tmp / "template.duckdb", outcomes)
        with open_store(db) as store:
            con = store.con
            con.execute(f"ATTACH '{tmp / 'template.duckdb'}' AS t (READ_ONLY)")
            back = "CAST(k * 366 AS INTEGER)"
            con.execute(
                "INSERT INTO articles SELECT a.* REPLACE (id || '~' || k AS id, "
                f"published - {back} AS published, duplicate_of || '~' || k AS duplicate_of) "
                f"FROM t.articles a, range(1, {copies + 1}) r(k)"
            )
            # the copy's type key, with its number: a mention's (cluster.rule.type_key) is
            # its PLOVER type, else the CAMEO root; an event has its own column
            kind = "coalesce(event, 'cameo:' || left(coalesce(cameo, ''), 2)) || '~' || k"
            con.execute(
                "INSERT INTO mentions SELECT m.* REPLACE (id || '~' || k AS id, "
                "article_id || '~' || k AS article_id, event_id || '~' || k AS event_id, "
                f"{kind} AS event, "
                f"date_first - {back} AS date_first, date_last - {back} AS date_last) "
                f"FROM t.mentions m, range(1, {copies + 1}) r(k)"
            )
            con.execute(
                "INSERT INTO events SELECT e.* REPLACE (id || '~' || k AS id, "
                "component || '~' || k AS component, "
                "list_transform(mention_ids, lambda x: x || '~' || k) AS mention_ids, "
                "type_key || '~' || k AS event, type_key || '~' || k AS type_key, "
                f"date_first - {back} AS date_first, date_last - {back} AS date_last) "
                f"FROM t.events e, range(1, {copies + 1}) r(k)"
            )
            con.execute("DETACH t")

    # the time storing spends joining mentions to events, timed around the store's one call
    clustering = [0.0]
    link_articles = store_db.clusters.link_articles

    def timed_link(*a, **k):
        start = time.perf_counter()
        try:
            return link_articles(*a, **k)
        finally:
            clustering[0] += time.perf_counter() - start

    store_db.clusters.link_articles = timed_link

    code_s = ingest_s = add_s = cluster_s = float("inf")
    outcomes: list[Outcome] = []
    mentions = 0
    background: Path | None = None
    for i in range(args.repeat):
        start = time.perf_counter()
        outcomes = code()
        code_s = min(code_s, time.perf_counter() - start)
        start = time.perf_counter()
        stored = ingest(tmp / f"ingest-{i}.duckdb")
        ingest_s = min(ingest_s, time.perf_counter() - start)
        if args.stored and background is None:
            background = tmp / "background.duckdb"
            start = time.perf_counter()
            fill(background, outcomes, max(1, args.stored // len(outcomes)))
            print(
                f"a store of {args.stored:,} articles made in {time.perf_counter() - start:.0f} s"
            )
        clustering[0] = 0.0
        mentions, spent = store_only(tmp / f"add-{i}.duckdb", outcomes, background)
        add_s = min(add_s, spent)
        if background is not None:
            (tmp / f"add-{i}.duckdb").unlink()  # a copy of the large store: no room for many
        cluster_s = min(cluster_s, clustering[0])
    assert stored == len(outcomes)

    n = len(outcomes)
    report = {
        "articles": n,
        "stored_before": args.stored and max(1, args.stored // n) * n,
        "mentions": mentions,
        "repeat": args.repeat,
        "code_seconds": round(code_s, 2),
        "ingest_seconds": round(ingest_s, 2),
        "ingest_over_code": round(ingest_s / code_s, 3),
        "store_add_seconds": round(add_s, 2),
        "store_add_ms_per_article": round(1000 * add_s / n, 2),
        "clustering_seconds": round(cluster_s, 2),
        "clustering_ms_per_article": round(1000 * cluster_s / n, 2),
        "clustering_over_code": round(cluster_s / code_s, 3),
        "model": options.model,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(
        f"code {code_s:.2f} s, ingest {ingest_s:.2f} s: ingest is "
        f"{report['ingest_over_code']}x code ({n} articles, {mentions} mentions)"
    )
    print(f"Store.add alone {add_s:.2f} s, {report['store_add_ms_per_article']} ms an article")
    print(
        f"clustering (within Store.add) {cluster_s:.2f} s, "
        f"{report['clustering_ms_per_article']} ms an article, "
        f"{report['clustering_over_code']:.1%} of code's time"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")
    for p in sorted(tmp.iterdir()):
        p.unlink()
    tmp.rmdir()


if __name__ == "__main__":
    main()
