"""The DuckDB schema. ``mentions`` holds one row per coded (sentence-level) event, its columns
named after the keys of ``Event.to_dict()`` so a stored mention reads back as the same dict,
with ``date_first``/``date_last`` (DATE, for range queries) and ``event_id``, the real-world
event of ``events`` it belongs to (``resgestae.cluster``). ``MIGRATE`` turns a store made
before real-world events (whose ``events`` table held the mentions) into this one."""

from __future__ import annotations

ACTOR = (
    "STRUCT(text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, "
    '"start" INTEGER, "end" INTEGER, rule VARCHAR)'
)
LOCATION = (
    "STRUCT(text VARCHAR, name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, "
    'lon DOUBLE, geonameid BIGINT, precision VARCHAR, "start" INTEGER, "end" INTEGER, '
    "rule VARCHAR)"
)
TRIGGER = 'STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER)'
COUNT = 'STRUCT("value" BIGINT, qualifier VARCHAR, text VARCHAR, "start" INTEGER, "end" INTEGER)'
SIZE = f"STRUCT(dead {COUNT}, injured {COUNT}, arrested {COUNT}, total {COUNT})"

# Mention columns added after the first stores were made; UPGRADE adds them to an older store.
MENTION_EXTRA = (
    ("size", SIZE),
    ("fatalities", "BIGINT"),
    ("restated", "INTEGER[][]"),
    ("story", "VARCHAR[]"),
)

# (column, type) in Event.to_dict() order.
MENTION_COLUMNS = (
    ("id", "VARCHAR PRIMARY KEY"),
    ("article_id", "VARCHAR NOT NULL"),
    ("source_name", "VARCHAR"),
    ("published", "DATE"),
    ("date", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("date_source", "VARCHAR"),
    ("event", "VARCHAR"),
    ("mode", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("actor", f"{ACTOR}[]"),
    ("recipient", f"{ACTOR}[]"),
    ("location", LOCATION),
    ("sentence", "VARCHAR"),
    ("span", "INTEGER[]"),
    ("trigger", TRIGGER),
    ("rule", "VARCHAR"),
    ("negated", "BOOLEAN"),
    ("confidence", "DOUBLE"),
    ("acled_type", "VARCHAR"),
    ("acled_subtype", "VARCHAR"),
    ("plover_score", "DOUBLE"),
    ("context", "VARCHAR[]"),
    *MENTION_EXTRA,
)
MENTION_KEYS = tuple(name for name, _ in MENTION_COLUMNS)

# The real-world events: the keys of ``resgestae.cluster.EVENT_KEYS`` in that order, then
# what the store needs (the clustering type key, the mention ids, the component).
EVENT_COLUMNS = (
    ("id", "VARCHAR PRIMARY KEY"),
    ("event", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("date", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("date_first", "DATE"),
    ("date_last", "DATE"),
    ("actor", f"{ACTOR}[]"),
    ("recipient", f"{ACTOR}[]"),
    ("location", LOCATION),
    ("confidence", "DOUBLE"),
    ("fatalities", "BIGINT"),
    ("acled_type", "VARCHAR"),
    ("acled_subtype", "VARCHAR"),
    ("num_mentions", "INTEGER"),
    ("num_sources", "INTEGER"),
    ("num_articles", "INTEGER"),
    ("first_seen", "DATE"),
    ("last_seen", "DATE"),
    ("sentence", "VARCHAR"),
    ("source_url", "VARCHAR"),
    ("type_key", "VARCHAR NOT NULL"),  # PLOVER type, else "cameo:" and the root
    ("mention_ids", "VARCHAR[] NOT NULL"),
    ("component", "VARCHAR NOT NULL"),  # the connected component it was split from
)


# One row per actor or recipient of a mention. role: actor | recipient.
ACTOR_MENTION_COLUMNS = (
    ("mention_id", "VARCHAR NOT NULL"),
    ("article_id", "VARCHAR NOT NULL"),
    ("role", "VARCHAR NOT NULL"),
    ("text", "VARCHAR"),
    ("code", "VARCHAR"),
    ("country", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("start_char", "INTEGER"),
    ("end_char", "INTEGER"),
    ("rule", "VARCHAR"),
)


def _columns(cols) -> str:
    return ",\n    ".join(f'"{name}" {kind}' for name, kind in cols)


DDL = f"""
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    source VARCHAR,
    published DATE,
    title VARCHAR,
    text VARCHAR NOT NULL,
    origin VARCHAR,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    {_columns(MENTION_COLUMNS)},
    date_first DATE,
    date_last DATE,
    event_id VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    {_columns(EVENT_COLUMNS)}
);
CREATE TABLE IF NOT EXISTS actor_mentions (
    {_columns(ACTOR_MENTION_COLUMNS)}
);
"""

# Added by the ingest of many formats; ALTER ... IF NOT EXISTS upgrades a store made before.
# status: coded (parsed, its events stored) | skipped (not parsed: reason says why, e.g.
# "language:pt") | duplicate (a near-duplicate of duplicate_of, not parsed: its events are
# the original's, counted as extra sources).
ARTICLE_EXTRA = (
    ("status", "VARCHAR DEFAULT 'coded'"),
    ("reason", "VARCHAR"),
    ("language", "VARCHAR"),
    ("duplicate_of", "VARCHAR"),
    ("similarity", "DOUBLE"),
    ("author", "VARCHAR"),
    ("minhash", "BLOB"),
)
ARTICLE_COLUMNS = (
    "id", "url", "source", "published", "title", "text", "origin", "ingested_at",
    *(name for name, _ in ARTICLE_EXTRA),
)  # fmt: skip

UPGRADE = (
    "".join(
        f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {name} {kind};\n"
        for name, kind in ARTICLE_EXTRA
    )
    + "".join(
        f'ALTER TABLE mentions ADD COLUMN IF NOT EXISTS "{name}" {kind};\n'
        for name, kind in MENTION_EXTRA
    )
    + """
-- The events a stored article's near-duplicates carry are looked up by it while ingesting.
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles (duplicate_of);
-- Older stores kept the near-duplicate index's band keys in a table (one row per band,
-- 32 per article); the store now computes them from articles.minhash when it opens.
DROP TABLE IF EXISTS lsh_bands;
CREATE TABLE IF NOT EXISTS settings (  -- what the store was built with: name -> JSON
    name VARCHAR PRIMARY KEY,  -- "cluster": the resgestae.cluster.Settings of its events
    value VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (  -- one row per ingest run, finished or interrupted
    id INTEGER PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,  -- NULL: interrupted (or still running)
    paths VARCHAR[],
    articles INTEGER,
    events INTEGER,
    skipped INTEGER,
    duplicates INTEGER,
    failures INTEGER
);
"""
)

# A store made before real-world events: its ``events`` table held the mentions and
# ``actor_mentions.event_id`` named them. Run (in one transaction) when ``events`` has an
# ``article_id`` column, before DDL; the store then clusters the mentions into events.
MIGRATE = """
ALTER TABLE events RENAME TO mentions;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS event_id VARCHAR;
ALTER TABLE actor_mentions RENAME COLUMN event_id TO mention_id;
"""

# The schema version a store records (settings row 'schema_version'); a store made before
# versions were recorded is upgraded by MIGRATE and UPGRADE. Raise it with every change a
# former version cannot read, and teach ``Store._open`` to upgrade from the one before.
SCHEMA_VERSION = 3

# Every column of this version, by table: what a store opened read-only must have.
TABLE_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "mentions": (*MENTION_KEYS, "date_first", "date_last", "event_id"),
    "events": tuple(name for name, _ in EVENT_COLUMNS),
    "actor_mentions": tuple(name for name, _ in ACTOR_MENTION_COLUMNS),
    "settings": ("name", "value"),
    "runs": ("id", "started_at", "finished_at"),
}
