"""Reading articles: headers, JSON Lines, directories, stdin and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest
from conftest import FIXTURES, REFERENCE_ARTICLE

from resgestae.errors import InputError
from resgestae.ingest import article_id, parse_header, read_paths
from resgestae.types import Article

BATCH = FIXTURES / "batch"


def read(*paths, **kw) -> tuple[list[Article], list[InputError]]:
    items = list(read_paths([str(p) for p in paths], **kw))
    return (
        [a for a in items if isinstance(a, Article)],
        [e for e in items if isinstance(e, InputError)],
    )


def write(tmp_path, name: str, data: str | bytes):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_header_sets_date_and_source_and_is_stripped(tmp_path):
    path = write(tmp_path, "a.txt", "date 2020-11-26 By Some Wire\n\n\nCrowds gathered.\n")
    [article], errors = read(path)
    assert not errors
    assert article.published == dt.date(2020, 11, 26)
    assert article.source == "Some Wire"
    assert article.text == "Crowds gathered."
    assert article.origin == str(path)


def test_reference_article_header_with_leading_space():
    if not REFERENCE_ARTICLE.exists():
        pytest.skip("reference article not available")
    [article], errors = read(REFERENCE_ARTICLE)
    assert not errors
    assert (article.published, article.source) == (dt.date(2020, 11, 26), "Azernews")
    assert article.text.startswith("Baku residents")


@pytest.mark.parametrize(
    "line,expected",
    [
        ("date 2020-01-02 By AFP", (dt.date(2020, 1, 2), "AFP")),
        ("  date 2020-01-02   By  Wire Service ", (dt.date(2020, 1, 2), "Wire Service")),
        ("date 2020-01-02", (dt.date(2020, 1, 2), None)),
        ("Date night protests turned violent.", None),
        ("The date was set.", None),
    ],
)
def test_parse_header(line, expected):
    assert parse_header(line, "x") == expected


def test_no_header_uses_default_date_or_unknown(tmp_path):
    path = write(tmp_path, "a.txt", "Crowds gathered in the square.")
    [article], _ = read(path)
    assert article.published is None and article.source is None
    [article], _ = read(path, default_date=dt.date(2021, 1, 1))
    assert article.published == dt.date(2021, 1, 1)


def test_header_date_wins_over_default_date(tmp_path):
    path = write(tmp_path, "a.txt", "date 2020-11-26 By W\nText.")
    [article], _ = read(path, default_date=dt.date(2021, 1, 1))
    assert article.published == dt.date(2020, 11, 26)


def test_jsonl_fields_and_ids():
    articles, errors = read(BATCH / "c-records.jsonl")
    assert not errors
    first, second, third = articles
    assert (first.id, first.url, first.source, first.title) == (
        "rec-1",
        "https://example.org/1",
        "Fixture Daily",
        "Talks",
    )
    assert first.published == dt.date(2021, 5, 6)
    assert first.origin.endswith("c-records.jsonl:1")
    assert second.id == "https://example.org/2"  # no id: the url
    assert second.published == dt.date(2021, 5, 7)  # timestamp cut to its date
    assert third.id == article_id(third.text)  # neither: the content hash
    assert third.published is None


def test_same_text_from_two_paths_is_one_article(tmp_path):
    a = write(tmp_path, "a.txt", "Crowds gathered.")
    b = write(tmp_path, "sub.txt", "date 2020-01-01 By W\n\nCrowds gathered.\n")
    articles, _ = read(a, b)
    assert len(articles) == 1


def test_directory_is_read_recursively_in_sorted_order():
    articles, errors = read(BATCH)
    origins = [a.origin for a in articles]
    assert origins == [
        str(BATCH / "a-header.txt"),
        *(f"{BATCH / 'c-records.jsonl'}:{n}" for n in (1, 2, 3)),
        f"{BATCH / 'f-malformed.jsonl'}:1",
        str(BATCH / "nested" / "b-plain.txt"),
    ]
    assert len(errors) == 6
    assert articles == read(BATCH)[0]  # stable


@pytest.mark.parametrize(
    "name,origin,words",
    [
        ("d-empty.txt", "d-empty.txt", "empty"),
        ("e-bad-date.txt", "e-bad-date.txt:1", "2020-13-45"),
        ("f-malformed.jsonl", "f-malformed.jsonl:2", "not valid JSON"),
        ("f-malformed.jsonl", "f-malformed.jsonl:3", "2021-02-30"),
        ("g-latin1.txt", "g-latin1.txt", "UTF-8"),
        ("h-binary.txt", "h-binary.txt", "binary"),
    ],
)
def test_bad_input_is_an_error_naming_the_file_with_a_fix(name, origin, words):
    _, errors = read(BATCH / name)
    [error] = [e for e in errors if e.origin.endswith(origin)]
    assert words in error.message
    assert any(fix in error.message for fix in ("remove", "write", "must", "re-save", "pass"))


def test_missing_path_and_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    articles, errors = read(tmp_path / "nope.txt", tmp_path / "empty")
    assert not articles
    assert [e.origin for e in errors] == [str(tmp_path / "nope.txt"), str(tmp_path / "empty")]


@pytest.mark.parametrize(
    "data,ids",
    [
        (b"date 2020-11-26 By W\n\nCrowds gathered.\n", [article_id("Crowds gathered.")]),
        (b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n', ["s1", "s2"]),
    ],
)
def test_stdin_text_or_jsonl(monkeypatch, data, ids):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    articles, errors = read("-")
    assert not errors
    assert [a.id for a in articles] == ids
    assert all(a.origin.startswith("<stdin>") for a in articles)
