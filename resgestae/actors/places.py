"""Places: which names are where something happens, and which words give a country.

A name that is the object of a locative preposition ("a rally in Baku") is a place, not an
actor; country words and demonyms give the country of an actor phrase; the article's context
country comes from its dateline or first place.
"""

from __future__ import annotations

from resgestae.actors.lexicon import PERSON_KINDS, Entry, norm
from resgestae.actors.state import ArticleState, Name
from resgestae.types import Parsed
from resgestae.words import word_list

# Prepositions whose object is where something happens: "a rally in Baku" is a place.
LOCATIVE = word_list("place_prepositions")

# Nouns for a place: a name in their "of" phrase is a place ("the town of X"), and one that
# modifies them inside a locative phrase is the place's country ("in the Iraqi city of...").
PLACE_NOUNS = {
    "city",
    "town",
    "village",
    "capital",
    "region",
    "province",
    "district",
    "area",
    "sector",
    "suburb",
    "outskirts",
    "neighbourhood",
    "neighborhood",
    "centre",
    "center",
    "part",
    "north",
    "south",
    "east",
    "west",
    "border",
    "state",
    "territory",
    "port",
    "island",
    "county",
    "municipality",
    "camp",
    "street",
}

# "anti-Syria", "pro-Moscow": an attitude to a country, not its membership.
ATTITUDE = {"anti", "pro"}


def is_place(parsed: Parsed, h: int) -> bool:
    """True when ``h`` (or the first conjunct it joins) is the object of a locative preposition."""
    toks = parsed.tokens
    while toks[h].dep == "conj" and toks[h].head != h:
        h = toks[h].head
    if toks[h].dep != "pobj":
        return False
    prep = toks[h].head
    if toks[prep].text.lower() in LOCATIVE:
        return True
    # "the town of Samarra", "the capital city of Algiers"
    owner = toks[prep].head
    return (
        toks[prep].text.lower() == "of"
        and owner != prep
        and toks[owner].lemma.lower() in PLACE_NOUNS
    )


def in_place_phrase(parsed: Parsed, h: int) -> bool:
    """A country word modifying a place noun that is itself a place ("outside the Iraqi city
    of Basra", "in southern Lebanon's capital"): evidence of where the story is."""
    toks = parsed.tokens
    g = toks[h].head
    return (
        toks[h].dep in ("amod", "compound", "poss", "nmod")
        and g != h
        and toks[g].lemma.lower() in PLACE_NOUNS
        and is_place(parsed, g)
    )


def attitude(parsed: Parsed, start: int) -> bool:
    """The name at ``start`` is glued to "anti-" or "pro-" ("anti-Syria", "pro-Moscow")."""
    toks = parsed.tokens
    if start >= 2 and toks[start - 1].text == "-" and toks[start - 2].text.lower() in ATTITUDE:
        return True
    return (
        start >= 1
        and toks[start - 1].text.lower().rstrip("-") in ATTITUDE
        and (toks[start - 1].text.endswith("-") or toks[start - 1].end == toks[start].idx)
    )


def is_people(st: ArticleState, nm: Name) -> bool:
    """A plural demonym ("Algerians", "Kurds"): a state's people, not the state."""
    e, t = nm.entry, st.toks[nm.head]
    if e.kind != "country" or e.sector or t.tag not in ("NNS", "NNPS"):
        return False
    word = t.text
    if not word.endswith("s") or norm(word) in st.lex.state_names:
        return False
    single = st.lex.lookup(word[:-1]) or st.lex.lookup(word[:-2] if word.endswith("es") else word)
    return single is not None and single.country == e.country


def country_from(st: ArticleState, i: int) -> Entry | None:
    nm = st.name_of.get(i)
    if nm is None or attitude(st.p, nm.start):
        return None
    return nm.entry if nm.entry.country or nm.entry.code else None


def country_of_phrase(st: ArticleState, h: int) -> Entry | None:
    """The state in an "of"/"in"/"from" phrase of ``h`` ("the Albanians of Serbia")."""
    toks = st.toks
    for c in st.p.children[h]:
        if toks[c].dep == "prep" and toks[c].text.lower() in ("of", "in", "from"):
            for o in st.p.children[c]:
                ev = country_from(st, o) if toks[o].dep == "pobj" else None
                if ev is not None and ev.country:
                    return ev
    return None


def evidence_of_place(st: ArticleState, nm: Name) -> bool:
    e = nm.entry
    return (
        bool(e.country)
        and e.kind in ("country", "capital")
        and not (attitude(st.p, nm.start) or is_people(st, nm))
    )


def context_country(st: ArticleState) -> str | None:
    """Dateline country, else the first place named (a locative object, or a country word
    modifying one: "the Iraqi city of Basra"), else the first country named, else the
    first group of one state. Not people ("Algerians"), persons (their table role may be
    another state's namesake), nor "anti-"/"pro-" words."""
    toks = st.toks
    names = [nm for nm in st.names if evidence_of_place(st, nm)]
    if st.p.sentences:
        first = st.p.sentences[0]
        for i in range(first.tok_start, min(first.tok_end, first.tok_start + 10)):
            if toks[i].text in {"\u2014", "\u2013", "-", "--"}:
                for nm in names:
                    if nm.end <= i:
                        return nm.entry.country
                break
    places = [nm for nm in names if nm.head in st.place_heads or in_place_phrase(st.p, nm.head)]
    groups = [
        nm
        for nm in st.names  # last: a group or party of one state
        if nm.entry.country
        and nm.entry.kind not in PERSON_KINDS
        and not (attitude(st.p, nm.start) or is_people(st, nm))
    ]
    for group in (places, names, groups):
        for nm in group:
            return nm.entry.country
    return None
