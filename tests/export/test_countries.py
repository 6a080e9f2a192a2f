"""The country table the exports read: every ISO country has a row, FIPS codes are GDELT's
(a sample typed from GDELT's and the World Factbook's lists), and regions are UN M49's."""

from __future__ import annotations

from collections import Counter

import pycountry
import pytest

from resgestae.export.tables import countries, country


def test_every_iso_country_has_a_row():
    assert {c.alpha_3 for c in pycountry.countries} <= set(countries())


def test_no_fips_code_names_two_countries():
    counts = Counter(c.fips for c in countries().values() if c.fips)
    assert [code for code, n in counts.items() if n > 1] == ["KV"]  # Kosovo's two ISO-3 codes
    assert country("XKX").fips == country("KOS").fips == "KV"


@pytest.mark.parametrize(
    ("iso3", "fips"),
    [("PRT", "PO"), ("DEU", "GM"), ("GBR", "UK"), ("AZE", "AJ"), ("CHN", "CH"),
     ("CHE", "SZ"), ("SWE", "SW"), ("AUS", "AS"), ("AUT", "AU"), ("IRQ", "IZ"),
     ("ISR", "IS"), ("NGA", "NI"), ("NER", "NG"), ("COD", "CG"), ("COG", "CF"),
     ("ZAF", "SF"), ("RUS", "RS"), ("UKR", "UP"), ("USA", "US"), ("MMR", "BM"),
     ("SSD", "OD"), ("KOR", "KS"), ("PRK", "KN"), ("ESP", "SP"), ("PHL", "RP")],
)  # fmt: skip
def test_fips_codes(iso3, fips):
    assert country(iso3).fips == fips


@pytest.mark.parametrize(
    ("iso3", "numeric", "region"),
    [("PRT", 620, "Southern Europe"), ("NGA", 566, "Western Africa"),
     ("SYR", 760, "Western Asia"), ("AFG", 4, "Southern Asia"), ("HTI", 332, "Caribbean"),
     ("COD", 180, "Middle Africa"), ("MEX", 484, "Central America"),
     ("UKR", 804, "Eastern Europe"), ("EGY", 818, "Northern Africa")],
)  # fmt: skip
def test_iso_numeric_and_region(iso3, numeric, region):
    c = country(iso3)
    assert (c.numeric, c.region) == (numeric, region)


def test_unknown_or_missing_codes_are_none():
    assert country(None) is None and country("XYZ") is None
    assert country("prt").iso3 == "PRT"
