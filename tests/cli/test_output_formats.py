"""The output writers over Event.to_dict() dicts."""

from __future__ import annotations

import csv
import io
import json

import pytest

from resgestae.output import CSV_COLUMNS, FORMATS, default_format, write

EVENT = {
    "id": "e1", "article_id": "a1", "source_name": "Wire", "published": "2020-11-26",
    "date": "2020-11-26", "date_precision": "day", "date_source": "publication",
    "event": "PROTEST", "mode": "demo", "cameo": "141", "quad_class": 3, "goldstein": -6.5,
    "actor": [
        {"text": "Baku residents", "code": "AZECVL", "country": "AZE", "sector": "CVL"},
        {"text": "NGOs", "code": "AZENGO", "country": "AZE", "sector": "NGO"},
    ],
    "recipient": [{"text": "France", "code": "FRA", "country": "FRA", "sector": None}],
    "location": {"text": "Baku", "name": "Baku", "country": "AZE", "admin1": "Baku",
                 "lat": 40.4, "lon": 49.9, "geonameid": 587084, "precision": "city"},
    "sentence": "Baku residents rallied\noutside the embassy.", "span": [0, 41],
    "trigger": {"text": "rallied", "start": 15, "end": 22}, "rule": "r", "negated": False,
    "confidence": 0.9, "acled_type": "Protests", "acled_subtype": "Peaceful protest",
    "plover_score": None, "context": ["protest"],
}  # fmt: skip
UNLOCATED = {**EVENT, "id": "e2", "location": None, "actor": [], "date": None}


def render(fmt, events=(EVENT, UNLOCATED)):
    out = io.StringIO()
    write(iter(events), fmt, out)
    return out.getvalue()


def test_jsonl_is_one_to_dict_per_line():
    assert [json.loads(x) for x in render("jsonl").splitlines()] == [EVENT, UNLOCATED]


def test_csv_flattens_actors_and_location():
    first, second = csv.DictReader(io.StringIO(render("csv")))
    assert tuple(first) == CSV_COLUMNS
    assert first["actor_code"] == "AZECVL;AZENGO" and first["recipient_country"] == "FRA"
    assert first["location_name"] == "Baku" and first["location_geonameid"] == "587084"
    assert (first["span_start"], first["span_end"], first["negated"]) == ("0", "41", "False")
    assert first["sentence"] == EVENT["sentence"]  # newlines survive CSV quoting
    assert second["actor_code"] == "" and second["location_country"] == ""


def test_table_has_one_line_per_event():
    lines = render("table").splitlines()
    assert lines[0].split()[:3] == ["date", "event", "actor"]
    assert len(lines) == 4
    assert "AZECVL,AZENGO" in lines[2] and "Baku AZE" in lines[2]
    assert lines[3].startswith("unknown") and " - " in lines[3]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_events_writes_at_most_a_header(fmt):
    assert len(render(fmt, ()).splitlines()) <= 2


def test_default_format_follows_the_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert default_format(Tty()) == "table" and default_format(io.StringIO()) == "jsonl"


def test_csv_has_fatalities_injured_and_arrested():
    count = {"value": 6, "qualifier": "at least", "text": "at least 6", "start": 0, "end": 10}
    sized = {**EVENT, "size": {"dead": count, "injured": None, "arrested": {**count, "value": 40},
                               "total": count}, "fatalities": 6}  # fmt: skip
    first, second = csv.DictReader(io.StringIO(render("csv", (sized, EVENT))))
    assert (first["fatalities"], first["injured"], first["arrested"]) == ("6", "", "40")
    assert (second["fatalities"], second["injured"], second["arrested"]) == ("", "", "")
