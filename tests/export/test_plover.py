"""PLOVER JSON Lines, validated against a JSON Schema written from the PLOVER manual's
"Data Fields" chapter, with ``text_info`` offsets that slice the sentence from its article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from resgestae.export import export_events, write_plover

from .helpers import actor, event, mention

SCHEMA = json.loads((Path(__file__).parent / "plover.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def read(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_the_schema_itself_is_valid_and_rejects_what_the_manual_forbids():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert not VALIDATOR.is_valid({"id": "x", "date": "2023-04-12", "actor": []})  # no event
    assert not VALIDATOR.is_valid(
        {"id": "x", "date": "12/04/2023", "actor": [], "event": ["PROTEST"]}
    )
    assert not VALIDATOR.is_valid({"id": "x", "date": "2023-04-12", "actor": [], "event": ["RIOT"]})


@pytest.fixture
def records(tmp_path):
    un = actor("the United Nations", "IGOUNO", None, "GOV", 70)
    second = mention(id="m-2", article_id="a-2", url=None, source_name="Other Paper",
                     span=[300, 360], trigger={"text": "rallied", "start": 320, "end": 327},
                     mode=None, context=["economic", "labor"])  # fmt: skip
    month = event(id="e-month", date="2023-04", date_precision="month", location=None,
                  date_first=dt.date(2023, 4, 1),
                  date_last=dt.date(2023, 4, 30))  # fmt: skip
    path = tmp_path / "plover.jsonl"
    assert export_events([event([mention(recipient=[un]), second], recipient=[un]), month],
                         to="plover", path=path) == 2  # fmt: skip
    return read(path)


def test_every_record_is_valid_plover(records):
    for r in records:
        VALIDATOR.validate(r)


def test_fields_have_the_manuals_names_and_the_inputs_values(records):
    r = records[0]
    assert (r["id"], r["date"], r["event"], r["quad_code"]) == ("e-1", "2023-04-12", ["PROTEST"], 4)
    assert r["actor"][0]["code"] == "PRT" and r["actor"][0]["sector"] == "MED"
    assert r["actor"][0]["entity_text"] == "Thousands of nurses"
    assert r["recipient"][0]["code"] == "UNO"  # the manual's code for the United Nations
    assert r["event_loc"]["resolved_place"] == "Lisbon"
    assert r["event_loc"]["country_code"] == "PRT" and r["event_loc"]["resolution"] == 4
    assert r["mode"] == ["demo"] and r["context"] == ["economic", "labor"]
    assert r["event_text"] == ["marched", "rallied"]
    assert r["event_scale"] == -5.0
    assert r["text"] == "Thousands of nurses marched through Lisbon on Wednesday."
    assert r["text_info"] == {"start": 0, "end": 56}
    assert r["cite_info"]["url"] == "https://news.example.org/a-1"
    assert r["cite_info"]["publication"] == "Test Wire"
    assert (r["num_mentions"], r["num_sources"], r["num_articles"]) == (2, 2, 2)
    assert [m["id"] for m in r["mentions"]] == ["m-1", "m-2"]
    assert r["mentions"][1]["text_info"] == {"start": 300, "end": 360}


def test_an_imprecise_date_is_a_range(records):
    r = records[1]
    assert (r["date"], r["enddate"], r["date_precision"]) == ("2023-04-01", "2023-04-30", "month")
    assert r["event_loc"] is None
    assert records[0]["enddate"] is None  # a day is no range


def test_the_library_writer_takes_a_store_s_relations(tmp_path):
    from resgestae.export.source import staged

    with staged([event(id="e-0"), event([], id="e-1")], tmp_path) as source:
        assert write_plover(source, tmp_path / "p.jsonl") == 2
    records = read(tmp_path / "p.jsonl")
    assert [len(r["mentions"]) for r in records] == [1, 0]
    assert records[1]["text_info"] == {"start": None, "end": None}  # no lead mention
    for r in records:
        VALIDATOR.validate(r)


def test_real_coded_events_are_valid_and_their_offsets_slice_their_articles(
    real_events, texts, tmp_path
):
    path = tmp_path / "real.jsonl"
    export_events(real_events, to="plover", path=path)
    records = read(path)
    assert len(records) == len(real_events)
    for r in records:
        VALIDATOR.validate(r)
        for m in r["mentions"]:
            text = texts[m["article_id"]]
            assert text[m["text_info"]["start"] : m["text_info"]["end"]] == m["text"]
            trig = m["trigger"]
            assert text[trig["start"] : trig["end"]] == trig["text"]
            assert m["event_text"] == [trig["text"]]
