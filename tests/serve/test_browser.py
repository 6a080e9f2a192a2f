"""The dashboard in a real browser: Playwright drives Debian's chromium (headless) against a
real `resgestae serve`. It loads, shows the store's events on the map, the timeline and the
table; a filter typed in changes all three and the URL; a URL with filters opens that view;
dragging across the timeline sets the dates; clicking an event opens its sentence with the
trigger, actor and place marked. A screenshot of the dashboard is saved under build/
(ignored by git; RESGESTAE_SCREENSHOTS moves it).

Skipped when chromium, Playwright or the built dashboard is missing, except under CI=true,
where `make install` has installed them and their absence is a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from resgestae.serve.app import STATIC

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("RESGESTAE_SCREENSHOTS", Path(__file__).parents[2] / "build"))


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[test]'"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: apt-get install chromium"
    if not (STATIC / "index.html").exists():
        return "the dashboard is not built: make install (npm ci and the build)"
    return None


MISSING = _missing()
if MISSING and os.environ.get("CI") == "true":
    pytest.fail(f"browser tests cannot run under CI: {MISSING}", pytrace=False)
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=live)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # offline: the page may ask nothing of any host but the server
    pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith(live) else r.abort())
    pg.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    yield pg
    context.close()
    assert not errors, errors


def ready(pg):
    pg.wait_for_selector("body[data-state=ready]", timeout=15_000)


def placed(events):
    return [e for e in events if (e["location"] or {}).get("lat") is not None]


def months(events):
    return {e["date_first"][:7] for e in events}


def test_the_dashboard_shows_the_stores_events(page, library):
    page.goto("/")
    ready(page)
    events = library["events"]
    assert page.get_attribute("#map", "data-points") == str(len(placed(events)))
    assert int(page.get_attribute("#map", "data-clusters") or 0) >= 1
    assert page.locator("#timeline rect.bar").count() == len(months(events))
    assert page.locator("#events tbody tr").count() == len(events)
    assert page.locator("#dyads li").count() >= 3
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_a_filter_changes_the_map_the_timeline_the_table_and_the_url(page, library):
    page.goto("/")
    ready(page)
    before = page.get_attribute("#map", "data-points")
    page.fill("input[name=country]", "PER")
    page.press("input[name=country]", "Enter")
    page.wait_for_url("**country=PER**")
    ready(page)
    peru = [
        e
        for e in library["events"]
        if "PER"
        in {(e["location"] or {}).get("country")}
        | {x["country"] for x in e["actor"] + e["recipient"]}
    ]
    assert peru and len(peru) < len(library["events"])
    assert page.get_attribute("#map", "data-points") == str(len(placed(peru))) != before
    assert page.locator("#timeline rect.bar").count() == len(months(peru))
    rows = page.locator("#events tbody tr")
    assert rows.count() == len(peru)
    assert all("PER" in t for t in rows.all_inner_texts())


def test_a_url_with_filters_opens_that_view(page, library):
    page.goto("/?event=PROTEST&min_confidence=0.1")
    ready(page)
    assert page.input_value("input[name=event]") == "PROTEST"
    assert page.input_value("input[name=min_confidence]") == "0.1"
    protests = [e for e in library["events"] if e["event"] == "PROTEST" and e["confidence"] >= 0.1]
    rows = page.locator("#events tbody tr")
    assert rows.count() == len(protests) >= 1
    assert all("PROTEST" in t for t in rows.all_inner_texts())


def test_dragging_across_the_timeline_sets_the_dates(page, library):
    page.goto("/")
    ready(page)
    first = page.locator("#timeline rect.bar").first
    box = first.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] - 5
    page.mouse.move(box["x"] + 3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=4)
    page.mouse.move(box["x"] + box["width"] - 3, y, steps=4)
    page.mouse.up()
    month = sorted(months(library["events"]))[0]  # the first bar is the first month
    page.wait_for_url(f"**since={month}-01**")
    ready(page)
    assert page.input_value("input[name=since]") == f"{month}-01"
    assert page.input_value("input[name=until]").startswith(month)
    want = [e for e in library["events"] if e["date_first"][:7] <= month <= e["date_last"][:7]]
    assert page.locator("#events tbody tr").count() == len(want)
    assert page.locator("#timeline rect.bar").count() == 1


def test_clicking_an_event_shows_its_sentence_with_the_evidence_marked(page):
    page.goto("/?country=KEN&event=PROTEST")
    ready(page)
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#panel:not([hidden]) .mention")
    mention = page.locator("#panel .mention").first
    assert mention.locator("mark.trigger").inner_text() == "marched"
    assert "teachers" in mention.locator("mark.actor").first.inner_text()
    marked = mention.locator("mark.place, mark.recipient").all_inner_texts()
    assert "Nairobi" in marked
    assert "Lakeside Herald" in mention.inner_text()
    assert "PROTEST" in mention.locator(".rules").last.inner_text()  # the codes and rules
    link = page.locator("#panel ul a").first.get_attribute("href")
    assert link and link.startswith("/api/articles/")
    page.click("#close")
    assert page.locator("#panel").is_hidden()


def test_the_dashboard_needs_nothing_but_the_server():
    # the built page references only its own files: no CDN, no tile server
    html = (STATIC / "index.html").read_text()
    assert "http://" not in html and "https://" not in html


# The centroid, in CSS pixels, of the canvas pixels near an RGB colour: where a dot is drawn.
FIND_DOT = """([r, g, b]) => {
  const c = document.querySelector('#map');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0, x = 0, y = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) {
      const p = i / 4; x += p % c.width; y += Math.floor(p / c.width); n++;
    }
  }
  const ratio = c.width / c.clientWidth;
  return n ? [x / n / ratio, y / n / ratio, n] : null;
}"""


def test_clicking_a_dot_on_the_map_opens_its_event(page, library):
    # Japan's pledge of aid is verbal cooperation (quad class 1): the only blue dot
    (japan,) = [e for e in library["events"] if (e["location"] or {}).get("country") == "JPN"]
    assert japan["quad_class"] == 1
    page.goto("/?country=JPN")
    ready(page)
    assert page.get_attribute("#map", "data-points") == "1"
    dot = page.evaluate(FIND_DOT, [0x4C, 0x9B, 0xE8])
    assert dot is not None, "no blue dot drawn on the map"
    box = page.locator("#map").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + dot[0], box["y"] + dot[1])
    page.wait_for_selector("#panel:not([hidden]) .mention")
    assert "Japan" in page.locator("#panel .mention").first.inner_text()
    assert page.locator("#panel h2").inner_text() == f"{japan['event']} · {japan['date']}"


def test_the_api_page_renders_offline(page):
    # the page fixture fails the test on any request to another host
    page.goto("/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in paths and "/api/events/{event_id}" in paths
