"""The ``resgestae`` command group; each command lives in its own module."""

from __future__ import annotations

import click

from resgestae.cli.code import code, ingest
from resgestae.cli.evaluate import evaluate_command
from resgestae.cli.events import counts, events, recluster
from resgestae.cli.export import export
from resgestae.cli.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resgestae", prog_name="resgestae")
def cli():
    """Political event data from news: who did what to whom, when and where."""


cli.add_command(code)
cli.add_command(ingest)
cli.add_command(events)
cli.add_command(counts)
cli.add_command(recluster)
cli.add_command(evaluate_command)
cli.add_command(export)
cli.add_command(serve)
