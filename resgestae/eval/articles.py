"""Article-level event gold (``articles/events.json``): every event of whole news articles.

The scoring contract is the gold's README (``eval/dev/articles/README.md``); the reference
scorer ``shared/tools/score-articles`` implements the same rules, and this module's numbers
equal its numbers. Article texts come from the corpus the gold names (a geoparsing XML file of
``<article>`` elements, or a folder of TimeML files), looked up beside the gold file and in the
folders above it. Each article is coded with its ``published`` date, and the system's output is
what ``resgestae code`` emits for it (``System.output``).

An output matches a gold event when one of the gold's anchors starts inside the output's
sentence span and its PLOVER type is one the gold accepts; each gold event is matched once, by
the first output (outputs ordered by sentence start, then by falling confidence) and further
matching outputs are duplicates. Field checks (actor, recipient, date, location) are scored
over the matched outputs.

Cross-article merging is scored against ``links.json`` beside the gold file (clusters of gold
events that are one real-world event): every article's outputs are stored in one in-memory
store, which joins them into events as ``resgestae ingest`` does, and over the outputs that
match a gold event (first matches and duplicates alike) each pair of outputs put in one event
is right when their gold events are the same or linked (``merge_precision``), and each pair
whose gold events are the same or linked should be in one event (``merge_recall``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resgestae.errors import InputError
from resgestae.types import Actor, Article, Event

__all__ = [
    "KIND",
    "GoldEvent",
    "GoldArticle",
    "GoldLocation",
    "Outcome",
    "looks_like",
    "load",
    "read_corpus",
    "judge",
    "match_article",
    "merge_pairs",
    "predict",
    "score",
    "details",
]

KIND = "articles"
HIT, DUP, FALSE, MISS = "HIT", "DUP", "FALSE", "MISS"
FIELDS = ("actor_ok", "recipient_ok", "date_ok", "location_ok")


@dataclass(frozen=True, slots=True)
class GoldLocation:
    country: str
    places: tuple[str, ...] = ()  # any one is right; empty: the country is enough


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    tier: str  # core | ok
    what: str
    anchors: tuple[str, ...]
    types: tuple[str, ...]  # acceptable PLOVER types
    actor: tuple[str, ...] | None  # acceptable codes; () = nobody named; None = anything
    recipient: tuple[str, ...] | None
    dates: tuple[str, ...] | None  # acceptable YYYY[-MM[-DD]] values; None = any
    location: GoldLocation | None  # None: the right output is no location
    link: str | None = None  # the links.json cluster holding it: one real-world event


@dataclass(frozen=True, slots=True)
class GoldArticle:
    doc: str
    text: str
    published: dt.date
    political: bool
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One line of the details: a matched output (HIT, with the fields it got wrong), a
    duplicate (DUP), an output matching nothing (FALSE) or a core gold event not found (MISS)."""

    kind: str
    doc: str
    event: str  # the output's type; for MISS the gold's acceptable types joined by "|"
    gold_id: str | None = None
    wrong: tuple[str, ...] = ()  # HIT: the field checks that failed
    trigger: str | None = None
    sentence: str | None = None
    what: str | None = None  # MISS: the gold's description

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) not in (None, ())}


def looks_like(path: Path, head: str) -> bool:
    return path.suffix.lower() == ".json" and '"corpus"' in head and '"articles"' in head


# --- loading -------------------------------------------------------------------------------


def _corpus_path(gold: Path, corpus: str) -> Path:
    """The corpus beside the gold file or in a folder above it, else in a ``dev`` folder above
    it (a held-out gold set may name the development corpus)."""
    folder = gold.resolve().parent
    above = (folder, *folder.parents)
    for candidate in [d / corpus for d in above] + [d / "dev" / corpus for d in above]:
        if candidate.exists():
            return candidate
    raise InputError(
        str(gold), f"the corpus {corpus!r} it names is not found beside it or in a folder above"
    )


def read_corpus(path: Path) -> dict[str, str]:
    """Article texts by document name: ``<article file=...>`` (or ``docid``) ``<text>`` of a
    geoparsing XML file, or the ``TEXT`` of each ``.tml`` file of a TimeML folder (by stem)."""
    try:
        if path.is_dir():
            texts = {}
            for f in sorted(path.glob("*.tml")):
                body = ET.parse(f).getroot().find("TEXT")
                texts[f.stem] = "".join(body.itertext()) if body is not None else ""
            return texts
        return {
            a.get("file") or a.get("docid") or "": a.findtext("text") or ""
            for a in ET.parse(path).getroot().iter("article")
        }
    except ET.ParseError as exc:
        raise InputError(
            str(path), f"not well-formed XML ({exc}); fix or replace the corpus"
        ) from None


def _codes(value, where: str, name: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise InputError(where, f'"{name}" must be a list of codes (or left out for any)')
    return tuple(str(v) for v in value)


def _event(raw: dict, where: str) -> GoldEvent:
    where = f"{where} event {raw.get('id')}"
    if not raw.get("anchors") or not raw.get("event"):
        raise InputError(where, 'each event needs "anchors" and "event" lists')
    loc = raw.get("location")
    if loc is not None and not (isinstance(loc, dict) and loc.get("country")):
        raise InputError(where, '"location" must be null or {"country": ISO-3, "place": [...]}')
    return GoldEvent(
        id=str(raw.get("id")),
        tier=str(raw.get("tier", "core")),
        what=str(raw.get("what", "")),
        anchors=tuple(raw["anchors"]),
        types=tuple(raw["event"]),
        actor=_codes(raw.get("actor"), where, "actor"),
        recipient=_codes(raw.get("recipient"), where, "recipient"),
        dates=_codes(raw.get("date"), where, "date"),
        location=GoldLocation(loc["country"], tuple(loc.get("place", ()))) if loc else None,
    )


def _published(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(where, f'"published" must be YYYY-MM-DD, not {value!r}') from None


def _links(path: Path) -> dict[str, str]:
    """Gold event id -> its cluster in ``links.json`` beside the gold file (none without one)."""
    links = path.with_name("links.json")
    if not links.exists():
        return {}
    try:
        clusters = json.loads(links.read_text(encoding="utf-8"))["clusters"]
        return {str(e): f"link:{n}" for n, c in enumerate(clusters) for e in c["events"]}
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(
            str(links), f'not cross-article links ({exc}); it needs "clusters" of "events" ids'
        ) from None


def load(path: Path) -> list[GoldArticle]:
    """The gold articles of ``path`` with their texts from the corpus the file names, and
    their events' cross-article links from ``links.json`` beside it."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        corpus, articles = data["corpus"], data["articles"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(
            str(path), f'not article gold ({exc}); it needs "corpus" and "articles" (README.md)'
        ) from None
    texts = read_corpus(_corpus_path(path, corpus))
    links = _links(path)
    out = []
    for raw in articles:
        doc = str(raw.get("doc"))
        where = f"{path}: article {doc}"
        if doc not in texts:
            raise InputError(where, f"no such article in the corpus {corpus}; fix its doc")
        out.append(
            GoldArticle(
                doc=doc,
                text=texts[doc],
                published=_published(raw.get("published"), where),
                political=bool(raw.get("political")),
                events=tuple(
                    dataclasses.replace(g, link=links.get(g.id))
                    for g in (_event(e, where) for e in raw.get("events", []))
                ),
            )
        )
    return out


# --- the system's output -------------------------------------------------------------------


def predict(articles: Sequence[GoldArticle], system) -> list[tuple[Event, ...]]:
    """What ``resgestae code`` emits for each article, coded with its publication date."""
    return system.output(
        [Article(id=a.doc, text=a.text, published=a.published) for a in articles], desc=KIND
    )


# --- matching and field checks -------------------------------------------------------------


def _codes_of(actors: Sequence[Actor]) -> list[str]:
    return [c for a in actors for c in (a.code, a.country) if c]


def role_ok(gold: tuple[str, ...] | None, actors: Sequence[Actor]) -> bool:
    """An output code starts with an acceptable code; for ``()`` no actor has a country."""
    if gold is None:
        return True
    if not gold:
        return not any(a.country for a in actors)
    return any(c.startswith(x) for c in _codes_of(actors) for x in gold)


def date_ok(gold: tuple[str, ...] | None, event: Event) -> bool:
    """The output date, at its own precision, is one of the acceptable values."""
    return gold is None or (event.date.value or "") in gold


def location_ok(gold: GoldLocation | None, event: Event) -> bool:
    """Same country, and a listed place when the gold lists some; no location for ``None``."""
    loc = event.location
    if gold is None:
        return loc is None
    if loc is None or loc.country != gold.country:
        return False
    places = [p.lower() for p in gold.places]
    if not places:
        return True
    names = [(loc.name or "").lower(), (loc.text or "").lower()]
    return any(n and (n in p or p in n) for n in names for p in places)


def _checks(gold: GoldEvent, event: Event) -> dict[str, bool]:
    return {
        "actor_ok": role_ok(gold.actor, event.actor),
        "recipient_ok": role_ok(gold.recipient, event.recipient),
        "date_ok": date_ok(gold.dates, event),
        "location_ok": location_ok(gold.location, event),
    }


def _matches(article: GoldArticle, events: Sequence[Event]) -> list[tuple[str, Event, int | None]]:
    """Every output of one article in matching order, as (HIT, DUP or FALSE, the output, the
    index of the gold event it matches)."""
    ordered = sorted(events, key=lambda e: (e.span[0], -(e.confidence or 0)))
    # An anchor is placed where it first occurs in the text (anchors are unique there).
    starts = [[p for a in g.anchors if (p := article.text.find(a)) >= 0] for g in article.events]
    matched: set[int] = set()
    out: list[tuple[str, Event, int | None]] = []
    for e in ordered:
        s, end = e.span
        cands = [
            i
            for i, g in enumerate(article.events)
            if e.event in g.types and any(s <= p < end for p in starts[i])
        ]
        fresh = [i for i in cands if i not in matched]
        if fresh:
            matched.add(fresh[0])
            out.append((HIT, e, fresh[0]))
        elif cands:
            out.append((DUP, e, cands[0]))
        else:
            out.append((FALSE, e, None))
    return out


def judge(article: GoldArticle, events: Sequence[Event]) -> list[tuple[Event, Outcome]]:
    """Every output of one article with its outcome, HIT, DUP or FALSE, in sentence order."""
    out = []
    for kind, e, i in _matches(article, events):
        if kind == HIT and i is not None:
            gold = article.events[i]
            wrong = tuple(k for k, ok in _checks(gold, e).items() if not ok)
            o = Outcome(HIT, article.doc, e.event, gold.id, wrong, e.trigger.text)
        elif kind == DUP:
            o = Outcome(DUP, article.doc, e.event, trigger=e.trigger.text)
        else:
            o = Outcome(FALSE, article.doc, e.event, None, (), e.trigger.text, e.sentence)
        out.append((e, o))
    return out


def match_article(article: GoldArticle, events: Sequence[Event]) -> list[Outcome]:
    """Every output of one article as HIT, DUP or FALSE (in sentence order), then each core
    gold event left unmatched as MISS."""
    out = [o for _, o in judge(article, events)]
    found = {o.gold_id for o in out if o.kind == HIT}
    for g in article.events:
        if g.tier == "core" and g.id not in found:
            out.append(Outcome(MISS, article.doc, "|".join(g.types), g.id, what=g.what))
    return out


def merge_pairs(
    articles: Sequence[GoldArticle], preds: Sequence[Sequence[Event]], settings=None
) -> tuple[int, int, int]:
    """(pairs merged, pairs that should be, pairs both) over the outputs matching a gold
    event, with every article's outputs stored in one in-memory store (``settings``: the
    store's ``resgestae.cluster.Settings``)."""
    from resgestae.pipeline import ArticleResult
    from resgestae.store import Store

    matched: list[tuple[str, str]] = []  # (output id in the store, gold identity)
    with Store(settings=settings) as store:
        n = 0
        for article, events in zip(articles, preds, strict=True):
            stored = []
            for kind, e, i in _matches(article, events):
                # ids are made unique here: the store holds every output once
                e = dataclasses.replace(e, id=f"{n:07d}", article_id=article.doc)
                n += 1
                stored.append(e)
                if kind != FALSE and i is not None:
                    g = article.events[i]
                    matched.append((e.id, g.link or g.id))
            art = Article(id=article.doc, text=article.text, published=article.published)
            store.add(ArticleResult(art, tuple(stored), sentences=0))
        event_of = {m["id"]: m["event_id"] for m in store.mentions()}
    merged = should = both = 0
    for (a, ga), (b, gb) in itertools.combinations(matched, 2):
        together, same = event_of[a] == event_of[b], ga == gb
        merged += together
        should += same
        both += together and same
    return merged, should, both


# --- metrics -------------------------------------------------------------------------------


def score(articles: Sequence[GoldArticle], preds: Sequence[Sequence[Event]]) -> dict[str, float]:
    """The README's metrics, rounded as the reference rounds them (3 decimals; events per
    control article 2). ``false_events_per_control`` is left out when no article is a control."""
    n_out = tp = dup = core = misses = ctrl_n = ctrl_out = 0
    fields = dict.fromkeys((*FIELDS, "all_fields_ok"), 0)
    for article, events in zip(articles, preds, strict=True):
        n_out += len(events)
        if not article.political:
            ctrl_n += 1
            ctrl_out += len(events)
        core += sum(g.tier == "core" for g in article.events)
        for o in match_article(article, events):
            if o.kind == HIT:
                tp += 1
                for k in FIELDS:
                    fields[k] += k not in o.wrong
                fields["all_fields_ok"] += not o.wrong
            dup += o.kind == DUP
            misses += o.kind == MISS
    core_hit = core - misses
    prec = tp / n_out if n_out else 0.0
    rec = core_hit / core if core else 0.0
    out: dict[str, float] = {
        "articles": len(articles),
        "outputs": n_out,
        "core_events": core,
        "event_precision": round(prec, 3),
        "core_recall": round(rec, 3),
        "event_f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0,
        "duplicate_share": round(dup / n_out, 3) if n_out else 0.0,
    }
    if ctrl_n:
        out["false_events_per_control"] = round(ctrl_out / ctrl_n, 2)
    for k, v in fields.items():
        out[k] = round(v / tp, 3) if tp else 0.0
    merged, should, both = merge_pairs(articles, preds)
    if merged:
        out["merge_precision"] = round(both / merged, 3)
    if should:
        out["merge_recall"] = round(both / should, 3)
    return out


def details(articles: Sequence[GoldArticle], preds: Sequence[Sequence[Event]]) -> dict:
    """``outcomes``: every HIT, DUP, FALSE and MISS, article by article."""
    return {
        "outcomes": [
            o.to_dict()
            for article, events in zip(articles, preds, strict=True)
            for o in match_article(article, events)
        ]
    }
