"""The ACLED CSV, read back with pandas: ACLED's 31 columns in its order, one row per event
with an ACLED type, numbers as numbers, and the values ACLED users expect in each."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from resgestae.export import export_events, write_acled

from .helpers import LISBON, actor, event, mention, place

# ACLED's export columns, in its order (typed from ACLED's codebook, not the writer).
ACLED = """event_id_cnty event_date year time_precision disorder_type event_type sub_event_type
actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso
region country admin1 admin2 admin3 location latitude longitude geo_precision source
source_scale notes fatalities tags timestamp""".split()


def protest():
    police = actor("riot police", "PRTCOP", "PRT", "COP", 60)
    second = mention(id="m-2", article_id="a-2", source_name="Other Paper", recipient=[police])
    nurses = [actor("Thousands of nurses", "PRTMED", "PRT", "MED"),
              actor("teachers", "PRTEDU", "PRT", "EDU", 25)]  # fmt: skip
    return event([mention(recipient=[police]), second], actor=nurses, recipient=[police],
                 acled_subtype="Protest with intervention")  # fmt: skip


@pytest.fixture
def frame(tmp_path):
    path = tmp_path / "acled.csv"
    verbal = event([mention(event="ACCUSE", cameo="112", acled_type=None, acled_subtype=None)],
                   id="e-verbal", acled_type=None, acled_subtype=None)  # fmt: skip
    month = event(id="e-month", date="2023-04", date_precision="month",
                  date_first=dt.date(2023, 4, 1), date_last=dt.date(2023, 4, 30),
                  location=place(precision="admin1", name="Lisboa"))  # fmt: skip
    assert export_events([protest(), verbal, month], to="acled", path=path) == 2
    return pd.read_csv(path)


def test_acled_columns_and_one_row_per_acled_event(frame):
    assert list(frame.columns) == ACLED
    assert len(frame) == 2  # the verbal accusation has no ACLED type


def test_each_column_holds_the_value_set_in_the_input(frame):
    row = frame.iloc[0]
    assert row.event_id_cnty == "PRTe-1"
    assert (row.event_date, row.year, row.time_precision) == ("2023-04-12", 2023, 1)
    assert row.disorder_type == "Demonstrations"
    assert (row.event_type, row.sub_event_type) == ("Protests", "Protest with intervention")
    assert row.actor1 == "Thousands of nurses (Portugal)"
    assert row.assoc_actor_1 == "teachers (Portugal)"
    assert (row.inter1, row.actor2, row.inter2) == (6, "riot police (Portugal)", 1)
    assert row.interaction == 16  # ACLED: the two inter codes, lower first
    assert pd.isna(row.civilian_targeting)
    assert (row.iso, row.region, row.country) == (620, "Southern Europe", "Portugal")
    assert (row.admin1, row.location) == ("Lisboa", "Lisbon")
    assert (row.latitude, row.longitude, row.geo_precision) == (38.72509, -9.1498, 1)
    assert row.source == "Test Wire; Other Paper"
    assert row.notes == "Thousands of nurses marched through Lisbon on Wednesday."
    assert row.fatalities == 0  # ACLED writes 0 when none are reported
    assert row.timestamp == dt.datetime(2023, 4, 13, 18, tzinfo=dt.UTC).timestamp()
    for empty in ("admin2", "admin3", "source_scale", "tags"):
        assert pd.isna(row[empty]), empty


def test_numbers_read_as_numbers(frame):
    for col in ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
                "geo_precision", "fatalities", "timestamp"):  # fmt: skip
        assert pd.api.types.is_integer_dtype(frame[col]), col
    for col in ("latitude", "longitude"):
        assert pd.api.types.is_float_dtype(frame[col]), col


def test_month_dates_and_regional_places_are_less_precise(frame):
    row = frame.iloc[1]
    assert (row.event_date, row.time_precision, row.geo_precision) == ("2023-04-01", 3, 3)


@pytest.mark.parametrize(
    ("who", "event_type", "place", "code"),
    [
        (actor("soldiers", "AZEMIL", "AZE", "MIL"), "Battles", "AZE", 1),
        (actor("Russian troops", "RUSMIL", "RUS", "MIL"), "Battles", "UKR", 8),  # abroad
        (actor("rebels", "CODREB", "COD", "REB"), "Battles", "COD", 2),
        (actor("gunmen", "NGAUAF", "NGA", "UAF"), "Violence against civilians", "NGA", 3),
        (actor("students", "CHLEDU", "CHL", "EDU"), "Riots", "CHL", 5),
        (actor("students", "CHLEDU", "CHL", "EDU"), "Protests", "CHL", 6),
        (actor("villagers", "MLICVL", "MLI", "CVL"), "Violence against civilians", "MLI", 7),
        (actor("UN peacekeepers", "IGOUNO", None, "MIL"), "Battles", "MLI", 8),
        (actor("someone", None, None, "UNK"), "Battles", "MLI", 0),
        ({}, "Protests", "MLI", 0),
    ],
)
def test_inter_codes_from_sector_event_type_and_place(who, event_type, place, code, tmp_path):
    where = {**LISBON, "country": place}
    m = mention(actor=[who] if who else [], location=where, acled_type=event_type)
    path = tmp_path / "a.csv"
    export_events([event([m])], to="acled", path=path)
    assert pd.read_csv(path).iloc[0].inter1 == code


def test_violence_against_civilians_is_civilian_targeting(tmp_path):
    gunmen = actor("gunmen", "NGAUAF", "NGA", "UAF")
    villagers = actor("villagers", "NGACVL", "NGA", "CVL", 20)
    kano = place(name="Kano", country="NGA", admin1="Kano", lat=12.0, lon=8.5)
    m = mention(
        actor=[gunmen],
        recipient=[villagers],
        location=kano,
        event="ASSAULT",
        acled_type="Violence against civilians",
        acled_subtype="Attack",
        fatalities=7,
    )
    path = tmp_path / "a.csv"
    export_events([event([m])], to="acled", path=path)
    row = pd.read_csv(path).iloc[0]
    assert (row.disorder_type, row.civilian_targeting) == (
        "Political violence",
        "Civilian targeting",
    )
    assert (row.inter1, row.inter2, row.interaction, row.fatalities) == (3, 7, 37, 7)
    assert (row.iso, row.region, row.event_id_cnty) == (566, "Western Africa", "NGAe-1")


def test_the_library_writer_takes_a_store_s_relations(tmp_path):
    from resgestae.export.source import staged

    with staged([event(id="e-0"), event(id="e-1", acled_type=None)], tmp_path) as source:
        assert write_acled(source, tmp_path / "a.csv") == 1
    assert list(pd.read_csv(tmp_path / "a.csv").event_id_cnty) == ["PRTe-0"]


def test_real_coded_events_with_an_acled_type(real_events, tmp_path):
    path = tmp_path / "real.csv"
    n = export_events(real_events, to="acled", path=path)
    df = pd.read_csv(path)
    expected = [e for e in real_events if e["acled_type"]]
    assert n == len(df) == len(expected) > 0
    assert list(df.event_type) == [e["acled_type"] for e in expected]
    assert list(df.notes) == [e["sentence"] for e in expected]


def test_an_undated_event_has_the_coarsest_time_precision(tmp_path):
    undated = event([mention(date=None, date_precision=None)], date_first=None, date_last=None)
    path = tmp_path / "a.csv"
    export_events([undated], to="acled", path=path)
    row = pd.read_csv(path).iloc[0]
    assert (row.event_date, row.time_precision) == ("2023-04-12", 3)  # the day first seen
