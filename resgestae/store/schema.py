"""The DuckDB schema. Event columns are named after the keys of ``Event.to_dict()``, so a
stored event reads back as the same dict; ``date_first``/``date_last`` are extra DATE columns
for range queries."""

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

# Event columns added after the first stores were made; UPGRADE adds them to an older store.
EVENT_EXTRA = (
    ("size", SIZE),
    ("fatalities", "BIGINT"),
    ("restated", "INTEGER[][]"),
)

# (column, type) in Event.to_dict() order.
EVENT_COLUMNS = (
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
    *EVENT_EXTRA,
)
EVENT_KEYS = tuple(name for name, _ in EVENT_COLUMNS)


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
CREATE TABLE IF NOT EXISTS events (
    {_columns(EVENT_COLUMNS)},
    date_first DATE,
    date_last DATE
);
CREATE TABLE IF NOT EXISTS actor_mentions (
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,  -- actor | recipient
    text VARCHAR,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    rule VARCHAR
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
        f'ALTER TABLE events ADD COLUMN IF NOT EXISTS "{name}" {kind};\n'
        for name, kind in EVENT_EXTRA
    )
    + """
-- Older stores kept the near-duplicate index's band keys in a table (one row per band,
-- 32 per article); the store now computes them from articles.minhash when it opens.
DROP TABLE IF EXISTS lsh_bands;
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
