"""Helpers for the actor tests."""

from __future__ import annotations


def actor(ms, text):
    """The actor of the mention whose text is ``text``; fails naming what was found."""
    found = [m.actor for m in ms if m.actor.text == text]
    assert found, f"no mention {text!r}: {[m.actor.text for m in ms]}"
    return found[0]
