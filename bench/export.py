"""How fast each export writes, and that it does not grow with the export (issue 13: a
million events in under a minute).

Streams ``--events`` synthetic real-world events (each with ``--mentions`` mentions, dates
spread over 24 months, a place on two events of three) from a generator, so what is timed
and measured is the writer (and the generator, a few seconds a million); prints wall and CPU
seconds (CPU: this process, DuckDB's threads included; other load on a shared machine slows
the wall clock, not it), events/s and the process's peak RSS after each format, and writes
``bench/out/export.json``.

    .venv/bin/python bench/export.py --events 1000000
    .venv/bin/python bench/export.py --events 100000 --to gdelt plover
    .venv/bin/python bench/export.py --events 1000000 --store /tmp/export.duckdb

With ``--store DB`` the events come from a store instead, as `resgestae export` writes them
(``export_store``: GDELT, ACLED, PLOVER and Parquet in SQL from its tables, GeoJSON from
``Store.events``): a store of ``--events`` events, one mention and one article each, built
by SQL (``events_store.BUILD``, with ACLED types on the protests and assaults) unless DB
holds that many already.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from events_store import BUILD

from resgestae.export import FORMATS, export_events, export_store
from resgestae.store import Store

OUT = Path(__file__).parent / "out"
SECTORS = ("GOV", "MIL", "CVL", "REB", "COP", "EDU")
COUNTRIES = ("PRT", "NGA", "UKR", "MEX", "IND", "SYR")


def _actor(k: int, start: int) -> dict:
    c, s = COUNTRIES[k % 6], SECTORS[k % 5]
    return {"text": f"actor {k % 97}", "code": c + s, "country": c, "sector": s,
            "start": start, "end": start + 8, "rule": "bench"}  # fmt: skip


def events(n: int, mentions: int):
    """``n`` event dicts in the shape ``Store.events(with_mentions=True)`` yields."""
    base = dt.date(2022, 1, 1)
    for k in range(n):
        day = base + dt.timedelta(days=k % 730)
        loc = None
        if k % 3:
            loc = {"text": "Town", "name": f"Town {k % 50}", "country": COUNTRIES[k % 6],
                   "admin1": "Region", "lat": 10.0 + k % 40, "lon": -5.0 + k % 60,
                   "geonameid": 1000 + k % 50, "precision": "city", "start": 30, "end": 34,
                   "rule": "bench"}  # fmt: skip
        actor, recipient = [_actor(k, 0)], [_actor(k + 1, 20)]
        ms = []
        for j in range(mentions):
            ms.append({
                "id": f"m{k}-{j}", "article_id": f"a{k}-{j}", "source_name": f"Outlet {j}",
                "published": day.isoformat(), "date": day.isoformat(), "date_precision": "day",
                "date_source": "text", "event": "PROTEST", "mode": "demo", "cameo": "141",
                "quad_class": 4, "goldstein": -6.5, "actor": actor, "recipient": recipient,
                "location": loc, "sentence": "Hundreds of people marched through the town.",
                "span": [0, 44], "trigger": {"text": "marched", "start": 19, "end": 26},
                "rule": "v.march", "negated": False, "confidence": 0.7,
                "acled_type": "Protests", "acled_subtype": "Peaceful protest",
                "plover_score": -5.0, "context": [], "size": None, "fatalities": None,
                "event_id": f"e{k}", "url": f"https://news.example.org/{k}/{j}",
                "source": f"Outlet {j}", "article_length": 1500, "sources": 1,
            })  # fmt: skip
        yield {
            "id": f"e{k}", "event": "PROTEST", "cameo": "141", "quad_class": 4,
            "goldstein": -6.5, "date": day.isoformat(), "date_precision": "day",
            "date_first": day, "date_last": day, "actor": actor, "recipient": recipient,
            "location": loc, "confidence": 0.7, "fatalities": None, "acled_type": "Protests",
            "acled_subtype": "Peaceful protest", "num_mentions": mentions,
            "num_sources": mentions, "num_articles": mentions,
            "first_seen": dt.datetime(day.year, day.month, day.day, 8),
            "last_seen": dt.datetime(day.year, day.month, day.day, 20),
            "sentence": "Hundreds of people marched through the town.",
            "source_url": ms[0]["url"] if ms else None, "mentions": ms,
        }  # fmt: skip


# One article and one mention for each event of events_store.BUILD, as a store links them.
ARTICLES = """
INSERT INTO articles BY NAME
SELECT 'a' || e.id AS id, 'https://news.example.org/' || e.id AS url, 'Outlet' AS source,
       e.date_first AS published, 'A title' AS title, repeat('x', 1500) AS text,
       'bench' AS origin, now()::TIMESTAMP AS ingested_at, 'coded' AS status
FROM events e
"""
MENTIONS = """
INSERT INTO mentions BY NAME
SELECT e.id AS id, 'a' || e.id AS article_id, 'Outlet' AS source_name,
       e.date_first AS published, e.date, e.date_precision, 'text' AS date_source, e.event,
       'demo' AS mode, e.cameo, e.quad_class, e.goldstein, e.actor, e.recipient, e.location,
       e.sentence, [0, 11] AS span, {'text': 'x', 'start': 0, 'end': 1} AS trigger,
       'bench' AS rule, false AS negated, e.confidence, e.date_first, e.date_last,
       e.id AS event_id
FROM events e
"""
# ACLED types for two of BUILD's sixteen event types, so an ACLED export writes rows.
ACLED = """
UPDATE events SET
    acled_type = CASE event WHEN 'PROTEST' THEN 'Protests' ELSE 'Violence against civilians' END,
    acled_subtype = CASE event WHEN 'PROTEST' THEN 'Peaceful protest' ELSE 'Attack' END
WHERE event IN ('PROTEST', 'ASSAULT')
"""


def stored(path: Path, n: int) -> Store:
    """The store at ``path``, built with ``n`` events unless it holds that many."""
    store = Store(path)
    if store.con.execute("SELECT count(*) FROM events").fetchone()[0] != n:
        start = time.perf_counter()
        for table in ("events", "mentions", "articles"):
            store.con.execute(f"DELETE FROM {table}")
        store.con.execute(BUILD, [n, n])
        store.con.execute(ACLED)
        store.con.execute(ARTICLES)
        store.con.execute(MENTIONS)
        print(f"built a store of {n:,} events in {time.perf_counter() - start:.1f} s")
    return store


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--mentions", type=int, default=1, help="mentions per event")
    ap.add_argument("--to", nargs="+", choices=FORMATS, default=list(FORMATS))
    ap.add_argument("--store", type=Path, help="read the events from this store (built once)")
    args = ap.parse_args()
    store = stored(args.store, args.events) if args.store else None
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for to in args.to:
            target = Path(tmp) / f"out-{to}"
            start, cpu = time.perf_counter(), time.process_time()
            if store:
                written = export_store(store, to=to, path=target)
            else:
                written = export_events(events(args.events, args.mentions), to=to, path=target)
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            size = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
            results[to] = {
                "seconds": round(took, 2),
                "cpu_seconds": round(cpu, 2),  # this process only (DuckDB's threads included)
                "events_per_s": round(args.events / took),
                "written": written,
                "bytes": size,
                "peak_rss_mb": round(_rss_mb()),
            }
            print(f"{to:8} {took:7.2f} s ({cpu:6.2f} s CPU)  {args.events / took:9,.0f} events/s  "
                  f"{size / 1e6:8.1f} MB  peak RSS {_rss_mb():6.0f} MB", flush=True)  # fmt: skip
            for p in sorted(Path(tmp).iterdir()):
                if p.is_dir():
                    shutil.rmtree(p)
                else:
                    p.unlink()
    OUT.mkdir(exist_ok=True)
    if store:
        store.close()
    report = {"events": args.events, "mentions": 1 if store else args.mentions,
              "store": str(args.store) if store else None, "results": results}  # fmt: skip
    (OUT / "export.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
