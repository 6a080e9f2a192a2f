"""Parsing in two processes codes the same events as in one."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from resgestae.cli.main import cli

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _events(*extra: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["code", str(SAMPLES), "--format", "jsonl", "-q", *extra])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_two_workers_code_what_one_does():
    one, two = _events(), _events("--workers", "2")
    assert one and [e["id"] for e in one] == [e["id"] for e in two]
    assert one == two
