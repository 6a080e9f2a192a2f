"""Gazetteer, toponyms and event location -> ``Location``."""

from resgestae.geo.gazetteer import Gazetteer, load_gazetteer
from resgestae.geo.resolve import find_toponyms, resolve_span
from resgestae.geo.where import event_location

__all__ = ["Gazetteer", "load_gazetteer", "find_toponyms", "resolve_span", "event_location"]
