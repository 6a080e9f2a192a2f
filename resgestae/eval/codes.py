"""Code normalisation applied to gold and system values alike before comparing them."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["PLOVER_05B1", "plover_type", "country", "sector", "NON_STATE"]

# PLOVER 0.5b1 (the gold standard's version) -> the current 16 types; the rest keep their name.
PLOVER_05B1 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}

# Old CAMEO / Correlates-of-War style country codes still found in gold files -> ISO-3.
OLD_COUNTRY = {
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
    "GMY": "DEU",
    "UKG": "GBR",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
    "BRM": "MMR",
    "YUG": "SRB",
}

# CAMEO codes for actors that are not states but are scored like a country code.
NON_STATE = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS"})

# Sector spellings that differ only by convention.
SECTOR_ALIASES = {"CIV": "CVL"}


def plover_type(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().upper()
    return PLOVER_05B1.get(name, name)


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def country(code: str | None) -> str | None:
    """ISO-3 country (or IGO/NGO-style non-state code) from a CAMEO actor code; None if none.

    Reads the first three letters ("USAGOV" -> "USA"); "---" (unknown country) gives None."""
    if not code:
        return None
    head = code.strip().upper()[:3]
    head = OLD_COUNTRY.get(head, head)
    if head in NON_STATE or head in _iso3():
        return head
    return None


def sector(code: str | None) -> str | None:
    """The three-letter CAMEO sector ("GOV", "MIL", "CVL"...) from a sector or agent code."""
    if not code:
        return None
    head = code.strip().upper()[:3]
    if not head.isalpha():
        return None
    return SECTOR_ALIASES.get(head, head)
