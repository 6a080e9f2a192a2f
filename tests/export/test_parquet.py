"""Parquet datasets read back with pyarrow.dataset: events and mentions, hive-partitioned by
month, every field with its type, and the right rows in each partition."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from resgestae.errors import ExportError
from resgestae.export import export_events

from .helpers import event, mention


def dataset(path):
    return ds.dataset(path, format="parquet", partitioning="hive")


@pytest.fixture
def exported(tmp_path):
    april = event([mention(), mention(id="m-2", article_id="a-2")])
    may = event([mention(id="m-3", event_id="e-2", date="2023-05-02")])
    undated = event([mention(id="m-4", event_id="e-3", date=None, date_precision=None)],
                    first_seen=None)  # fmt: skip
    path = tmp_path / "out"
    assert export_events([april, may, undated], to="parquet", path=path) == 3
    return path


def test_two_datasets_partitioned_by_month(exported):
    assert sorted(p.name for p in exported.iterdir()) == ["events", "mentions"]
    assert sorted(p.name for p in (exported / "events").iterdir()) == [
        "month=2023-04", "month=2023-05", "month=unknown"]  # fmt: skip
    events = dataset(exported / "events").to_table()
    mentions = dataset(exported / "mentions").to_table()
    assert events.num_rows == 3 and mentions.num_rows == 4
    by_month = events.group_by("month").aggregate([("id", "count")]).to_pylist()
    assert {r["month"]: r["id_count"] for r in by_month} == {
        "2023-04": 1, "2023-05": 1, "unknown": 1}  # fmt: skip
    by_month = mentions.group_by("month").aggregate([("id", "count")]).to_pylist()
    assert {r["month"]: r["id_count"] for r in by_month} == {
        "2023-04": 2, "2023-05": 1, "unknown": 1}  # fmt: skip


def test_a_filter_on_the_partition_reads_one_folder(exported):
    d = dataset(exported / "mentions")
    rows = d.to_table(filter=ds.field("month") == "2023-04").to_pylist()
    assert sorted(r["id"] for r in rows) == ["m-1", "m-2"]
    assert {r["event_id"] for r in rows} == {"e-1"}


def test_every_field_with_its_type(exported):
    events = dataset(exported / "events")
    schema = events.schema
    for name in ("id", "event", "cameo", "date", "sentence", "source_url", "acled_type"):
        assert schema.field(name).type == pa.string(), name
    assert schema.field("quad_class").type == pa.int32()
    assert schema.field("goldstein").type == pa.float64()
    assert schema.field("date_first").type == pa.date32()
    assert pa.types.is_timestamp(schema.field("first_seen").type)
    assert pa.types.is_list(schema.field("actor").type)
    assert pa.types.is_struct(schema.field("location").type)
    row = events.to_table(filter=ds.field("id") == "e-1").to_pylist()[0]
    assert row["actor"][0]["code"] == "PRTMED" and row["location"]["geonameid"] == 2267057
    assert row["date_first"] == dt.date(2023, 4, 12)
    assert row["first_seen"] == dt.datetime(2023, 4, 12, 9, 30)
    assert (row["num_mentions"], row["num_sources"], row["num_articles"]) == (2, 1, 2)

    mentions = dataset(exported / "mentions")
    m = mentions.to_table(filter=ds.field("id") == "m-1").to_pylist()[0]
    assert m["span"] == [0, 56] and m["trigger"]["text"] == "marched"
    assert m["published"] == dt.date(2023, 4, 12)
    assert (m["url"], m["article_length"], m["sources"]) == ("https://news.example.org/a-1", 900, 1)
    assert m["context"] == ["economic"] and m["negated"] is False


def test_an_earlier_export_is_replaced(exported):
    export_events([event()], to="parquet", path=exported)
    assert dataset(exported / "events").count_rows() == 1
    assert dataset(exported / "mentions").count_rows() == 1


def test_a_folder_with_other_files_is_refused(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="holds other files"):
        export_events([event()], to="parquet", path=tmp_path)
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_no_events_gives_empty_datasets(tmp_path):
    assert export_events([], to="parquet", path=tmp_path / "none") == 0
    assert dataset(tmp_path / "none" / "events").count_rows() == 0


def test_real_coded_events(real_events, tmp_path):
    export_events(real_events, to="parquet", path=tmp_path / "real")
    assert dataset(tmp_path / "real" / "events").count_rows() == len(real_events)
    mentions = dataset(tmp_path / "real" / "mentions").to_table().to_pylist()
    assert sorted(m["id"] for m in mentions) == sorted(
        m["id"] for e in real_events for m in e["mentions"]
    )
