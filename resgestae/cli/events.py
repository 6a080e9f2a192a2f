"""``resgestae events``: query the DuckDB store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from resgestae import output
from resgestae.cli.options import IsoDate, db_option, format_option
from resgestae.store import Store


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
    if not Path(db).exists():
        raise click.ClickException(
            f"{db}: no such database; create it with `resgestae ingest PATH... --db {db}`"
        )
    with Store(db) as store:
        output.write(store.query(**filters), fmt or output.default_format(sys.stdout), sys.stdout)
