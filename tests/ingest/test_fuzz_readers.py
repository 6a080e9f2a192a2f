"""Fuzzing the readers (issue 14): whatever the bytes, ``read_paths`` yields articles and
``InputError`` values, never an exception; and a bad record beside good ones costs only
itself. Bounded (``max_examples``, no deadline) to run in a few seconds."""

from __future__ import annotations

import csv
import gzip
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resgestae.errors import InputError
from resgestae.ingest import read_paths
from resgestae.ingest.warc import warc_record
from resgestae.types import Article

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SUFFIXES = [".txt", ".jsonl", ".html", ".rss", ".warc", ".csv", ".tsv", ".xml", ".txt.gz"]
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=80)
GOOD = "The harbour authority reopened the northern pier on Thursday after repairs, it said."


def read_all(path) -> list[Article | InputError]:
    items = list(read_paths([str(path)], max_bytes=1 << 16))
    assert all(isinstance(i, Article | InputError) for i in items)
    for i in items:
        if isinstance(i, InputError):
            assert i.origin.startswith(str(path)) and "\n" not in i.message
        else:
            i.text.encode("utf-8")  # no lone surrogate reaches the parser
    return items


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_in_any_format(tmp_path_factory, data, suffix):
    f = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    f.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    read_all(f)


@FUZZ
@given(prefix=st.binary(max_size=200), suffix=st.sampled_from(SUFFIXES))
def test_garbage_after_a_real_start(tmp_path_factory, prefix, suffix):
    """A plausible first line, then junk: detection picks the format, the reader the junk."""
    starts = {
        ".jsonl": b'{"text": "',
        ".html": b"<html><body><p>",
        ".rss": b"<rss><item>",
        ".warc": b"WARC/1.0\r\nWARC-Type: response\r\n",
        ".csv": b"text,published\n",
    }
    f = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    f.write_bytes(starts.get(suffix, b"date 2024-01-01 By W\n") + prefix)
    read_all(f)


def json_value():
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=8,
    )


@FUZZ
@given(bad=st.dictionaries(st.sampled_from(["id", "text", "published", "url", "title"]),
                           json_value() | WORDS, max_size=5),
       junk=st.binary(max_size=60).filter(lambda b: b"\n" not in b and b"\r" not in b))  # fmt: skip
def test_jsonl_bad_records_beside_good_ones(tmp_path_factory, bad, junk):
    lines = [
        json.dumps({"id": "good-1", "text": GOOD}).encode(),
        json.dumps(bad, allow_nan=True).encode(),
        junk,
        json.dumps({"id": "good-2", "text": GOOD + " Again."}).encode(),
    ]
    f = tmp_path_factory.mktemp("fuzz") / "news.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    ids = [i.id for i in read_all(f) if isinstance(i, Article)]
    assert ids[0] == "good-1" and ids[-1] == "good-2"


@FUZZ
@given(cells=st.lists(WORDS, min_size=1, max_size=4), date=WORDS)
def test_csv_bad_row_beside_good_ones(tmp_path_factory, cells, date):
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["text", "published"])
    w.writerow([GOOD, "2024-01-01"])
    w.writerow(cells[:1] + [date] + cells[1:])  # maybe short, long, or a bad date
    w.writerow([GOOD + " Again.", "2024-01-02"])
    f = tmp_path_factory.mktemp("fuzz") / "t.csv"
    f.write_text(out.getvalue(), encoding="utf-8")
    texts = [i.text for i in read_all(f) if isinstance(i, Article)]
    assert texts[0] == GOOD and texts[-1] == GOOD + " Again."


@FUZZ
@given(body=st.binary(max_size=400), title=WORDS, date=WORDS)
def test_feed_bad_entry_beside_good_ones(tmp_path_factory, body, title, date):
    from xml.sax.saxutils import escape

    def item(n, text, when="Tue, 10 Nov 2020 08:00:00 GMT"):
        return (f"<item><title>{escape(title)}</title><link>https://f.example.org/{n}</link>"
                f"<pubDate>{escape(when)}</pubDate><description>{escape(text)}</description>"
                "</item>")  # fmt: skip

    bad = body.decode("utf-8", "replace")
    feed = f"<rss><channel>{item(1, GOOD)}{item(2, bad, date)}{item(3, GOOD + ' Again.')}"
    f = tmp_path_factory.mktemp("fuzz") / "f.rss"
    f.write_text(feed + "</channel></rss>", encoding="utf-8")
    urls = [i.url for i in read_all(f) if isinstance(i, Article)]
    assert urls[0] == "https://f.example.org/1" and urls[-1] == "https://f.example.org/3"


@FUZZ
@given(junk=st.binary(min_size=1, max_size=300), gz=st.booleans(), flip=st.integers(0, 10**6))
def test_warc_bad_record_beside_good_ones(tmp_path_factory, junk, gz, flip):
    def page(n):
        return f"<html><head><title>P{n}</title></head><body><article><p>{GOOD} ({n})</p></article></body></html>"  # noqa: E501

    good = [warc_record(f"https://w.example.org/{n}", page(n), gzip_it=gz) for n in (1, 2, 3)]
    if gz:  # a member with flipped bytes between good members
        bad = bytearray(warc_record("https://w.example.org/x", page(9), gzip_it=True))
        i = 10 + flip % (len(bad) - 20)
        bad[i : i + len(junk[:8])] = bytes(b ^ 0xA5 for b in junk[:8])
        middle = bytes(bad)
    else:
        middle = b"WARC/1.0\r\n" + junk + b"\r\n\r\n"
    f = tmp_path_factory.mktemp("fuzz") / ("c.warc.gz" if gz else "c.warc")
    f.write_bytes(good[0] + middle + good[1] + good[2])
    urls = [i.url for i in read_all(f) if isinstance(i, Article)]
    assert urls[0] == "https://w.example.org/1" and urls[-2:] == [
        "https://w.example.org/2",
        "https://w.example.org/3",
    ]
