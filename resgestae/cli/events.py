"""``resgestae events``: query the DuckDB store."""

from __future__ import annotations

import sys

import click

from resgestae import output
from resgestae.cli.options import IsoDate, db_option, format_option, one_line_errors
from resgestae.store import open_store


@click.command()
@db_option
@click.option("--actor", help="Actor code prefix (AZE, IGOUNO), country, or part of its text.")
@click.option("--recipient", help="Recipient code prefix, country, or part of its text.")
@click.option("--event", help="PLOVER event type (PROTEST) or CAMEO code prefix (14).")
@click.option("--country", help="ISO-3 country of the actor, the recipient or the location.")
@click.option("--since", type=IsoDate(), help="Events on or after this day.")
@click.option("--until", type=IsoDate(), help="Events on or before this day.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many events.")
@format_option
def events(db, fmt, **filters):
    """Query stored events.

    Prints the events stored by `resgestae ingest`, filtered by actor, recipient, event type,
    country or date; filters combine with AND.
    """
    with one_line_errors():
        store = open_store(db, create=False)
    with store:
        output.write(store.query(**filters), fmt or output.default_format(sys.stdout), sys.stdout)
