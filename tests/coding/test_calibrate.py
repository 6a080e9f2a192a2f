"""Calibrated confidence: the table's mapping, the shipped table, and the pipeline applying
the table it was given."""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import replace

import pytest

from resgestae.coding import calibrate
from resgestae.coding.calibrate import Calibration, evidence_of, kind_of
from resgestae.coding.evidence import Evidence
from resgestae.output import DEFAULT_MIN_CONFIDENCE

RAWS = [k / 20 for k in range(1, 20)]
# A table written for these tests: every point below is worked out from it by hand.
TABLE = Calibration(
    intercept=0.5,
    slope=2.0,
    kind={"v": 1.0, "p": -1.0},
    event={"ASSAULT": -0.5},
    subtype={"Attack": 0.25},
)


def _p(logit: float) -> float:
    return round(1.0 / (1.0 + math.exp(-logit)), 3)


@pytest.fixture(scope="module")
def shipped() -> Calibration:
    return calibrate.load()


def test_shipped_table_loads_and_says_how_it_was_fitted(shipped):
    assert shipped.slope > 0
    assert {"g", "p", "n", "v"} <= set(shipped.kind)
    assert shipped.meta.get("fitted_by") == "scripts/calibrate.py"


def test_known_points_of_a_table():
    # raw 0.5 is logit 0: only the intercept and the offsets count
    assert TABLE(0.5, "v", "ASSAULT", "Attack") == _p(0.5 + 1.0 - 0.5 + 0.25)
    assert TABLE(0.5, "p") == _p(0.5 - 1.0)
    # raw 0.8 is odds 4, logit ln 4; unknown kind, type and sub-type add nothing
    assert TABLE(0.8, "other", "PROTEST", "Riot") == _p(0.5 + 2.0 * math.log(4))
    assert TABLE(0.2, "n") == _p(0.5 - 2.0 * math.log(4))


def test_never_certain_either_way():
    sure = Calibration(intercept=50.0, slope=1.0)
    hopeless = Calibration(intercept=-50.0, slope=1.0)
    assert sure(0.9, "v") == 0.99
    assert hopeless(0.1, "v") == 0.01
    # a raw score of 0 or 1 is read as 0.01 or 0.99, not as infinite evidence
    half = Calibration(intercept=0.0, slope=0.5)  # odds of raw 0.01 are 1/99: p = 1/(1+√99)
    assert half(0.0, "v") == half(0.01, "v") == round(1 / (1 + math.sqrt(99)), 3)
    assert half(1.0, "v") == half(0.99, "v") == round(1 - 1 / (1 + math.sqrt(99)), 3)


def _cases(cal: Calibration):
    events = [""] + sorted(cal.event)
    subtypes = [""] + sorted(cal.subtype)
    return itertools.product(sorted(cal.kind) + ["other"], events, subtypes)


def test_monotone_in_the_raw_score(shipped):
    for kind, event, subtype in _cases(shipped):
        out = [shipped(raw, kind, event, subtype) for raw in RAWS]
        assert out == sorted(out), (kind, event, subtype)
    assert shipped(0.9, "v") > shipped(0.1, "v")


def test_stronger_evidence_is_not_less_confident(resources, code, code_raw):
    # Same verb sense and type; the second names the actor's country, which the coder
    # scores as stronger evidence.
    (weak,) = code("Gunmen attacked a police station.")
    (strong,) = code("Nigerian troops attacked a police station.")
    (weak_raw,) = code_raw("Gunmen attacked a police station.")
    (strong_raw,) = code_raw("Nigerian troops attacked a police station.")
    lexicon = resources.events
    assert kind_of(evidence_of(weak, lexicon)) == kind_of(evidence_of(strong, lexicon))
    assert strong_raw.confidence > weak_raw.confidence
    assert strong.confidence >= weak.confidence


def test_negative_slope_is_refused():
    with pytest.raises(ValueError, match="refit"):
        Calibration(intercept=0.0, slope=-1.0)


@pytest.mark.parametrize(
    "evidence,kind",
    [
        (Evidence("v.attack", "hand", "verb"), "v"),
        (Evidence("n.rally", "hand", "noun"), "n"),
        (Evidence("p.lead", "petrarch", "verb", (), "*"), "g"),  # a bare generated sense
        (Evidence("p.argue.111", "petrarch", "verb", (), "obj"), "p"),
    ],
)
def test_kind_of(evidence, kind):
    assert kind_of(evidence) == kind


def test_evidence_of_an_output_finds_its_entry(resources, code):
    (e,) = code("Nigerian troops attacked a police station.")
    evidence = evidence_of(e, resources.events)
    entry = resources.events.by_id[e.rule.split("+")[0]]
    assert (evidence.entry, evidence.source, evidence.pos, evidence.frame) == (
        entry.id,
        entry.source,
        entry.pos,
        entry.frame,
    )
    unknown = replace(e, rule="author")
    assert kind_of(evidence_of(unknown, resources.events)) == "v"  # neither petrarch nor noun


def test_the_default_threshold_drops_events_below_it(resources, coder):
    text = "Azerbaijani soldiers shelled villages in Armenia on Monday."
    at = replace(resources.options, min_confidence=DEFAULT_MIN_CONFIDENCE)
    sure = Calibration(intercept=50.0, slope=0.0)
    doubt = Calibration(intercept=-50.0, slope=0.0)
    assert coder(replace(resources, options=at, calibration=sure))(text)
    assert coder(replace(resources, options=at, calibration=doubt))(text) == []
    assert 0.0 < DEFAULT_MIN_CONFIDENCE < 1.0


def test_pipeline_applies_the_calibration(resources, code, code_raw):
    text = "Azerbaijani soldiers shelled villages in Armenia on Monday."
    events = code(text)
    raw = code_raw(text)
    assert events and [e.id for e in events] == [e.id for e in raw]
    cal = resources.calibration
    lexicon = resources.events
    assert [e.confidence for e in events] == [
        calibrate.confidence(evidence_of(e, lexicon), e, cal) for e in raw
    ]


def test_pipeline_uses_the_table_it_is_given(resources, coder, code_raw):
    # slope 1 and no offsets: the calibrated score is the raw one
    identity = coder(replace(resources, calibration=Calibration(intercept=0.0, slope=1.0)))
    text = "Azerbaijani soldiers shelled villages in Armenia on Monday."
    raw = code_raw(text)
    assert raw and [e.confidence for e in identity(text)] == [e.confidence for e in raw]
    # and a table that trusts nothing lowers every event to the floor
    doubt = coder(replace(resources, calibration=Calibration(intercept=-50.0, slope=0.0)))
    assert [e.confidence for e in doubt(text)] == [0.01 for _ in raw]


def test_a_table_file_round_trips(tmp_path, shipped):
    path = tmp_path / "cal.json"
    path.write_text(json.dumps(shipped.to_dict()))
    assert calibrate.load(path) == shipped


def test_a_broken_table_says_how_to_fix_it(tmp_path):
    path = tmp_path / "cal.json"
    path.write_text("{}")
    with pytest.raises(ValueError, match="scripts/calibrate.py"):
        calibrate.load(path)
