import pytest

from resgestae.geo import load_gazetteer


@pytest.fixture(scope="session")
def gaz():
    return load_gazetteer()
