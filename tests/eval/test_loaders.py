"""Every loader reads its format: invented fixtures, including the two format examples that
stand for held-out corpora (LGL / TR-News and TempEval-3 TimeML)."""

import datetime as dt

import pytest

from resgestae.eval import case, geo, meantime, petrarch, plover, timeml
from resgestae.eval.detect import detect_kind, find_sets

from .helpers import EVAL_FIXTURES as F


@pytest.mark.parametrize(
    "name,kind",
    [
        ("plover-gsr.json", "plover"),
        ("case-task2.tsv", "case"),
        ("petrarch-validation.xml", "petrarch"),
        ("meantime-cat.xml", "meantime"),
        ("timeml-format.tml", "timeml"),
        ("geowebnews.xml", "geo"),
        ("geovirus.xml", "geo"),
        ("lgl-trnews-format.xml", "geo"),
    ],
)
def test_kind_is_detected_from_content(name, kind):
    assert detect_kind(F / name) == kind


def test_non_gold_files_are_ignored(tmp_path):
    (tmp_path / "README.txt").write_text("notes about the corpus\n")
    (tmp_path / "x.xml").write_text("<other/>")
    assert detect_kind(tmp_path / "README.txt") is None
    assert find_sets(tmp_path) == []


def test_plover_maps_old_types_and_codes():
    records = plover.load(F / "plover-gsr.json")
    assert [r.event for r in records] == ["REQUEST", "ASSAULT", "AGREE"]
    assert records[0].sources == {"JPN"} and records[0].targets == {"NGO"}
    assert records[0].source_sectors == ("GOV",)
    assert records[1].sources == {"ITA"}  # "---" has no country
    assert records[1].targets == frozenset()
    assert records[1].source_sectors == ("REB",)
    assert records[2].targets == frozenset() and records[2].source_sectors == ("CVL",)


def test_case_reads_snippets_and_labels():
    snippets = case.load(F / "case-task2.tsv")
    assert [(s.id, s.label) for s in snippets] == [
        ("7", "PEACE_PROTEST"),
        ("9", "AGREEMENT"),
        ("12", "NATURAL_DISASTER"),
    ]


def test_petrarch_reads_codings_text_and_skips_unevaluated():
    records = petrarch.load(F / "petrarch-validation.xml")
    assert [r.id for r in records] == ["INVENTED_1", "INVENTED_2"]
    first, second = records
    assert first.text == "The visiting minister toured the harbour & docks with her host."
    assert [(c.cameo, c.source, c.target) for c in first.codings] == [
        ("042", "FRA", "DEU"),
        ("043", "DEU", "FRA"),
    ]
    assert second.codings == ()


def test_meantime_rebuilds_text_and_offsets():
    (doc,) = meantime.load(F / "meantime-cat.xml")
    assert (
        doc.text
        == "Ferry resumes\nMarch 3, 2010\nThe ferry sailed again on Monday (after two weeks)."
    )
    assert doc.anchor == dt.date(2010, 3, 3)
    assert [(doc.text[t.start : t.end], t.value, t.type) for t in doc.timexes] == [
        ("Monday", "2010-03-01", "DATE"),
        ("two weeks", "P2W", "DURATION"),
    ]
    assert [doc.text[s:e] for s, e in doc.skip] == ["March 3, 2010"]


def test_timeml_reads_dct_and_text_offsets():
    (doc,) = timeml.load(F / "timeml-format.tml")
    assert doc.anchor == dt.date(2013, 3, 22)
    assert "<" not in doc.text
    found = [(doc.text[t.start : t.end], t.value, t.type) for t in doc.timexes]
    assert found[0] == ("Tuesday", "2013-03-19", "DATE")
    assert ("two days", "P2D", "DURATION") in found
    assert len(found) == 4


def test_geowebnews_keeps_places_only():
    (art,) = geo.load(F / "geowebnews.xml")
    assert [(art.text[t.start : t.end], t.geonameid, t.lat) for t in art.toponyms] == [
        ("Northbridge", 123, 10.0),
        ("Eastbank", None, 11.0),
    ]


def test_geovirus_offsets_one_off_are_repaired():
    (art,) = geo.load(F / "geovirus.xml")
    assert [art.text[t.start : t.end] for t in art.toponyms] == ["Westmoor", "Southfield"]
    assert art.toponyms[0].lat == -5.5


def test_lgl_trnews_format_example():
    (art,) = geo.load(F / "lgl-trnews-format.xml")
    assert [(art.text[t.start : t.end], t.geonameid) for t in art.toponyms] == [
        (t.name, t.geonameid) for t in art.toponyms
    ]
    assert all(t.lat is not None and t.geonameid for t in art.toponyms)
    assert len(art.toponyms) == 2


def test_find_sets_groups_per_document_files(tmp_path):
    for corpus in ("one", "two"):
        (tmp_path / "mt" / corpus).mkdir(parents=True)
        (tmp_path / "mt" / corpus / "d.xml").write_bytes((F / "meantime-cat.xml").read_bytes())
    (tmp_path / "p.json").write_bytes((F / "plover-gsr.json").read_bytes())
    sets = find_sets(tmp_path)
    assert [(s.kind, s.path.name, len(s.files)) for s in sets] == [
        ("meantime", "mt", 2),
        ("plover", "p.json", 1),
    ]
    (mt,) = find_sets(tmp_path / "mt")  # only per-document files: one set
    assert len(mt.files) == 2
    assert [s.kind for s in find_sets(tmp_path, kind="plover")] == ["plover"]
