"""``create_app``: the FastAPI application over a store opened read-only. The routes parse
and bound their parameters and wrap ``Reader``; every error is JSON ``{"error": ...}`` with
a 4xx (503 only for a timeout, or a Parquet folder that cannot be read) and a message that
says what to fix. There is no write endpoint. The dashboard and the API page are static
files built from ``web/`` by ``make install`` (npm ci and esbuild) into
``resgestae/serve/static``; nothing is fetched from the network at run time.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from resgestae.errors import OptionError, StoreError
from resgestae.serve.reader import Filters, Reader
from resgestae.store.queries import DIMENSIONS

__all__ = ["MAX_PAGE", "MAX_POINTS", "STATIC", "create_app"]

STATIC = Path(__file__).resolve().parent / "static"
MAX_PAGE = 500  # events a page
MAX_POINTS = 50_000  # map points a request
MAX_COUNTS = 20_000  # count rows a request
MAX_URL = 4096  # bytes of path and query string
TEXT = 200  # characters of a text filter
DIMS = "|".join(DIMENSIONS)  # what `by` may name

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>resgestae</title>
<p>The dashboard is not built. Run <code>make install</code> in the resgestae checkout (it runs
<code>npm ci</code> and the build into <code>resgestae/serve/static</code>), then restart
<code>resgestae serve</code>. The API works without it: <a href="/openapi.json">/openapi.json</a>,
<a href="/api/health">/api/health</a>.</p>"""


class Page(BaseModel):
    events: list[dict[str, Any]]
    next: str | None
    limit: int


class Counts(BaseModel):
    by: list[str]
    counts: list[dict[str, Any]]
    truncated: bool


class Actors(BaseModel):
    actors: list[dict[str, Any]]
    recipients: list[dict[str, Any]]
    dyads: list[dict[str, Any]]


class Points(BaseModel):
    points: list[list[Any]]
    total: int
    truncated: bool


class Health(BaseModel):
    status: str
    store: str
    articles: int
    mentions: int
    events: int
    date_first: str | None
    date_last: str | None


class Error(BaseModel):
    error: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "A parameter to fix"},
    422: {"model": Error, "description": "A parameter of the wrong form"},
}


def filters(
    actor: Annotated[
        str | None,
        Query(max_length=TEXT, description="Actor code prefix (AZE, IGOUNO), country or text."),
    ] = None,
    recipient: Annotated[
        str | None, Query(max_length=TEXT, description="Recipient code prefix, country or text.")
    ] = None,
    event: Annotated[
        str | None,
        Query(max_length=TEXT, description="PLOVER type (PROTEST) or CAMEO code prefix (14)."),
    ] = None,
    country: Annotated[
        str | None,
        Query(max_length=TEXT, description="ISO-3 country of an actor, recipient or place."),
    ] = None,
    since: Annotated[dt.date | None, Query(description="Events on or after this day.")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before this day.")] = None,
    q: Annotated[
        str | None, Query(max_length=TEXT, description="Text the event's sentence contains.")
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Events at least this confident (0-1).")
    ] = None,
) -> Filters:
    """The filters of ``resgestae events``, with a text search and a confidence floor."""
    if since and until and since > until:
        raise OptionError(f"since {since} is after until {until}; swap them")
    return Filters(actor, recipient, event, country, since, until, q or None, min_confidence)


FilterDep = Annotated[Filters, Depends(filters)]


def create_app(db_path: str | Path, *, timeout: float = 10.0) -> FastAPI:
    """The API and dashboard over the store at ``db_path``, opened read-only (a missing or
    invalid store raises ``StoreError`` here, before anything is served); a query running
    longer than ``timeout`` seconds is interrupted. The store stays open as long as the app
    (its lifespan may run more than once, as test clients do): ``app.state.reader.close()``
    closes it."""
    reader = Reader(db_path, timeout=timeout)  # closed by whoever made the app (see run.py)
    app = FastAPI(
        title="resgestae",
        summary="Political event data from news, with the evidence: a read-only API.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.reader = reader
    _errors(app)

    @app.get("/api/health", response_model=Health, tags=["store"])
    def health() -> Response:
        """The store's size and date range."""
        return _json(reader.health())

    @app.get("/api/events", response_model=Page, responses=ERRORS, tags=["events"])
    def events(
        f: FilterDep,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Events a page.")] = 50,
        cursor: Annotated[
            str | None,
            Query(
                max_length=512,
                pattern="^[A-Za-z0-9_-]+$",
                description="The `next` of the previous page.",
            ),
        ] = None,
    ) -> Response:
        """Real-world events matching the filters, by first day (undated last) then id, a
        page at a time: pass `next` back as `cursor` for the next page (null: no more)."""
        rows, nxt = reader.events(f, limit=limit, cursor=cursor)
        return _json({"events": rows, "next": nxt, "limit": limit})

    @app.get("/api/events/{event_id}", responses={404: {"model": Error}}, tags=["events"])
    def event(event_id: Annotated[str, _id("event")]) -> Response:
        """One event with every mention and its evidence (sentence, trigger, actor,
        recipient and place spans as offsets in the article, the rules) and its articles."""
        found = reader.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}; take an id from /api/events")
        return _json(found)

    @app.get("/api/counts", response_model=Counts, responses=ERRORS, tags=["events"])
    def counts(
        f: FilterDep,
        by: Annotated[
            str,
            Query(
                max_length=TEXT,
                pattern=f"^ *({DIMS})( *, *({DIMS}))* *$",
                description="Comma-separated: country, year, month, week, day, event, actor, "
                "recipient, quad_class.",
            ),
        ],
    ) -> Response:
        """Events and their mentions counted by the dimensions, as `resgestae counts`."""
        names = [b.strip() for b in by.split(",") if b.strip()]
        rows = reader.counts(names, f, limit=MAX_COUNTS + 1)
        return _json(
            {"by": names, "counts": rows[:MAX_COUNTS], "truncated": len(rows) > MAX_COUNTS}
        )

    @app.get("/api/actors", response_model=Actors, responses=ERRORS, tags=["events"])
    def actors(
        f: FilterDep,
        top: Annotated[int, Query(ge=1, le=100, description="How many of each.")] = 10,
    ) -> Response:
        """The top actors, recipients and dyads (actor, recipient) by events."""
        return _json(reader.actors(f, top=top))

    @app.get("/api/map", response_model=Points, responses=ERRORS, tags=["events"])
    def points(
        f: FilterDep,
        limit: Annotated[int, Query(ge=1, le=MAX_POINTS, description="Points at most.")] = 10_000,
    ) -> Response:
        """Events with a place as `[lon, lat, quad_class, id]`, the most confident first."""
        rows, total = reader.points(f, limit=limit)
        return _json({"points": rows, "total": total, "truncated": total > len(rows)})

    @app.get("/api/articles/{article_id}", responses={404: {"model": Error}}, tags=["store"])
    def article(article_id: Annotated[str, _id("article")]) -> Response:
        """A stored article: its text, and the mentions and events coded from it."""
        found = reader.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}; take an id from an event")
        return _json(found)

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        swagger = STATIC / "swagger"
        if not (swagger / "swagger-ui-bundle.js").is_file():
            return HTMLResponse(NOT_BUILT, status_code=503)
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="resgestae API",
            swagger_js_url="/swagger/swagger-ui-bundle.js",
            swagger_css_url="/swagger/swagger-ui.css",
            swagger_favicon_url="/swagger/favicon-32x32.png",
            # no badge from the online validator: the page asks nothing of another host
            swagger_ui_parameters={"validatorUrl": None},
        )

    if (STATIC / "index.html").is_file():
        app.mount("/", StaticFiles(directory=STATIC, html=True), name="dashboard")
    else:

        @app.get("/", include_in_schema=False)
        def not_built() -> Response:
            return HTMLResponse(NOT_BUILT, status_code=503)

    return app


def _json(body: object) -> Response:
    """``body`` as JSON, written by the standard library: the reader's dicts hold only JSON
    types (dates as ISO strings), and validating them again through the response models
    (kept for the OpenAPI page) cost more than the query for a page of events."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Response(text, media_type="application/json")


def _id(what: str) -> Any:
    from fastapi import Path as PathParam

    return PathParam(min_length=1, max_length=64, description=f"The {what}'s id.")


def _errors(app: FastAPI) -> None:
    """Every error as ``{"error": message}``; requests too long refused before routing."""

    @app.middleware("http")
    async def bounded(request: Request, call_next: Any) -> Response:
        size = len(request.url.path) + len(request.url.query)
        if size > MAX_URL:
            return JSONResponse(
                {"error": f"the URL is {size} bytes; keep it under {MAX_URL}"}, status_code=414
            )
        if request.headers.get("content-length", "0") not in ("", "0"):
            return JSONResponse(
                {"error": "this API is read-only and takes no request body; send a GET"},
                status_code=413,
            )
        return await call_next(request)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
            problems.append(f"{where or 'request'}: {_fix(where, e)}")
        return JSONResponse(
            {"error": "; ".join(problems), "detail": jsonable_encoder(exc.errors())},
            status_code=422,
        )

    @app.exception_handler(OptionError)
    async def option(request: Request, exc: OptionError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def unreadable(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=503)

    @app.exception_handler(TimeoutError)
    async def slow(request: Request, exc: TimeoutError) -> JSONResponse:
        return JSONResponse(
            {"error": f"{exc}; narrow the filters (a date range, a country, an event type)"},
            status_code=503,
        )

    @app.exception_handler(HTTPException)
    async def http(request: Request, exc: HTTPException) -> JSONResponse:
        message = exc.detail
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page {request.url.path!r}; the API is listed at /docs"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed here; this API is read-only: send a GET"
        return JSONResponse({"error": str(message)}, status_code=exc.status_code)


def _fix(name: str, error: dict) -> str:
    """A validation error of parameter ``name`` as what to give instead."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required; give it"
    if kind == "string_pattern_mismatch" and name == "by":
        return f"give one or more of {', '.join(DIMENSIONS)}, separated by commas"
    if kind == "string_pattern_mismatch" and name == "cursor":
        return "pass the `next` of the previous page unchanged"
    if kind.startswith("date"):
        return "give a date as YYYY-MM-DD"
    if kind in ("int_parsing", "int_from_float"):
        return "give a whole number"
    if kind == "float_parsing":
        return "give a number"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{error.get('msg', 'out of range')}; give a value in range"
    if kind == "string_too_long":
        return f"at most {ctx.get('max_length')} characters"
    return str(error.get("msg", "invalid"))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("resgestae")
    except PackageNotFoundError:
        return "0"
