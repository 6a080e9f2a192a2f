"""The GDELT 2.0 Event and Mentions tables: tab-separated, in GDELT's column order, so tools
written for GDELT's files read these (docs/export.md says which columns differ and why).

GDELT's GLOBALEVENTID is an integer: here the first 63 bits of a BLAKE2b hash of our event
id (``global_event_id``), stable across exports and stores; our own event and mention ids
travel in each mention's ``Extras`` column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from resgestae.export.fields import as_date, event_day, first, tsv_line
from resgestae.export.tables import country

__all__ = [
    "EVENT_COLUMNS",
    "MENTION_COLUMNS",
    "LEAD_CHARS",
    "global_event_id",
    "mentions_path",
    "event_row",
    "mention_row",
    "write_gdelt",
]

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR), *(f"Actor2{f}" for f in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}_{f}" for who in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

# GDELT's IsRootEvent marks events from an article's lead paragraph; mentions keep no
# paragraph breaks, so a sentence starting in the article's first LEAD_CHARS characters
# stands for it (about the first two sentences of a news story).
LEAD_CHARS = 300

# International codes that carry a known group (CAMEO's IGOUNO: group UNO).
_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")

# GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world
# state (ADM1).
_GEO_TYPE = {("country", False): 1, ("country", True): 1, ("admin1", True): 2,
             ("city", True): 3, ("city", False): 4, ("admin1", False): 5}  # fmt: skip


def global_event_id(event_id: str) -> int:
    """GDELT's integer GLOBALEVENTID for our string id: the hash's first 63 bits, so it is
    positive in a signed 64-bit column and the same in every export."""
    digest = hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def mentions_path(path: str | Path) -> Path:
    """Where the Mentions table goes beside the Event table: ``.mentions`` before the
    extension (``gdelt.tsv`` -> ``gdelt.mentions.tsv``; ``gdelt`` -> ``gdelt.mentions``)."""
    p = Path(path)
    return (
        p.with_name(f"{p.stem}.mentions{p.suffix}")
        if p.suffix
        else p.with_name(f"{p.name}.mentions")
    )


def _stamp(value: object) -> str:
    """GDELT's YYYYMMDDHHMMSS (a date alone is midnight); empty when unknown."""
    if isinstance(value, dt.datetime):
        v = value
        return f"{v.year:04d}{v.month:02d}{v.day:02d}{v.hour:02d}{v.minute:02d}{v.second:02d}"
    day = as_date(value)
    return f"{day.year:04d}{day.month:02d}{day.day:02d}000000" if day else ""


def _actor(actor: dict) -> list[object]:
    code = actor.get("code")
    group = code[3:6] if code and code.startswith(_GROUP_PREFIXES) and len(code) >= 6 else None
    return [code, actor.get("text"), actor.get("country"), group, None, None, None,
            actor.get("sector"), None, None]  # fmt: skip


def _geo(loc: dict | None) -> list[object]:
    if not loc or loc.get("lat") is None or loc.get("lon") is None:
        return [None] * len(_GEO)
    c = country(loc.get("country"))
    precision = loc.get("precision") or "city"
    kind = _GEO_TYPE.get((precision, loc.get("country") == "USA"), 4)
    names = [loc.get("name")] if precision != "country" else []
    if precision == "city" and loc.get("admin1"):
        names.append(loc["admin1"])
    names.append(c.name if c else loc.get("country"))
    fips = c.fips if c else None
    return [kind, ", ".join(n for n in names if n), fips,
            fips if precision == "country" else None, None,
            loc["lat"], loc["lon"], loc.get("geonameid")]  # fmt: skip


_NO_GEO: list[object] = [None] * len(_GEO)


def event_row(event: dict, gid: int | None = None) -> list[object]:
    """The event's 61 values in ``EVENT_COLUMNS`` order (None for an empty cell); ``gid``
    is its ``global_event_id`` when the caller has it."""
    day = event_day(event)
    cameo = event.get("cameo") or ""
    lead = any((m.get("span") or [LEAD_CHARS])[0] < LEAD_CHARS for m in event.get("mentions") or [])
    return [
        global_event_id(event["id"]) if gid is None else gid,
        f"{day.year:04d}{day.month:02d}{day.day:02d}" if day else None,
        f"{day.year:04d}{day.month:02d}" if day else None,
        day.year if day else None,
        # GDELT's own approximation: month and day as a fraction of a 365-day year
        f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}" if day else None,
        *_actor(first(event.get("actor"))),
        *_actor(first(event.get("recipient"))),
        int(lead),
        cameo or None,
        cameo[:3] or None,
        cameo[:2] or None,
        event.get("quad_class"),
        event.get("goldstein"),
        event.get("num_mentions"),
        event.get("num_sources"),
        event.get("num_articles"),
        None,  # AvgTone: resgestae measures no tone
        *_NO_GEO,  # Actor1Geo_ and Actor2Geo_: actors are not placed apart from the event
        *_NO_GEO,
        *_geo(event.get("location")),
        _stamp(event.get("first_seen")) or None,
        event.get("source_url"),
    ]


def _offset(actors: list[dict] | None) -> int:
    return first(actors).get("start", -1) if actors else -1  # GDELT: -1 for none


def mention_row(event: dict, mention: dict, gid: int | None = None) -> list[object]:
    """One mention's 16 values in ``MENTION_COLUMNS`` order (``gid`` as for ``event_row``)."""
    url = mention.get("url")
    actors = [*(mention.get("actor") or []), *(mention.get("recipient") or [])]
    raw = not any((a.get("rule") or "").startswith("coref:") for a in actors)
    confidence = mention.get("confidence")
    extras = (
        f"<RESGESTAE_EVENT_ID>{event['id']}</RESGESTAE_EVENT_ID>"
        f"<RESGESTAE_MENTION_ID>{mention.get('id')}</RESGESTAE_MENTION_ID>"
        f"<RESGESTAE_ARTICLE_ID>{mention.get('article_id')}</RESGESTAE_ARTICLE_ID>"
    )
    return [
        global_event_id(event["id"]) if gid is None else gid,
        _stamp(event.get("first_seen")) or None,
        _stamp(mention.get("published")) or None,
        1 if url else 2,  # 1 WEB (the identifier is a URL), 2 CITATIONONLY (our article id)
        mention.get("source_name") or mention.get("source"),
        url or mention.get("article_id"),
        None,  # SentenceID: mentions keep the sentence's offsets, not its number
        _offset(mention.get("actor")),
        _offset(mention.get("recipient")),
        (mention.get("trigger") or {}).get("start", -1),
        int(raw),
        round(confidence * 100) if confidence is not None else None,
        mention.get("article_length"),
        None,  # MentionDocTone: no tone
        None,  # MentionDocTranslationInfo: English articles only, never translated
        extras,
    ]


def write_gdelt(
    events: Iterable[dict], events_out: TextIO, mentions_out: TextIO, *, header: bool = False
) -> int:
    """Write each event's Event row and its Mentions rows as the events come; returns the
    number of events. GDELT's files have no header row; ``header=True`` adds one to each."""
    if header:
        events_out.write("\t".join(EVENT_COLUMNS) + "\n")
        mentions_out.write("\t".join(MENTION_COLUMNS) + "\n")
    n = 0
    for event in events:
        gid = global_event_id(event["id"])
        events_out.write(tsv_line(event_row(event, gid)))
        for mention in event.get("mentions") or []:
            mentions_out.write(tsv_line(mention_row(event, mention, gid)))
        n += 1
    return n
