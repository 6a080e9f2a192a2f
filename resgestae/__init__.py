"""resgestae: political event data from news (who did what to whom, when and where).

The public API, for Python what the ``resgestae`` command does:

    import resgestae

    report = resgestae.ingest_paths(["news/"], "events.duckdb")  # `resgestae ingest`
    for failure in report.failures:
        print("error:", failure)

    for item in resgestae.Batch(["news/"], resgestae.BatchOptions(workers=2)):
        if isinstance(item, resgestae.Outcome):  # `resgestae code`
            for event in item.events:
                print(event.to_dict())

    with resgestae.open_store("events.duckdb", create=False) as store:  # `resgestae events`
        protests = list(store.events(event="PROTEST"))  # real-world events; .mentions(...)
        resgestae.export_store(store, to="gdelt", path="g.tsv", country="AZE")

Lower level: ``read_paths`` (articles and ``InputError`` values from files), ``run`` and
``code_parsed`` (the pipeline over articles or parses, with ``Resources`` loaded once from
``Options``), ``export_store`` and ``export_events`` (GDELT, ACLED, PLOVER, Parquet and
GeoJSON files of a store's events, as `resgestae export` writes them, or of event dicts),
the record types of ``resgestae.types`` and the errors of ``resgestae.errors``. Names are
imported on first use, so ``import resgestae`` loads neither spaCy nor the pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    # the batch: `resgestae code` and `resgestae ingest`
    "Batch",
    "BatchOptions",
    "Failure",
    "Outcome",
    "Report",
    "Summary",
    "ingest_paths",
    # the pipeline
    "ArticleResult",
    "Options",
    "Resources",
    "code_parsed",
    "run",
    # reading and storing
    "read_paths",
    "Store",
    "Coded",
    "Uncoded",
    "open_store",
    "export_events",
    "export_store",
    # the records that flow between the stages
    "Actor",
    "Article",
    "Count",
    "Entity",
    "Event",
    "EventDate",
    "Location",
    "Mention",
    "Parsed",
    "Sentence",
    "Size",
    "Timex",
    "Token",
    "Toponym",
    "Trigger",
    # errors
    "ExportError",
    "InputError",
    "LexiconError",
    "ModelError",
    "OptionError",
    "ResgestaeError",
    "StoreError",
]

# Where the names above are defined, searched in this order on first use (cheapest first);
# tests/test_public_api.py checks that each is found, and is what its module exports.
_MODULES = (
    "resgestae.errors",
    "resgestae.types",
    "resgestae.pipeline",
    "resgestae.store",
    "resgestae.export",
    "resgestae.ingest",
    "resgestae.batch",
)

if TYPE_CHECKING:
    from resgestae.batch import (
        Batch,
        BatchOptions,
        Failure,
        Outcome,
        Report,
        Summary,
        ingest_paths,
    )
    from resgestae.errors import (
        ExportError,
        InputError,
        LexiconError,
        ModelError,
        OptionError,
        ResgestaeError,
        StoreError,
    )
    from resgestae.export import export_events, export_store
    from resgestae.ingest import read_paths
    from resgestae.pipeline import ArticleResult, Options, Resources, code_parsed, run
    from resgestae.store import Coded, Store, Uncoded, open_store
    from resgestae.types import (
        Actor,
        Article,
        Count,
        Entity,
        Event,
        EventDate,
        Location,
        Mention,
        Parsed,
        Sentence,
        Size,
        Timex,
        Token,
        Toponym,
        Trigger,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        for home in _MODULES:
            module = importlib.import_module(home)
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value  # found once, then a plain attribute
                return value
    raise AttributeError(f"module 'resgestae' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
