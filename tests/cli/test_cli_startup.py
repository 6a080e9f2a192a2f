"""Start-up (issue 14): the command group lists its commands without importing them, and a
command imports only what it needs; the help it shows is each command's own."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from resgestae.cli.main import COMMANDS, cli


def loaded_after(code: str) -> set[str]:
    """The top-level modules imported by a fresh interpreter running ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return set(out)


def test_help_lists_each_command_with_its_own_summary():
    eager = click.Group(
        "resgestae", help=cli.help, params=cli.params, context_settings=cli.context_settings
    )
    for name in COMMANDS:
        eager.add_command(cli.commands[name], name)
    lazy = CliRunner().invoke(cli, ["--help"], prog_name="resgestae").output
    assert lazy == CliRunner().invoke(eager, ["--help"], prog_name="resgestae").output


def test_the_group_imports_no_command():
    modules = loaded_after("import resgestae.cli.main")
    for heavy in ("duckdb", "trafilatura", "datasketch", "scipy", "spacy", "tqdm", "lxml"):
        assert heavy not in modules, heavy
    assert "resgestae.cli.code" not in modules


def test_the_code_command_imports_no_html_reader_store_or_dedup_library():
    modules = loaded_after("import resgestae.cli.code, resgestae.batch")
    for heavy in ("trafilatura", "feedparser", "fastwarc", "scipy"):
        assert heavy not in modules, heavy
