"""``export_events``: one entry point for every format, and errors that say the fix."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SHARED

import resgestae
from resgestae.errors import ExportError, ResgestaeError
from resgestae.export import FORMATS, SQL_FORMATS, export_events, export_store, mentions_path

from .helpers import event


def test_the_public_api_names_it():
    assert resgestae.export_events is export_events
    assert issubclass(resgestae.ExportError, ResgestaeError)


@pytest.mark.parametrize("to", FORMATS)
def test_every_format_writes_where_it_is_told(to, tmp_path):
    target = tmp_path / f"out-{to}"
    assert export_events([event()], to=to, path=target) == 1
    assert target.exists()


def test_an_unknown_format_names_the_ones_there_are(tmp_path):
    with pytest.raises(ExportError, match="unknown export format 'csv'; use one of gdelt, acled"):
        export_events([event()], to="csv", path=tmp_path / "x.csv")


def test_a_missing_folder_is_a_one_line_error(tmp_path):
    target = tmp_path / "nowhere" / "g.tsv"
    with pytest.raises(ExportError, match="does not exist; create it first"):
        export_events([event()], to="gdelt", path=target)


def test_a_folder_given_for_a_file_is_an_error(tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        export_events([event()], to="plover", path=tmp_path)


def test_a_parquet_folder_that_cannot_be_made_is_a_one_line_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export_events([event()], to="parquet", path=tmp_path / "file")
    with pytest.raises(ExportError, match="cannot write"):
        export_events([event()], to="parquet", path=tmp_path / "file" / "under")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """A store of the bundled samples and the reference article, coded by the pipeline."""
    db = tmp_path_factory.mktemp("store") / "events.duckdb"
    report = resgestae.ingest_paths([ROOT / "samples", SHARED / "samples"], db)
    assert not report.failures
    return db


def _written(to, path):
    """What an export wrote: the text of its files, or each Parquet dataset's rows by id."""
    if to == "parquet":
        return {
            name: pq.ParquetDataset(path / name).read().sort_by("id").to_pylist()
            for name in ("events", "mentions")
        }
    files = [path, mentions_path(path)] if to == "gdelt" else [path]
    return [f.read_text(encoding="utf-8") for f in files]


@pytest.mark.parametrize("filters", [{}, {"country": "AZE"}, {"limit": 4}])
@pytest.mark.parametrize("to", [*SQL_FORMATS, "geojson"])
def test_a_store_exports_what_its_events_read_as_dicts_export(ingested, to, filters, tmp_path):
    """The SQL formats read a store's tables, or the dicts staged on disk: the same files
    either way (and GeoJSON reads no mentions from a store)."""
    with resgestae.open_store(ingested, create=False) as store:
        events = list(store.events(with_mentions=True, **filters))
        n = export_store(store, to=to, path=tmp_path / "store", **filters)
    assert export_events(events, to=to, path=tmp_path / "dicts") == n
    assert n > 0 or to == "acled"
    store_files, dict_files = _written(to, tmp_path / "store"), _written(to, tmp_path / "dicts")
    assert store_files == dict_files
    if to == "gdelt":  # every event, and every mention of each
        assert [len(t.splitlines()) for t in store_files] == [
            len(events),
            sum(len(e["mentions"]) for e in events),
        ]
