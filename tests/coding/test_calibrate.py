"""Calibrated confidence: the shipped table, its shape, and the pipeline applying it."""

from __future__ import annotations

import itertools
import json

import pytest

from resgestae.coding import calibrate
from resgestae.coding.calibrate import Calibration, rule_kind

RAWS = [k / 20 for k in range(1, 20)]


@pytest.fixture(scope="module")
def shipped() -> Calibration:
    return calibrate.load()


def test_shipped_table_loads_and_says_how_it_was_fitted(shipped):
    assert shipped.slope > 0
    assert {"p", "n", "v"} <= set(shipped.kind)
    assert shipped.meta.get("fitted_by") == "scripts/calibrate.py"


def _cases(cal: Calibration):
    events = [""] + sorted(cal.event)
    subtypes = [""] + sorted(cal.subtype)
    return itertools.product(sorted(cal.kind) + ["other"], events, subtypes)


def test_maps_into_unit_interval(shipped):
    for kind, event, subtype in _cases(shipped):
        for raw in (0.0, *RAWS, 1.0):
            assert 0.0 <= shipped(raw, kind, event, subtype) <= 1.0


def test_monotone_in_the_raw_score(shipped):
    for kind, event, subtype in _cases(shipped):
        out = [shipped(raw, kind, event, subtype) for raw in RAWS]
        assert out == sorted(out), (kind, event, subtype)


def test_stronger_evidence_is_not_less_confident(code):
    # Same verb sense and type; the second names the actor's country, which the coder
    # scores as stronger evidence.
    (weak,) = code("Gunmen attacked a police station.")
    (strong,) = code("Nigerian troops attacked a police station.")
    with calibrate.uncalibrated():
        (weak_raw,) = code("Gunmen attacked a police station.")
        (strong_raw,) = code("Nigerian troops attacked a police station.")
    assert rule_kind(weak.rule) == rule_kind(strong.rule)
    assert strong_raw.confidence > weak_raw.confidence
    assert strong.confidence >= weak.confidence


def test_negative_slope_is_refused():
    with pytest.raises(ValueError, match="refit"):
        Calibration(intercept=0.0, slope=-1.0)


@pytest.mark.parametrize(
    "rule,kind",
    [
        ("v.attack", "v"),
        ("n.rally+intent", "n"),
        ("p.070+coref", "p"),
        ("v.urge+v.withdraw", "v"),
        ("author", "other"),
    ],
)
def test_rule_kind(rule, kind):
    assert rule_kind(rule) == kind


def test_pipeline_applies_the_calibration(code):
    text = "Azerbaijani soldiers shelled villages in Armenia on Monday."
    events = code(text)
    with calibrate.uncalibrated():
        raw = code(text)
    assert events and [e.id for e in events] == [e.id for e in raw]
    assert [e.confidence for e in events] == [calibrate.confidence(e) for e in raw]


def test_a_table_file_round_trips(tmp_path, shipped):
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(shipped.to_dict()))
    assert calibrate.load(path) == shipped


def test_a_broken_table_says_how_to_fix_it(tmp_path):
    path = tmp_path / "cal.json"
    path.write_text("{}")
    with pytest.raises(ValueError, match="scripts/calibrate.py"):
        calibrate.load(path)
