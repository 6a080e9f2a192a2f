"""Regression tests for issue 14: inputs that used to abort a run or hide their cause
(lone surrogates, placeholder dates, decompression bombs, corrupt gzip members, deep HTML,
UTF-16) are read, or are one ``InputError`` naming the file and the fix."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from resgestae.errors import InputError
from resgestae.ingest import read_paths
from resgestae.ingest.decode import check_date
from resgestae.ingest.warc import warc_record
from resgestae.types import Article

SENTENCE = "The mayor of the riverside town opened a new bridge over the canal on Saturday."


def read(*paths, **kw) -> tuple[list[Article], list[InputError]]:
    items = list(read_paths([str(p) for p in paths], **kw))
    return (
        [a for a in items if isinstance(a, Article)],
        [e for e in items if isinstance(e, InputError)],
    )


def page(n: int, depth: int = 3) -> str:
    body = f"<p>{SENTENCE} It was bridge number {n} of the year, the council said.</p>"
    return (
        f"<!doctype html><html><head><title>Bridge {n}</title></head><body>"
        + "<div>" * depth + f"<article>{body}</article>" + "</div>" * depth + "</body></html>"
    )  # fmt: skip


# -- lone surrogates ------------------------------------------------------------------------


def test_jsonl_lone_surrogate_is_replaced_not_a_crash(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text(
        '{"id": "s1", "text": "Police \\ud800 arrested ten people.", "title": "\\udfff"}\n'
        + json.dumps({"id": "s2", "text": SENTENCE})
        + "\n",
        encoding="utf-8",
    )
    articles, errors = read(f)
    assert not errors
    assert [a.id for a in articles] == ["s1", "s2"]
    assert articles[0].text == "Police \ufffd arrested ten people."
    assert articles[0].title == "\ufffd"
    articles[0].text.encode("utf-8")  # storable and parsable: no surrogate left


def test_feed_surrogate_character_reference_is_read(tmp_path):
    f = tmp_path / "f.rss"
    f.write_text(
        "<rss><channel><title>W</title>"
        f"<item><link>https://w.example.org/1</link><description>&#xd800; {SENTENCE}"
        "</description></item>"
        f"<item><link>https://w.example.org/2</link><description>&#55296; {SENTENCE}"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    articles, errors = read(f)
    assert not errors
    assert len(articles) == 2 and all(a.text.startswith("\ufffd ") for a in articles)


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "2999-06-01", "1899-12-31"])
def test_implausible_header_date_names_the_line(tmp_path, date):
    f = tmp_path / "a.txt"
    f.write_text(f"date {date} By Wire\n{SENTENCE}\n", encoding="utf-8")
    articles, [error] = read(f)
    assert not articles
    assert error.origin == f"{f}:1"
    assert "implausible publication date" in error.message and date in error.message


def test_one_date_range_for_jsonl_and_csv(tmp_path):
    j = tmp_path / "a.jsonl"
    j.write_text(
        "\n".join(
            json.dumps({"id": i, "text": SENTENCE, "published": d})
            for i, d in (("ok", "2024-02-29"), ("late", "9999-12-31"), ("early", "0001-01-01"))
        ),
        encoding="utf-8",
    )
    c = tmp_path / "a.csv"
    c.write_text(f"text,published\n{SENTENCE},2999-01-01\n{SENTENCE} Again.,2020-01-01\n")
    articles, errors = read(j, c)
    assert [a.id for a in articles][0] == "ok" and len(articles) == 2
    assert [e.origin for e in errors] == [f"{j}:2", f"{j}:3", f"{c}:2"]
    assert all("implausible publication date" in e.message for e in errors)


def test_date_range_runs_to_a_year_from_today():
    today = dt.date(2026, 1, 10)
    assert check_date(dt.date(2027, 1, 10), "x", "w", today) == dt.date(2027, 1, 10)
    assert check_date(dt.date(1900, 1, 1), "x", "w", today) == dt.date(1900, 1, 1)
    with pytest.raises(InputError, match="2027-01-11"):
        check_date(dt.date(2027, 1, 12), "x", "w", today)


@pytest.mark.parametrize(
    "raw, words",
    [
        ("2020-02-30T08:00:00Z", "cannot read the published date '2020-02-30"),  # not March 1st
        ("Sun, 30 Feb 2020 08:00:00 GMT", "cannot read the published date"),
        ("9999-12-31T00:00:00Z", "implausible publication date 9999-12-31"),
        ("0001-01-01T00:00:00Z", "implausible publication date 0001-01-01"),
    ],
)
def test_feed_impossible_or_implausible_date_names_the_entry(tmp_path, raw, words):
    f = tmp_path / "f.rss"
    f.write_text(
        "<rss><channel><title>W</title>"
        f"<item><link>https://w.example.org/1</link><pubDate>{raw}</pubDate>"
        f"<description>{SENTENCE}</description></item>"
        "<item><link>https://w.example.org/2</link><pubDate>Tue, 10 Nov 2020 08:00:00 GMT"
        f"</pubDate><description>{SENTENCE}</description></item></channel></rss>",
        encoding="utf-8",
    )
    [article], [error] = read(f)
    assert error.origin == f"{f}:entry 1" and words in error.message
    assert article.published == dt.date(2020, 11, 10)


# -- size bounds ----------------------------------------------------------------------------


def test_gzip_bomb_text_is_one_error_naming_the_file_and_the_option(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"word " * 400_000))  # 2 MB of text in a few KB
    ok = tmp_path / "ok.txt"
    ok.write_text(SENTENCE, encoding="utf-8")
    articles, [error] = read(bomb, ok, max_bytes=1 << 20)
    assert [a.origin for a in articles] == [str(ok)]
    assert error.origin == str(bomb)
    assert "more than 1 MB" in error.message and "--max-input-mb" in error.message
    assert bomb.stat().st_size < 20_000


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".csv.gz", ".html.gz", ".rss.gz"])
def test_every_format_is_bounded(tmp_path, suffix):
    big = "word " * 300_000  # 1.5 MB
    content = {
        ".jsonl.gz": json.dumps({"id": "a", "text": SENTENCE}) + "\n"
        + json.dumps({"id": "b", "text": big}) + "\n",
        ".csv.gz": f"text\n{SENTENCE}\n\"{big}\"\n",
        ".html.gz": page(1).replace(SENTENCE, big),
        ".rss.gz": f"<rss><channel><item><description>{big}</description></item></channel></rss>",
    }[suffix]  # fmt: skip
    f = tmp_path / f"bomb{suffix}"
    f.write_bytes(gzip.compress(content.encode()))
    articles, [error] = read(f, max_bytes=1 << 20)
    assert "more than 1 MB" in error.message and "--max-input-mb" in error.message
    assert error.origin.startswith(str(f))
    if suffix in (".jsonl.gz", ".csv.gz"):  # streamed: the records before it are read
        assert [a.text for a in articles] == [SENTENCE]
        assert error.origin == f"{f}:{2 if suffix == '.jsonl.gz' else 3}"  # CSV: header


def test_warc_record_over_the_bound_is_skipped_and_the_rest_read(tmp_path):
    f = tmp_path / "c.warc"
    big = page(2).replace(SENTENCE, "word " * 300_000)
    f.write_bytes(
        warc_record("https://e.org/1", page(1))
        + warc_record("https://e.org/2", big)
        + warc_record("https://e.org/3", page(3))
    )
    articles, [error] = read(f, max_bytes=1 << 20)
    assert [a.url for a in articles] == ["https://e.org/1", "https://e.org/3"]
    assert error.origin == f"{f}:record 2" and "--max-input-mb" in error.message


# -- corrupt gzip members -------------------------------------------------------------------


def corrupt(member: bytes) -> bytes:
    """The member with bytes in the middle of its deflate data flipped."""
    bad = bytearray(member)
    for i in range(len(bad) // 2, len(bad) // 2 + 4):
        bad[i] ^= 0xFF
    return bytes(bad)


def test_corrupt_member_in_warc_gz_costs_only_its_record(tmp_path):
    members = [warc_record(f"https://e.org/{n}", page(n), gzip_it=True) for n in range(1, 10)]
    offset = sum(map(len, members[:2]))
    members[2] = corrupt(members[2])
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(b"".join(members))
    articles, [error] = read(f)
    assert [a.url for a in articles] == [f"https://e.org/{n}" for n in (1, 2, 4, 5, 6, 7, 8, 9)]
    assert error.origin == f"{f}:gzip member at byte {offset}"
    assert "after record 2" in error.message and "next member" in error.message


def test_corrupt_member_in_jsonl_gz_costs_only_its_lines(tmp_path):
    lines = [json.dumps({"id": f"j{n}", "text": f"{SENTENCE} ({n})"}) + "\n" for n in range(6)]
    members = [gzip.compress(line.encode() * 1) for line in lines]
    members[3] = corrupt(members[3])
    f = tmp_path / "news.jsonl.gz"
    f.write_bytes(b"".join(members))
    articles, [error] = read(f)
    assert [a.id for a in articles] == ["j0", "j1", "j2", "j4", "j5"]
    assert error.origin == f"{f}:gzip member at byte {sum(map(len, members[:3]))}"


def test_warc_gz_cut_inside_a_member_keeps_every_record_before(tmp_path):
    members = [warc_record(f"https://e.org/{n}", page(n), gzip_it=True) for n in range(1, 5)]
    f = tmp_path / "cut.warc.gz"
    f.write_bytes(b"".join(members)[:-40])
    articles, [error] = read(f)
    assert [a.url for a in articles] == [f"https://e.org/{n}" for n in (1, 2, 3)]
    assert "cut short" in error.message


# -- HTML nesting, UTF-16 -------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 3000])
def test_deeply_nested_html_still_gives_its_text(tmp_path, depth):
    f = tmp_path / "deep.html"
    f.write_text(page(7, depth=depth), encoding="utf-8")
    [article], errors = read(f)
    assert not errors
    assert article.text.startswith(SENTENCE)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_gets_a_conversion_hint(tmp_path, encoding):
    f = tmp_path / "a.txt"
    f.write_bytes(f"date 2024-01-02 By Wire\n{SENTENCE}\n".encode(encoding))
    articles, [error] = read(f)
    assert not articles
    assert "looks like UTF-16" in error.message and "iconv -f utf-16" in error.message
    assert "binary" not in error.message
