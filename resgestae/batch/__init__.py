"""Coding a batch of inputs the way `resgestae code` and `resgestae ingest` do: read ->
triage (language, near-duplicates) -> code -> store, with failures as values.

    from resgestae.batch import Batch, BatchOptions, Failure, Outcome
    from resgestae.store import open_store

    with open_store("events.duckdb") as store:
        batch = Batch(["news/"], BatchOptions(workers=2), store=store)
        for item in batch:
            if isinstance(item, Failure):
                print("error:", item)
        print(batch.summary.line())
"""

from resgestae.batch.options import BatchOptions
from resgestae.batch.records import Failure, Outcome, Report, Summary
from resgestae.batch.run import Batch, ingest_paths

__all__ = ["Batch", "BatchOptions", "Failure", "Outcome", "Report", "Summary", "ingest_paths"]
