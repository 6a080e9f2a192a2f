"""The engine tests need Ray (the optional extra `resgestae[ray]`): without it they are
skipped, except under CI=true, where the Makefile installs it and a skip would hide a gap."""

from __future__ import annotations

import importlib.util
import os

import pytest

HAS_RAY = importlib.util.find_spec("ray") is not None


@pytest.fixture
def needs_ray() -> None:
    if HAS_RAY:
        return
    if os.environ.get("CI") == "true":
        pytest.fail("ray is not installed; CI installs it with `pip install -e '.[test,ray]'`")
    pytest.skip("ray is not installed (pip install 'resgestae[ray]')")
