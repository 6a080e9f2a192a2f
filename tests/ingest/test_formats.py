"""HTML, RSS/Atom, WARC and CSV/TSV readers, format detection, and their bad inputs."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from conftest import FIXTURES

from resgestae.errors import InputError
from resgestae.ingest import read_paths
from resgestae.ingest.detect import detect, sniff
from resgestae.ingest.warc import warc_record
from resgestae.types import Article

INGEST = FIXTURES / "ingest"
PAGE = (INGEST / "article.html").read_text(encoding="utf-8")
CANONICAL = "https://News.Example.ORG/world/teachers-march?utm_source=feed&amp;utm_medium=rss"


def read(*paths, **kw) -> tuple[list[Article], list[InputError]]:
    items = list(read_paths([str(p) for p in paths], **kw))
    return (
        [a for a in items if isinstance(a, Article)],
        [e for e in items if isinstance(e, InputError)],
    )


def page(n: int) -> str:
    """The fixture page with its own canonical URL and a distinct sentence."""
    return PAGE.replace(CANONICAL, f"https://example.org/story/{n}").replace(
        "next week.", f"next week, in round {n}."
    )


def test_html_main_text_and_metadata():
    [a], errors = read(INGEST / "article.html")
    assert not errors
    assert a.id == a.url == "https://news.example.org/world/teachers-march"  # canonical
    assert (a.title, a.author, a.source) == (
        "Teachers march in Lisbon over pay freeze",
        "Ana Inventada",
        "Resgestae Fixture Daily",
    )
    assert a.published == dt.date(2023, 4, 12)
    assert a.text.startswith("Thousands of teachers marched")  # no headline, no navigation
    assert a.text.count("\n\n") == 2  # three paragraphs
    assert "Home" not in a.text and "Copyright" not in a.text


def test_html_without_article_text_is_an_error_naming_the_file():
    articles, [error] = read(INGEST / "navigation-only.html")
    assert not articles
    assert error.origin.endswith("navigation-only.html") and "no article text" in error.message


def test_rss_one_article_per_entry_and_a_bad_date_names_the_entry():
    articles, [error] = read(INGEST / "feed.rss")
    assert [a.id for a in articles] == [
        "https://wire.example.org/farmers-lyon",  # utm_campaign dropped
        "https://wire.example.org/budget",
    ]
    assert [a.published for a in articles] == [dt.date(2024, 2, 5), dt.date(2024, 2, 7)]
    assert articles[0].source == "Resgestae Fixture Wire"
    assert articles[0].text.split("\n\n")[1].startswith("The agriculture minister")  # HTML gone
    assert error.origin.endswith("feed.rss:entry 2")
    assert "Blursday" in error.message and "RFC 822" in error.message


def test_atom_prefers_content_over_summary():
    [a], errors = read(INGEST / "feed.atom")
    assert not errors
    assert a.text.startswith("The water ministers") and "summary" not in a.text
    assert (a.published, a.title) == (dt.date(2024, 3, 1), "Ministers sign water agreement")


def test_csv_with_column_mapping_reports_the_short_row_by_line():
    columns = {"text": "body", "published": "date", "title": "headline", "url": "link"}
    articles, [error] = read(INGEST / "table.csv", columns=columns)
    assert [a.title for a in articles] == ["Dockers strike in Rotterdam", "Students protest fees"]
    assert articles[0].published == dt.date(2022, 10, 6)
    assert articles[1].origin.endswith("table.csv:4")
    assert error.origin.endswith("table.csv:3") and "fewer cells" in error.message


def test_csv_missing_column_names_the_header_and_the_fix():
    articles, [error] = read(INGEST / "table.csv")
    assert not articles
    assert error.origin.endswith("table.csv:1")
    assert "'text'" in error.message and "headline, body" in error.message
    assert "--columns" in error.message
    _, [error] = read(INGEST / "table.csv", columns={"text": "body", "published": "when"})
    assert "'when'" in error.message


def test_tsv_by_extension():
    [a], errors = read(INGEST / "table.tsv", columns={"text": "content"})
    assert not errors and a.title == "Rally in Nairobi" and a.text.startswith("Opposition")


@pytest.mark.parametrize(
    "head,fmt",
    [
        (b"WARC/1.0\r\n", "warc"),
        (b'\xef\xbb\xbf{"text": "x"}', "jsonl"),
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"  <!DOCTYPE html><html>", "html"),
        (b"date 2020-01-01 By X\nText", "text"),
    ],
)
def test_sniff(head, fmt):
    assert sniff(head) == fmt


def test_extension_wins_where_it_is_unambiguous():
    assert detect("a.csv", b"<html>") == "csv"
    assert detect("crawl.warc.gz", b"") == "warc"
    assert detect("feed.xml", b"<rss>") == "feed" and detect("page", b"<html>") == "html"


def test_content_detection_and_forcing(tmp_path):
    odd = tmp_path / "download.dat"
    odd.write_text(PAGE, encoding="utf-8")
    [a], _ = read(odd)  # not in a directory walk, but readable when named
    assert a.title.startswith("Teachers march")
    forced = tmp_path / "page.txt"
    forced.write_text(PAGE, encoding="utf-8")
    [as_text], _ = read(forced)
    assert as_text.text.startswith("<!DOCTYPE")  # .txt means text...
    [as_html], _ = read(forced, input_format="html")  # ...unless forced
    assert as_html.title.startswith("Teachers march")


def test_gzipped_jsonl_and_truncated_gzip(tmp_path):
    lines = "".join(f'{{"id": "r{i}", "text": "Record {i}."}}\n' for i in range(2000)).encode()
    whole = gzip.compress(lines)
    (tmp_path / "a.jsonl.gz").write_bytes(whole)
    articles, errors = read(tmp_path / "a.jsonl.gz")
    assert len(articles) == 2000 and not errors
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    articles, [error] = read(tmp_path / "cut.jsonl.gz")
    assert 0 < len(articles) < 2000
    assert "cut short" in error.message and f"after {len(articles)} articles" in error.message


def archive(tmp_path, name: str, records: list[bytes]):
    path = tmp_path / name
    path.write_bytes(b"".join(records))
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_only(tmp_path, gz):
    records = [warc_record(f"https://example.org/story/{n}", page(n), gzip_it=gz) for n in range(3)]
    records.insert(1, warc_record("https://example.org/missing", page(9), status="404 Not Found",
                                  gzip_it=gz))  # fmt: skip
    path = archive(tmp_path, "crawl.warc.gz" if gz else "crawl.warc", records)
    articles, errors = read(path)
    assert not errors
    assert [a.id for a in articles] == [f"https://example.org/story/{n}" for n in range(3)]
    assert [a.origin.rsplit(":", 1)[1] for a in articles] == ["record 1", "record 3", "record 4"]
    assert articles[0].title == "Teachers march in Lisbon over pay freeze"


def test_warc_corrupt_record_is_reported_and_the_rest_read(tmp_path):
    records = [warc_record(f"https://example.org/story/{n}", page(n)) for n in range(4)]
    records[1] = records[1].replace(b"Content-Length: ", b"Content-Length: x", 1)
    articles, [error] = read(archive(tmp_path, "bad.warc", records))
    assert [a.id[-1] for a in articles] == ["0", "2", "3"]
    assert error.origin.endswith("bad.warc:record 2") and "corrupt WARC record" in error.message


def test_warc_gz_cut_short_keeps_the_records_before(tmp_path):
    records = [warc_record(f"https://example.org/story/{n}", page(n), gzip_it=True)
               for n in range(5)]  # fmt: skip
    data = b"".join(records)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - len(records[-1]) // 2])
    articles, [error] = read(path)
    assert [a.id[-1] for a in articles] == ["0", "1", "2", "3"]
    assert error.origin.endswith("cut.warc.gz:record 5") and "cut short" in error.message


def test_directory_walk_reads_every_known_format():
    articles, errors = read(INGEST, columns={"text": "body"})
    origins = {a.origin.split("ingest/")[1].split(":")[0] for a in articles}
    assert origins == {"article.html", "feed.atom", "feed.rss", "portuguese.txt", "table.csv"}
    assert len(errors) == 4  # bad feed date, navigation page, short CSV row, TSV without "body"
