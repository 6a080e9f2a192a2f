"""The event lexicon and the code tables, loaded from resgestae/data/coding."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from resgestae.errors import LexiconError

__all__ = ["Entry", "Cue", "CodeInfo", "Root", "Construction", "EventLexicon", "load_lexicon"]

# The coder's named word lists (lists.tsv): each must be in the table.
LISTS = frozenset(
    "hypothetical obligation future ready condition intent pledge intent_noun occurrence "
    "quantity generic_head gather accidental weapon_mode agent_sector".split()
)
# The coder's constructions (constructions.tsv): each must be in the table.
CONSTRUCTIONS = frozenset({"intent", "threat", "refusal", "demand"})
# The groups of CAMEO prefixes ACLED's distinctions read (acled_codes.tsv).
ACLED_CODES = frozenset({"lethal", "territory"})


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    pos: str  # verb | noun | control
    lemma: str  # head word ("call" for "call for")
    prep: str | None  # required preposition or particle child ("for")
    frame: str  # "*", "noobj", "nonhuman", "someone", "party", "pejorative" or "obj"
    objects: frozenset[str]  # allowed object lemmas when frame == "obj"
    cameo: str
    mode: str | None
    acled: str | None = None  # ACLED sub-type this sense always has
    # hand: events.tsv, written by us; petrarch: petrarch_verbs.tsv, generated from PETRARCH-2
    source: str = "hand"
    role: str | None = None  # fail | receive | casualty (events.tsv's role column)


@dataclass(frozen=True, slots=True)
class Cue:
    words: tuple[str, ...]
    group: str  # weapon | intervention | mob | violent
    mode: str | None
    acled: str | None


@dataclass(frozen=True, slots=True)
class CodeInfo:
    cameo: str
    plover: str | None
    mode: str | None
    context: tuple[str, ...]
    goldstein: float
    quad_class: int
    description: str


@dataclass(frozen=True, slots=True)
class Root:
    """What a CAMEO root does in the coder's constructions (roots.tsv)."""

    root: str
    complement: bool = False  # its complement is intended, asked, refused or threatened
    reported: bool = False  # an event under it is reported, not asserted
    compliance: bool = False  # failing to do it is a refusal
    place_recipient: bool = False  # the place it was done in can be its recipient
    announced: str | None = None  # construction announcing it codes as: intent | threat
    agreed_acled: str | None = None  # ACLED sub-type of agreeing to it


@dataclass(frozen=True, slots=True)
class Construction:
    """The CAMEO root a construction codes under, and its code without a refine.tsv row."""

    name: str
    root: str
    cameo: str


@dataclass(frozen=True, slots=True)
class Acled:
    plover: str
    mode: str
    cameo: str
    type: str
    subtype: str
    case_label: str


class EventLexicon:
    """Entries by lemma, plus the CAMEO, PLOVER-score, refinement and ACLED tables."""

    def __init__(
        self,
        entries,
        codes,
        scores,
        refine,
        acled,
        light,
        discards,
        cues=(),
        contexts=(),
        roots: dict[str, Root] | None = None,
        constructions: dict[str, Construction] | None = None,
        lists: dict[str, frozenset[str]] | None = None,
        speech: dict[str, bool] | None = None,
        acled_codes: dict[str, tuple[str, ...]] | None = None,
    ):
        self.verbs: dict[str, list[Entry]] = {}
        self.nouns: dict[str, list[Entry]] = {}
        self.by_id: dict[str, Entry] = {e.id: e for e in entries}
        # PETRARCH's entries only fill in verbs the hand-written lexicon does not cover: where
        # ours has a verb, its frames are deliberate ("demonstrate" only intransitively).
        ours = {e.lemma for e in entries if e.source == "hand"}
        entries = [e for e in entries if e.source == "hand" or e.lemma not in ours]
        for e in entries:
            table = self.nouns if e.pos == "noun" else self.verbs
            table.setdefault(e.lemma, []).append(e)
        # Hand-written entries before PETRARCH's; within each, most specific first: an
        # object list (what is withdrawn says more than where from), then a required
        # preposition or particle, then the rest.
        for table in (self.verbs, self.nouns):
            for lst in table.values():
                lst.sort(
                    key=lambda e: (
                        e.source != "hand",
                        e.frame != "obj",
                        e.prep is None,
                        e.frame == "*",
                    )
                )
        self.codes: dict[str, CodeInfo] = codes
        self.scores: dict[tuple[str, str], float] = scores
        self.refine: dict[tuple[str, str], str] = refine
        self.acled: list[Acled] = acled
        self.light: frozenset[str] = light
        self.discards: frozenset[str] = discards
        self.cues: tuple[Cue, ...] = tuple(cues)
        # context cues share the Cue record: group = PLOVER context, mode = its detail
        self.contexts: tuple[Cue, ...] = tuple(contexts)
        self._cue_indexes: dict[int, dict[str, list[tuple[int, Cue]]]] = {}
        # ACLED sub-type -> its type, from the mapping table
        self.acled_types: dict[str, str] = {a.subtype: a.type for a in acled}
        self.roots: dict[str, Root] = roots or {}
        self.constructions: dict[str, Construction] = constructions or {}
        self.lists: dict[str, frozenset[str]] = lists or {}
        # verbs of saying; True for those whose subject a nearby quotation's "we" is
        self.speech: frozenset[str] = frozenset(speech or ())
        self.quoting: frozenset[str] = frozenset(w for w, q in (speech or {}).items() if q)
        # CAMEO prefixes by what ACLED reads them as ("lethal", "territory")
        self.acled_codes: dict[str, tuple[str, ...]] = acled_codes or {}

    def root(self, cameo: str) -> Root:
        """What the code's root does in the coder's constructions (nothing special if it
        has no row)."""
        return self.roots.get(cameo[:2]) or Root(cameo[:2])

    def refined(self, construction: str, root: str) -> str:
        """The code of a construction over an event of CAMEO ``root`` ("threatened to
        impose sanctions": threat over 16 -> 1312), else the construction's own code."""
        c = self.constructions[construction]
        return self.refine.get((c.root, root), c.cameo)

    def cue_index(self, table: tuple[Cue, ...]) -> dict[str, list[tuple[int, Cue]]]:
        """Cues by their first word, with their rank in the table: a sentence is scanned once
        per word, not once per cue."""
        key = id(table)
        if key not in self._cue_indexes:
            index: dict[str, list[tuple[int, Cue]]] = {}
            for order, cue in enumerate(table):
                index.setdefault(cue.words[0], []).append((order, cue))
            self._cue_indexes[key] = index
        return self._cue_indexes[key]

    def info(self, cameo: str) -> CodeInfo:
        for k in (cameo, cameo[:3], cameo[:2]):
            if k in self.codes:
                return self.codes[k]
        raise LexiconError(f"E101: CAMEO code {cameo!r} is not in cameo.tsv")

    def plover_score(self, plover: str | None, mode: str | None) -> float | None:
        if not plover:
            return None
        return self.scores.get((plover, mode or ""), self.scores.get((plover, "")))

    def acled_for(self, plover: str | None, mode: str | None, cameo: str) -> Acled | None:
        for row in self.acled:
            if row.plover != plover:
                continue
            if row.mode and row.mode != (mode or ""):
                continue
            if row.cameo and not cameo.startswith(row.cameo):
                continue
            return row
        return None


def tsv_rows(text: str) -> list[dict[str, str]]:
    """A coding table's rows by column name; blank lines and ``#`` comments skipped."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("resgestae.data.coding").joinpath(name).read_text(encoding="utf-8")
    return tsv_rows(text)


def _entry(row: dict[str, str], source: str) -> Entry:
    words = row["lemma"].split()
    # Multi-word nouns ("air strike") are matched on their last word with a compound.
    if row["pos"] == "noun":
        lemma, prep = row["lemma"], None
    else:
        lemma, prep = words[0], (" ".join(words[1:]) or None)
    frame = row["frame"] or "*"
    objects: frozenset[str] = frozenset()
    if frame.startswith("obj="):
        objects = frozenset(frame[4:].split("|"))
        frame = "obj"
    if frame not in {"*", "noobj", "nonhuman", "someone", "party", "pejorative", "obj"}:
        raise LexiconError(f"E102: events.tsv entry {row['id']}: unknown frame {frame!r}")
    return Entry(
        row["id"],
        row["pos"],
        lemma,
        prep,
        frame,
        objects,
        row["cameo"],
        row.get("mode") or None,
        row.get("acled") or None,
        source,
        row.get("role") or None,
    )


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    entries = [_entry(r, "hand") for r in _rows("events.tsv")]
    entries += [_entry(r, "petrarch") for r in _rows("petrarch_verbs.tsv")]
    codes = {}
    for r in _rows("cameo.tsv"):
        codes[r["cameo"]] = CodeInfo(
            r["cameo"],
            r["plover"] or None,
            r["mode"] or None,
            tuple(c for c in r["context"].split(";") if c),
            float(r["goldstein"] or 0),
            int(r["quad_class"] or 0),
            r["description"],
        )
    scores = {(r["plover"], r["mode"]): float(r["score"]) for r in _rows("plover_scores.tsv")}
    refine = {(r["control"], r["embedded"]): r["cameo"] for r in _rows("refine.tsv")}
    acled = [
        Acled(
            r["plover"], r["mode"], r["cameo"], r["acled_type"], r["acled_subtype"], r["case_label"]
        )
        for r in _rows("acled.tsv")
    ]
    words = resources.files("resgestae.data.coding")
    light = frozenset(_words(words.joinpath("light_verbs.txt").read_text(encoding="utf-8")))
    discards = frozenset(_words(words.joinpath("discards.txt").read_text(encoding="utf-8")))
    for e in entries:
        if e.cameo not in codes and e.cameo[:3] not in codes:
            raise LexiconError(f"E103: events.tsv entry {e.id}: CAMEO {e.cameo} not in cameo.tsv")
    cues = [
        Cue(tuple(r["cue"].split()), r["group"], r["mode"] or None, r["acled"] or None)
        for r in _rows("cues.tsv")
    ]
    contexts = [
        Cue(tuple(r["cue"].split()), r["context"], r["detail"] or None, None)
        for r in _rows("contexts.tsv")
    ]
    roots = {
        r["root"]: Root(
            r["root"],
            r["complement"] == "y",
            r["reported"] == "y",
            r["compliance"] == "y",
            r["place_recipient"] == "y",
            r["announced"] or None,
            r["agreed_acled"] or None,
        )
        for r in _rows("roots.tsv")
    }
    constructions = {
        r["construction"]: Construction(r["construction"], r["root"], r["cameo"])
        for r in _rows("constructions.tsv")
    }
    lists = {r["list"]: frozenset(r["words"].split()) for r in _rows("lists.tsv")}
    speech = {r["lemma"]: r["quotes"] == "y" for r in _rows("speech_verbs.tsv")}
    acled_codes: dict[str, tuple[str, ...]] = {}
    for r in _rows("acled_codes.tsv"):
        acled_codes[r["group"]] = acled_codes.get(r["group"], ()) + (r["cameo"],)
    for name, need, have, table in (
        ("list", LISTS, set(lists), "lists.tsv"),
        ("construction", CONSTRUCTIONS, set(constructions), "constructions.tsv"),
        ("group", ACLED_CODES, set(acled_codes), "acled_codes.tsv"),
    ):
        missing = sorted(need - have)
        if missing:
            raise LexiconError(f"E104: {table} has no row for {name} {missing[0]!r}; add it")
    for root in roots.values():
        if root.announced and root.announced not in constructions:
            raise LexiconError(
                f"E105: roots.tsv root {root.root}: unknown construction {root.announced!r}"
            )
    return EventLexicon(
        entries,
        codes,
        scores,
        refine,
        acled,
        light,
        discards,
        cues,
        contexts,
        roots,
        constructions,
        lists,
        speech,
        acled_codes,
    )


def _words(text: str) -> list[str]:
    return [w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")]
