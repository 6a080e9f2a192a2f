"""``export_events``: one entry point for every format, and errors that say the fix."""

from __future__ import annotations

import pytest

import resgestae
from resgestae.errors import ExportError, ResgestaeError
from resgestae.export import FORMATS, export_events

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
