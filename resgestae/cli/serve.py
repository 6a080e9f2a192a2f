"""``resgestae serve``: the read-only API and dashboard over a store (library:
``resgestae.serve``)."""

from __future__ import annotations

import click

from resgestae.cli.options import one_line_errors, store_option


@click.command()
@store_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 serves every network the machine is on.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on.",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query may run before it is stopped (the request gets a 503).",
)
@click.option("--quiet", "-q", is_flag=True, help="Log warnings only, not each request.")
def serve(db, host, port, timeout, quiet):
    """Serve the store: a read-only API and the dashboard.

    Opens the --db store (a DuckDB file, or a Parquet folder once `recluster` has built its
    events) read-only and serves a JSON API (documented at /docs) and the dashboard at /,
    on http://HOST:PORT, until Ctrl-C. Needs the `serve` extra (pip install
    'resgestae[serve]'); the dashboard is built by `make install`.
    """
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise click.ClickException(
            f"serving needs {exc.name}: install it with pip install 'resgestae[serve]' "
            "(make install does)"
        ) from None
    from resgestae.serve import serve as run

    with one_line_errors():
        run(db, host=host, port=port, timeout=timeout, log_level="warning" if quiet else "info")
