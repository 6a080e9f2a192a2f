"""The GDELT 2.0 Event and Mentions tables: tab-separated, in GDELT's column order, so tools
written for GDELT's files read these (docs/export.md says which columns differ and why).

GDELT's GLOBALEVENTID is an integer: here the first 63 bits of a BLAKE2b hash of our event
id (``global_event_id``), stable across exports and stores; our own event and mention ids
travel in each mention's ``Extras`` column. DuckDB writes both tables from ``ev`` and ``mn``
(``resgestae.export.source``), one ``COPY`` each.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
from duckdb.func import PythonUDFType

from resgestae.export.source import DATED, Source, columns, source_name, text
from resgestae.export.tables import INTERNATIONAL, sql_map

__all__ = [
    "EVENT_COLUMNS",
    "MENTION_COLUMNS",
    "LEAD_CHARS",
    "global_event_id",
    "mentions_path",
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

# GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world
# state (ADM1); a place of no known precision is a city.
_GEO_TYPE = """CASE coalesce(nullif(loc.precision, ''), 'city')
    WHEN 'country' THEN 1
    WHEN 'admin1' THEN CASE WHEN loc.country = 'USA' THEN 2 ELSE 5 END
    WHEN 'city' THEN CASE WHEN loc.country = 'USA' THEN 3 ELSE 4 END
    ELSE 4 END"""
_ID = "resgestae_gdelt_id"  # global_event_id, as the SQL function the tables are written with


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


def _stamp(expr: str) -> str:
    """GDELT's YYYYMMDDHHMMSS of a date or timestamp (a date alone is midnight)."""
    return f"strftime(({expr})::TIMESTAMP, '%Y%m%d%H%M%S')"


def _actor(a: str) -> list[str]:
    """The ten Actor cells of the actor ``a`` (a struct; NULL for none). An international
    code carries its known group (CAMEO's IGOUNO: group UNO)."""
    group = " OR ".join(f"starts_with({a}.code, '{p}')" for p in INTERNATIONAL)
    known = f"CASE WHEN length({a}.code) >= 6 AND ({group}) THEN {a}.code[4:6] END"
    return [text(f"{a}.code"), text(f"{a}.text"), text(f"{a}.country"), known,
            "NULL", "NULL", "NULL", text(f"{a}.sector"), "NULL", "NULL"]  # fmt: skip


def _geo() -> list[str]:
    """The eight ActionGeo_ cells of the event's place ``loc``: empty without coordinates."""
    precision = "coalesce(nullif(loc.precision, ''), 'city')"
    country = "upper(loc.country)"
    names = (
        f"[CASE WHEN {precision} <> 'country' THEN loc.name END, "
        f"CASE WHEN {precision} = 'city' THEN loc.admin1 END, "
        f"coalesce({sql_map('name')}[{country}], loc.country)]"
    )
    fips = f"{sql_map('fips')}[{country}]"
    cells = [
        _GEO_TYPE,
        text(f"array_to_string(list_filter({names}, lambda n: coalesce(n, '') <> ''), ', ')"),
        fips,
        f"CASE WHEN {precision} = 'country' THEN {fips} END",
        "NULL",
        "loc.lat",
        "loc.lon",
        "loc.geonameid",
    ]
    return [f"CASE WHEN loc.lat IS NOT NULL AND loc.lon IS NOT NULL THEN {c} END" for c in cells]


def _event_select() -> str:
    """The Event table: one row per event of ``ev``, in its order."""
    day = "ev._day"
    cells = [
        f"{_ID}(ev.id)",
        f"strftime({day}, '%Y%m%d')",
        f"strftime({day}, '%Y%m')",
        f"year({day})",
        # GDELT's own approximation: month and day as a fraction of a 365-day year
        f"printf('%.4f', year({day}) + ((month({day}) - 1) * 30 + day({day})) / 365)",
        *_actor("ev.actor[1]"),
        *_actor("ev.recipient[1]"),
        "coalesce(lead.lead, false)::INTEGER",
        text("nullif(ev.cameo, '')"),
        text("nullif(left(ev.cameo, 3), '')"),
        text("nullif(left(ev.cameo, 2), '')"),
        "ev.quad_class",
        "ev.goldstein",
        "ev.num_mentions",
        "ev.num_sources",
        "ev.num_articles",
        "NULL",  # AvgTone: resgestae measures no tone
        *["NULL"] * 2 * len(_GEO),  # Actor1Geo_, Actor2Geo_: actors are not placed apart
        *_geo(),
        _stamp("ev.first_seen"),
        text("ev.source_url"),
    ]
    cols = columns(dict(zip(EVENT_COLUMNS, cells, strict=True)))
    # IsRootEvent: a mention in the article's lead; a mention without a span is not
    lead = f"SELECT _n, bool_or(span[1] < {LEAD_CHARS}) AS lead FROM mn GROUP BY _n"
    events = DATED
    return (
        f"SELECT {cols} FROM ({events}) ev LEFT JOIN ({lead}) lead ON lead._n = ev._n "
        "ORDER BY ev._n"
    )


def _offset(actors: str) -> str:
    """The first actor's offset; GDELT's -1 for none."""
    return f'CASE WHEN len({actors}) > 0 THEN {actors}[1]."start" ELSE -1 END'


def _mention_select() -> str:
    """The Mentions table: one row per mention of ``mn``, in the events' order."""
    coref = (
        "list_filter(list_concat(coalesce(mn.actor, []), coalesce(mn.recipient, [])), "
        "lambda a: starts_with(a.rule, 'coref:'))"
    )
    extras = (
        "concat('<RESGESTAE_EVENT_ID>', ev.id, '</RESGESTAE_EVENT_ID><RESGESTAE_MENTION_ID>', "
        "mn.id, '</RESGESTAE_MENTION_ID><RESGESTAE_ARTICLE_ID>', mn.article_id, "
        "'</RESGESTAE_ARTICLE_ID>')"
    )
    cells = [
        f"{_ID}(ev.id)",
        _stamp("ev.first_seen"),
        _stamp("mn.published"),
        # 1 WEB (the identifier is a URL), 2 CITATIONONLY (our article id)
        "CASE WHEN coalesce(mn.url, '') <> '' THEN 1 ELSE 2 END",
        text(source_name("mn")),
        text("coalesce(nullif(mn.url, ''), mn.article_id)"),
        "NULL",  # SentenceID: mentions keep the sentence's offsets, not its number
        _offset("mn.actor"),
        _offset("mn.recipient"),
        'CASE WHEN mn.trigger IS NULL THEN -1 ELSE mn.trigger."start" END',
        f"(len({coref}) = 0)::INTEGER",  # InRawText: no actor found by coreference
        "round_even(mn.confidence * 100, 0)::BIGINT",
        "mn.article_length",
        "NULL",  # MentionDocTone: no tone
        "NULL",  # MentionDocTranslationInfo: English articles only, never translated
        text(extras),
    ]
    cols = columns(dict(zip(MENTION_COLUMNS, cells, strict=True)))
    return f"SELECT {cols} FROM mn JOIN ev ON ev._n = mn._n ORDER BY mn._n, mn._k"


def _global_event_ids(ids: pa.Array) -> pa.Array:
    return pa.array([None if i is None else global_event_id(i) for i in ids.to_pylist()],
                    pa.int64())  # fmt: skip


def write_gdelt(
    source: Source, events_path: str | Path, mentions_path: str | Path, *, header: bool = False
) -> int:
    """Write the Event table of ``source``'s events to ``events_path`` and their Mentions
    table to ``mentions_path``; returns the number of events. GDELT's files have no header
    row; ``header=True`` adds one to each."""
    options = f"FORMAT csv, DELIMITER '\t', QUOTE '', ESCAPE '', HEADER {str(header).lower()}"
    con = source.con
    con.create_function(
        _ID, _global_event_ids, ["varchar"], "bigint", type=PythonUDFType.ARROW, side_effects=False
    )  # fmt: skip
    try:
        n = source.copy(_event_select(), events_path, options)
        source.copy(_mention_select(), mentions_path, options)
    finally:
        con.remove_function(_ID)
    return n
