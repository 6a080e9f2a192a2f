"""Toponym recognition and resolution against the article's context."""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, replace

from resgestae.geo import names
from resgestae.geo.gazetteer import Gazetteer, Place
from resgestae.types import Location, Parsed, Toponym

TOPONYM_LABELS = {"GPE", "LOC", "FAC"}
KIND_PRIOR = {
    "country": 9.0,
    "continent": 8.0,
    "feature": 7.0,
    "admin1": 5.0,
    "admin2": 2.0,
    "city": 0.0,
}
PRECISION = {"city": "city", "admin2": "admin2", "admin1": "admin1", "feature": "feature"}
# Words that make a name a street or quarter: resolved at the article's main city.
STREET_WORDS = {
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "boulevard",
    "blvd",
    "lane",
    "drive",
    "way",
    "square",
    "plaza",
    "streets",
    "township",
    "plantation",
    "quarter",
}
# Recognition policy (see docs/accuracy.md): place adjectives that modify a noun count as
# toponyms, as in GeoWebNews' annotation ("Russian hackers" is a non-literal modifier of
# Russia); demonyms that name people ("the Russians") do not. Places inside organisation
# names ("the Zimbabwe Electoral Commission") count too.
ADJECTIVES = False
EMBEDDED = False
# Words that are region names somewhere ("Centre", "Western") but mostly plain words in news
GENERIC = {
    "central",
    "centre",
    "center",
    "west",
    "western",
    "east",
    "eastern",
    "north",
    "northern",
    "south",
    "southern",
    "capital",
    "coast",
    "gulf",
    "valley",
    "island",
    "islands",
    "lakes",
    "mountain",
    "plains",
    "highlands",
    "midlands",
    "interior",
    "metropolitan",
    "national",
    "federal",
    "upper",
    "lower",
    "middle",
    "southwest",
    "southeast",
    "northwest",
    "northeast",
    "north west",
    "north east",
    "south west",
    "south east",
    "north-west",
    "centre-val de loire",
}
PART_MIN_POP = 50_000  # a town named inside a longer name must be at least this big
REGION_WORDS = {
    "province",
    "state",
    "region",
    "county",
    "governorate",
    "district",
    "oblast",
    "city",
    "prefecture",
    "department",
    "territory",
}


@dataclass(slots=True)
class Context:
    """What the article says about where it is: countries and regions named, its main place."""

    countries: Counter
    regions: Counter  # (ISO-2, admin1) -> mentions
    main: Place | None  # dateline or most mentioned town/region
    areas: Counter | None = None  # (ISO-2, admin1) -> towns named in it (votes for the region)


def _score(
    p: Place, key: str, ctx: Context | None, parent: Place | None, capitals: frozenset[int]
) -> float:
    s = KIND_PRIOR[p.kind] + math.log10(p.population + 10)
    if p.geonameid in capitals:
        # news names capitals for governments ("Washington" is rarely the state), unless the
        # article is about another country ("Paris" in a Texas story): its country must be
        # named, or be the most mentioned one
        top = max(ctx.countries.values()) if ctx is not None and ctx.countries else 0
        named = not top or (ctx is not None and ctx.countries.get(p.country, 0) >= min(1.0, top))
        s += 8.0 if named else 2.0
    if names.normalise(p.name) != key and p.kind != "feature":
        s -= 2.0  # alternate names are often foreign exonyms that collide with English words
    if parent is not None:
        if parent.kind == "country" and p.country == parent.country:
            s += 6
        elif parent.kind == "admin1" and (p.country, p.admin1) == (parent.country, parent.admin1):
            s += 8
    if ctx is not None and p.kind not in ("continent", "feature"):
        s += 3.0 * min(ctx.countries.get(p.country, 0), 3) / 3
        if p.kind in ("city", "admin2"):
            s += 3.0 * min(ctx.regions.get((p.country, p.admin1 or ""), 0), 2) / 2
        if ctx.main is not None and p.kind in ("city", "admin2") and p.country == ctx.main.country:
            s += 1.0
        if p.kind == "admin1" and ctx.areas:  # "Tacoma ... Washington": the state
            s += 3.0 * min(ctx.areas.get((p.country, p.admin1 or ""), 0), 2) / 2
        if p.kind in ("admin1", "admin2") and ctx.countries and not ctx.countries.get(p.country):
            s -= 3.0  # a region abroad, when the article names other countries
    return s


def best_place(
    gaz: Gazetteer,
    text: str,
    ctx: Context | None = None,
    parent: Place | None = None,
    demonyms: bool = True,
) -> Place | None:
    key = names.normalise(text)
    cands = [gaz.places[i] for i in gaz.index.get(key, ())]
    if key in GENERIC:  # "Central", "West": a region's name only where its country is named
        cands = [p for p in cands if ctx is not None and ctx.countries.get(p.country)]
    cc = gaz.demonym(text) if demonyms else None
    if cc and not any(p.kind in ("country", "continent") for p in cands):
        # "Canadian" is an adjective before it is a Texas town: the country joins the
        # candidates, where its kind prior outranks towns and regions named like it
        country = gaz.country(cc)
        cands += [country] if country else []
    if not cands:
        return None
    towns = {(p.country, p.admin1) for p in cands if p.kind == "city"}
    if towns:  # a district named after its town ("Paris"): the town is meant
        cands = [p for p in cands if p.kind != "admin2" or (p.country, p.admin1) not in towns]
    if len(key) <= 2 and "." in text and any(p.kind == "admin1" for p in cands):
        # "Md.", "N.C.": a state's abbreviation, not a country's ISO code
        cands = [p for p in cands if p.kind == "admin1"]
    elif len(key) <= 2 and not text.isupper():
        cands = [p for p in cands if p.kind != "country" or names.normalise(p.name) == key]
    if not cands:
        return None
    return max(cands, key=lambda p: _score(p, key, ctx, parent, gaz.capitals))


def to_location(
    gaz: Gazetteer, p: Place, text: str, start: int | None, end: int | None, rule: str
) -> Location:
    region = gaz.region(p.country, p.admin1) if p.kind in ("city", "admin2") else None
    precision = PRECISION.get(p.kind, "country")
    return Location(
        text=text,
        name=p.name,
        country=gaz.iso3.get(p.country),
        admin1=region.name if region else (p.name if p.kind == "admin1" else None),
        lat=p.lat,
        lon=p.lon,
        geonameid=p.geonameid,
        precision=precision,
        start=start,
        end=end,
        rule=rule,
    )


def _modifier(parsed: Parsed, ts: int, te: int) -> bool:
    """Does the span modify a noun ("Russian hackers"), rather than name people ("the
    Russians")?"""
    span = range(ts, te)
    head = next((j for j in span if parsed.tokens[j].head not in span), ts)
    t = parsed.tokens[head]
    return t.dep in ("amod", "compound", "nmod") and parsed.tokens[t.head].pos in ("NOUN", "PROPN")


def _embedded(parsed: Parsed, gaz: Gazetteer, ts: int, te: int) -> list[tuple[int, int]]:
    """Countries, regions and continents named inside an organisation's name ("the Zimbabwe
    Electoral Commission"): the longest run of capitalised tokens the gazetteer knows as one."""
    toks, text = parsed.tokens, parsed.article.text
    out = []
    i = ts
    while i < te:
        for j in range(te, i, -1):
            if (i, j) == (ts, te) or not toks[i].text[:1].isupper() or toks[i].pos == "DET":
                continue
            name = text[toks[i].idx : toks[j - 1].end]
            if any(
                p.kind in ("country", "admin1", "continent") and not p.alias
                for p in gaz.lookup(name)
            ):
                out.append((i, j))
                i = j - 1
                break
        i += 1
    return out


def _candidate_spans(
    parsed: Parsed, gaz: Gazetteer, adjectives: bool = ADJECTIVES, embedded: bool = EMBEDDED
) -> list[tuple[int, int]]:
    """Token spans: spaCy's place entities, then capitalised runs the gazetteer knows as a
    country or region, or as a town in a locative phrase ("in Kharkiv"), that spaCy missed.
    With ``adjectives``, place adjectives that modify a noun ("Russian hackers", "European
    markets"), and with ``embedded``, places named inside an organisation's name."""
    spans = []
    taken: set[int] = set()
    toks = parsed.tokens
    for e in parsed.entities:
        taken.update(range(e.tok_start, e.tok_end))
        if e.label in TOPONYM_LABELS:
            spans.append((e.tok_start, e.tok_end))
        elif e.label == "NORP":
            if (
                adjectives
                and _modifier(parsed, e.tok_start, e.tok_end)
                and (gaz.demonym(e.text) or any(p.kind == "continent" for p in gaz.lookup(e.text)))
            ):
                spans.append((e.tok_start, e.tok_end))
        elif embedded and e.tok_end - e.tok_start > 1:
            spans.extend(_embedded(parsed, gaz, e.tok_start, e.tok_end))
    i = 0
    while i < len(toks):
        t = toks[i]
        if i in taken or not t.text[:1].isupper() or t.pos not in ("PROPN",):
            i += 1
            continue
        j = i
        while (
            j < len(toks)
            and j not in taken
            and toks[j].pos == "PROPN"
            and toks[j].text[:1].isupper()
        ):
            j += 1
        text = parsed.article.text[toks[i].idx : toks[j - 1].end]
        places = gaz.lookup(text) if names.normalise(text) not in GENERIC else []
        prev = toks[i - 1].lemma if i else ""
        if any(
            p.kind in ("country", "admin1", "feature")
            or (p.population >= 100_000 and (p.kind == "city" or " " in text))
            for p in places
        ) or (places and prev in ("in", "near", "at", "from", "outside")):
            spans.append((i, j))
        i = j
    return sorted(spans)


def _dateline(parsed: Parsed, ts: int, te: int) -> bool:
    """A dateline: the article opens with the place, in capitals or before a dash or comma."""
    toks = parsed.tokens
    if ts > 1 or te >= len(toks):
        return False
    name = parsed.article.text[toks[ts].idx : toks[te - 1].end]
    return name.isupper() or toks[te].text in {"-", "\u2014", "\u2013", "(", ","}


def context(parsed: Parsed, gaz: Gazetteer, spans: list[tuple[int, int]]) -> Context:
    """Two passes: countries named (and demonyms) first, then towns and regions resolved with
    that context, whose countries and regions are added in turn."""
    text = parsed.article.text
    countries: Counter = Counter()
    for t in parsed.tokens:
        if t.ent_type == "NORP" or t.pos == "ADJ":
            cc = gaz.demonym(t.text)
            if cc:
                countries[cc] += 1
    names_ = [(ts, te, text[parsed.tokens[ts].idx : parsed.tokens[te - 1].end]) for ts, te in spans]
    for _, _, name in names_:
        p = best_place(gaz, name, demonyms=False)
        if p is not None and p.kind == "country":
            countries[p.country] += 1
    ctx = Context(countries, Counter(), None)
    regions: Counter = Counter()
    towns: Counter = Counter()
    dateline: Place | None = None
    for ts, te, name in names_:
        p = best_place(gaz, name, ctx, demonyms=False)
        if p is None or p.kind in ("country", "continent", "feature"):
            continue
        # Counter is typed int-valued, but half votes are wanted and work at run time
        countries[p.country] += 0.5  # type: ignore[assignment]
        if p.kind in ("admin1", "admin2"):  # a town's own region would vote for itself
            regions[(p.country, p.admin1 or "")] += 1
        towns[p] += 1
        if dateline is None and _dateline(parsed, ts, te):
            dateline = p
    main = dateline
    if main is None and towns:
        ctx = Context(countries, regions, None)
        best: Counter = Counter()
        for p, n in towns.items():
            best[best_place(gaz, p.name, ctx, demonyms=False) or p] += n
        main = max(best, key=lambda p: (best[p], p.kind == "city", p.population))
    if main is None and countries:
        main = gaz.country(countries.most_common(1)[0][0])
    areas: Counter = Counter()
    for p, n in towns.items():
        if p.kind == "city":
            areas[(p.country, p.admin1 or "")] += n
    return Context(countries, regions, main, areas)


def _parent(parsed: Parsed, gaz: Gazetteer, end: int) -> Place | None:
    """The place after a comma: "Springfield, Illinois", "Pandi, Bulacan"."""
    rest = parsed.article.text[end : end + 40]
    if not rest.startswith(", "):
        return None
    words = rest[2:].replace(",", " ").replace(";", " ").split()
    for n in (3, 2, 1):
        if len(words) >= n:
            cands = [p for p in gaz.lookup(" ".join(words[:n])) if p.kind != "city"]
            if cands:
                return max(cands, key=lambda p: KIND_PRIOR[p.kind] + math.log10(p.population + 10))
    return None


def resolve_text(
    parsed: Parsed,
    gaz: Gazetteer,
    start: int,
    end: int,
    ctx: Context,
    nearby: tuple[Toponym, ...] = (),
) -> Location | None:
    """The span's place from the gazetteer (with its context), else from a known name inside
    it, else the place of the nearest resolved toponym around it (``nearby``), else the
    article's main place."""
    loc = _from_gazetteer(parsed, gaz, start, end, ctx)
    if loc is not None:
        return loc
    text = parsed.article.text[start:end]
    near = _nearest(parsed, gaz, start, end, nearby, ctx)
    if near is not None:
        return replace(near, text=text, start=start, end=end, rule="fallback:nearby")
    if ctx.main is not None:
        return to_location(gaz, ctx.main, text, start, end, "fallback:main-place")
    return None


def _sentence_bounds(parsed: Parsed, start: int) -> tuple[int, int]:
    i = bisect.bisect_right(_offsets(parsed), start) - 1
    if i < 0:
        return 0, len(parsed.article.text)
    sent = parsed.sentence_of(i)
    return sent.start, sent.end


def _offsets(parsed: Parsed) -> list[int]:
    return [t.idx for t in parsed.tokens]


def _nearest(
    parsed: Parsed, gaz: Gazetteer, start: int, end: int, nearby: tuple[Toponym, ...], ctx: Context
) -> Location | None:
    """A street, building or other name the gazetteer lacks is near the places named around it:
    the place right after it ("Collins Avenue in Miami Beach", "the Town Hall, Leeds"), else the
    nearest town or region in its sentence, else in its paragraph. Countries and features are
    too coarse to stand in unless the article's main place is in another country."""
    text = parsed.article.text
    cands = [
        t
        for t in nearby
        if t.location is not None
        and t.location.lat is not None
        and (t.end <= start or t.start >= end)
        and not (t.location.rule or "").startswith(("fallback", "event"))
    ]
    if not cands:
        return None
    for t in sorted(cands, key=lambda t: t.start):
        if (
            t.start >= end
            and t.start - end <= 8
            and t.location is not None
            and t.location.precision != "feature"
            and text[end : t.start].strip(" ,").lower() in ("", "in", "at", "near", "of")
        ):
            return t.location
    fine = [
        t
        for t in cands
        if t.location is not None and t.location.precision not in ("country", "feature")
    ]
    s0, s1 = _sentence_bounds(parsed, start)
    p0 = text.rfind("\n", 0, start) + 1
    p1 = text.find("\n", end)
    p1 = len(text) if p1 < 0 else p1
    main_cc = gaz.iso3.get(ctx.main.country) if ctx.main is not None else None
    for lo, hi in ((s0, s1), (p0, p1)):
        inside = [t for t in fine if lo <= t.start < hi]
        if inside:
            best = min(inside, key=lambda t: min(abs(t.start - end), abs(start - t.end)))
            return best.location
    abroad = [
        t
        for t in cands
        if t.location is not None
        and t.location.precision == "country"
        and s0 <= t.start < s1
        and t.location.country != main_cc
    ]
    if abroad and main_cc is not None:
        return min(abroad, key=lambda t: min(abs(t.start - end), abs(start - t.end))).location
    return None


def _from_gazetteer(
    parsed: Parsed,
    gaz: Gazetteer,
    start: int,
    end: int,
    ctx: Context,
) -> Location | None:
    text = parsed.article.text[start:end]
    parent = _parent(parsed, gaz, end)
    p = best_place(gaz, text, ctx, parent)
    if p is not None:
        return to_location(gaz, p, text, start, end, f"gazetteer:{p.kind}")
    words = names.normalise(text).split()
    if words and words[-1] in REGION_WORDS and len(words) > 1:
        p = best_place(gaz, " ".join(words[:-1]), ctx, parent)
        if p is not None:
            return to_location(gaz, p, text, start, end, f"gazetteer:{p.kind}")
    if not set(words) & STREET_WORDS:
        # the longest known name inside the span ("Arizona State University"), when the
        # article is about that country: parts of names abroad are mostly coincidences, and so
        # are small towns named like a word of it ("University", "Point", "Carnegie")
        for n in range(len(words) - 1, 0, -1):
            for k in range(len(words) - n + 1):
                p = best_place(gaz, " ".join(words[k : k + n]), ctx, parent, False)
                if (
                    p is None
                    or p.kind == "continent"
                    or (p.kind == "city" and p.population < PART_MIN_POP)
                ):
                    continue
                if p.kind == "feature" or ctx.countries.get(p.country):
                    return to_location(gaz, p, text, start, end, "gazetteer:part")
    return None


def find_toponyms(
    parsed: Parsed,
    gazetteer: Gazetteer,
    *,
    adjectives: bool = ADJECTIVES,
    embedded: bool = EMBEDDED,
) -> tuple[Toponym, ...]:
    """Toponyms with their places. ``adjectives``: place adjectives modifying a noun count
    ("Russian hackers"); ``embedded``: places inside organisation names count."""
    spans = _candidate_spans(parsed, gazetteer, adjectives, embedded)
    ctx = context(parsed, gazetteer, spans)
    found = []
    for ts, te in spans:
        start, end = parsed.tokens[ts].idx, parsed.tokens[te - 1].end
        loc = _from_gazetteer(parsed, gazetteer, start, end, ctx)
        found.append(Toponym(parsed.article.text[start:end], start, end, ts, te, loc))
    known = tuple(found)
    out = []
    for t in known:  # names the gazetteer lacks: placed by the resolved ones around them
        if t.location is None:
            t = replace(t, location=resolve_text(parsed, gazetteer, t.start, t.end, ctx, known))
        out.append(t)
    return tuple(out)


def resolve_span(
    parsed: Parsed, start: int, end: int, gazetteer: Gazetteer, toponyms: tuple[Toponym, ...] = ()
) -> Location | None:
    spans = [(t.tok_start, t.tok_end) for t in toponyms] or _candidate_spans(parsed, gazetteer)
    ctx = context(parsed, gazetteer, spans)
    return resolve_text(parsed, gazetteer, start, end, ctx, tuple(toponyms))
