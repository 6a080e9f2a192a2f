"""ACLED's export columns, as CSV, for events with an ACLED-style type.

ACLED codes one event per day and place from human reading; here each row is one of our
real-world events with its ACLED type, and the columns ACLED fills from its coders'
judgement (source scale, tags, admin2/3) are left empty (docs/export.md lists them). DuckDB
writes the file from ``ev`` and ``mn`` (``resgestae.export.source``) in one ``COPY``.
"""

from __future__ import annotations

from pathlib import Path

from resgestae.export.source import DATED, Source, columns, distinct, source_name
from resgestae.export.tables import INTERNATIONAL, sql_inter_map, sql_map

__all__ = ["COLUMNS", "write_acled"]

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# ACLED's time precision: 1 the day is known, 2 the week, 3 only the month (or coarser, or
# an undated event, dated by the day it was first seen).
TIME_PRECISION = "CASE ev.date_precision WHEN 'day' THEN 1 WHEN 'week' THEN 2 ELSE 3 END"
# ACLED's geo precision: 1 the town itself, 3 a larger region (its capital's coordinates).
GEO_PRECISION = (
    "CASE loc.precision WHEN 'city' THEN 1 WHEN 'admin1' THEN 3 WHEN 'country' THEN 3 END"
)
STATE = "1"
EXTERNAL = 8


def inter(a: str) -> str:
    """ACLED's actor type code (1-8) of the actor ``a`` (a struct) of an event of type
    ``ev.acled_type`` placed in ``loc.country``; 0 for no actor (as ACLED) or one whose
    sector has no type."""
    abroad = " OR ".join(f"starts_with({a}.code, '{p}')" for p in INTERNATIONAL)
    kind = f"{sql_inter_map()}[{a}.sector]"
    return f"""CASE
        WHEN {a} IS NULL THEN 0
        WHEN coalesce({a}.country, '') = '' AND ({abroad}) THEN {EXTERNAL}
        WHEN {kind} IS NULL THEN 0
        WHEN {kind} = 'unarmed' THEN
            CASE ev.acled_type WHEN 'Protests' THEN 6 WHEN 'Riots' THEN 5 ELSE 7 END
        WHEN {kind} = '{STATE}' AND coalesce(loc.country, '') <> ''
             AND {a}.country IS NOT NULL AND {a}.country <> loc.country
            THEN {EXTERNAL}  -- state forces abroad are ACLED's external forces
        ELSE {kind}::INTEGER END"""


# ACLED's disorder type, from the event type (and the two sub-types that cross over).
DISORDER_TYPE = """CASE
    WHEN ev.acled_subtype = 'Excessive force against protesters'
        THEN 'Political violence; Demonstrations'
    WHEN ev.acled_type IN ('Protests', 'Riots') THEN
        CASE WHEN ev.acled_subtype = 'Mob violence' THEN 'Political violence'
        ELSE 'Demonstrations' END
    WHEN ev.acled_type = 'Strategic developments' THEN 'Strategic developments'
    WHEN coalesce(ev.acled_type, '') <> '' THEN 'Political violence' END"""


def _name(a: str) -> str:
    """ACLED-style actor name: the text with the actor's country, "Protesters (Portugal)"."""
    words = f"coalesce(nullif({a}.text, ''), {a}.code)"
    country = f"{sql_map('name')}[upper({a}.country)]"
    return f"""CASE WHEN {country} IS NOT NULL AND coalesce({words}, '') <> ''
        THEN {words} || ' (' || {country} || ')' ELSE {words} END"""


def _assoc(actors: str) -> str:
    """The names of every actor but the first, separated by "; "."""
    names = f"list_transform({actors}[2:], lambda x: {_name('x')})"
    return f"nullif(array_to_string(list_filter({names}, lambda n: n <> ''), '; '), '')"


def _select() -> str:
    """The rows: one per event of ``ev`` with an ACLED type, in its order."""
    cells = {
        "event_id_cnty": "coalesce(loc.country, '') || ev.id",
        "event_date": "strftime(ev._day, '%Y-%m-%d')",
        "year": "year(ev._day)",
        "time_precision": f"CASE WHEN ev._day IS NOT NULL THEN {TIME_PRECISION} END",
        "disorder_type": DISORDER_TYPE,
        "event_type": "ev.acled_type",
        "sub_event_type": "ev.acled_subtype",
        "actor1": _name("ev.actor[1]"),
        "assoc_actor_1": _assoc("ev.actor"),
        "inter1": "ev.inter1",
        "actor2": _name("ev.recipient[1]"),
        "assoc_actor_2": _assoc("ev.recipient"),
        "inter2": "ev.inter2",
        "interaction": "CASE WHEN ev.inter1 = 0 AND ev.inter2 = 0 THEN NULL "
        "WHEN ev.inter2 = 0 THEN ev.inter1 * 10 "
        "ELSE least(ev.inter1, ev.inter2) * 10 + greatest(ev.inter1, ev.inter2) END",
        "civilian_targeting": "CASE WHEN ev.acled_type = 'Violence against civilians' OR "
        f"(starts_with({DISORDER_TYPE}, 'Political violence') AND ev.inter2 = 7) "
        "THEN 'Civilian targeting' END",
        "iso": f"{sql_map('numeric')}[upper(loc.country)]",
        "region": f"{sql_map('region')}[upper(loc.country)]",
        "country": f"{sql_map('name')}[upper(loc.country)]",
        "admin1": "loc.admin1",
        "admin2": "NULL",
        "admin3": "NULL",
        "location": "loc.name",
        "latitude": "loc.lat",
        "longitude": "loc.lon",
        "geo_precision": GEO_PRECISION,
        "source": "nullif(array_to_string(src.names, '; '), '')",
        "source_scale": "NULL",
        "notes": "ev.sentence",
        "fatalities": "coalesce(ev.fatalities, 0)",  # ACLED writes 0 when none are reported
        "tags": "NULL",
        "timestamp": "floor(epoch(ev.last_seen::TIMESTAMP))::BIGINT",
    }
    assert tuple(cells) == COLUMNS
    cols = columns(cells)
    events = f"{DATED} WHERE coalesce(acled_type, '') <> ''"
    typed = (
        f"SELECT *, {inter('actor[1]')} AS inter1, {inter('recipient[1]')} AS inter2 "
        f"FROM ({events}) ev"
    )
    # the mentions' distinct source names, in the order they first appear
    name = source_name("mn")
    listed = f"SELECT _n, list({name} ORDER BY _k) FILTER ({name} <> '') AS l FROM mn GROUP BY _n"
    sources = f"SELECT _n, {distinct('l')} AS names FROM ({listed})"
    return (
        f"SELECT {cols} FROM ({typed}) ev LEFT JOIN ({sources}) src ON src._n = ev._n "
        "ORDER BY ev._n"
    )


def write_acled(source: Source, path: str | Path) -> int:
    """A header row, then one row per event of ``source`` with an ACLED type (the others
    are passed over); returns the number of rows."""
    return source.copy(_select(), path, "FORMAT csv, HEADER true")
