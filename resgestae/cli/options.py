"""Option groups shared by commands, so ``--format``, ``--db``, ``--quiet`` mean the same
everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from resgestae.errors import InputError, ResgestaeError
from resgestae.ingest.csv import parse_columns
from resgestae.ingest.decode import MAX_INPUT_MB, check_date
from resgestae.ingest.detect import FORMATS as INPUT_FORMATS
from resgestae.nlp import DEFAULT_MODEL, MAX_CHARS, PIECE
from resgestae.output import DEFAULT_MIN_CONFIDENCE, FORMATS

DEFAULT_DB = "resgestae.duckdb"


class IsoDate(click.ParamType):
    """A ``YYYY-MM-DD`` option value, as a ``datetime.date``."""

    name = "YYYY-MM-DD"

    def __init__(self, publication: bool = False):
        self.publication = publication  # checked against the publication-date range

    def convert(self, value, param, ctx) -> dt.date:
        """The date, or a usage error that shows how to write one."""
        if isinstance(value, dt.date):
            return value
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(
                f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2020-11-26", param, ctx
            )
        if self.publication:
            try:
                check_date(date, "", "--date")
            except InputError as exc:
                self.fail(exc.message, param, ctx)
        return date


def _columns(ctx, param, value):
    try:
        return parse_columns(value or "")
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@contextmanager
def one_line_errors() -> Iterator[None]:
    """A ``ResgestaeError`` (its message says the fix) as click's one-line error, exit 1."""
    try:
        yield
    except ResgestaeError as exc:
        raise click.ClickException(str(exc)) from None


def _apply(f, decorators):
    for d in reversed(decorators):
        f = d(f)
    return f


def input_options(f):
    """PATH... and the options that control reading and coding articles."""
    return _apply(
        f,
        [
            click.argument("paths", nargs=-1, required=True, metavar="PATH..."),
            click.option(
                "--model",
                default=DEFAULT_MODEL,
                show_default=True,
                help="Installed spaCy pipeline (package name or folder) used for parsing.",
            ),
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                default=1,
                show_default=True,
                help="Processes used for parsing.",
            ),
            click.option(
                "--date",
                "default_date",
                type=IsoDate(publication=True),
                help="Publication date for articles without a 'date YYYY-MM-DD' header "
                "or a 'published' field (otherwise it is unknown).",
            ),
            click.option(
                "--input-format",
                type=click.Choice(INPUT_FORMATS),
                help="Read every input as this format instead of detecting it from the file "
                "name and content (--format is the output format).",
            ),
            click.option(
                "--columns",
                callback=_columns,
                metavar="FIELD=COLUMN,...",
                help="CSV/TSV columns holding the article fields, e.g. "
                "text=body,published=date,title=headline (default: columns named text, "
                "published, title, url, id, source, author).",
            ),
            click.option(
                "--min-confidence",
                type=click.FloatRange(0.0, 1.0),
                default=DEFAULT_MIN_CONFIDENCE,
                show_default=True,
                help="Emit only events at least this likely to be real and rightly typed "
                "(calibrated confidence); raise it for precision, 0 keeps every event.",
            ),
            click.option(
                "--max-chars",
                type=click.IntRange(min=1),
                default=MAX_CHARS,
                show_default=True,
                envvar="RESGESTAE_MAX_CHARS",
                help="Longest article coded, in characters (longer ones are failures; those "
                f"over {PIECE:,} are parsed in pieces). Env: RESGESTAE_MAX_CHARS.",
            ),
            click.option(
                "--max-input-mb",
                type=click.IntRange(min=1),
                default=MAX_INPUT_MB,
                show_default=True,
                envvar="RESGESTAE_MAX_INPUT_MB",
                help="Most one text, HTML or feed file, JSON line, CSV row or WARC record may "
                "hold, decompressed, in MB. Env: RESGESTAE_MAX_INPUT_MB.",
            ),
            click.option(
                "--lexicon",
                "lexicons",
                multiple=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help="Extra actor lexicon file; may be given several times.",
            ),
            quiet_option,
        ],
    )


quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr."
)

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format [default: table on a terminal, else jsonl].",
)

db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="DuckDB database file.",
)

# The commands that read a store (and `recluster`) take a Parquet folder too.
store_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    metavar="FILE|DIR",
    type=click.Path(),
    help="DuckDB database file, or a Parquet folder written by `ingest --engine ray --out`.",
)


# --engine ray: resgestae.engine.ray (an optional extra), wrapped by resgestae.cli.scale
ENGINES = ("local", "ray")


def engine_options(f):
    """``--engine`` and ``--address``: where the coding runs."""
    return _apply(
        f,
        [
            click.option(
                "--engine",
                type=click.Choice(ENGINES),
                default="local",
                show_default=True,
                help="local: this machine (--workers processes); ray: a Ray cluster "
                "(pip install 'resgestae[ray]'), one actor per CPU.",
            ),
            click.option(
                "--address",
                metavar="ADDR",
                help="With --engine ray: the cluster to join (host:6379, ray://host:10001 "
                "or auto); default: start Ray on this machine.",
            ),
        ],
    )


out_option = click.option(
    "--out",
    metavar="DIR",
    help="With --engine ray: the Parquet folder (local, s3://, gs://...) to write articles "
    "and mentions to, by month, instead of --db.",
)

# DuckDB's LIMIT is a signed 64-bit integer: a larger value is a usage error, not a traceback.
limit_option = click.option(
    "--limit", type=click.IntRange(0, 2**63 - 1), help="At most this many events."
)
