"""Actor lexicons: load the packaged tables and user files into one ``ActorLexicon``.

Every table has the same tab-separated format (README.md in ``resgestae/data/actors``)::

    name<TAB>code<TAB>country<TAB>sector[<TAB>from<TAB>to]

A row with a code or a country is a *name* (a state, capital, organisation, person); a row with
only a sector is an *agent* noun ("protester" -> CVL). Names match text case-insensitively,
except all-capital names ("US", "WHO"), which must match exactly so "us" is not the USA.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from resgestae.errors import LexiconError

__all__ = ["Entry", "ActorLexicon", "load_lexicon", "norm"]

# Packaged tables in load order; a later table overrides an earlier one for the same name.
PACKAGED = (
    ("country", "country_aliases.tsv"),
    ("country", "country_names.tsv"),
    ("country", "unrecognised.tsv"),
    ("capital", "capitals.tsv"),
    ("capital", "seats.tsv"),
    ("org", "organisations.tsv"),
    ("leader", "leaders.tsv"),
    ("agent", "agents.tsv"),
    ("agent", "agents_core.tsv"),
)
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # the rule that resolved a mention: "country:AZE", "igo:UNSC", "leader:Macron"
    code: str | None
    country: str | None
    sector: str | None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    exact: str | None = None  # all-capital names must match this text exactly

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass(slots=True)
class ActorLexicon:
    """Compiled tables: normalised name -> entries, agent phrase -> (sector, id)."""

    names: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    agents: dict[str, tuple[str, str]] = field(default_factory=dict)
    max_words: int = 1
    first_words: set[str] = field(default_factory=set)  # so the scan skips most tokens
    sources: tuple[str, ...] = ()

    def lookup(self, text: str, day: dt.date | None = None) -> Entry | None:
        """The entry for a name as written in the text, valid on ``day``, or None."""
        entries = self.names.get(norm(text))
        if not entries:
            return None
        dated = None
        for e in entries:
            if e.exact is not None and e.exact != text:
                continue
            if e.valid_on(day):
                return e
            dated = dated or e
        # No entry valid on that day: a name used out of its dates is not that role holder.
        return None if dated and day is not None else dated

    def add_name(self, key: str, entries: tuple[Entry, ...]) -> None:
        self.names[key] = entries
        first = key.split()[0]
        self.first_words.update({first, first.split("-")[0]})
        self.max_words = max(self.max_words, len(key.split()))

    def agent(self, phrase: str) -> tuple[str, str] | None:
        return self.agents.get(phrase)


def norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LexiconError(f"{where}: bad date {value!r}; write dates as YYYY-MM-DD") from None


def _rows(path: Path, text: str):
    """Yield (where, name, code, country, sector, from, to) for each data line, checked."""
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{path}:{n}"
        cols = [c.strip() for c in raw.rstrip("\n\r").split("\t")]
        if len(cols) not in (4, 6):
            raise LexiconError(
                f"{where}: expected 4 or 6 tab-separated fields (name, code, country, sector"
                f"[, from, to]), found {len(cols)}; separate fields with a TAB, leave unknown "
                f"fields empty"
            )
        name, code, country, sector = cols[:4]
        start, end = (cols[4], cols[5]) if len(cols) == 6 else ("", "")
        if not name:
            raise LexiconError(f"{where}: the name field is empty")
        if not (code or country or sector):
            raise LexiconError(f"{where}: give at least a code, a country or a sector")
        if country and not _ISO3.match(country):
            raise LexiconError(f"{where}: country {country!r} is not an ISO 3166 alpha-3 code")
        yield where, name, code, country, sector, _date(start, where), _date(end, where)


def _rule(kind: str, name: str, code: str, country: str) -> str:
    if kind == "country":
        return f"country:{code or country}"
    if kind == "org":
        return f"{code[:3].lower()}:{name}"
    return f"{kind}:{name}"


def _add_table(lex: ActorLexicon, kind: str, path: Path, text: str, replace: bool) -> None:
    added: set[str] = set()  # names this table has set, so its own repeats accumulate
    for _where, names, code, country, sector, start, end in _rows(path, text):
        aliases = [a.strip() for a in names.split("|") if a.strip()]
        if not code and not country:
            for a in aliases:
                lex.agents[norm(a)] = (sector, f"{'user' if replace else kind}:{aliases[0]}")
            continue
        rule = _rule("user" if replace else kind, aliases[0], code, country)
        for a in aliases:
            key = norm(a)
            entry = Entry(
                rule, code or country, country or None, sector or None, start, end,
                a if a.isupper() and len(a) <= 6 else None,
            )
            old = lex.names.get(key, ()) if key in added else ()
            lex.add_name(key, (*old, entry))
            added.add(key)


def _add_pycountry(lex: ActorLexicon) -> None:
    import pycountry

    for c in pycountry.countries:
        entry = Entry(f"country:{c.alpha_3}", c.alpha_3, c.alpha_3, None)
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if name:
                lex.add_name(norm(name), (entry,))


@lru_cache(maxsize=8)
def _compile(extra: tuple[tuple[str, float], ...]) -> ActorLexicon:
    lex = ActorLexicon()
    data = resources.files("resgestae") / "data" / "actors"
    for kind, fname in PACKAGED:
        if fname == "country_names.tsv":  # ISO names beat NGEC's aliases (Puerto Rico: PRI)
            _add_pycountry(lex)
        res = data / fname
        _add_table(lex, kind, Path(str(res)), res.read_text(encoding="utf-8"), replace=False)
    for path, _mtime in extra:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{p}: cannot read the lexicon file ({exc})") from exc
        _add_table(lex, "user", p, text, replace=True)
    lex.sources = ("pycountry", *(f for _, f in PACKAGED), *(p for p, _ in extra))
    return lex


def load_lexicon(extra: Sequence[Path] = ()) -> ActorLexicon:
    """The packaged actor tables plus user lexicon files (``--lexicon FILE``).

    User entries override packaged ones with the same name. Compiled once per process; a user
    file that changes on disk is read again.
    """
    key = []
    for p in extra:
        p = Path(p)
        try:
            key.append((str(p.resolve()), os.stat(p).st_mtime))
        except OSError as exc:
            raise LexiconError(
                f"{p}: lexicon file not found ({exc.strerror}); check the --lexicon path"
            ) from exc
    return _compile(tuple(key))
