"""The Parquet folder a cluster writes: one file per batch and month, named by the batch's
article ids, so writing a batch again replaces it; a rerun reads the ids already written.
``BatchCoder`` runs here without Ray, as one actor would."""

from __future__ import annotations

from pathlib import Path

import pytest

from resgestae.engine import parquet
from resgestae.engine.coder import BatchCoder, article_row
from resgestae.ingest import read_paths
from resgestae.pipeline import Options
from resgestae.types import Article

from .helpers import SAMPLES, as_output, local_events, parquet_rows

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder_rows() -> list[dict]:
    arts = [a for a in read_paths([str(SAMPLES)]) if isinstance(a, Article)]
    return [article_row(a, i, {"status": "coded"}) for i, a in enumerate(arts)]


def test_a_batch_written_twice_is_there_once_and_reads_back_as_the_events(tmp_path, coder_rows):
    coder = BatchCoder(Options(), str(tmp_path))
    first = coder(coder_rows)
    coder(coder_rows)  # a retried task: the same batch again
    assert not any(first["error"])
    mentions = parquet_rows(tmp_path, parquet.MENTIONS)
    expected = local_events([str(SAMPLES)])
    assert sorted(m["id"] for m in mentions) == sorted(e["id"] for e in expected)
    by_id = {m["id"]: as_output(m) for m in mentions}
    assert [by_id[e["id"]] for e in expected] == expected
    articles = parquet_rows(tmp_path, parquet.ARTICLES)
    assert sorted(a["id"] for a in articles) == sorted(r["id"] for r in coder_rows)
    assert parquet.written_ids(*parquet.open_folder(str(tmp_path))) == {r["id"] for r in coder_rows}


def test_each_month_is_its_own_partition(tmp_path, coder_rows):
    BatchCoder(Options(), str(tmp_path))(coder_rows)
    for row in parquet_rows(tmp_path, parquet.ARTICLES):
        assert row["month"] == f"{row['published']:%Y-%m}"
        assert Path(row["filename"]).parent.name == f"month={row['month']}"


def test_an_empty_folder_has_no_ids_and_a_batch_without_a_folder_returns_its_events(
    tmp_path, coder_rows
):
    assert parquet.written_ids(*parquet.open_folder(str(tmp_path / "new"))) == set()
    got = BatchCoder(Options())(coder_rows[:1])
    assert got["id"] == [coder_rows[0]["id"]] and got["events"][0] > 0
    assert not (tmp_path / "new").exists()
