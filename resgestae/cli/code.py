"""``resgestae code`` and ``resgestae ingest``."""

from __future__ import annotations

import sys

import click

from resgestae import output
from resgestae.cli.batch import Batch
from resgestae.cli.options import db_option, format_option, input_options
from resgestae.store import Store


@click.command()
@input_options
@format_option
def code(paths, fmt, **options):
    """Code articles and print their events.

    PATH is a file, a directory (read recursively) or - for stdin. Text files may start with
    a 'date YYYY-MM-DD By SOURCE' line; .jsonl files hold one article per line. Inputs that
    cannot be read are reported on stderr and skipped; the exit code is then 1.
    """
    batch = Batch(paths, **options)
    events = (e.to_dict() for result in batch.results() for e in result.events)
    output.write(events, fmt or output.default_format(sys.stdout), sys.stdout)
    batch.finish()


@click.command()
@input_options
@db_option
def ingest(paths, db, **options):
    """Code articles and store them with their events in DuckDB.

    Stores articles, events and actor mentions in the --db file.
    Articles already in the database (same id) are skipped before parsing, so ingesting
    again adds nothing. Each article is stored in its own transaction.
    """
    with Store(db) as store:
        batch = Batch(paths, skip=store.has, **options)
        for result in batch.results():
            store.add(result)
    batch.finish()
