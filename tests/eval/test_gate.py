"""The accuracy gate: scores the development gold data and holds every metric to its floor in
eval/baseline.json (within 0.01). Runs in ``make test`` and so in CI (``.ci/run``).

Raise a floor in the same commit as the change that improves it:
``resgestae eval ../shared/eval/dev --write-baseline eval/baseline.json``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from resgestae.eval import Score, evaluate, gate

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "eval" / "dev"
BASELINE = ROOT / "eval" / "baseline.json"


def _scores(metrics: dict, path: str = "/gold/a.json") -> list[Score]:
    return [Score("plover", path, 10, metrics)]


def test_check_allows_a_drop_within_tolerance_and_reports_a_bigger_one():
    baseline = gate.make_baseline(_scores({"acc": 0.4567, "mean_error_km": 120.2}), Path("/gold"))
    assert baseline["datasets"]["a.json"]["floors"] == {"acc": 0.45}
    assert baseline["datasets"]["a.json"]["ceilings"] == {"mean_error_km": 121}
    assert (
        gate.check(_scores({"acc": 0.441, "mean_error_km": 122.0}), baseline, Path("/gold")) == []
    )
    failures = gate.check(_scores({"acc": 0.43, "mean_error_km": 130.0}), baseline, Path("/gold"))
    assert len(failures) == 2 and "acc 0.4300 is below its floor 0.45" in failures[0]


def test_check_reports_datasets_and_metrics_that_disappear():
    baseline = gate.make_baseline(_scores({"acc": 0.5}), Path("/gold"))
    assert "not scored" in gate.check([], baseline, Path("/gold"))[0]
    assert "no longer reported" in gate.check(_scores({}), baseline, Path("/gold"))[0]


def test_baseline_file_is_well_formed():
    baseline = gate.read(BASELINE)
    assert baseline["datasets"], "eval/baseline.json pins no dataset"
    for name, entry in baseline["datasets"].items():
        assert entry["kind"] and entry["floors"], name
        assert all(0.0 <= v <= 1.0 for v in entry["floors"].values()), name


@pytest.mark.slow
def test_accuracy_on_dev_gold_holds_its_floors():
    if not DEV.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"CI: the gold data is missing at {DEV}; the accuracy gate cannot run. "
                f"Provide ../shared/eval/dev next to the repository."
            )
        pytest.skip(f"gold data not found at {DEV}; the accuracy gate runs where it exists")
    scores = list(evaluate(DEV))
    failures = gate.check(scores, gate.read(BASELINE), DEV)
    measured = "\n".join(json.dumps(s.to_dict()) for s in scores)
    assert not failures, "accuracy dropped:\n" + "\n".join(failures) + "\nmeasured:\n" + measured


def test_a_lower_is_better_share_gets_a_two_decimal_ceiling_held_absolutely():
    baseline = gate.make_baseline(_scores({"duplicate_share": 0.114}), Path("/gold"))
    assert baseline["datasets"]["a.json"]["ceilings"] == {"duplicate_share": 0.12}
    assert gate.check(_scores({"duplicate_share": 0.129}), baseline, Path("/gold")) == []
    (failure,) = gate.check(_scores({"duplicate_share": 0.135}), baseline, Path("/gold"))
    assert "duplicate_share 0.1350 is above its ceiling 0.12" in failure
