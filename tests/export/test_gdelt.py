"""The GDELT Event and Mentions tables, read back with pandas as GDELT users read them:
GDELT's 61 and 16 columns in GDELT's order, numbers as numbers, and each value set in the
input where its column says."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import pytest

from resgestae.export import export_events, mentions_path, write_gdelt

from .helpers import actor, event, mention, place

# Typed from the GDELT 2.0 Event Codebook, in its order (not imported from the writer).
GDELT_EVENT = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name
Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code
Actor1Type1Code Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode
Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code
Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass
GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName
Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long
Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code
Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type
ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL""".split()
GDELT_MENTIONS = """GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName
MentionIdentifier SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText
Confidence MentionDocLen MentionDocTone MentionDocTranslationInfo Extras""".split()
# GDELT's codes are strings with leading zeros ("010"); read them as such, as GDELT users do.
CODES = {c: str for c in ("EventCode", "EventBaseCode", "EventRootCode")}


def two_reports():
    """One protest in Lisbon reported by two outlets, the second through a pronoun."""
    gov = actor("the government", "PRTGOV", "PRT", "GOV", 70)
    first = mention(recipient=[gov])
    second = mention(
        id="m-2", article_id="a-2", source_name="Other Paper", url=None, published="2023-04-13",
        span=[412, 470], trigger={"text": "rallied", "start": 430, "end": 437},
        actor=[actor("They", "PRTMED", "PRT", "MED", 412, rule="coref:agent:nurse")],
        recipient=[], confidence=0.5, article_length=2000,
    )  # fmt: skip
    return event([first, second], recipient=[gov])


def read_events(path, **kw):
    return pd.read_csv(path, sep="\t", header=None, names=GDELT_EVENT, dtype=CODES, **kw)


@pytest.fixture
def exported(tmp_path):
    path = tmp_path / "gdelt.tsv"
    un = actor("the United Nations", "IGOUNO", None, "GOV")
    undated = event(
        [mention(id="m-3", event_id="e-2", date=None, date_precision=None, location=None,
                 cameo="0311", event="COOPERATE", quad_class=2, goldstein=5.2)],
        actor=[un], date_first=None, date_last=None, first_seen=dt.date(2023, 5, 2),
        location=None, source_url=None,
    )  # fmt: skip
    n = export_events([two_reports(), undated], to="gdelt", path=path)
    assert n == 2
    return path


def test_the_event_table_has_gdelts_columns_and_a_row_per_event(exported):
    df = read_events(exported)
    assert df.shape == (2, 61)
    # no header row: the first line is data (GDELT's files have none)
    assert exported.read_text().split("\t", 1)[0].isdigit()


def test_each_column_holds_the_value_set_in_the_input(exported):
    row = read_events(exported).iloc[0]
    expected_id = int.from_bytes(hashlib.blake2b(b"e-1", digest_size=8).digest(), "big") >> 1
    assert row.GLOBALEVENTID == expected_id
    assert (row.SQLDATE, row.MonthYear, row.Year) == (20230412, 202304, 2023)
    assert row.FractionDate == pytest.approx(2023 + (3 * 30 + 12) / 365, abs=1e-4)
    assert (row.Actor1Code, row.Actor1Name, row.Actor1CountryCode, row.Actor1Type1Code) == (
        "PRTMED", "Thousands of nurses", "PRT", "MED")  # fmt: skip
    assert (row.Actor2Code, row.Actor2CountryCode, row.Actor2Type1Code) == ("PRTGOV", "PRT", "GOV")
    assert row.IsRootEvent == 1  # the first report's sentence opens its article
    assert (row.EventCode, row.EventBaseCode, row.EventRootCode) == ("141", "141", "14")
    assert (row.QuadClass, row.GoldsteinScale) == (4, -6.5)
    assert (row.NumMentions, row.NumSources, row.NumArticles) == (2, 2, 2)
    assert row.ActionGeo_Type == 4  # a city outside the US
    assert row.ActionGeo_FullName == "Lisbon, Lisboa, Portugal"
    assert row.ActionGeo_CountryCode == "PO"  # FIPS 10-4, not ISO
    assert (row.ActionGeo_Lat, row.ActionGeo_Long) == (38.72509, -9.1498)
    assert row.ActionGeo_FeatureID == 2267057  # GeoNames id (GDELT: a GNS feature id)
    assert row.DATEADDED == 20230412093000
    assert row.SOURCEURL == "https://news.example.org/a-1"
    for empty in ("AvgTone", "Actor1Geo_Type", "Actor2Geo_Lat", "Actor1EthnicCode"):
        assert pd.isna(row[empty]), empty


def test_numbers_read_as_numbers(exported):
    df = read_events(exported)
    for col in ("GLOBALEVENTID", "SQLDATE", "NumMentions", "QuadClass", "DATEADDED"):
        assert pd.api.types.is_integer_dtype(df[col]), col
    for col in ("GoldsteinScale", "FractionDate", "ActionGeo_Lat"):
        assert pd.api.types.is_float_dtype(df[col]), col


def test_a_known_group_and_an_undated_event(exported):
    row = read_events(exported).iloc[1]
    assert (row.Actor1Code, row.Actor1KnownGroupCode) == ("IGOUNO", "UNO")
    assert pd.isna(row.Actor1CountryCode)
    assert (row.EventCode, row.EventBaseCode, row.EventRootCode) == ("0311", "031", "03")
    assert row.SQLDATE == 20230502  # no event date: the day it was first seen
    assert pd.isna(row.ActionGeo_Lat) and pd.isna(row.SOURCEURL)


def test_the_mentions_table_beside_it(exported):
    path = mentions_path(exported)
    assert path.name == "gdelt.mentions.tsv"
    df = pd.read_csv(path, sep="\t", header=None, names=GDELT_MENTIONS)
    assert df.shape == (3, 16)
    events = read_events(exported)
    assert list(df.GLOBALEVENTID) == [events.GLOBALEVENTID[0]] * 2 + [events.GLOBALEVENTID[1]]
    first, second = df.iloc[0], df.iloc[1]
    assert (first.MentionType, first.MentionIdentifier) == (1, "https://news.example.org/a-1")
    assert (second.MentionType, second.MentionIdentifier) == (2, "a-2")  # no URL: a citation
    assert (first.EventTimeDate, first.MentionTimeDate) == (20230412093000, 20230412000000)
    assert second.MentionSourceName == "Other Paper"
    assert (first.Actor1CharOffset, first.Actor2CharOffset, first.ActionCharOffset) == (0, 70, 20)
    assert (second.Actor1CharOffset, second.Actor2CharOffset, second.ActionCharOffset) == (
        412, -1, 430)  # fmt: skip
    assert (first.InRawText, second.InRawText) == (1, 0)  # the second needed a pronoun
    assert (first.Confidence, second.Confidence) == (74, 50)
    assert (first.MentionDocLen, second.MentionDocLen) == (900, 2000)
    assert pd.isna(first.SentenceID) and pd.isna(first.MentionDocTone)
    assert "<RESGESTAE_EVENT_ID>e-1</RESGESTAE_EVENT_ID>" in first.Extras
    assert "<RESGESTAE_MENTION_ID>m-2</RESGESTAE_MENTION_ID>" in second.Extras


def test_a_header_row_when_asked(tmp_path):
    path = tmp_path / "events.csv"
    export_events([two_reports()], to="gdelt", path=path, header=True)
    assert list(pd.read_csv(path, sep="\t").columns) == GDELT_EVENT
    assert list(pd.read_csv(tmp_path / "events.mentions.csv", sep="\t").columns) == GDELT_MENTIONS


def test_tabs_and_line_breaks_in_text_do_not_break_rows(tmp_path):
    odd = actor("the\tcouncil\nof nurses", "PRTMED", "PRT", "MED")
    path = tmp_path / "g.tsv"
    export_events([event(actor=[odd]), event(id="e-9")], to="gdelt", path=path)
    df = read_events(path)
    assert df.shape == (2, 61) and df.Actor1Name[0] == "the council of nurses"


def test_us_places_have_gdelts_us_types(tmp_path):
    city = place(name="Denver", country="USA", admin1="Colorado", precision="city")
    state = place(name="Colorado", country="USA", admin1="Colorado", precision="admin1")
    nation = place(name="France", country="FRA", admin1=None, precision="country")
    path = tmp_path / "g.tsv"
    export_events([event(location=loc) for loc in (city, state, nation)], to="gdelt", path=path)
    df = read_events(path)
    assert list(df.ActionGeo_Type) == [3, 2, 1]
    assert list(df.ActionGeo_CountryCode) == ["US", "US", "FR"]
    assert df.ActionGeo_FullName[2] == "France" and df.ActionGeo_ADM1Code[2] == "FR"


def test_the_library_writer_takes_a_store_s_relations(tmp_path):
    from resgestae.export.source import staged

    events, mentions = tmp_path / "e.tsv", tmp_path / "m.tsv"
    with staged([event(id="e-0"), event([], id="e-1")], tmp_path) as source:
        assert write_gdelt(source, events, mentions) == 2
    assert len(read_events(events)) == 2
    assert len(events.read_text().splitlines()) == 2  # no header row
    assert len(mentions.read_text().splitlines()) == 1  # the second event has none


def test_real_mentions_offsets_point_into_their_articles(real_events, texts, tmp_path):
    path = tmp_path / "real.tsv"
    export_events(real_events, to="gdelt", path=path)
    assert read_events(path).shape == (len(real_events), 61)
    df = pd.read_csv(mentions_path(path), sep="\t", header=None, names=GDELT_MENTIONS)
    mentions = [m for e in real_events for m in e["mentions"]]
    assert len(df) == len(mentions)
    for (_, row), m in zip(df.iterrows(), mentions, strict=True):
        text = texts[m["article_id"]]
        trigger = m["trigger"]["text"]
        assert text[row.ActionCharOffset : row.ActionCharOffset + len(trigger)] == trigger
        if m["actor"]:
            name = m["actor"][0]["text"]
            assert text[row.Actor1CharOffset : row.Actor1CharOffset + len(name)] == name
        assert row.MentionDocLen == len(text)
