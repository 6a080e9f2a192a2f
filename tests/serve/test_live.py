"""`resgestae serve` as a real uvicorn server on a free localhost port (started by the
session fixture, stopped after it): the API answers over HTTP, in parallel, as it does
in-process, and only on the loopback address."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx


def test_the_live_server_answers_as_the_app_does(live, client):
    for path in ("/api/health", "/api/events?limit=3", "/api/counts?by=country,month"):
        r = httpx.get(live + path, timeout=10)
        assert r.status_code == 200
        assert r.json() == client.get(path).json()


def test_the_live_server_pages_and_opens_an_event(live, library):
    seen, cursor = [], None
    with httpx.Client(base_url=live, timeout=10) as http:
        while True:
            body = http.get(
                "/api/events", params={"limit": 2, **({"cursor": cursor} if cursor else {})}
            ).json()
            seen += [e["id"] for e in body["events"]]
            cursor = body["next"]
            if not cursor:
                break
        assert seen == [e["id"] for e in library["events"]]
        event = http.get(f"/api/events/{seen[0]}").json()
        assert event["mentions"] and event["mentions"][0]["event_id"] == seen[0]


def test_parallel_requests_all_succeed(live, library):
    def get(i):
        return httpx.get(f"{live}/api/events", params={"limit": 1 + i % 5}, timeout=20)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(get, range(32)))
    assert all(r.status_code == 200 for r in results)
    assert all(r.json()["events"][0]["id"] == library["events"][0]["id"] for r in results)


def test_errors_over_http_are_json(live):
    r = httpx.get(f"{live}/api/events", params={"since": "yesterday"}, timeout=10)
    assert r.status_code == 422 and "YYYY-MM-DD" in r.json()["error"]
    r = httpx.post(f"{live}/api/events", timeout=10)
    assert r.status_code == 405 and "read-only" in r.json()["error"]


def test_it_listens_on_loopback_only(live):
    assert live.startswith("http://127.0.0.1:")
