"""Actor lexicons: load the packaged tables and user files into one ``ActorLexicon``.

Every table has the same tab-separated format (README.md in ``resgestae/data/actors``)::

    name<TAB>code<TAB>country<TAB>sector[<TAB>from<TAB>to]

A row with a code or a country is a *name* (a state, capital, organisation, person); a row with
only a sector is an *agent* noun ("protester" -> CVL). Names match text case-insensitively,
except all-capital names ("US", "WHO"), which must match exactly so "us" is not the USA.
User files may also be JSON Lines (``.jsonl``), one object a line with the same fields::

    {"name": ["Green Circle", "GC"], "code": "NGOENV", "sector": "NGO"}
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from resgestae.errors import LexiconError

__all__ = ["Entry", "ActorLexicon", "load_lexicon", "norm", "PERSON_KINDS"]

# Tables whose names are people, not bodies: "he"/"she" may refer to them.
PERSON_KINDS = frozenset({"person", "leader"})

# Packaged tables in load order; a later table overrides an earlier one for the same name.
PACKAGED = (
    ("person", "petrarch_people.tsv"),
    ("org", "petrarch_international.tsv"),
    ("group", "petrarch_nonstate.tsv"),
    ("region", "us_states.tsv"),
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
NON_STATE = {"IGO", "NGO", "MNC", "IMG", "ISM"}


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # the rule that resolved a mention: "country:AZE", "igo:UNSC", "leader:Macron"
    code: str | None
    country: str | None
    sector: str | None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    exact: str | None = None  # all-capital names must match this text exactly
    # the table the name came from: "country", "capital", "region" (a US state), "person",
    # "leader", "org", "group", "user" (a user lexicon), "actor" (an earlier resolved actor
    # used as evidence)
    kind: str = ""

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
    # first word of a name -> the most words of a name starting with it, so the scan skips
    # most tokens and tries only spans as long as a name that could start there
    first_words: dict[str, int] = field(default_factory=dict)
    state_names: set[str] = field(default_factory=set)  # ISO names: "Philippines" is a state
    sources: tuple[str, ...] = ()

    def lookup(self, text: str, day: dt.date | None = None) -> Entry | None:
        """The entry for a name as written in the text, valid on ``day``, or None.

        With no day (an article without a published date) the most recent role is taken: an
        open-ended one, else the undated default, else the one that began last."""
        entries = self.names.get(norm(text))
        if not entries:
            return None
        found = [e for e in entries if e.exact is None or e.exact == text]
        if day is None:
            return _most_recent(found)
        for e in found:
            if e.valid_on(day):
                return e
        # No entry valid on that day: a name used out of its dates is not that role holder.
        return None

    def knows(self, text: str) -> bool:
        """Whether the lexicon has this name or agent phrase, in any role and at any date."""
        return norm(text) in self.names or text.lower() in self.agents

    def add_name(self, key: str, entries: tuple[Entry, ...]) -> None:
        self.names[key] = entries
        words = key.split()
        n = len(words)
        for first in {words[0], words[0].split("-")[0]}:
            if self.first_words.get(first, 0) < n:
                self.first_words[first] = n
        self.max_words = max(self.max_words, n)

    def agent(self, phrase: str) -> tuple[str, str] | None:
        return self.agents.get(phrase)


def _most_recent(entries: list[Entry]) -> Entry | None:
    """An open-ended role (the latest begun), else the undated default, else the last held."""
    open_ended = [e for e in entries if e.valid_from and e.valid_to is None]
    if open_ended:
        return max(open_ended, key=lambda e: e.valid_from or dt.date.min)
    undated = [e for e in entries if not (e.valid_from or e.valid_to)]
    if undated:
        return undated[0]
    if not entries:
        return None
    return max(entries, key=lambda e: (e.valid_to or dt.date.max, e.valid_from or dt.date.min))


_HYPHENS = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " "})


def norm(text: str) -> str:
    """A name's key: lower case, single spaces, hyphens as spaces ("Jean-Bertrand Aristide"
    and "Jean Bertrand Aristide", "al-Qaeda" and "Al Qaeda" are one name)."""
    return " ".join(text.replace("\u2019", "'").translate(_HYPHENS).lower().split())


def _agent_key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LexiconError(f"{where}: bad date {value!r}; write dates as YYYY-MM-DD") from None


JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_FIELDS = ("name", "code", "country", "sector", "from", "to")


def _json_cols(raw: str, where: str) -> list[str]:
    """The TSV fields of one JSON Lines entry ("name" may be a list of names)."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LexiconError(
            f"{where}: not valid JSON ({exc.msg}); write one object a line"
        ) from None
    if not isinstance(obj, dict):
        raise LexiconError(f'{where}: expected a JSON object such as {{"name": ..., ...}}')
    unknown = set(obj) - set(JSON_FIELDS)
    if unknown:
        raise LexiconError(
            f"{where}: unknown field(s) {sorted(unknown)}; use {', '.join(JSON_FIELDS)}"
        )
    name = obj.get("name") or ""
    if isinstance(name, list):
        name = "|".join(str(x) for x in name)
    return [str(name)] + [str(obj.get(k) or "") for k in JSON_FIELDS[1:]]


def _rows(path: Path, text: str):
    """Yield (where, name, code, country, sector, from, to) for each data line, checked."""
    jsonl = path.suffix.lower() in JSONL_SUFFIXES
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{path}:{n}"
        if jsonl:
            cols = [c.strip() for c in _json_cols(raw, where)]
        else:
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
        return f"{code[:3].lower() if code[:3] in NON_STATE else kind}:{name}"
    return f"{kind}:{name}"


def _add_table(lex: ActorLexicon, kind: str, path: Path, text: str, replace: bool) -> None:
    added: set[str] = set()  # names this table has set, so its own repeats accumulate
    for _where, names, code, country, sector, start, end in _rows(path, text):
        aliases = [a.strip() for a in names.split("|") if a.strip()]
        if not code and not country:
            for a in aliases:
                lex.agents[_agent_key(a)] = (sector, f"{'user' if replace else kind}:{aliases[0]}")
            continue
        rule = _rule("user" if replace else kind, aliases[0], code, country)
        for a in aliases:
            key = norm(a)
            entry = Entry(
                rule,
                code or country,
                country or None,
                sector or None,
                start,
                end,
                a if a.isupper() and len(a) <= 6 else None,
                "user" if replace else kind,
            )
            old = lex.names.get(key, ()) if key in added else ()
            lex.add_name(key, (*old, entry))
            added.add(key)


def _add_pycountry(lex: ActorLexicon) -> None:
    import pycountry

    for c in pycountry.countries:
        entry = Entry(f"country:{c.alpha_3}", c.alpha_3, c.alpha_3, None, kind="country")
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if name:
                lex.add_name(norm(name), (entry,))
                lex.state_names.add(norm(name))


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
