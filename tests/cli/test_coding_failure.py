"""An article whose coding or storing fails is reported and not stored; the rest of the batch
goes on."""

from __future__ import annotations

import duckdb
from click.testing import CliRunner

from resgestae import coding
from resgestae.cli.main import cli

GOOD = "date 2024-05-02 By Test Wire\n\nPolice in Lima arrested twelve students on Monday.\n"
BAD = "date 2024-05-02 By Test Wire\n\nSoldiers in Bamako detained four journalists.\n"


def test_a_coding_failure_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD, encoding="utf-8")
    real = coding.code

    # A fault injected into one article stands for a bug the real pipeline could hit.
    def failing(parsed, mentions, lexicon):
        if "Bamako" in parsed.article.text:
            raise RuntimeError("injected fault")
        return real(parsed, mentions, lexicon)

    monkeypatch.setattr(coding, "code", failing)
    db = tmp_path / "events.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    assert "b.txt" in result.output and "injected fault" in result.output
    with duckdb.connect(str(db)) as con:
        texts = [r[0] for r in con.execute("SELECT text FROM articles").fetchall()]
    assert len(texts) == 1 and "Lima" in texts[0]

    # Fixed, the same command codes the failed article and adds nothing twice.
    monkeypatch.setattr(coding, "code", real)
    again = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "--quiet"])
    assert again.exit_code == 0
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_a_store_failure_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    from resgestae.store import Store

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD, encoding="utf-8")
    real = Store.add_many

    def refusing(self, items):  # stands for a write DuckDB refuses
        if any("Bamako" in it.article.text for it in items):
            raise duckdb.OutOfMemoryException("injected: could not allocate block")
        return real(self, items)

    monkeypatch.setattr(Store, "add_many", refusing)
    db = tmp_path / "events.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    assert "b.txt: not stored: injected" in result.output
    monkeypatch.setattr(Store, "add_many", real)
    again = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "--quiet"])
    assert again.exit_code == 0
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (2, 2)


def test_a_failed_article_is_no_original_for_later_copies(tmp_path, monkeypatch):
    story = (
        "Soldiers in Bamako detained four journalists on Monday after they filmed a checkpoint "
        "near the airport, a press union said. The union demanded their release and said the "
        "reporters had been taken to a barracks outside the city without charge."
    )
    (tmp_path / "b.txt").write_text(f"date 2024-05-02 By Test Wire\n\n{story}\n", "utf-8")
    copy = f"date 2024-05-02 By Other Wire\n\nBAMAKO (Other Wire) - {story}\n"
    (tmp_path / "c.txt").write_text(copy, "utf-8")
    real = coding.code

    def failing(parsed, mentions, lexicon):  # b.txt only: its copy would code
        if parsed.article.origin.endswith("b.txt"):
            raise RuntimeError("injected fault")
        return real(parsed, mentions, lexicon)

    monkeypatch.setattr(coding, "code", failing)
    db = tmp_path / "events.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "--quiet"])
    assert result.exit_code == 1 and "injected fault" in result.output
    assert "c.txt: a near-duplicate of" in result.output  # not linked to what was not stored
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)

    monkeypatch.setattr(coding, "code", real)
    again = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "--quiet"])
    assert again.exit_code == 0
    with duckdb.connect(str(db)) as con:
        rows = con.execute("SELECT origin, status FROM articles ORDER BY origin").fetchall()
    assert [(o[-5:], s) for o, s in rows] == [("b.txt", "coded"), ("c.txt", "duplicate")]
