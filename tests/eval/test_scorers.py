"""Scorers on hand-made system output (no pipeline)."""

import pytest

from resgestae.eval import case, geo, petrarch, plover, temporal
from resgestae.eval.score import main_event
from resgestae.eval.temporal import Document, Found, GoldTimex
from resgestae.types import Location

from .helpers import EVAL_FIXTURES as F
from .helpers import actor, event


def test_main_event_is_the_most_confident_then_the_first():
    a, b, c = (
        event("AGREE", 0.4, start=0),
        event("REJECT", 0.9, start=5),
        event("AID", 0.9, start=9),
    )
    assert main_event([a, b, c]) is b
    assert main_event([]) is None


def test_plover_scores_the_main_event_and_counts_no_event_wrong():
    records = plover.load(F / "plover-gsr.json")  # REQUEST JPN->NGO, ASSAULT ITA, AGREE USA
    preds = [
        [
            event(
                "REQUEST", 0.9, actors=[actor("JPN", sector="GOV")], recipients=[actor(code="NGO")]
            ),
            event("REJECT", 0.1),
        ],
        [],
        [event("REQUEST", 0.5, actors=[actor(code="USAGOV")])],
    ]
    m = plover.score(records, preds)
    assert m["event_type_accuracy"] == pytest.approx(1 / 3)
    assert m["actor_country_f1"] == pytest.approx(0.8)  # tp=2, fp=0, fn=1 (ITA)
    assert m["recipient_country_f1"] == 1.0
    assert m["actor_sector_accuracy"] == pytest.approx(1 / 3)  # GOV right; REB, CVL missed
    # REQUEST f1 = 2/3 (1 right, 1 false positive); ASSAULT 0; AGREE 0
    assert m["event_type_macro_f1"] == pytest.approx((2 / 3) / 3)
    assert plover.details(records, preds)["confusion"]["ASSAULT"] == {"(none)": 1}


def test_case_label_prefers_acled_subtypes_then_plover_extras():
    assert case.snippet_label([event("PROTEST", 0.2, acled_subtype="Peaceful protest")]) == (
        "PEACE_PROTEST"
    )
    assert (
        case.snippet_label(
            [event("ACCUSE", 0.9), event("ASSAULT", 0.3, acled_subtype="Air/drone strike")]
        )
        == "AIR_STRIKE"
    )
    assert case.snippet_label([event("ACCUSE", 0.9), event("CONSULT", 0.5)]) == "ATTRIB"
    assert case.snippet_label([event("CONSULT", 0.5)]) == "DIPLO"
    assert case.snippet_label([event("MOBILIZE", 0.5)]) == case.NO_EVENT
    assert case.snippet_label([]) == case.NO_EVENT


def test_case_label_falls_back_on_article_contexts():
    assert case.snippet_label([], ("disasters/natural", "health")) == "NATURAL_DISASTER"
    assert case.snippet_label([], ("health", "crime/organised")) == "ORG_CRIME"
    assert case.snippet_label([], ("election",)) == case.NO_EVENT
    # a political event outranks any context
    assert case.snippet_label([event("CONSULT", 0.5)], ("disasters/natural",)) == "DIPLO"


def test_case_labels_accept_acled_names_and_case_labels():
    assert len(case.ACLED_LABELS) == 25
    assert case.case_label("Remote explosive/landmine/IED") == "REM_EXPLOS"
    assert case.case_label("Arrests") == "ARREST"
    assert case.case_label("NATURAL_DISASTER") == "NATURAL_DISASTER"
    assert case.case_label("something else") is None


def test_case_metrics():
    snippets = case.load(F / "case-task2.tsv")  # PEACE_PROTEST, AGREEMENT, NATURAL_DISASTER
    m = case.score(snippets, ["PEACE_PROTEST", "DIPLO", case.NO_EVENT])
    assert m["accuracy"] == pytest.approx(1 / 3)
    assert m["weighted_f1"] == pytest.approx(1 / 3)
    assert m["macro_f1"] == pytest.approx(1 / 3)
    assert m["weighted_f1_acled25"] == pytest.approx(0.5)  # two ACLED snippets, one right


def test_petrarch_root_dyad_and_abstention():
    records = petrarch.load(F / "petrarch-validation.xml")  # 042 FRA->DEU / 043 DEU->FRA; none
    right = event("CONSULT", 0.8, cameo="0431", actors=[actor("DEU")], recipients=[actor("FRA")])
    wrong = event("CONSULT", 0.8, cameo="051", actors=[actor("FRA")], recipients=[actor("ITA")])
    assert petrarch.score(records, [[right], []]) == {
        "cameo_root_accuracy": 1.0,
        "dyad_accuracy": 1.0,
        "no_event_precision": 1.0,
        "no_event_recall": 1.0,
    }
    m = petrarch.score(records, [[wrong], [wrong]])
    assert m["cameo_root_accuracy"] == 0.0 and m["dyad_accuracy"] == 0.0
    assert m["no_event_precision"] == 0.0 and m["no_event_recall"] == 0.0


def test_timex_scores_overlap_and_values_and_skips_creation_time():
    doc = Document(
        "d",
        "x" * 100,
        None,
        (GoldTimex(10, 16, "2010-03-01", "DATE"), GoldTimex(30, 39, "P2W", "DURATION")),
        skip=((0, 5),),
    )
    found = (
        Found(0, 5, "2010-03-03", "DATE"),  # the creation-time line: ignored
        Found(12, 16, "2010-03-01", "DATE"),
        Found(30, 39, "P3W", "DURATION"),
        Found(50, 55, "2010", "DATE"),
    )
    m = temporal.score([doc], [found])
    assert m["timex_precision"] == pytest.approx(2 / 3)
    assert m["timex_recall"] == 1.0
    assert m["value_accuracy"] == 0.5
    assert m["value_f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    by_type = temporal.details([doc], [found])["by_type"]
    assert by_type["DURATION"] == {"gold": 1, "found": 1, "value_right": 0}


def _loc(lat, lon, gid=None):
    return Location("t", "n", None, None, lat, lon, gid, "city")


def test_geo_recognition_and_resolution():
    (art,) = geo.load(F / "geowebnews.xml")  # Northbridge 123 (10, 20); Eastbank (11, 21)
    pred = geo.Prediction(found=((13, 24), (0, 9)), resolved=(_loc(10.5, 20, 123), None))
    m = geo.score([art], [pred])
    assert m["toponym_precision"] == 0.5 and m["toponym_recall"] == 0.5
    assert m["acc_at_161km"] == 0.5  # unresolved Eastbank counts wrong
    assert m["geonameid_accuracy"] == 1.0
    assert m["mean_error_km"] == pytest.approx(55.6, abs=0.1)
    assert m["resolved_share"] == 0.5
    assert geo.details([art], [pred])["error_bands"]["unresolved"] == 1


def test_geo_leaves_out_metrics_without_gold():
    (art,) = geo.load(F / "geovirus.xml")  # coordinates, no GeoNames ids
    m = geo.score([art], [geo.Prediction((), (None, None))])
    assert "geonameid_accuracy" not in m and m["acc_at_161km"] == 0.0
