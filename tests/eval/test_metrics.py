import pytest

from resgestae.eval import metrics


def test_accuracy_and_f1_by_hand():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "X"]
    assert metrics.accuracy(gold, pred) == 0.5
    # A: p=1 r=.5 f=2/3; B: p=.5 r=1 f=2/3; C: 0
    assert metrics.per_class_f1(gold, pred) == pytest.approx({"A": 2 / 3, "B": 2 / 3, "C": 0.0})
    assert metrics.macro_f1(gold, pred) == pytest.approx(4 / 9)
    assert metrics.weighted_f1(gold, pred) == pytest.approx((2 * 2 / 3 + 2 / 3) / 4)


def test_empty_inputs_score_zero():
    assert metrics.accuracy([], []) == 0.0
    assert metrics.macro_f1([], []) == 0.0
    assert metrics.prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_confusion_counts_predictions_per_gold_label():
    assert metrics.confusion(["A", "A", "B"], ["A", "B", "B"]) == {
        "A": {"A": 1, "B": 1},
        "B": {"B": 1},
    }


def test_set_f1_is_micro_over_items():
    # tp=2, fp=1, fn=1 -> p=r=2/3
    assert metrics.set_f1([({"X", "Y"}, {"X"}), ({"Z"}, {"Z", "W"})]) == pytest.approx(2 / 3)


def test_match_spans_is_lenient_and_one_to_one():
    gold = [(0, 5), (10, 20)]
    pred = [(3, 8), (12, 14), (15, 25)]
    # (10, 20) overlaps (12, 14) by 2 and (15, 25) by 5: the larger overlap wins
    assert metrics.match_spans(gold, pred) == [(0, 0), (1, 2)]
    assert metrics.match_spans([(0, 5), (1, 4)], [(0, 5)]) == [(0, 0)]
    assert metrics.match_spans([(0, 5)], [(5, 9)]) == []


def test_haversine():
    assert metrics.haversine_km(10, 20, 10, 20) == 0.0
    assert metrics.haversine_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.1)
