import json

from click.testing import CliRunner

from resgestae.cli.main import cli

from .helpers import EVAL_FIXTURES as F


def test_eval_json_prints_one_object_per_file_set(tmp_path, monkeypatch):
    monkeypatch.setenv("RESGESTAE_CACHE", str(tmp_path))
    result = CliRunner().invoke(cli, ["eval", str(F / "timeml-format.tml"), "--json", "-q"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    obj = json.loads(line)
    assert obj["kind"] == "timeml" and obj["n"] == 4
    assert set(obj["metrics"]) >= {"timex_f1", "value_accuracy"}
    assert all(0.0 <= v <= 1.0 for v in obj["metrics"].values())


def test_eval_table_with_details(tmp_path, monkeypatch):
    monkeypatch.setenv("RESGESTAE_CACHE", str(tmp_path))
    path = F / "timeml-format.tml"
    result = CliRunner().invoke(cli, ["eval", str(path), "--kind", "timeml", "--details", "-q"])
    assert result.exit_code == 0, result.output
    assert "timex_f1" in result.output and "by_type" in result.output


def test_eval_without_gold_files_says_what_to_give(tmp_path):
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code != 0
    assert "no gold files found" in result.output and "--kind" in result.output


def test_eval_has_help():
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0 and "gold" in result.output


def test_eval_articles_details_list_outcomes(tmp_path, monkeypatch):
    monkeypatch.setenv("RESGESTAE_CACHE", str(tmp_path))
    gold = F / "articles" / "events.json"
    result = CliRunner().invoke(cli, ["eval", str(gold), "--kind", "articles", "--details", "-q"])
    assert result.exit_code == 0, result.output
    assert "event_precision" in result.output and "  MISS  a a.4 COERCE" in result.output


def test_eval_articles_with_a_missing_corpus_is_a_one_line_error(tmp_path):
    gold = tmp_path / "events.json"
    gold.write_text(json.dumps({"corpus": "nowhere.xml", "articles": []}))
    result = CliRunner().invoke(cli, ["eval", str(gold)])
    assert result.exit_code == 1 and "nowhere.xml" in result.output
    assert "Traceback" not in result.output
