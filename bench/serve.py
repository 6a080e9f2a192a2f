"""How fast `resgestae serve` answers over a store of a million real-world events (issue 15:
`/api/events` with a filter p95 < 100 ms, `/api/counts` p95 < 200 ms, the dashboard's first
render with 10,000 events on the map < 2 s in headless chromium).

Builds a synthetic store once (events made by SQL in DuckDB, not by the pipeline: the server
is what is timed), starts `resgestae serve` on a free localhost port, sends ``--requests``
requests of each kind one after another over one keep-alive connection, and loads the
dashboard ``--renders`` times in Debian's chromium (Playwright), timing navigation to the
map, timeline, table and dyads all drawn. Writes ``bench/out/serve.json``.

    .venv/bin/python bench/serve.py
    .venv/bin/python bench/serve.py --events 1000000 --requests 300 --db /tmp/serve.duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from resgestae.store import Store

OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"

# Events spread over 2015-2024, 40 countries, 16 types, 4 quad classes, confidences 0.3-1,
# places scattered over the globe: the shape the API reads, made in one INSERT ... SELECT.
BUILD = """
INSERT INTO events
SELECT
    printf('%016x', i) AS id,
    t.types[1 + i % 16] AS event,
    printf('%03d', 10 + i % 190) AS cameo,
    1 + (i // 7) % 4 AS quad_class,
    -5.0 + (i % 100) / 10 AS goldstein,
    strftime(d, '%Y-%m-%d') AS date, 'day' AS date_precision,
    d AS date_first, d AS date_last,
    [{'text': 'the government', 'code': c.cs[1 + i % 40] || 'GOV', 'country': c.cs[1 + i % 40],
      'sector': 'GOV', 'start': 0, 'end': 14, 'rule': 'bench'}] AS actor,
    [{'text': 'them', 'code': c.cs[1 + (i // 40) % 40], 'country': c.cs[1 + (i // 40) % 40],
      'sector': NULL, 'start': 20, 'end': 24, 'rule': 'bench'}] AS recipient,
    {'text': 'p', 'name': 'Place ' || (i % 997), 'country': c.cs[1 + (i * 7) % 40],
     'admin1': NULL, 'lat': -55.0 + (hash(i) % 12000) / 100.0,
     'lon': -170.0 + (hash(i + 1) % 34000) / 100.0, 'geonameid': NULL, 'precision': 'city',
     'start': NULL, 'end': NULL, 'rule': 'bench'} AS location,
    0.3 + (hash(i + 2) % 70) / 100.0 AS confidence, NULL AS fatalities, NULL AS acled_type,
    NULL AS acled_subtype, 1 + i % 3 AS num_mentions, 1 AS num_sources, 1 AS num_articles,
    d AS first_seen, d AS last_seen,
    'The government said it would act against them on the day.' AS sentence,
    NULL AS source_url, t.types[1 + i % 16] AS type_key, [printf('%016x', i)] AS mention_ids,
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

EVENTS = [  # /api/events with a filter, in turn
    {"event": "PROTEST", "limit": 50},
    {"country": "FRA", "limit": 50},
    {"actor": "USA", "since": "2020-01-01", "limit": 50},
    {"event": "14", "country": "KEN", "until": "2018-12-31", "limit": 50},
    {"min_confidence": 0.9, "since": "2023-01-01", "limit": 50},
]
COUNTS = [  # /api/counts, in turn
    {"by": "country,month"},
    {"by": "month", "event": "PROTEST"},
    {"by": "event,year", "country": "FRA"},
    {"by": "week", "since": "2022-01-01", "until": "2022-12-31"},
]


def build(db: Path, n: int) -> None:
    with Store(db) as store:
        have = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        if have == n:
            return
        store.con.execute("DELETE FROM events")
        t = time.perf_counter()
        store.con.execute(BUILD, [n, n])
        store.con.execute("CHECKPOINT")
        print(f"built {n:,} events in {time.perf_counter() - t:.1f} s", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [sys.executable, "-c", "from resgestae.cli.main import cli; cli()", "serve"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([*cmd, "--db", str(db), "--port", str(port), "--quiet"], env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("resgestae serve did not start")


def timed(http: httpx.Client, path: str, variants: list[dict], n: int) -> dict:
    for params in variants:  # one of each first: DuckDB's first read of a column is slower
        http.get(path, params=params).raise_for_status()
    times = []
    for i in range(n):
        t = time.perf_counter()
        http.get(path, params=variants[i % len(variants)]).raise_for_status()
        times.append(1000 * (time.perf_counter() - t))
    q = statistics.quantiles(times, n=100)
    return {"requests": n, "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1),
            "max_ms": round(max(times), 1)}  # fmt: skip


def renders(url: str, n: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        for _ in range(n):
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            page = context.new_page()
            page.goto(url + "/")
            page.wait_for_selector("body[data-state=ready]", timeout=60_000)
            ms = page.evaluate("performance.now()")
            points = int(page.get_attribute("#map", "data-points") or 0)
            out.append({"ms": round(ms), "points": points})
            context.close()
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=OUT / "serve.duckdb")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--renders", type=int, default=3)
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build(args.db, args.events)
    proc, url = start(args.db)
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            result: dict = {"events": args.events}
            result["/api/events"] = timed(http, "/api/events", EVENTS, args.requests)
            result["/api/counts"] = timed(http, "/api/counts", COUNTS, args.requests)
            result["/api/map"] = timed(http, "/api/map", [{"limit": 10_000}], 20)
            result["/api/actors"] = timed(http, "/api/actors", [{}], 20)
        for name in ("/api/events", "/api/counts", "/api/map", "/api/actors"):
            r = result[name]
            print(f"{name:<12} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms", flush=True)
        if Path(CHROMIUM).exists():
            result["render"] = renders(url, args.renders)
            for r in result["render"]:
                print(f"dashboard ready in {r['ms']} ms with {r['points']:,} points on the map")
        else:
            print(f"{CHROMIUM} is missing: no render timed (apt-get install chromium)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    OUT.mkdir(parents=True, exist_ok=True)  # --db may be elsewhere
    (OUT / "serve.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
