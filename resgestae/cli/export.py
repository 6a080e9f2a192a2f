"""``resgestae export``: write stored real-world events as GDELT, ACLED, PLOVER, Parquet or
GeoJSON files."""

from __future__ import annotations

import click

from resgestae.cli.events import open_db
from resgestae.cli.options import (
    IsoDate,
    limit_option,
    one_line_errors,
    quiet_option,
    store_option,
)
from resgestae.export import FORMATS, export_store


@click.command("export")
@click.option(
    "--to",
    "to",
    type=click.Choice(FORMATS),
    required=True,
    help="The format: GDELT's Event and Mentions tables, ACLED's CSV, PLOVER JSON "
    "Lines, Parquet datasets by month (FILE is a folder) or GeoJSON points.",
)
@click.argument("path", metavar="FILE", type=click.Path())
@store_option
@click.option(
    "--header",
    is_flag=True,
    help="gdelt: a header row of column names in both tables (GDELT's have none).",
)
@click.option("--actor", help="Actor code prefix (AZE, IGOUNO), country, or part of its text.")
@click.option("--recipient", help="Recipient code prefix, country, or part of its text.")
@click.option("--event", help="PLOVER event type (PROTEST) or CAMEO code prefix (14).")
@click.option("--country", help="ISO-3 country of the actor, the recipient or the location.")
@click.option("--since", type=IsoDate(), help="Events on or after this day.")
@click.option("--until", type=IsoDate(), help="Events on or before this day.")
@limit_option
@quiet_option
def export(to, path, db, header, quiet, **filters):
    """Export stored events to FILE.

    Writes the real-world events stored by `resgestae ingest`, each with its mentions,
    filtered as `resgestae events` filters them, in a format other tools load.
    """  # fmt: skip
    with open_db(db, events=True) as store, one_line_errors():
        n = export_store(store, to=to, path=path, header=header, **filters)
    if not quiet:
        click.echo(f"{n} events written to {path} ({to})", err=True)
