"""NewsReader MEANTIME CAT XML: one article per file, tokens without offsets.

The text is rebuilt from the tokens (one line per sentence, light detokenisation) and every
``TIMEX3`` gets character offsets from its token anchors. The ``CREATION_TIME`` expression is the
anchor for normalisation and is not scored (its line is skipped on both sides).

MEANTIME annotates time expressions only in each article's first sentences (the title and
sentences 1-5: no TIMEX3 in the corpus lies beyond sentence 5), so the text after them is
skipped on both sides too: a date found there is not a false positive.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from resgestae.eval import temporal
from resgestae.eval.temporal import Document, GoldTimex

__all__ = ["KIND", "looks_like", "load", "predict", "score", "details", "rebuild_text"]

KIND = "meantime"
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
ANNOTATED_SENTENCES = 5  # the last sentence number with time expressions annotated


def looks_like(path: Path, head: str) -> bool:
    return "<Document" in head and "<token" in head and "t_id=" in head


def rebuild_text(
    tokens: Sequence[tuple[str | None, str | None, str]],
) -> tuple[str, dict[str | None, tuple[int, int]]]:
    """(t_id, sentence, text) tokens -> the text and each t_id's character span (the ids and
    sentences are XML attributes, None when missing)."""
    parts: list[str] = []
    spans: dict[str | None, tuple[int, int]] = {}
    pos, sent, prev = 0, None, None
    for t_id, sentence, text in tokens:
        if sent is not None and sentence != sent:
            sep = "\n"
        elif prev is None or text in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        spans[t_id] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        sent, prev = sentence, text
    return "".join(parts), spans


def _read(path: Path) -> Document:
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), t.get("sentence"), t.text or "") for t in root.iter("token")]
    text, spans = rebuild_text(tokens)
    timexes, skip, anchor = [], [], None
    for tx in root.iter("TIMEX3"):
        creation = tx.get("functionInDocument") == "CREATION_TIME"
        if creation:
            anchor = anchor or temporal.anchor_date(tx.get("value"))
        ids = [a.get("t_id") for a in tx.iter("token_anchor") if a.get("t_id") in spans]
        if not ids:
            continue
        start = min(spans[i][0] for i in ids)
        end = max(spans[i][1] for i in ids)
        if creation:
            skip.append((start, end))
        else:
            timexes.append(GoldTimex(start, end, tx.get("value") or "", tx.get("type") or ""))
    beyond = [
        spans[t_id][0]
        for t_id, sentence, _ in tokens
        if t_id in spans and sentence and sentence.isdigit() and int(sentence) > ANNOTATED_SENTENCES
    ]
    if beyond:
        skip.append((min(beyond), len(text)))
    doc_id = root.get("doc_name") or root.get("doc_id") or path.stem
    return Document(doc_id, text, anchor, tuple(timexes), tuple(skip))


def load(paths: Path | Sequence[Path]) -> list[Document]:
    return temporal.load_files(_read, paths)


def predict(docs, system):
    return temporal.predict(docs, system, KIND)


score = temporal.score
details = temporal.details
count = temporal.count
