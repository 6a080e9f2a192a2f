"""Names: lexicon names in the text (states, capitals, organisations, people) as mentions.

A longest-match scan finds the names; the parse decides whether each is an actor phrase, a
modifier of an ordinary noun ("an Indian proposal"), a group's name before a generic noun
("the X movement"), a state's people ("Algerians"), or an unknown person or organisation.
"""

from __future__ import annotations

from resgestae.actors.agents import agent_of, titled_person
from resgestae.actors.lexicon import PERSON_KINDS, ActorLexicon, Entry
from resgestae.actors.places import attitude, country_from, country_of_phrase, is_people, is_place
from resgestae.actors.state import MODIFIER, NOUNS, ArticleState, Name, head_of, make_actor, np_left
from resgestae.types import Mention, Parsed
from resgestae.words import word_list

# Generic nouns that a group's name before them names: "the X terror network" is X.
ORG_NOUNS = {
    "network",
    "group",
    "movement",
    "organisation",
    "organization",
    "faction",
    "militia",
    "wing",
    "front",
    "coalition",
    "alliance",
    "party",
    "cell",
}

# Arabic articles that start names in lower case ("al-Qaeda", "el-Sisi").
NAME_ARTICLES = {"al", "el", "ad", "as", "ash", "an", "ar", "at", "az"}


def scan_names(parsed: Parsed, lex: ActorLexicon) -> list[Name]:
    """Longest-match scan for lexicon names; only spans starting with a capital are tried."""
    toks, text, day = parsed.tokens, parsed.article.text, parsed.article.published
    found: list[Name] = []
    for sent in parsed.sentences:
        i = sent.tok_start
        while i < sent.tok_end:
            word = toks[i].text
            longest = capitalised(toks, i) and (
                lex.first_words.get(word.lower()) or lex.first_words.get(word.lower().split("-")[0])
            )
            if not longest:
                entry = plural_demonym(toks[i], lex) if word[:1].isupper() else None
                if entry is not None:
                    found.append(Name(i, i + 1, i, entry))
                i += 1
                continue
            for n in range(min(longest * 2, sent.tok_end - i), 0, -1):
                last = toks[i + n - 1]
                if n > 1 and not last.text[:1].isalnum():
                    continue
                entry = lex.lookup(text[toks[i].idx : last.end], day)
                if entry is not None:
                    if not _extended(toks, i + n, sent.tok_end):
                        found.append(Name(i, i + n, head_of(parsed, i, i + n), entry))
                    i += n
                    break
            else:
                entry = plural_demonym(toks[i], lex)
                if entry is not None:
                    found.append(Name(i, i + 1, i, entry))
                i += 1
    return found


def _extended(toks, after: int, end: int) -> bool:
    """The name goes on as a longer proper name ("Dublin Road", "Nassau County"), which is
    not the place the lexicon knows by the first part."""
    if after >= end:
        return False
    word = toks[after].text
    return word[:1].isupper() and word.lower() in word_list("name_extenders")


def capitalised(toks, i: int) -> bool:
    """A capital, or a lower-case Arabic article glued to a capitalised name ("al-Qaeda")."""
    word = toks[i].text
    if word[:1].isupper():
        return True
    head, _, rest = word.partition("-")
    if head.lower() not in NAME_ARTICLES:
        return False
    if rest:
        return rest[:1].isupper()
    return (
        i + 2 < len(toks)
        and toks[i + 1].text == "-"
        and toks[i].end == toks[i + 1].idx
        and toks[i + 2].text[:1].isupper()
    )


def plural_demonym(tok, lex: ActorLexicon) -> Entry | None:
    """ "Kenyans" when the tables list only "Kenyan": the country of the singular."""
    word = tok.text
    if tok.tag not in ("NNS", "NNPS") or len(word) < 5 or not word.endswith("s"):
        return None
    e = lex.lookup(word[:-1])
    if e is None or e.kind != "country" or e.sector:
        return None
    return e


def named_mention(st: ArticleState, nm: Name) -> Mention | None:
    if nm.head in st.place_heads or attitude(st.p, nm.start):
        return None
    chain = hyphen_chain(st, nm)
    if len(chain) > 1:  # "the Armenian-Azerbaijani conflict": each country modifies
        tail = st.toks[chain[-1].head]
        g = tail.head
        if (
            tail.dep in MODIFIER
            and g != chain[-1].head
            and not (g in st.name_of or agent_of(st, g) or st.toks[g].pos == "PROPN")
        ):
            add_modifier(st, nm)
            return None
    org = org_phrase(st, nm)
    if org is not None:
        return org
    if absorbed(st, nm):
        modifier(st, nm)
        return None
    if st.toks[nm.head].pos == "ADJ":
        return None
    left = min(nm.start, np_left(st.p, nm.head))
    end = max(nm.end, nm.head + 1)
    e = nm.entry
    if is_people(st, nm):
        st.kind_of[nm.head] = "people"
        return people_of(st, nm, left, end)
    st.kind_of[nm.head] = e.kind
    if e.kind in PERSON_KINDS:
        titled = titled_person(st, nm, left, end)
        if titled is not None:
            return titled
    actor = make_actor(st.p, left, end, e.code, e.country, e.sector, e.id)
    return Mention(left, end, nm.head, actor)


def absorbed(st: ArticleState, nm: Name) -> bool:
    """A name that only modifies another actor phrase ("Baku residents", "French Senate")
    or an ordinary noun as an adjective or a capital ("Armenian-Azerbaijani conflict")."""
    t = st.toks[nm.head]
    if t.dep not in MODIFIER or t.head == nm.head:
        return False
    g = t.head
    if g in st.name_of or agent_of(st, g) or st.toks[g].pos == "PROPN":
        return True
    if t.pos == "ADJ" or t.dep == "amod" or t.ent_type == "NORP":
        return True
    return t.dep == "compound" and nm.entry.kind == "capital"


def hyphen_chain(st: ArticleState, nm: Name) -> list[Name]:
    """Country words joined by hyphens ("Armenian-Azerbaijani"), in text order."""
    chain, toks = [nm], st.toks
    while True:
        j = chain[0].start - 2
        left = st.name_of.get(j)
        if j < 0 or toks[j + 1].text != "-" or left is None or left in chain:
            break
        chain.insert(0, left)
    while True:
        j = chain[-1].end + 1
        right = st.name_of.get(j)
        if j >= len(toks) or toks[j - 1].text != "-" or right is None or right in chain:
            break
        chain.append(right)
    return chain if all(c.entry.country for c in chain) else [nm]


def org_phrase(st: ArticleState, nm: Name) -> Mention | None:
    """A group's name before a generic organisation noun ("the X terror network",
    "the Y movement"): the phrase is that group."""
    e, t = nm.entry, st.toks[nm.head]
    g = t.head
    if e.kind in ("country", "capital", *PERSON_KINDS):
        return None
    if t.dep not in ("compound", "nmod") or g == nm.head or g in st.name_of:
        return None
    if st.toks[g].lemma.lower() not in ORG_NOUNS or agent_of(st, g):
        return None
    left = min(nm.start, np_left(st.p, g))
    actor = make_actor(st.p, left, g + 1, e.code, e.country, e.sector, e.id)
    m = Mention(left, g + 1, g, actor)
    st.done[g] = m
    return m


def add_modifier(st: ArticleState, nm: Name) -> None:
    e = nm.entry
    actor = make_actor(st.p, nm.start, nm.end, e.code, e.country, e.sector, e.id)
    st.modifiers[nm.head] = Mention(nm.start, nm.end, nm.head, actor, modifier=True)


def modifier(st: ArticleState, nm: Name) -> None:
    """Keep a country word that modifies an ordinary noun ("an Indian proposal") as a
    modifier mention; one inside another actor's phrase ("French Senate") is that
    phrase's already."""
    g = st.toks[nm.head].head
    if g in st.name_of or agent_of(st, g) or st.toks[g].pos == "PROPN":
        return
    e = nm.entry
    if not e.country and not (e.code or "").startswith(("IGO", "NGO")):
        return
    add_modifier(st, nm)


def people_of(st: ArticleState, nm: Name, left: int, end: int) -> Mention:
    """Civilians (CVL) of a country; where they live, when the phrase says so, is their
    country, as CAMEO codes ethnic groups: "Bosnian Serbs" BIH, "ethnic Albanians" in a
    story set in Serbia SRB."""
    e, country, rule = nm.entry, nm.entry.country, f"people:{nm.entry.country}"
    for i in range(left, nm.start):
        other = country_from(st, i)
        if other is not None and other.country and other.country != e.country:
            country, rule = other.country, f"{rule}+{other.id}"
            break
    else:
        where = country_of_phrase(st, nm.head)
        if where is not None and where.country != e.country:
            actor = make_actor(
                st.p,
                left,
                end,
                f"{where.country}CVL",
                where.country,
                "CVL",
                f"{rule}+{where.id}",
            )
            return Mention(left, end, nm.head, actor)
        ethnic = any(st.toks[i].text.lower() == "ethnic" for i in range(left, nm.start))
        if ethnic and st.context and st.context != e.country:
            country, rule = st.context, f"{rule}+ethnic+context:{st.context}"
    actor = make_actor(st.p, left, end, f"{country}CVL", country, "CVL", rule)
    return Mention(left, end, nm.head, actor)


def entity(st: ArticleState, h: int) -> Mention | None:
    """A person or organisation the lexicon does not know: keep its text, no codes."""
    t = st.toks[h]
    if t.ent_type not in ("PERSON", "ORG", "NORP") or t.pos not in NOUNS:
        return None
    if t.dep == "compound" or is_place(st.p, h):
        return None
    left = np_left(st.p, h)
    if t.ent_type == "PERSON":  # "X, Algeria's leading activist": the apposition says who
        for c in st.p.children[h]:
            inner = st.resolve(c) if st.toks[c].dep == "appos" else None
            if inner is not None and inner.actor.code and inner.actor.rule:
                a = inner.actor
                actor = make_actor(
                    st.p, left, h + 1, a.code, a.country, a.sector, f"appos:{a.rule}"
                )
                return Mention(left, h + 1, h, actor)
    return Mention(left, h + 1, h, make_actor(st.p, left, h + 1, None, None, None, None))
