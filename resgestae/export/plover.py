"""PLOVER JSON Lines, with the field names of the PLOVER manual's "Data Fields" chapter.

One record per real-world event. The manual's single-text fields (``text``, ``text_info``,
``cite_info``) come from the event's lead mention (the one from its ``source_url`` if any,
else the most confident, the earliest of equals); every mention's evidence follows in
``mentions`` (the manual invites named fields beyond its own), as do the counts, CAMEO code,
Goldstein score and confidence. DuckDB writes the file from ``ev`` and ``mn``
(``resgestae.export.source``) in one ``COPY``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from resgestae.export.source import DATED, Source, columns, distinct, literal, source_name
from resgestae.export.tables import sql_map

__all__ = ["RESOLUTION", "write_plover"]

# The manual's location resolution: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
RESOLUTION = {"city": 4, "admin1": 2, "country": 1}
# CAMEO's international prefixes -> the manual's non-state "country" codes (its table of
# international non-state actor names); UN and EU bodies keep their own. The first that
# matches counts.
_NONSTATE = (("IGOUNO", "UNO"), ("IGOEUR", "EUR"), ("IGO", "IGO"), ("NGO", "NGO"),
             ("IMG", "IMG"), ("MNC", "MNC"))  # fmt: skip


def _coder() -> str:
    try:
        return f"resgestae {version('resgestae')}"
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "resgestae"


def _struct(fields: dict[str, str]) -> str:
    """A struct (a JSON object) of SQL values, in this order."""
    return "{" + ", ".join(f"{literal(k)}: {v}" for k, v in fields.items()) + "}"


def _entity(a: str) -> str:
    """The manual's entity object of the actor ``a``: ``code`` the country (or non-state
    code), ``sector``, ``entity_text``; with our full CAMEO-style ``actor_code`` and the
    text offsets."""
    nonstate = " ".join(f"WHEN starts_with({a}.code, '{p}') THEN '{c}'" for p, c in _NONSTATE)
    return _struct({
        "code": f"CASE WHEN coalesce({a}.country, '') <> '' THEN {a}.country {nonstate} END",
        "sector": f"{a}.sector",
        "entity_text": f"{a}.text",
        "actor_code": f"{a}.code",
        "start": f'{a}."start"',
        "end": f'{a}."end"',
    })  # fmt: skip


def _location() -> str:
    """The manual's location object (Mordecai's fields) of our GeoNames place ``loc``."""
    resolution = " ".join(f"WHEN '{k}' THEN {v}" for k, v in RESOLUTION.items())
    return "CASE WHEN loc IS NOT NULL THEN " + _struct({
        "extracted_place": "loc.text",
        "resolved_place": "loc.name",
        "geonameid": "loc.geonameid",
        "lat": "loc.lat",
        "lon": "loc.lon",
        "city": "CASE WHEN loc.precision = 'city' THEN loc.name END",
        "province": "loc.admin1",
        "country": f"{sql_map('name')}[upper(loc.country)]",
        "country_code": "loc.country",
        "resolution": f"CASE loc.precision {resolution} END",
    }) + " END"  # fmt: skip


def _text_info(m: str) -> str:
    return _struct({"start": f"{m}.span[1]", "end": f"{m}.span[2]"})


def _cite_info(m: str, coder: str) -> str:
    return _struct({
        "citation": f"{m}.article_id",
        "url": f"{m}.url",
        "publication": source_name(m),
        "language": "'en'",
        "coder": coder,
    })  # fmt: skip


def _one(value: str) -> str:
    """A list of the value, empty when it is NULL or empty."""
    return f"CASE WHEN coalesce({value}, '') <> '' THEN [{value}] ELSE [] END"


def _mention(coder: str) -> str:
    """A mention's record, of the row ``mn``."""
    return _struct({
        "id": "mn.id",
        "article_id": "mn.article_id",
        "date": "mn.date",
        "event": _one("mn.event"),
        "mode": _one("mn.mode"),
        "text": "mn.sentence",
        "text_info": _text_info("mn"),
        "event_text": _one("mn.trigger.text"),
        "trigger": "mn.trigger",
        "cite_info": _cite_info("mn", coder),
        "confidence": "mn.confidence",
    })  # fmt: skip


def _select(coder: str) -> str:
    """One record per event of ``ev``, in its order."""
    day = "ev._day"
    lead = "m.lead"
    record = {
        "id": "ev.id",
        "date": f"strftime({day}, '%Y-%m-%d')",
        "enddate": f"CASE WHEN ev.date_last <> {day} THEN strftime(ev.date_last, '%Y-%m-%d') END",
        "actor": f"coalesce(list_transform(ev.actor, lambda a: {_entity('a')}), [])",
        "recipient": f"coalesce(list_transform(ev.recipient, lambda a: {_entity('a')}), [])",
        "event": _one("ev.event"),
        "mode": "coalesce(m.modes, [])",
        "context": "coalesce(m.contexts, [])",
        "event_loc": _location(),
        "event_text": "coalesce(m.triggers, [])",
        "quad_code": "ev.quad_class",
        "event_scale": f"{lead}.plover_score",
        "text": "ev.sentence",
        "text_info": _text_info(lead),
        "cite_info": _cite_info(lead, coder),
        "coder": coder,
        "size": _struct({k: f"{lead}.size.{k}" for k in ("dead", "injured", "arrested")}),
        # named fields beyond the manual's
        "date_precision": "ev.date_precision",
        "cameo": "ev.cameo",
        "goldstein": "ev.goldstein",
        "confidence": "ev.confidence",
        "fatalities": "ev.fatalities",
        "acled_type": "ev.acled_type",
        "acled_subtype": "ev.acled_subtype",
        "num_mentions": "ev.num_mentions",
        "num_sources": "ev.num_sources",
        "num_articles": "ev.num_articles",
        "first_seen": "strftime(ev.first_seen::DATE, '%Y-%m-%d')",
        "last_seen": "strftime(ev.last_seen::DATE, '%Y-%m-%d')",
        "mentions": "coalesce(m.records, '[]'::JSON)",
    }
    # each event's mentions, gathered: the lead (by the rule above: first the mention from
    # the event's URL, then the most confident, then the first: arg_min over the fields
    # read from it; an ordered list of whole rows took twice as long and held them all in
    # memory), and what the record lists from all of them, in their order
    fields = ("plover_score", "span", "article_id", "url", "source_name", "source", "size")
    lead_row = _struct({f: f"mn.{f}" for f in fields})
    rank = (
        "[CASE WHEN coalesce(ev.source_url, '') <> '' AND mn.url = ev.source_url THEN 0 "
        "ELSE 1 END, -coalesce(mn.confidence, 0), mn._k]"
    )
    modes = "list(mn.mode ORDER BY mn._k) FILTER (coalesce(mn.mode, '') <> '')"
    contexts = "flatten(list(coalesce(mn.context, []) ORDER BY mn._k))"
    trigger = "mn.trigger.text"
    triggers = f"list({trigger} ORDER BY mn._k) FILTER (coalesce({trigger}, '') <> '')"
    # the mentions' records as JSON text, which the writer copies as it is: as nested lists
    # of structs they took 9 GB for a million events, and DuckDB cannot spill those
    records = (
        f"('[' || string_agg(to_json({_mention(coder)})::VARCHAR, ',' ORDER BY mn._k) || ']')::JSON"
    )
    gathered = f"""SELECT mn._n, arg_min({lead_row}, {rank}) AS lead,
        {distinct(modes)} AS modes, {distinct(contexts)} AS contexts,
        {distinct(triggers)} AS triggers, {records} AS records
        FROM mn JOIN ev ON ev._n = mn._n GROUP BY mn._n"""
    events = DATED
    cols = columns(record)
    return (
        f"SELECT {cols} FROM ({events}) ev LEFT JOIN ({gathered}) m ON m._n = ev._n ORDER BY ev._n"
    )


def write_plover(source: Source, path: str | Path) -> int:
    """One PLOVER record per line for each event of ``source``; returns the number of
    records."""
    return source.copy(_select(literal(_coder())), path, "FORMAT json")
