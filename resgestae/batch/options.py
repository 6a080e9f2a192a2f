"""``BatchOptions``: everything that decides how a batch reads and codes its inputs, in one
object (the options `resgestae code` and `resgestae ingest` share)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from resgestae.errors import OptionError
from resgestae.ingest.csv import FIELDS
from resgestae.ingest.decode import MAX_INPUT_MB
from resgestae.ingest.detect import FORMATS
from resgestae.nlp import DEFAULT_MODEL, MAX_CHARS
from resgestae.output import DEFAULT_MIN_CONFIDENCE
from resgestae.pipeline import Options

__all__ = ["BatchOptions"]


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a ``Batch`` reads and codes: the spaCy ``model`` and parsing ``workers``, extra
    actor ``lexicons``, the ``default_date`` of articles that carry none, an ``input_format``
    forced on every input (one of ``resgestae.ingest.detect.FORMATS``; None detects it) and
    the CSV/TSV ``columns`` holding each article field (``{"text": "body"}``), the longest
    article coded (``max_chars``, characters) and the most one input may hold in memory
    (``max_input_mb``: a text, HTML or feed file, a JSON line, a CSV row, a WARC record,
    decompressed). An impossible value raises ``OptionError``."""

    model: str = DEFAULT_MODEL
    workers: int = 1
    lexicons: tuple[Path, ...] = ()
    default_date: dt.date | None = None
    input_format: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    max_chars: int = MAX_CHARS
    max_input_mb: int = MAX_INPUT_MB

    def __post_init__(self) -> None:
        if self.max_input_mb < 1:
            raise OptionError(f"max_input_mb is {self.max_input_mb}; give 1 or more (MB)")
        _ = self.pipeline  # the pipeline's own options check workers and min_confidence
        if self.input_format is not None and self.input_format not in FORMATS:
            raise OptionError(
                f"unknown input format {self.input_format!r}; give one of {', '.join(FORMATS)} "
                f"or None to detect it"
            )
        unknown = sorted(set(self.columns) - set(FIELDS))
        if unknown:
            raise OptionError(
                f"unknown article field {unknown[0]!r} in columns; fields are {', '.join(FIELDS)}"
            )
        object.__setattr__(self, "lexicons", tuple(Path(p) for p in self.lexicons))
        object.__setattr__(self, "columns", dict(self.columns))

    @property
    def pipeline(self) -> Options:
        """The pipeline's options (model, workers, lexicons, confidence threshold)."""
        return Options(
            model=self.model,
            workers=self.workers,
            lexicons=self.lexicons,
            min_confidence=self.min_confidence,
            max_chars=self.max_chars,
        )
