"""``resgestae events``, ``resgestae counts`` and ``resgestae recluster``: read the store (a
DuckDB file or a Parquet folder), count its events, rebuild its events (library:
``resgestae.store.Store``)."""

from __future__ import annotations

import sys

import click

from resgestae import output
from resgestae.cli.options import (
    IsoDate,
    _apply,
    format_option,
    limit_option,
    one_line_errors,
    store_option,
)


def filter_options(f):
    """The filters `events` and `counts` share."""
    return _apply(
        f,
        [
            click.option(
                "--actor", help="Actor code prefix (AZE, IGOUNO), country, or part of its text."
            ),
            click.option(
                "--recipient", help="Recipient code prefix, country, or part of its text."
            ),
            click.option("--event", help="PLOVER event type (PROTEST) or CAMEO code prefix (14)."),
            click.option(
                "--country", help="ISO-3 country of the actor, the recipient or the location."
            ),
            click.option("--since", type=IsoDate(), help="Events on or after this day."),
            click.option("--until", type=IsoDate(), help="Events on or before this day."),
        ],
    )


def open_db(db, *, read_only=True, events=False):
    """The store at ``db`` (a DuckDB file or a Parquet folder), read-only unless the command
    writes: queries run no DDL and work on a read-only file. With ``events`` (the command
    reads events), a Parquet folder with mentions in no event says so on stderr: they were
    written after its last `recluster`."""
    from resgestae.store import open_store
    from resgestae.store.parquet import ParquetStore

    with one_line_errors():
        store = open_store(db, create=False, read_only=read_only)
    if events and isinstance(store, ParquetStore) and store.has_events:
        if n := store.unclustered():
            click.echo(
                f"warning: {db}: {n} mentions are in no event (written after the last "
                f"recluster); run `resgestae recluster --db {db}` to count them",
                err=True,
            )
    return store


@click.command()
@store_option
@filter_options
@click.option(
    "--mentions",
    is_flag=True,
    help="Print the mentions (one per coded sentence-level event), not real-world events.",
)
@limit_option
@format_option
def events(db, fmt, mentions, **filters):
    """Query stored events.

    Prints the real-world events stored by `resgestae ingest` (each joining the mentions of
    one act across sentences and articles, with how many mentions, articles and sources
    report it), or with --mentions the mentions themselves; filtered by actor, recipient,
    event type, country or date; filters combine with AND.
    """
    with open_db(db, events=not mentions) as store, one_line_errors():
        rows = store.mentions(**filters) if mentions else store.events(**filters)
        layout = output.MENTIONS if mentions else output.EVENTS
        output.write(rows, fmt or output.default_format(sys.stdout), sys.stdout, layout)


def _by(ctx, param, value):
    from resgestae.store.queries import DIMENSIONS

    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in DIMENSIONS]
    if unknown or not names:
        raise click.BadParameter(
            f"{unknown[0] if unknown else value!r} is not a dimension; give one or more of "
            f"{', '.join(DIMENSIONS)} separated by commas, e.g. --by country,month"
        )
    return names


@click.command()
@store_option
@click.option(
    "--by",
    required=True,
    callback=_by,
    metavar="DIM,...",
    help="Count by these, comma-separated: country, year, month, week, day, event, actor, "
    "recipient, quad_class.",
)
@filter_options
@format_option
def counts(db, fmt, by, **filters):
    """Count stored events.

    Counts the real-world events (and their mentions) by country, period, event type, actor
    or recipient, with the filters of `events`: time series and cross-tabs, aggregated in
    DuckDB.
    """
    with open_db(db, events=True) as store, one_line_errors():
        rows = store.counts_by(by, **filters)
        out = fmt or output.default_format(sys.stdout)
        output.write(rows, out, sys.stdout, output.counts_layout(by))


@click.command()
@store_option
@click.option(
    "--window-days",
    type=click.IntRange(min=0),
    help="Days apart two day-precision dates may be and overlap [store's; default 1].",
)
@click.option(
    "--distance-km",
    type=click.FloatRange(min=0),
    help="Distance within which two places in different regions are one [default 50].",
)
@click.option(
    "--evidence",
    type=click.IntRange(0, 3),
    help="How many of actor, recipient and place must agree [default 1].",
)
@click.option(
    "--window-evidence",
    type=click.IntRange(0, 3),
    help="How much more evidence two mentions on different dates need [default 1].",
)
@click.option(
    "--stance-days",
    type=click.IntRange(min=0),
    help="Days before its report a stance dated only by it may have been taken [default 30].",
)
@click.option(
    "--story/--no-story",
    default=None,
    help="Whether a story name two articles share is evidence [default yes].",
)
@click.option(
    "--mixed-precision/--no-mixed-precision",
    default=None,
    help="Whether a month or year may join a date at another precision [default no].",
)
@click.option(
    "--same-article/--no-same-article",
    default=None,
    help="Whether two mentions of one article may join [default yes].",
)
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def recluster(db, quiet, **changes):
    """Rebuild the real-world events of a store.

    Joins every stored mention into events again, as one clustering of the whole store,
    under the store's clustering settings with the options given changed (they are kept:
    later ingests use them too). In one transaction: interrupted, the store keeps its events.
    A Parquet folder written by `ingest --engine ray --out DIR` gets its events (the first
    time, or again after more articles) in DIR/events/events.parquet, replaced whole.
    """
    import dataclasses

    with open_db(db, read_only=False) as store:
        given = {k: v for k, v in changes.items() if v is not None}
        with one_line_errors():
            settings = dataclasses.replace(store.settings, **given)
            n = store.recluster(settings)
        if not quiet:
            m = store.counts()["mentions"]
            click.echo(f"{n} events from {m} mentions", err=True)
