"""docs/usage.md documents every command and every option of the ``resgestae`` group, read
from the click group itself, so a new command or option without documentation fails."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from resgestae.cli.main import cli

USAGE = Path(__file__).resolve().parents[2] / "docs" / "usage.md"
HEADING = re.compile(r"^### `resgestae (\S+)([^`]*)`", re.MULTILINE)


def sections() -> dict[str, tuple[str, str]]:
    """Command name -> (the usage line in its heading, the text of its section)."""
    text = USAGE.read_text(encoding="utf-8")
    found = {}
    heads = list(HEADING.finditer(text))
    for head, after in zip(heads, [*heads[1:], None], strict=True):
        end = after.start() if after else text.find("\n## ", head.end())
        found[head.group(1)] = (head.group(2), text[head.end() : end if end > 0 else None])
    return found


def mentioned(option: str, text: str) -> bool:
    return re.search(f"`{re.escape(option)}(?![\\w-])", text) is not None


def test_every_command_has_a_section_and_no_section_is_stale():
    assert set(sections()) == set(cli.commands)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_option_and_argument_of_a_command_is_documented_in_its_section(name):
    usage, text = sections()[name]
    for param in cli.commands[name].params:
        if isinstance(param, click.Argument):
            metavar = (param.metavar or param.name or "").upper().rstrip(".")
            assert metavar in usage, f"`resgestae {name}`: {metavar} not in its heading"
        else:
            for opt in (*param.opts, *param.secondary_opts):
                assert mentioned(opt, text), f"`resgestae {name} {opt}` is not in docs/usage.md"


def test_the_group_options_are_documented():
    text = USAGE.read_text(encoding="utf-8")
    assert mentioned("resgestae --version", text) and "`--help`" in text
