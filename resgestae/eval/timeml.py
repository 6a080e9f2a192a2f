"""TempEval-3 TimeML (``.tml``): ``DCT`` holds the creation time, ``TEXT`` the scored text.

The text is ``TEXT`` with its markup removed; each ``TIMEX3`` inside it keeps the character
offsets it has in that text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from resgestae.eval import temporal
from resgestae.eval.temporal import Document, GoldTimex

__all__ = ["KIND", "looks_like", "load", "predict", "score", "details"]

KIND = "timeml"


def looks_like(path: Path, head: str) -> bool:
    return "<TimeML" in head


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _flatten(elem, parts: list[str], found: list[GoldTimex]) -> None:
    parts.append(elem.text or "")
    for child in elem:
        start = sum(map(len, parts))
        _flatten(child, parts, found)
        if _local(child.tag) == "TIMEX3":
            end = sum(map(len, parts))
            found.append(GoldTimex(start, end, child.get("value") or "", child.get("type") or ""))
        parts.append(child.tail or "")


def _read(path: Path) -> Document:
    root = ET.parse(path).getroot()
    anchor = None
    for elem in root.iter():
        if _local(elem.tag) == "DCT":
            tx = next((t for t in elem.iter() if _local(t.tag) == "TIMEX3"), None)
            anchor = temporal.anchor_date(tx.get("value")) if tx is not None else None
    body = next((e for e in root.iter() if _local(e.tag) == "TEXT"), None)
    parts: list[str] = []
    found: list[GoldTimex] = []
    if body is not None:
        _flatten(body, parts, found)
    doc_id = next((e.text for e in root.iter() if _local(e.tag) == "DOCID"), None) or path.stem
    return Document(doc_id.strip(), "".join(parts), anchor, tuple(found))


def load(paths: Path | Sequence[Path]) -> list[Document]:
    return temporal.load_files(_read, paths)


def predict(docs, system):
    return temporal.predict(docs, system, KIND)


score = temporal.score
details = temporal.details
count = temporal.count
