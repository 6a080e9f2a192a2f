"""``resgestae code`` and ``resgestae ingest``: thin wrappers over ``resgestae.batch``."""

from __future__ import annotations

import sys

import click

from resgestae import output
from resgestae.cli.batch import finish, open_batch, outcomes
from resgestae.cli.options import (
    db_option,
    engine_options,
    format_option,
    input_options,
    one_line_errors,
    out_option,
)


@click.command()
@input_options
@format_option
@engine_options
def code(paths, fmt, quiet, engine, address, **options):
    """Code articles and print their events.

    PATH is a file, a directory (read recursively) or - for stdin: plain text (.txt, may start
    with a 'date YYYY-MM-DD By SOURCE' line), JSON Lines (.jsonl), HTML pages (.html), RSS/Atom
    feeds (.rss, .atom, .xml), web archives (.warc, .warc.gz) or tables (.csv, .tsv; see
    --columns); any of them gzipped. Articles not in English and near-duplicates of an earlier
    article are not coded. Inputs that cannot be read are reported on stderr and skipped; the
    exit code is then 1.
    """
    if engine == "ray":
        from resgestae.cli.scale import run_ray

        return run_ray(paths, options, address=address, quiet=quiet, fmt=fmt)
    batch = open_batch(paths, options)
    events = (e.to_dict() for outcome in outcomes(batch, quiet) for e in outcome.events)
    output.write(events, fmt or output.default_format(sys.stdout), sys.stdout)
    finish(batch, quiet)


@click.command()
@input_options
@db_option
@engine_options
@out_option
def ingest(paths, db, quiet, engine, address, out, **options):
    """Code articles and store them with their events in DuckDB.

    Reads the same inputs as `code`. Stores articles, events and actor mentions in the --db
    file; articles not in English are stored as skipped and near-duplicates as linked to
    their original, both without events. Articles already in the database (same id) are
    skipped before parsing, so ingesting again adds nothing, and an interrupted run resumes
    where it stopped when run again. Articles are stored a group at a time, each group in
    one transaction.

    With --engine ray the articles are coded on a Ray cluster and written as Parquet to
    --out instead (articles/ and mentions/, by month); a rerun skips what is written.
    """
    if engine == "ray" or out is not None:
        if engine != "ray" or out is None:
            raise click.UsageError("--out and --engine ray go together: give both")
        from resgestae.cli.scale import run_ray

        return run_ray(paths, options, address=address, quiet=quiet, out=out)
    from resgestae.store import open_store

    with one_line_errors():
        store = open_store(db)
    with store:
        batch = open_batch(paths, options, store)
        try:
            for _ in outcomes(batch, quiet):
                pass
        except KeyboardInterrupt:
            click.echo(batch.summary.line(), err=True)
            raise click.ClickException(
                "interrupted; what was stored is kept: run the same command again to resume"
            ) from None
    finish(batch, quiet)
