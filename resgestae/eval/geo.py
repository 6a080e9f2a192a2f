"""Geoparsing corpora: GeoWebNews, GeoVirus, and LGL / TR-News XML (``<articles>``).

All three put character offsets into ``<text>``; they differ in element names:

- GeoWebNews: ``<toponym>`` with ``extractedName``, ``latitude``/``longitude``, ``geonamesID``
  and a ``type``; only entries with coordinates or a GeoNames id are places (the others are
  annotated non-toponym expressions) and only those are gold for recognition.
- GeoVirus: ``<location>`` with ``name``, ``lat``/``lon`` (its offsets are sometimes one
  character off: a span that does not spell the name is moved to the nearest place it does).
- LGL / TR-News: ``<toponym>`` with ``phrase`` and a ``<gaztag geonameid>`` holding lat/lon.

Recognition (``toponym_f1``, lenient overlap) compares the system's toponyms with the gold
spans. Resolution gives the system each gold span and scores where it puts it:
``acc_at_161km`` over gold toponyms with coordinates (unresolved counts wrong),
``geonameid_accuracy`` over those with a GeoNames id, ``mean_error_km`` over the resolved ones.
A metric whose gold is absent from a corpus (GeoVirus has no GeoNames ids) is left out.

Annotation conventions differ, and the scorer passes each corpus its own to recognition (this
is evaluation plumbing, decided by the file's format, not by its content): GeoWebNews'
scheme annotates place adjectives that modify a noun ("Russian hackers") and places inside
organisation names ("the Zimbabwe Electoral Commission") as toponyms, so its articles are
recognised with ``adjectives=True, embedded=True``; GeoVirus, LGL and TR-News annotate neither
and use the defaults.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resgestae.eval import metrics
from resgestae.types import Article, Location

__all__ = ["KIND", "GoldToponym", "GeoArticle", "looks_like", "load", "predict", "score"]

KIND = "geo"
MILES_100 = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class GeoArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    # recognition switches of the corpus' annotation scheme (see the module docstring)
    convention: tuple[tuple[str, bool], ...] = ()


# GeoWebNews (``<toponym>`` with a ``<type>``) annotates modifiers and embedded places
GEOWEBNEWS_CONVENTION = (("adjectives", True), ("embedded", True))


@dataclass(frozen=True, slots=True)
class Prediction:
    found: tuple[tuple[int, int], ...]  # recognised spans
    resolved: tuple[Location | None, ...]  # one per gold toponym


def looks_like(path: Path, head: str) -> bool:
    return "<articles" in head and "<article" in head.split("<articles", 1)[1]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value and value.strip() else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def fix_span(text: str, start: int, end: int, name: str, reach: int = 3) -> tuple[int, int]:
    """Offsets that spell ``name`` in ``text``: as given, else the nearest within ``reach``."""
    if not name or text[start:end] == name:
        return start, end
    for shift in sorted(range(-reach, reach + 1), key=abs):
        s = start + shift
        if s >= 0 and text[s : s + len(name)] == name:
            return s, s + len(name)
    return start, end


def _toponym(elem, text: str) -> GoldToponym | None:
    start, end = _int(elem.findtext("start")), _int(elem.findtext("end"))
    if start is None or end is None:
        return None
    gaz = elem.find("gaztag")
    if gaz is not None:  # LGL / TR-News
        name = elem.findtext("phrase") or ""
        lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
        gid = _int(gaz.get("geonameid"))
    else:  # GeoWebNews / GeoVirus
        name = elem.findtext("extractedName") or elem.findtext("name") or elem.findtext("phrase")
        lat = _float(elem.findtext("latitude") or elem.findtext("lat"))
        lon = _float(elem.findtext("longitude") or elem.findtext("lon"))
        gid = _int(elem.findtext("geonamesID"))
        if elem.tag == "toponym" and elem.find("type") is not None and lat is None and not gid:
            return None  # GeoWebNews: an annotated expression that is not a place
    start, end = fix_span(text, start, end, name or "")
    return GoldToponym(start, end, name or text[start:end], lat, lon, gid)


def load(path: Path) -> list[GeoArticle]:
    root = ET.parse(path).getroot()
    out = []
    for k, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        typed = any(e.find("type") is not None for e in art.iter("toponym"))
        found = []
        for elem in [*art.iter("toponym"), *art.iter("location")]:
            t = _toponym(elem, text)
            if t is not None:
                found.append(t)
        found.sort(key=lambda t: (t.start, t.end))
        doc_id = art.get("docid") or art.get("file") or str(k)
        out.append(
            GeoArticle(
                f"{path.stem}-{doc_id}", text, tuple(found), GEOWEBNEWS_CONVENTION if typed else ()
            )
        )
    return out


def predict(articles: Sequence[GeoArticle], system) -> list[Prediction]:
    out = []
    docs = [Article(id=a.id, text=a.text) for a in articles]
    for a, parsed in zip(articles, system.parse(docs, desc=KIND), strict=True):
        toponyms = (
            system.toponyms(parsed, **dict(a.convention))
            if a.convention
            else system.toponyms(parsed)
        )
        resolved = tuple(system.resolve(parsed, t.start, t.end, toponyms) for t in a.toponyms)
        out.append(Prediction(tuple((t.start, t.end) for t in toponyms), resolved))
    return out


def _distances(articles, preds):
    for a, p in zip(articles, preds, strict=True):
        for gold, loc in zip(a.toponyms, p.resolved, strict=True):
            ok = loc is not None and loc.lat is not None and loc.lon is not None
            if gold.lat is None or gold.lon is None:
                yield gold, loc, None
            else:
                yield (
                    gold,
                    loc,
                    (metrics.haversine_km(gold.lat, gold.lon, loc.lat, loc.lon) if ok else None),
                )


def score(articles: Sequence[GeoArticle], preds: Sequence[Prediction]) -> dict[str, float]:
    tp = n_gold = n_pred = 0
    for a, p in zip(articles, preds, strict=True):
        gold = [(t.start, t.end) for t in a.toponyms]
        tp += len(metrics.match_spans(gold, list(p.found)))
        n_gold += len(gold)
        n_pred += len(p.found)
    prec, rec, f1 = metrics.prf(tp, n_pred - tp, n_gold - tp)
    with_coords = within = with_id = id_right = 0
    errors_km: list[float] = []
    for gold, loc, km in _distances(articles, preds):
        if gold.lat is not None and gold.lon is not None:
            with_coords += 1
            if km is not None:
                errors_km.append(km)
                within += km <= MILES_100
        if gold.geonameid:
            with_id += 1
            id_right += loc is not None and loc.geonameid == gold.geonameid
    out = {"toponym_f1": f1, "toponym_precision": prec, "toponym_recall": rec}
    if with_coords:  # resolution metrics only where the corpus gives what they need
        out["acc_at_161km"] = within / with_coords
        out["mean_error_km"] = statistics.fmean(errors_km) if errors_km else 0.0
        out["resolved_share"] = len(errors_km) / with_coords
    if with_id:
        out["geonameid_accuracy"] = id_right / with_id
    return out


def details(articles: Sequence[GeoArticle], preds: Sequence[Prediction]) -> dict:
    """Resolution errors in distance bands (unresolved toponyms in their own band)."""
    bands: Counter[str] = Counter()
    for gold, _, km in _distances(articles, preds):
        if gold.lat is None:
            continue
        if km is None:
            bands["unresolved"] += 1
        else:
            bands[next(b for b, cap in _BANDS if km <= cap)] += 1
    return {"error_bands": {b: bands[b] for b, _ in [*_BANDS, ("unresolved", 0)]}}


_BANDS = (("<=20km", 20.0), ("<=161km", 161.0), ("<=1000km", 1000.0), (">1000km", float("inf")))


def count(articles: Sequence[GeoArticle]) -> int:
    return sum(len(a.toponyms) for a in articles)
