"""Typed evidence and the rule string the output writes from it."""

from __future__ import annotations

from resgestae.coding import Evidence, Step, rule_text


def test_rule_is_the_entry_then_each_step():
    ev = Evidence("v.urge", "hand", "control", (Step("embeds", "v.withdraw"), Step("intent")))
    assert rule_text(ev) == "v.urge+v.withdraw+intent"
    assert rule_text(Evidence("n.rally", "hand", "noun")) == "n.rally"


def test_a_step_added_goes_last_and_the_place_step_is_not_written():
    ev = Evidence("v.impose", "hand", "verb", (Step("author"),))
    later = ev.plus(Step("place")).plus(Step("coref"))
    assert later.has("place") and later.has("author") and not ev.has("coref")
    assert rule_text(later) == "v.impose+author+coref"
    assert ev.steps == (Step("author"),)  # the original is unchanged
