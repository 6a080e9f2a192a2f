"""The ``resgestae`` command group; each command lives in its own module, imported when that
command runs (or its help is asked for), so ``resgestae --help`` and ``--version`` wait for
no command's imports (the store's DuckDB, the evaluation's gold loaders...)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

import click

# name -> (module, attribute, the first line of its help): the line `resgestae --help` shows
# without importing the module; tests/cli/test_cli_startup.py checks it is the command's own.
COMMANDS = {
    "code": ("resgestae.cli.code", "code", "Code articles and print their events."),
    "ingest": (
        "resgestae.cli.code",
        "ingest",
        "Code articles and store them with their events in DuckDB.",
    ),
    "events": ("resgestae.cli.events", "events", "Query stored events."),
    "counts": ("resgestae.cli.events", "counts", "Count stored events."),
    "recluster": (
        "resgestae.cli.events",
        "recluster",
        "Rebuild the real-world events of a store.",
    ),
    "export": ("resgestae.cli.export", "export", "Export stored events to FILE."),
    "serve": (
        "resgestae.cli.serve",
        "serve",
        "Serve the store: a read-only API and the dashboard.",
    ),
    "eval": (
        "resgestae.cli.evaluate",
        "evaluate_command",
        "Score resgestae on gold-standard files: event coding, time expressions, geoparsing.",
    ),
}


class LazyCommands(MutableMapping[str, click.Command]):
    """``Group.commands`` whose commands are imported on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}
        self._names = list(COMMANDS)

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            module, attr, _ = COMMANDS[name]
            self._loaded[name] = getattr(importlib.import_module(module), attr)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command
        if name not in self._names:
            self._names.append(name)

    def __delitem__(self, name: str) -> None:
        self._loaded.pop(name, None)
        self._names.remove(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class LazyGroup(click.Group):
    """A group that lists its commands from ``COMMANDS`` without importing them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help``, from stand-ins for the commands not imported."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = [(n, _stand_in(self, n).get_short_help_str(limit)) for n in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _stand_in(group: click.Group, name: str) -> click.Command:
    """The command if it is loaded, else a stand-in with its summary, which click shortens
    the same way."""
    loaded = getattr(group.commands, "_loaded", group.commands)
    if name in COMMANDS and name not in loaded:
        return click.Command(name, help=COMMANDS[name][2])
    return group.commands[name]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resgestae", prog_name="resgestae")
def cli():
    """Political event data from news: who did what to whom, when and where."""
