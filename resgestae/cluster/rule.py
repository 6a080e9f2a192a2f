"""The rule that says whether two mentions report one real-world event.

A mention is read into a ``Member``: what the rule compares, built from a mention dict (a
stored row or ``Event.to_dict()`` with ``date_first``/``date_last``). Two members are
compatible when they have the same type (PLOVER type, else CAMEO root), dates that overlap at
their precision, compatible actors, recipients and places (equal, or unknown on one side),
and at least ``Settings.evidence`` of those three known on both sides and equal.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from resgestae.cluster.settings import Settings
from resgestae.cluster.story import names_match

__all__ = ["Member", "Party", "Place", "compatible", "precisions", "reach", "type_key", "window"]

FINE = ("day", "week")  # precisions that join a date at another precision
EARTH_KM = 6371.0
# Location rules that place an event where its article is about, not where its sentence
# says: within the article compatible with the same place, but no evidence that two
# mentions are one event (every event of the article gets it); across two articles, that
# both are about the place is evidence.
FALLBACK_PLACES = frozenset({"event:article-main-place"})
ORGS = ("IGO", "NGO")  # a code naming who an actor is without a country; a bare sector
# code ("CVL": some civilians) names nobody


@dataclass(frozen=True, slots=True)
class Party:
    """An actor as the rule sees it: who (a country, else an organisation code such as
    IGOUNO) and its sector, if known."""

    who: str
    sector: str | None


@dataclass(frozen=True, slots=True)
class Place:
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    fallback: bool = False  # the article's main place, not one the sentence gives


@dataclass(frozen=True, slots=True)
class Member:
    """One mention, reduced to what the rule compares."""

    id: str
    article_id: str
    key: str
    first: dt.date | None
    last: dt.date | None
    precision: str
    actor: tuple[Party, ...]
    recipient: tuple[Party, ...]
    place: Place | None
    # dated only by its article's publication day (no date in the text)
    reported: bool = False
    story: tuple[str, ...] = ()  # its article's story names (``cluster.story``)
    # Everything the rule reads but the id and the article: two members of one face get
    # the same answer from ``compatible`` and ``contradicts`` against a third whenever their
    # articles are both, or both not, the third's. Reports of one event repeat one face.
    face: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # plain tuples, hashed in C: a face is hashed at every lookup
        p = self.place
        place = p and (p.country, p.admin1, p.lat, p.lon, p.precision, p.fallback)
        face = (self.key, self.first, self.last, self.precision, self.reported, self.story,
                tuple((x.who, x.sector) for x in self.actor),
                tuple((x.who, x.sector) for x in self.recipient), place)  # fmt: skip
        object.__setattr__(self, "face", face)

    @classmethod
    def from_dict(cls, d: Mapping) -> Member:
        loc = d.get("location")
        place = None
        if loc and loc.get("country"):
            place = Place(loc.get("country"), loc.get("admin1"), loc.get("lat"), loc.get("lon"),
                          loc.get("precision"), loc.get("rule") in FALLBACK_PLACES)  # fmt: skip
        return cls(
            id=d["id"],
            article_id=d["article_id"],
            key=type_key(d.get("event"), d.get("cameo")),
            first=_day(d.get("date_first")),
            last=_day(d.get("date_last")),
            precision=d.get("date_precision") or "unknown",
            actor=_parties(d.get("actor")),
            recipient=_parties(d.get("recipient")),
            place=place,
            reported=d.get("date_source") == "publication",
            story=tuple(d.get("story") or ()),
        )


def type_key(event: str | None, cameo: str | None) -> str:
    """What must be equal: the PLOVER type, else ``cameo:`` and the CAMEO root."""
    return event or f"cameo:{(cameo or '')[:2]}"


def window(m: Member, settings: Settings) -> tuple[dt.date, dt.date] | None:
    """The days an event must overlap to hold a mention compatible with ``m`` (None for an
    undated mention, which joins nothing): what the store's candidate lookup filters on."""
    if m.first is None or m.last is None:
        return None
    pad = dt.timedelta(days=reach(m.key, settings))
    return m.first - pad, m.last + pad


def precisions(m: Member, settings: Settings) -> tuple[str, ...] | None:
    """The date precisions an event must have to hold a mention compatible with ``m`` (None:
    any), beside ``window`` for the store's candidate lookup. Unless precisions mix (or
    a stance looks back, at any precision), a date coarser than a week joins only its own
    precision and a day or week only a day or week; so a component, connected by
    compatible pairs, holds one of those classes, and so does each of its events."""
    if settings.mixed_precision or m.key in settings.stance_types:
        return None
    return FINE if m.precision in FINE else (m.precision,)


def reach(key: str, settings: Settings) -> int:
    """Days apart two mentions of type ``key`` may be and still be compared: the window,
    and for a stance the days a publication-dated mention may look back."""
    return settings.window_days + (settings.stance_days if key in settings.stance_types else 0)


def compatible(a: Member, b: Member, settings: Settings) -> bool:
    """Whether ``a`` and ``b`` report one real-world event under ``settings``."""
    if a.key != b.key or not _dates(a, b, settings):
        return False
    if not settings.same_article and a.article_id == b.article_id:
        return False
    across = a.article_id != b.article_id
    evidence = 0
    stance = a.key in settings.stance_types
    for known in (_roles(a.actor, b.actor), _roles(a.recipient, b.recipient),
                  _places(a.place, b.place, settings, across, stance)):  # fmt: skip
        if known is False:
            return False
        evidence += known is True
    dyad = _dyad(a, b)
    story = across and settings.story and names_match(a.story, b.story)
    evidence += dyad + story
    if a.first == b.first and a.last == b.last:
        return evidence >= settings.evidence
    if _restated(a, b, settings):
        # A stance told again later is the same one only when told of the same two
        # parties or in the same story: one actor's accusations of a month are many.
        return (dyad or story) and evidence >= settings.evidence
    # overlapping only through the window
    return evidence >= settings.evidence + settings.window_evidence


def shared_keys(m: Member) -> set[tuple[str, ...]]:
    """Keys two mentions share whenever one of them is evidence that they are one event (a
    party on one side, a place's country, the same two countries, a word of a story name):
    with ``Settings.evidence`` at 1 or more, two mentions that share none are never
    ``compatible``, so only those that share one need comparing."""
    keys: set[tuple[str, ...]] = set()
    for side, parties in (("actor", m.actor), ("recipient", m.recipient)):
        keys.update((side, x.who, x.sector or "") for x in parties if x.sector or x.who[:3] in ORGS)
    if m.place is not None and m.place.country:
        keys.add(("place", m.place.country))
    keys.update(("dyad", x.who, y.who) for x in m.actor for y in m.recipient if x.who != y.who)
    keys.update(("story", w) for name in m.story for w in name.split())
    return keys


def contradicts(a: Member, b: Member, settings: Settings) -> bool:
    """Whether ``a`` and ``b`` cannot report one event: another type, dates that cannot
    overlap, or an actor, recipient or place known on both sides that differs. Two mentions
    that merely lack shared evidence do not contradict each other."""
    if a.key != b.key or not _overlap(a, b, settings):
        return True
    if not settings.same_article and a.article_id == b.article_id:
        return True
    across = a.article_id != b.article_id
    return (
        _roles(a.actor, b.actor) is False
        or _roles(a.recipient, b.recipient) is False
        or _places(a.place, b.place, settings, across, a.key in settings.stance_types) is False
    )


def _overlap(a: Member, b: Member, settings: Settings) -> bool:
    """Whether the dates may be one event's: ``_dates``, or days that overlap at any
    precision ("in March" holds "on March 4", though it is no evidence that it is the
    same day)."""
    if _dates(a, b, settings):
        return True
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return False
    return a.first <= b.last and b.first <= a.last


def _dates(a: Member, b: Member, settings: Settings) -> bool:
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return False
    if a.key in settings.stance_types and (a.reported or b.reported):
        # A stance with no date in its text ("Britain blames Russia", "which Moscow
        # denies") is one held since some day before the report: it may be the one the
        # other mention dates, up to ``stance_days`` earlier, at any precision.
        look = dt.timedelta(days=settings.stance_days)
        a_first = a.first - look if a.reported else a.first
        b_first = b.first - look if b.reported else b.first
        return a_first <= b.last and b_first <= a.last
    coarse = a.precision not in FINE or b.precision not in FINE
    if coarse and a.precision != b.precision and not settings.mixed_precision:
        return False
    pad = dt.timedelta(days=settings.window_days if a.precision == b.precision == "day" else 0)
    return a.first <= b.last + pad and b.first <= a.last + pad


def _restated(a: Member, b: Member, settings: Settings) -> bool:
    return a.key in settings.stance_types and (a.reported or b.reported)


def _dyad(a: Member, b: Member) -> bool:
    """Whether both name the same two countries (or organisations), one acting on the
    other: two bare countries agreeing on one side are too common to tell events apart, but
    the same pair in the same roles is evidence ("Britain accuses Russia")."""
    actors = {x.who for x in a.actor} & {x.who for x in b.actor}
    recipients = {x.who for x in a.recipient} & {x.who for x in b.recipient}
    return any(x != y for x in actors for y in recipients)


def _roles(a: tuple[Party, ...], b: tuple[Party, ...]) -> bool | None:
    """True: a party on each side is the same one (the same organisation, or the same
    country and sector); None: compatible but no evidence (one side names nobody known, or
    they agree on a country with a sector unknown on a side: "the US" and "the US
    government" may be one, but a bare country is too common to tell events apart); False:
    both named and no party agrees (who, and sector unless one lacks it)."""
    if not a or not b:
        return None
    pairs = [(x, y) for x in a for y in b if x.who == y.who]
    if any(x.sector == y.sector and (x.sector or x.who[:3] in ORGS) for x, y in pairs):
        return True
    if any(x.sector is None or y.sector is None for x, y in pairs):
        return None
    return False


def _places(
    a: Place | None, b: Place | None, settings: Settings, across: bool = False, stance: bool = False
) -> bool | None:
    """True: the same place (evidence); None: compatible but no evidence (unknown on a side,
    a whole country, or, within one article (not ``across`` two), its main place); False:
    different places. For a ``stance`` a place given as a whole country parts nothing:
    where words were said is loosely told, and a country in their sentence is often the one
    they are about ("Britain blames Russia", placed in Russia)."""
    if a is None or b is None:
        return None
    same = _same_place(a, b, settings)
    if not same and stance and "country" in (a.precision, b.precision):
        return None
    if same and "country" in (a.precision, b.precision):
        return None  # a whole country holds the other place, but is too common to tell
    return None if same and (a.fallback or b.fallback) and not across else same


def _same_place(a: Place, b: Place, settings: Settings) -> bool:
    if a.country != b.country:
        return False
    if "country" in (a.precision, b.precision):
        return True  # a whole country holds the other place
    if a.admin1 and a.admin1 == b.admin1:
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return _km(a, b) <= settings.distance_km
    return not (a.admin1 and b.admin1)  # two different regions; else nothing tells them apart


def _km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _parties(actors) -> tuple[Party, ...]:
    out = []
    for x in actors or ():
        code = x.get("code") or ""
        who = x.get("country") or (code if code[:3] in ORGS else None)
        if who:
            out.append(Party(who, x.get("sector")))
    return tuple(out)


def _day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
