"""How fast the store answers `resgestae counts` and `resgestae events` over many real-world
events (issue 13: counts by country and month over 10 million events in under 1 s; a filtered
`events --limit` in under 0.5 s).

Builds a synthetic store once (events made by SQL in DuckDB, not by the pipeline: the
queries are what is timed), then times ``Store.counts_by`` and ``Store.events`` through the
library, best of ``--repeat``. Writes ``bench/out/events_store.json``.

    .venv/bin/python bench/events_store.py --events 1000000
    .venv/bin/python bench/events_store.py --events 10000000 --db /tmp/big.duckdb
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from resgestae.store import Store

OUT = Path(__file__).resolve().parent / "out"

# Events spread over 2015-2024, 40 countries, 16 types, with actor and recipient lists and
# a location: the shape Store.events reads, made in one INSERT ... SELECT.
BUILD = """
INSERT INTO events
SELECT
    printf('%016x', i) AS id,
    t.types[1 + i % 16] AS event,
    printf('%03d', 10 + i % 190) AS cameo,
    1 + i % 4 AS quad_class,
    -5.0 + (i % 100) / 10 AS goldstein,
    strftime(d, '%Y-%m-%d') AS date, 'day' AS date_precision,
    d AS date_first, d AS date_last,
    [{'text': 'x', 'code': c.cs[1 + i % 40] || 'GOV', 'country': c.cs[1 + i % 40],
      'sector': 'GOV', 'start': 0, 'end': 1, 'rule': 'bench'}] AS actor,
    [{'text': 'y', 'code': c.cs[1 + (i // 40) % 40], 'country': c.cs[1 + (i // 40) % 40],
      'sector': NULL, 'start': 0, 'end': 1, 'rule': 'bench'}] AS recipient,
    {'text': 'p', 'name': 'p', 'country': c.cs[1 + (i * 7) % 40], 'admin1': NULL,
     'lat': 0.0, 'lon': 0.0, 'geonameid': NULL, 'precision': 'country', 'start': NULL,
     'end': NULL, 'rule': 'bench'} AS location,
    0.5 AS confidence, NULL AS fatalities, NULL AS acled_type, NULL AS acled_subtype,
    1 + i % 3 AS num_mentions, 1 AS num_sources, 1 AS num_articles,
    d AS first_seen, d AS last_seen, 'A sentence.' AS sentence, NULL AS source_url,
    t.types[1 + i % 16] AS type_key, [printf('%016x', i)] AS mention_ids,
    printf('%016x', i) AS component
FROM (
    SELECT i, DATE '2015-01-01' + CAST(i * 3652 // ? AS INTEGER) AS d FROM range(?) r(i)
),
(SELECT ['AGREE', 'ASSAULT', 'PROTEST', 'ACCUSE', 'REQUEST', 'THREATEN', 'SANCTION',
         'COERCE', 'CONSULT', 'SUPPORT', 'AID', 'RETREAT', 'REJECT', 'MOBILIZE', 'CONCEDE',
         'DEMAND'] AS types) t,
(SELECT ['AFG', 'ARG', 'AUS', 'AZE', 'BRA', 'CAN', 'CHN', 'COL', 'DEU', 'EGY', 'ESP', 'ETH',
         'FRA', 'GBR', 'IDN', 'IND', 'IRN', 'IRQ', 'ISR', 'ITA', 'JPN', 'KEN', 'KOR', 'MEX',
         'MLI', 'NGA', 'PAK', 'PER', 'PHL', 'POL', 'PRT', 'RUS', 'SAU', 'SDN', 'SYR', 'TUR',
         'UKR', 'USA', 'VEN', 'YEM'] AS cs) c
"""


def best(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=OUT / "events_store.duckdb")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    with Store(args.db) as store:
        have = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        if have != args.events:
            store.con.execute("DELETE FROM events")
            t = time.perf_counter()
            store.con.execute(BUILD, [args.events, args.events])
            print(f"built {args.events:,} events in {time.perf_counter() - t:.1f} s")
        queries = {
            "counts --by country,month": lambda: list(store.counts_by(["country", "month"])),
            "counts --by event,year --country FRA": lambda: list(
                store.counts_by(["event", "year"], country="FRA")
            ),
            "events --event PROTEST --limit 20": lambda: list(
                store.events(event="PROTEST", limit=20)
            ),
            "events --actor FRA --since 2020-01-01 --limit 20": lambda: list(
                store.events(actor="FRA", since=dt.date(2020, 1, 1), limit=20)
            ),
            "events --mentions --event PROTEST --limit 20": lambda: list(
                store.mentions(event="PROTEST", limit=20)
            ),
        }
        result = {"events": args.events}
        for name, f in queries.items():
            result[name] = round(best(f, args.repeat), 3)
            print(f"{name:<50} {result[name]:7.3f} s")
    (OUT / "events_store.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
