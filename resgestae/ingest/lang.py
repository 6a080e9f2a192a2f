"""Language identification with py3langid (a small, offline n-gram model)."""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE = 1000  # characters; more adds time, not accuracy on news prose
MIN_TEXT = 60  # characters; shorter texts are guessed too poorly to skip an article on
MIN_CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class Language:
    """A detected language and the model's probability for it."""

    code: str | None  # ISO 639-1, None when too short or too unsure to say
    confidence: float


class LanguageDetector:
    """``detect(text)``; reuse one: the model (0.3-1 s to load) is loaded on the first text
    long enough to detect, so a run of short texts never waits for it."""

    def __init__(self) -> None:
        self._loaded = None

    @property
    def _model(self):
        if self._loaded is None:
            self._loaded = _identifier()
        return self._loaded

    def detect(self, text: str) -> Language:
        """The language of the text's first ``SAMPLE`` characters; code None when the text
        is shorter than ``MIN_TEXT`` or the guess less sure than ``MIN_CONFIDENCE``."""
        sample = text[:SAMPLE]
        if len(sample.strip()) < MIN_TEXT:
            return Language(None, 0.0)
        code, prob = self._model.classify(sample)
        prob = float(prob)
        return Language(code if prob >= MIN_CONFIDENCE else None, prob)


def _identifier():
    """py3langid's model, from the disk cache: the packaged model is xz-compressed and
    takes most of a second to decompress at each start, its pickle a sixth of that."""
    from importlib import metadata

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from resgestae import cache

    def build() -> LanguageIdentifier:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    path = cache.cache_dir() / f"langid_{metadata.version('py3langid')}.pickle"
    return cache.cached(path, build, LanguageIdentifier)
