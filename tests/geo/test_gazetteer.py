import os
import subprocess
import sys
from pathlib import Path

import pytest

import resgestae
from resgestae import geo
from resgestae.geo.gazetteer import Gazetteer, load_gazetteer
from resgestae.geo.names import normalise

ROOT = str(Path(resgestae.__file__).parent.parent)  # so the child process imports this tree


def test_public_api_matches_all():
    assert sorted(geo.__all__) == sorted(
        ["Gazetteer", "load_gazetteer", "find_toponyms", "resolve_span", "event_location"]
    )


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("U.S.", "us"),
        ("Côte d'Ivoire", "cote divoire"),
        ("the Netherlands", "netherlands"),
        ("Baden-Württemberg", "baden wurttemberg"),
    ],
)
def test_normalise(raw, key):
    assert normalise(raw) == key


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Baku", "city", "AZ"),
        ("Azerbaijan", "country", "AZ"),
        ("Calif.", "admin1", "US"),
        ("Europe", "continent", ""),
        ("Sindh", "admin1", "PK"),
    ],
)
def test_lookup_finds_kind(gaz, name, kind, country):
    assert any(p.kind == kind and p.country == country for p in gaz.lookup(name))


@pytest.mark.parametrize(
    ("word", "iso2"), [("Azerbaijani", "AZ"), ("French", "FR"), ("American", "US")]
)
def test_demonyms(gaz, word, iso2):
    assert gaz.demonym(word) == iso2


@pytest.mark.parametrize("iso2", ["AZ", "FR", "XK", "PS"])
def test_countries_have_coordinates(gaz, iso2):
    assert gaz.country(iso2).lat is not None


def test_disk_cache_round_trip(tmp_path):
    first = load_gazetteer(tmp_path)
    assert isinstance(first, Gazetteer)
    files = list(tmp_path.glob("gazetteer_*.pickle"))
    assert len(files) == 1
    again = load_gazetteer(tmp_path)  # same process: the lru cache
    assert again is first
    before = files[0].stat()
    # a fresh process has no lru cache, so it must read the pickle on disk
    code = (
        "import sys; from pathlib import Path; "
        "from resgestae.geo.gazetteer import load_gazetteer; "
        "g = load_gazetteer(Path(sys.argv[1])); "
        "print(len(g.places), g.lookup('Baku')[0].geonameid)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([ROOT, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    n_places, baku = done.stdout.split()
    assert int(n_places) == len(first.places)
    assert int(baku) == 587084
    after = files[0].stat()  # read, not rebuilt: a rebuild replaces the file
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert list(tmp_path.glob("gazetteer_*.pickle")) == files


@pytest.mark.parametrize(
    ("name", "iso2", "lat", "lon"),
    [
        ("Bavaria", "DE", 49.0, 11.4),
        ("Queensland", "AU", -22.0, 144.0),
        ("Khyber Pakhtunkhwa", "PK", 34.5, 72.0),
    ],
)
def test_regions_link_to_geonames_admin1(gaz, name, iso2, lat, lon):
    region = next(p for p in gaz.lookup(name) if p.kind == "admin1" and p.country == iso2)
    assert region.geonameid is not None
    assert gaz.region(iso2, region.admin1) == region  # the admin1 code its towns carry
    assert region.lat == pytest.approx(lat, abs=1.5)
    assert region.lon == pytest.approx(lon, abs=1.5)
