"""`--engine`, `--address` and `--out`: Ray stays an optional extra that the CLI never
imports unless asked, and `--out` means nothing without `--engine ray`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from resgestae.cli.main import cli

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_the_cli_and_its_help_load_without_ray():
    code = (
        "import sys; from click.testing import CliRunner; from resgestae.cli.main import cli; "
        "r = CliRunner().invoke(cli, ['ingest', '--help']); assert r.exit_code == 0; "
        "assert '--engine' in r.output; "
        "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_out_without_engine_ray_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLES), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "--out and --engine ray go together" in result.output
    assert not (tmp_path / "o").exists()
