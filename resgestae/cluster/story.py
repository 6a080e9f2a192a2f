"""An article's story names: the named people, places, organisations and things it is about
that no coded actor or country stands for, which tell two reports of one story from two
reports of the same kind of act ("Russia denies involvement" in two articles about one
poisoning, not in one about a poisoning and one about an election).

Read at coding time from the parse (``story_names``) and kept on each mention; the rule that
joins mentions across articles counts a shared name as evidence (``rule.compatible``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence

from resgestae.types import Mention, Parsed, Toponym

__all__ = ["LABELS", "LIMIT", "names_match", "story_names"]

# spaCy entity labels that name a particular someone or something (not dates, amounts or
# nationalities, which every story has).
LABELS = frozenset({"PERSON", "ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "GPE", "LOC"})
LIMIT = 5  # names kept: the article's most mentioned
MIN_COUNT = 2  # a name said once is a passing reference, not what the article is about
# Places too large to tell one story from another: every story in a country is in it.
BROAD = frozenset({"country", "admin1"})
# Sectors of private people: named, they are whom a story is about, not a state's actor.
PEOPLE = frozenset({"CVL", "REF", "JRN", "EDU", "MED", "LAB", "BUS", "HRI"})


def story_names(
    parsed: Parsed,
    mentions: Sequence[Mention],
    toponyms: Sequence[Toponym],
    capitals: Collection[int] = frozenset(),
    ignore: Collection[str] = frozenset(),
    known: Callable[[str], bool] = lambda name: False,
    limit: int = LIMIT,
) -> tuple[str, ...]:
    """The article's most mentioned story names (at most ``limit``, each said at least
    twice), most mentioned first. Left out: a name the actor lexicon ``known``s ("Trump",
    "Congress"), or that an actor mention resolved to an office, force or body covers (the
    actor is compared itself: "the Foreign Ministry"; a private person the text makes a
    civilian, "Sergei Skripal, a former spy", stays a story name); a place that is a country,
    first-level region, continent or national capital (the dateline of half the news): a
    place is kept by what the gazetteer makes of it, not by the country actor its name
    gives ("a Brooklyn man"); and a name holding one of ``ignore`` (news media, credited in
    articles on every subject: "AP", "CNN Newsource")."""
    actors = [
        (m.tok_start, m.tok_end)
        for m in mentions
        if not m.modifier and (m.actor.code or m.actor.country) and m.actor.sector not in PEOPLE
    ]
    places = {(t.tok_start, t.tok_end): t for t in toponyms}
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for e in parsed.entities:
        if e.label not in LABELS:
            continue
        if e.label in ("GPE", "LOC") and (e.tok_start, e.tok_end) in places:
            loc = places[(e.tok_start, e.tok_end)].location
            if loc is not None and (loc.precision in BROAD or loc.geonameid in capitals):
                continue
        elif any(s < e.tok_end and e.tok_start < t for s, t in actors):
            continue
        if known(e.text):
            continue
        words = _words(e.text)
        if not words or any(_within(tuple(x.split()), words) for x in ignore):
            continue
        key = " ".join(words)
        counts[key] += 1
        first.setdefault(key, e.start)
    for key in list(counts):
        if key.endswith("s") and key[:-1] in counts:  # "the Skripals": the Skripal family
            counts[key[:-1]] += counts.pop(key)
    # A short form ("Wang" after "Wang Yi") counts for the one longer name holding it; one
    # that two names hold ("Skripal": Sergei and Yulia) stays a name of its own.
    for key in sorted(counts, key=len):
        longer = [k for k in counts if k != key and _within(tuple(key.split()), tuple(k.split()))]
        if len(longer) == 1:
            counts[longer[0]] += counts.pop(key)
            first[longer[0]] = min(first[longer[0]], first[key])
    ranked = sorted(
        (k for k, n in counts.items() if n >= MIN_COUNT), key=lambda k: (-counts[k], first[k])
    )
    return tuple(ranked[:limit])


def names_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two articles' story names share one: the same name, or one a run of the
    other's words ("ghouta" and "eastern ghouta")."""
    for x in a:
        xs = tuple(x.split())
        for y in b:
            ys = tuple(y.split())
            if _within(xs, ys) or _within(ys, xs):
                return True
    return False


def _within(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """``short`` is a run of ``full``'s words (a surname, a first and last name)."""
    n = len(short)
    return any(full[i : i + n] == short for i in range(len(full) - n + 1))


def _words(text: str) -> tuple[str, ...]:
    """The name's words, lower-cased, without a leading "the" or a possessive ending."""
    words = text.lower().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return tuple(w for w in words if w.strip(".,'\"-"))
