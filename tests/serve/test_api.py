"""The API in-process (FastAPI's TestClient) over a store the real pipeline made from the
four reports in tests/fixtures/serve: every route gives what the library reads from the
store, its filters select what they say, and bad requests get a 4xx JSON error that says
what to fix."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.serve.app import MAX_PAGE, MAX_URL


def ids(events):
    return [e["id"] for e in events]


def all_pages(client, limit, **params):
    got, cursor, pages = [], None, 0
    while True:
        q = params | {"limit": limit} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/events", params=q).json()
        got += body["events"]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            return got, pages
        assert pages < 100


def test_health_counts_what_the_store_holds(client, library):
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    n = library["counts"]
    assert (body["articles"], body["mentions"], body["events"]) == (
        n["articles"],
        n["mentions"],
        n["events"],
    )
    dated = [e for e in library["events"] if e["date_first"]]
    assert body["date_first"] == min(e["date_first"] for e in dated)
    assert body["date_last"] == max(e["date_last"] for e in dated)


def test_the_fixture_store_has_an_event_from_each_report(library):
    # four reports in four countries: a store with fewer would not test the filters
    countries = {(e["location"] or {}).get("country") for e in library["events"]}
    assert {"KEN", "PER", "JPN", "POL"} <= countries


@pytest.mark.parametrize("limit", [1, 2, 3, MAX_PAGE])
def test_pages_follow_the_cursor_through_every_event_once_in_the_store_order(
    client, library, limit
):
    got, pages = all_pages(client, limit)
    assert ids(got) == ids(library["events"])  # Store.events order: first day, then id
    assert pages == max(1, -(-len(library["events"]) // limit))
    assert got == library["events"]  # the same dicts the library gives


def _who(e, role, value):
    v = value.lower()
    return any(
        (x["code"] or "").lower().startswith(v)
        or (x["country"] or "").lower() == v
        or v in (x["text"] or "").lower()
        for x in e[role]
    )


# Each filter as its documentation says it matches (docs/usage.md, `resgestae events`),
# applied here to the library's events by hand.
FILTERS = {
    "country=PER": (
        {"country": "PER"},
        lambda e: (
            (e["location"] or {}).get("country") == "PER"
            or any(x["country"] == "PER" for x in e["actor"] + e["recipient"])
        ),
    ),
    "actor=POL": ({"actor": "POL"}, lambda e: _who(e, "actor", "POL")),
    "recipient=PHL": ({"recipient": "PHL"}, lambda e: _who(e, "recipient", "PHL")),
    "event=PROTEST": ({"event": "PROTEST"}, lambda e: e["event"] == "PROTEST"),
    "event=1 (CAMEO prefix)": ({"event": "1"}, lambda e: (e["cameo"] or "").startswith("1")),
    "since and until": (
        {"since": "2024-04-01", "until": "2024-05-31"},
        lambda e: e["date_last"] >= "2024-04-01" and e["date_first"] <= "2024-05-31",
    ),
    "q (text search)": ({"q": "TEAR GAS"}, lambda e: "tear gas" in e["sentence"].lower()),
    "min_confidence": ({"min_confidence": 0.7}, lambda e: e["confidence"] >= 0.7),
    "combined": (
        {"country": "POL", "since": "2024-06-10"},
        lambda e: (
            "POL" in {(e["location"] or {}).get("country")} and e["date_last"] >= "2024-06-10"
        ),
    ),
}


@pytest.mark.parametrize("name", FILTERS)
def test_a_filter_selects_the_events_it_documents(client, library, name):
    params, keep = FILTERS[name]
    got, _ = all_pages(client, 2, **params)
    want = [e for e in library["events"] if keep(e)]
    assert want, f"the fixture store has no event for {name}: the test would prove nothing"
    assert ids(got) == ids(want)
    assert len(want) < len(library["events"]), "the filter must leave some events out"


@pytest.mark.parametrize("pattern", ["%", "_", "m_ners"])
def test_text_search_is_literal(client, library, pattern):
    events = client.get("/api/events", params={"q": pattern}).json()["events"]
    assert [e for e in events if pattern not in e["sentence"]] == []
    assert len(events) < len(library["events"])


def test_text_search_finds_the_miners_in_arequipa(client):
    events = client.get("/api/events", params={"q": "miners"}).json()["events"]
    assert events and all("miners" in e["sentence"] for e in events)
    assert any((e["location"] or {}).get("name") == "Arequipa" for e in events)


def _protest_in_kenya(client):
    events = client.get("/api/events", params={"country": "KEN", "event": "PROTEST"}).json()
    (event,) = events["events"]
    return client.get(f"/api/events/{event['id']}").json()


def test_an_event_has_its_mentions_with_the_evidence_as_offsets_in_the_article(client):
    event = _protest_in_kenya(client)
    assert event["num_mentions"] == len(event["mentions"]) >= 1
    m = event["mentions"][0]
    assert m["event_id"] == event["id"]
    text = client.get(f"/api/articles/{m['article_id']}").json()["text"]
    start, end = m["span"]
    assert text[start:end] == m["sentence"]
    assert "marched" in m["sentence"]
    t = m["trigger"]
    assert text[t["start"] : t["end"]] == t["text"] == "marched"
    actor = m["actor"][0]
    assert text[actor["start"] : actor["end"]] == actor["text"] and "teachers" in actor["text"]
    assert actor["country"] == "KEN" and actor["rule"]
    assert m["location"]["name"] == "Nairobi" and m["location"]["rule"]
    assert m["rule"]  # the lexicon entry that fired


def test_an_event_links_to_its_articles_and_the_article_back_to_it(client):
    event = _protest_in_kenya(client)
    (article,) = event["articles"]
    assert article["source"] == "Lakeside Herald" and article["published"] == "2024-03-06"
    body = client.get(article["href"]).json()
    assert body["id"] == article["id"]
    assert event["id"] in body["events"]
    assert set(m["id"] for m in event["mentions"]) <= set(body["mentions"])
    assert body["text"].startswith("Thousands of teachers marched")


def test_counts_are_the_library_counts_and_add_up_to_the_events(client, library):
    body = client.get("/api/counts", params={"by": "country,month"}).json()
    assert body["by"] == ["country", "month"] and not body["truncated"]
    assert sum(r["events"] for r in body["counts"]) == len(library["events"])
    by_month: dict = {}
    for e in library["events"]:
        by_month[e["date_first"][:7]] = by_month.get(e["date_first"][:7], 0) + 1
    body = client.get("/api/counts", params={"by": "month"}).json()
    assert {r["month"]: r["events"] for r in body["counts"]} == by_month


@pytest.mark.parametrize(
    "by",
    ["country", "year", "month", "week", "day", "event", "actor", "recipient", "quad_class",
     "country,week", "event,year,day"],
)  # fmt: skip
def test_counts_are_the_rows_of_resgestae_counts(client, library, by):
    assert client.get("/api/counts", params={"by": by}).json()["counts"] == library["counts_by"][by]


def test_counts_take_the_filters(client, library):
    body = client.get("/api/counts", params={"by": "event", "country": "PER"}).json()
    want: dict = {}
    keep = FILTERS["country=PER"][1]
    for e in library["events"]:
        if keep(e):
            want[e["event"]] = want.get(e["event"], 0) + 1
    assert {r["event"]: r["events"] for r in body["counts"]} == want


def test_actors_list_the_dyads_the_reports_name(client):
    body = client.get("/api/actors").json()
    dyads = {(d["actor"], d["recipient"]) for d in body["dyads"]}
    assert ("JPN", "PHL") in dyads  # Japan pledged aid to the Philippines
    assert any(a.startswith("POL") and r == "BLR" for a, r in dyads)  # Poland accused Belarus
    assert [d["events"] for d in body["dyads"]] == sorted(
        (d["events"] for d in body["dyads"]), reverse=True
    )
    one = client.get("/api/actors", params={"top": 1, "country": "JPN"}).json()
    assert one["dyads"] == [{"actor": "JPN", "recipient": "PHL", "events": 1, "mentions": 1}]
    assert len(one["actors"]) == len(one["recipients"]) == 1


def test_map_points_are_the_placed_events_where_they_are(client, library):
    body = client.get("/api/map").json()
    placed = [e for e in library["events"] if (e["location"] or {}).get("lat") is not None]
    assert body["total"] == len(placed) == len(body["points"]) and not body["truncated"]
    assert {p[3] for p in body["points"]} == set(ids(placed))
    for lon, lat, quad, _ in client.get("/api/map", params={"country": "KEN"}).json()["points"]:
        assert 33 < lon < 42 and -5 < lat < 5  # in Kenya
        assert quad in (1, 2, 3, 4)
    capped = client.get("/api/map", params={"limit": 2}).json()
    assert len(capped["points"]) == 2 and capped["truncated"]


BAD = [
    ("/api/events?since=2024-13-01", 422, "YYYY-MM-DD"),
    ("/api/events?since=2024-05-01&until=2024-04-01", 400, "swap"),
    ("/api/events?limit=0", 422, "limit"),
    (f"/api/events?limit={MAX_PAGE + 1}", 422, "limit"),
    ("/api/events?limit=ten", 422, "whole number"),
    ("/api/events?min_confidence=2", 422, "min_confidence"),
    ("/api/events?cursor=not-a-cursor", 400, "next"),
    ("/api/events?q=" + "x" * 201, 422, "at most 200 characters"),
    ("/api/counts", 422, "by: required"),
    ("/api/counts?by=country,planet", 422, "by: give one or more of country, year"),
    ("/api/events?cursor=no%20spaces", 422, "cursor: pass the `next`"),
    ("/api/events/0000000000000000", 404, "/api/events"),
    ("/api/articles/nope", 404, "no article"),
    ("/api/nothing", 404, "/docs"),
    ("/api/events?q=" + "x" * MAX_URL, 414, str(MAX_URL)),
]


@pytest.mark.parametrize("url,status,hint", BAD)
def test_a_bad_request_is_a_json_error_that_says_what_to_fix(client, url, status, hint):
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert hint in r.json()["error"]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_there_is_no_write_endpoint(client, app, method):
    r = client.request(method.upper(), "/api/events", json={"id": "x"})
    assert r.status_code in (405, 413)
    assert "read-only" in r.json()["error"]
    for route in app.routes:
        assert set(getattr(route, "methods", None) or {"GET"}) <= {"GET", "HEAD"}, route


def test_the_store_is_open_read_only(app):
    import duckdb

    with pytest.raises(duckdb.Error, match="read-only"):
        app.state.reader.store.cursor().execute("DELETE FROM events")


def test_a_cursor_from_another_filter_still_pages_in_order(client, library):
    # the cursor holds only the last sort key: it stays valid when the filters change
    first = client.get("/api/events", params={"limit": 1}).json()
    rest = client.get("/api/events", params={"limit": MAX_PAGE, "cursor": first["next"]}).json()
    assert ids(first["events"] + rest["events"]) == ids(library["events"])


def test_the_openapi_page_documents_every_route(client):
    spec = client.get("/openapi.json").json()
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/counts",
        "/api/actors",
        "/api/map",
        "/api/articles/{article_id}",
        "/api/health",
    } <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "recipient", "event", "country", "since", "until", "q"} <= params
    assert {"min_confidence", "cursor", "limit"} <= params


def test_the_docs_page_loads_nothing_from_another_host(client):
    r = client.get("/docs")
    if r.status_code == 503:  # not built: says how to build it
        assert "make install" in r.text
        return
    assert r.status_code == 200 and "/swagger/swagger-ui-bundle.js" in r.text
    assert "cdn" not in r.text.lower()
    assert client.get("/swagger/swagger-ui-bundle.js").status_code == 200


def test_dates_in_events_are_iso_days(client):
    for e in client.get("/api/events").json()["events"]:
        dt.date.fromisoformat(e["date_first"])


def test_a_capped_map_keeps_the_most_confident_events(client, library):
    everything = client.get("/api/map").json()["points"]
    confidence = {e["id"]: e["confidence"] for e in library["events"]}
    ranked = sorted(everything, key=lambda p: (-confidence[p[3]], p[3]))
    assert everything == ranked
    for k in range(1, len(everything)):
        assert client.get("/api/map", params={"limit": k}).json()["points"] == ranked[:k]
