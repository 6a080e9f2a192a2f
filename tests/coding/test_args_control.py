"""An infinitive's actor under a verb of ``object_control`` is that verb's object; under any
other verb with an object, its subject (spaCy's real parse of sentences written here)."""

from __future__ import annotations

from resgestae.coding.args import subject


def actor_of(parse, text, verb):
    parsed = parse(text)
    [i] = [t.i for t in parsed.tokens if t.text == verb]
    return [parsed.tokens[s].text for s in subject(parsed, i)]


def test_the_object_told_or_led_to_act_is_its_actor(parse):
    text = "The ruling prompted several broadcasters to withdraw their reporters from the city."
    assert actor_of(parse, text, "withdraw") == ["broadcasters"]
    text = "The governor allowed the soldiers to enter the camp."
    assert actor_of(parse, text, "enter") == ["soldiers"]


def test_a_thing_used_to_do_it_is_not(parse):
    text = "Police used water cannon to disperse the crowd outside the parliament."
    assert actor_of(parse, text, "disperse") == ["Police"]
