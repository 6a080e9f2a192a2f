"""Writers for events as ``Event.to_dict()`` dicts: JSON Lines, CSV and a readable table.

Each writer consumes its events lazily, so ``resgestae code`` prints as articles are coded.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable, Iterable
from typing import TextIO

# The calibrated confidence below which events are not emitted by default (``--min-confidence``;
# 0 keeps every event). The calibration is fitted with whole articles' events, real or false,
# among its rows (scripts/calibrate.py). 0.4 and 0.5 maximise F0.5 (precision weighted twice
# recall) of the development articles' events, 0.551 both; 0.5 drops a real event of the
# reference article (shared/samples: the occupation, at 0.446), so 0.4 (docs/accuracy.md has
# the table).
DEFAULT_MIN_CONFIDENCE = 0.4

__all__ = ["DEFAULT_MIN_CONFIDENCE", "FORMATS", "CSV_COLUMNS", "default_format", "write", "csv_row"]

FORMATS = ("jsonl", "csv", "table")

# Scalars first, then each nested field flattened; actor lists are joined with ";".
CSV_COLUMNS = (
    "id", "article_id", "source_name", "published", "date", "date_precision", "date_source",
    "event", "mode", "cameo", "quad_class", "goldstein", "plover_score",
    "actor_code", "actor_country", "actor_sector", "actor_text",
    "recipient_code", "recipient_country", "recipient_sector", "recipient_text",
    "location_text", "location_name", "location_country", "location_admin1",
    "location_lat", "location_lon", "location_geonameid", "location_precision",
    "sentence", "span_start", "span_end", "trigger_text", "trigger_start", "trigger_end",
    "rule", "negated", "confidence", "acled_type", "acled_subtype", "context",
    "fatalities", "injured", "arrested",
)  # fmt: skip


def default_format(stream: TextIO) -> str:
    """A table for a person at a terminal, JSON Lines for a pipe or a file."""
    return "table" if stream.isatty() else "jsonl"


def write(events: Iterable[dict], fmt: str, out: TextIO) -> None:
    """Write events in ``fmt`` (one of ``FORMATS``)."""
    WRITERS[fmt](events, out)


def write_jsonl(events: Iterable[dict], out: TextIO) -> None:
    """One JSON object per line, as ``Event.to_dict()`` gives it."""
    for d in events:
        out.write(json.dumps(d, ensure_ascii=False) + "\n")


def csv_row(d: dict) -> dict:
    """An event dict flattened to ``CSV_COLUMNS`` (lists joined with ";")."""
    row = {k: d.get(k) for k in CSV_COLUMNS if k in d}
    for role in ("actor", "recipient"):
        for field in ("code", "country", "sector", "text"):
            row[f"{role}_{field}"] = ";".join(a.get(field) or "" for a in d.get(role) or ())
    loc = d.get("location") or {}
    for field in ("text", "name", "country", "admin1", "lat", "lon", "geonameid", "precision"):
        row[f"location_{field}"] = loc.get(field)
    row["span_start"], row["span_end"] = d.get("span") or (None, None)
    trig = d.get("trigger") or {}
    for field in ("text", "start", "end"):
        row[f"trigger_{field}"] = trig.get(field)
    row["context"] = ";".join(d.get("context") or ())
    size = d.get("size") or {}
    for field in ("injured", "arrested"):
        row[field] = (size.get(field) or {}).get("value")
    return row


def write_csv(events: Iterable[dict], out: TextIO) -> None:
    """A header row, then one ``csv_row`` per event."""
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for d in events:
        writer.writerow(csv_row(d))


# (heading, width, cell); the sentence takes what is left of the terminal width.
TABLE = (
    ("date", 10, lambda d: d.get("date") or "unknown"),
    ("event", 12, lambda d: f"{d.get('event')} {d.get('cameo')}"),
    ("actor", 14, lambda d: _codes(d.get("actor"))),
    ("recipient", 14, lambda d: _codes(d.get("recipient"))),
    ("location", 16, lambda d: _place(d.get("location"))),
)


def _codes(actors) -> str:
    return ",".join(a.get("code") or a.get("text") or "?" for a in actors or ()) or "-"


def _place(loc) -> str:
    return f"{loc['name']} {loc.get('country') or ''}".strip() if loc else "-"


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_table(events: Iterable[dict], out: TextIO) -> None:
    """One line per event, cut to the terminal width, under a heading."""
    rest = max(20, shutil.get_terminal_size().columns - sum(w + 2 for _, w, _ in TABLE))
    columns: tuple[tuple[str, int, Callable[[dict], str]], ...] = TABLE + (
        ("sentence", rest, lambda d: " ".join((d.get("sentence") or "").split())),
    )
    out.write("  ".join(h.ljust(w) for h, w, _ in columns).rstrip() + "\n")
    out.write("  ".join("-" * w for _, w, _ in columns) + "\n")
    for d in events:
        cells = (_cell(cell(d), w).ljust(w) for _, w, cell in columns)
        out.write("  ".join(cells).rstrip() + "\n")


WRITERS: dict[str, Callable[[Iterable[dict], TextIO], None]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "table": write_table,
}
