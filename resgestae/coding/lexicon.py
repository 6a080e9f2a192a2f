"""The event lexicon and the code tables, loaded from resgestae/data/coding."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from resgestae.errors import LexiconError

__all__ = ["Entry", "Cue", "CodeInfo", "EventLexicon", "load_lexicon"]


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    pos: str  # verb | noun | control
    lemma: str  # head word ("call" for "call for")
    prep: str | None  # required preposition or particle child ("for")
    frame: str  # "*", "noobj", "nonhuman" or "obj"
    objects: frozenset[str]  # allowed object lemmas when frame == "obj"
    cameo: str
    mode: str | None
    acled: str | None = None  # ACLED sub-type this sense always has


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
        self, entries, codes, scores, refine, acled, light, discards, cues=(), contexts=()
    ):
        self.verbs: dict[str, list[Entry]] = {}
        self.nouns: dict[str, list[Entry]] = {}
        # PETRARCH's entries only fill in verbs the hand-written lexicon does not cover: where
        # ours has a verb, its frames are deliberate ("demonstrate" only intransitively).
        ours = {e.lemma for e in entries if not e.id.startswith("p.")}
        entries = [e for e in entries if not (e.id.startswith("p.") and e.lemma in ours)]
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
                        e.id.startswith("p."),
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


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("resgestae.data.coding").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _entry(row: dict[str, str]) -> Entry:
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
    if frame not in {"*", "noobj", "nonhuman", "obj"}:
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
    )


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    entries = [_entry(r) for r in _rows("events.tsv")]
    entries += [_entry(r) for r in _rows("petrarch_verbs.tsv")]
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
    return EventLexicon(entries, codes, scores, refine, acled, light, discards, cues, contexts)


def _words(text: str) -> list[str]:
    return [w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")]
