"""The code tables the exports read: countries (FIPS 10-4, UN M49 region, ISO numeric, name)
and ACLED's actor types by sector, from ``data/export/`` (SOURCES.md there)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

from resgestae.export.source import literal

__all__ = [
    "INTERNATIONAL",
    "Country",
    "countries",
    "country",
    "acled_inter",
    "sql_inter_map",
    "sql_map",
]


# CAMEO's prefixes of international actors, coded without a country: intergovernmental and
# non-governmental organisations, international militarised groups, multinational firms.
INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")


@dataclass(frozen=True, slots=True)
class Country:
    """One country's codes in the schemes the exports need."""

    iso3: str
    fips: str | None  # FIPS 10-4, GDELT's geography
    region: str | None  # UN M49 (intermediate or sub-) region, ACLED's region column
    numeric: int | None  # ISO 3166-1 numeric, ACLED's iso column
    name: str  # the common English short name (pycountry)


def _rows(name: str) -> list[list[str]]:
    """The data rows of ``data/export/<name>`` (comments and the header skipped)."""
    text = (resources.files("resgestae") / "data" / "export" / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]


@cache
def countries() -> dict[str, Country]:
    """Every country of ``countries.tsv`` by ISO-3 code."""
    out = {}
    for iso3, fips, region in _rows("countries.tsv"):
        entry = pycountry.countries.get(alpha_3=iso3)
        if entry is None:  # Kosovo: no ISO 3166-1 entry
            numeric, name = None, "Kosovo"
        else:
            numeric = int(entry.numeric)
            name = getattr(entry, "common_name", None) or entry.name
        out[iso3] = Country(iso3, fips or None, region or None, numeric, name)
    return out


def country(iso3: str | None) -> Country | None:
    """The country with this ISO-3 code, or None (no code, or an unknown one)."""
    return countries().get(iso3.upper()) if iso3 else None


@cache
def acled_inter() -> dict[str, str]:
    """Sector -> ACLED inter code ("1".."8") or "unarmed" (decided by the event type)."""
    return {sector: inter for sector, inter in _rows("acled_inter.tsv")}


@cache
def sql_map(field: str) -> str:
    """A DuckDB MAP literal from ISO-3 code to the countries' ``field`` (``fips``,
    ``region``, ``numeric``, ``name``): what the SQL exports look a country up in, inside
    list lambdas too, where a join cannot reach."""
    pairs = ", ".join(f"{literal(c.iso3)}: {literal(getattr(c, field))}"
                      for c in countries().values())  # fmt: skip
    return f"MAP {{{pairs}}}"


@cache
def sql_inter_map() -> str:
    """``acled_inter`` as a DuckDB MAP literal (sector -> inter code or "unarmed")."""
    pairs = ", ".join(f"{literal(k)}: {literal(v)}" for k, v in acled_inter().items())
    return f"MAP {{{pairs}}}"
