"""GeoJSON read back as map tools read it: one FeatureCollection, a shapely Point per event
with coordinates (longitude first), and the event's main fields as properties."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from shapely.geometry import Point, shape

from resgestae.export import export_events, write_geojson

from .helpers import actor, event, place

# The parts of RFC 7946 a Point collection uses (written from the RFC, not the writer).
GEOJSON = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"const": "Point"},
                            "coordinates": {
                                "type": "array", "minItems": 2, "maxItems": 3,
                                "prefixItems": [
                                    {"type": "number", "minimum": -180, "maximum": 180},
                                    {"type": "number", "minimum": -90, "maximum": 90},
                                ],
                            },
                        },
                    },
                    "properties": {"type": ["object", "null"]},
                },
            },
        },
    },
}  # fmt: skip


@pytest.fixture
def collection(tmp_path):
    gov = actor("the government", "PRTGOV", "PRT", "GOV", 70)
    nowhere = event(id="e-nowhere", location=None)
    no_point = event(id="e-nopoint", location=place(lat=None, lon=None))
    path = tmp_path / "events.geojson"
    assert export_events([event(recipient=[gov]), nowhere, no_point], to="geojson", path=path) == 1
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_valid_feature_collection_of_points(collection):
    jsonschema.validate(collection, GEOJSON)
    [f] = collection["features"]
    point = shape(f["geometry"])
    assert isinstance(point, Point)
    assert (point.x, point.y) == (-9.1498, 38.72509)  # longitude, latitude


def test_the_events_main_fields_are_properties(collection):
    props = collection["features"][0]["properties"]
    assert props == {
        "id": "e-1", "event": "PROTEST", "cameo": "141", "quad_class": 4,
        "date": "2023-04-12", "date_precision": "day", "actor": ["PRTMED"],
        "recipient": ["PRTGOV"], "location": "Lisbon", "country": "PRT", "precision": "city",
        "num_mentions": 1, "num_sources": 1, "confidence": 0.74,
        "sentence": "Thousands of nurses marched through Lisbon on Wednesday.",
    }  # fmt: skip


def test_no_events_is_an_empty_collection(tmp_path):
    path = tmp_path / "none.geojson"
    assert export_events([], to="geojson", path=path) == 0
    assert json.loads(path.read_text()) == {"type": "FeatureCollection", "features": []}


def test_features_are_written_as_the_events_come():
    out = io.StringIO()

    def events():
        for k in range(3):
            assert out.getvalue().count('"Feature"') == k
            yield event(id=f"e-{k}")

    assert write_geojson(events(), out) == 3
    assert len(json.loads(out.getvalue())["features"]) == 3


def test_real_coded_events_with_a_place(real_events, tmp_path):
    path = tmp_path / "real.geojson"
    export_events(real_events, to="geojson", path=path)
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, GEOJSON)
    placed = [e for e in real_events if (e["location"] or {}).get("lat") is not None]
    assert [f["id"] for f in data["features"]] == [e["id"] for e in placed]
    for f, e in zip(data["features"], placed, strict=True):
        p = shape(f["geometry"])
        assert (p.y, p.x) == (e["location"]["lat"], e["location"]["lon"])
