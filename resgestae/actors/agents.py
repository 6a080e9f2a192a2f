"""Agents and titles: agent nouns (protesters, senate, troops) give a sector, and take their
country from the phrase's syntax (adjective, compound, possessive, "of"/"from"/"in" phrase,
apposition), an earlier mention, or the article's context; office titles recode a known person.
"""

from __future__ import annotations

from resgestae.actors.coref import coref
from resgestae.actors.lexicon import Entry
from resgestae.actors.places import country_from
from resgestae.actors.state import NOUNS, ArticleState, Name, make_actor, np_left
from resgestae.types import Mention
from resgestae.words import word_list

# Heads that take their actor from an "of" phrase: "a group of senators", "members of X".
PARTITIVE = word_list("partitives")

# Heads whose role is that of the body in their "of" phrase: "the Presidium of the Senate" is
# the legislature's, "leaders of the rebels" are rebels.
RELATIONAL = {
    "presidium",
    "leader",
    "leadership",
    "head",
    "chief",
    "chairman",
    "chairwoman",
    "chair",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "committee",
    "commission",
    "bureau",
    "board",
    "secretariat",
    "office",
    "wing",
    "faction",
    "branch",
    "speaker",
    "president",
    "secretary",
    "commander",
    "council",
}

# "the former president", "ousted leaders": office holders no longer in office are elites.
FORMER = {"former", "ousted", "deposed", "exiled", "ex", "toppled", "overthrown"}

OFFICE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "OPP"}


def agent_of(st: ArticleState, h: int) -> tuple[str, str, int] | None:
    """(sector, agent id, first token of the agent words) for the NP headed by ``h``."""
    if h not in st.agent_cache:  # asked again by every modifier of h
        st.agent_cache[h] = find_agent(st, h)
    return st.agent_cache[h]


def find_agent(st: ArticleState, h: int) -> tuple[str, str, int] | None:
    toks, text = st.toks, st.p.article.text
    t = toks[h]
    if t.pos not in NOUNS or t.dep == "compound" or h in st.name_of:
        return None
    left = np_left(st.p, h)
    for end in (h, *range(h - 1, left - 1, -1)) if t.pos == "PROPN" else (h,):
        e = toks[end]
        for k in range(left, end + 1):
            if toks[k].dep in ("det", "poss", "case") or k in st.name_of:
                continue
            prefix = text[toks[k].idx : e.idx].lower()
            for last in (e.lemma.lower(), e.text.lower()):
                hit = st.lex.agent(" ".join((prefix + last).split()))
                if hit:
                    return hit[0], hit[1], k
    return None


def of_actor(st: ArticleState, o: int) -> Entry | None:
    """The resolved actor of an "of" object as evidence ("the Presidium of the Senate")."""
    m = st.resolve(o)
    if m is None or not m.actor.rule or m.actor.country is None:
        return None
    return Entry(m.actor.rule, m.actor.code, m.actor.country, m.actor.sector, kind="actor")


def agent_mention(st: ArticleState, h: int) -> Mention | None:
    hit = agent_of(st, h)
    if hit is None:
        return None
    sector, agent_id, k = hit
    toks, left = st.toks, np_left(st.p, h)
    evidence = of_sector = None
    for i in range(left, k):  # "the French Senate", "Armenia's troops", "Baku residents"
        evidence = evidence or country_from(st, i)
    relational = toks[h].lemma.lower() in RELATIONAL
    for c in st.p.children[h]:  # "the president of France", "residents of Baku"
        word = toks[c].text.lower()
        if relational and toks[c].dep == "prep" and word == "of":
            for o in st.p.children[c]:  # "the Presidium of the Senate": a LEG body
                inner = st.resolve(o) if toks[o].dep == "pobj" else None
                if inner is not None and inner.actor.rule and inner.actor.sector:
                    of_sector = inner.actor.sector
        if evidence is None and toks[c].dep == "prep" and word in ("of", "from", "in"):
            for o in st.p.children[c]:
                if toks[o].dep == "pobj":
                    evidence = country_from(st, o) or of_actor(st, o)
        if evidence is None and toks[c].dep == "appos":
            evidence = country_from(st, c)
        if evidence is None and toks[c].dep == "poss":  # "Mali's transitional government"
            evidence = country_from(st, c)
    if evidence is None and toks[h].dep == "appos":
        evidence = country_from(st, toks[h].head)
    if evidence is not None:
        country, code = evidence.country, None
        if country is None:  # an organisation: "UN peacekeepers"
            code = evidence.code
        rule = f"{agent_id}+{evidence.id}"
    else:
        ante = coref(st, h, agent_id, sector)
        if ante is not None:
            country, code = ante.actor.country, None
            rule = f"{agent_id}+coref:{ante.actor.text}"
        elif st.context:
            country, code, rule = st.context, None, f"{agent_id}+context:{st.context}"
        else:
            country, code, rule = None, None, agent_id
    if of_sector is not None and of_sector != sector:
        sector, rule = of_sector, f"{rule}+of-sector"
    if sector in OFFICE_SECTORS and any(
        FORMER & {toks[i].text.lower(), toks[i].lemma.lower()} for i in range(left, k)
    ):
        sector, rule = "ELI", f"{rule}+former"
    if code is None and country is not None:
        code = country + sector
    return Mention(left, h + 1, h, make_actor(st.p, left, h + 1, code, country, sector, rule))


def partitive(st: ArticleState, h: int) -> Mention | None:
    """ "a group of senators", "representatives of NGOs", "the bureau of the Senate": the
    actor is the "of" object."""
    toks = st.toks
    lemma = toks[h].lemma.lower()
    # "the bureau of the Senate": a part of a body that no table lists is that body
    if lemma not in PARTITIVE and (lemma not in RELATIONAL or agent_of(st, h)):
        return None
    for c in st.p.children[h]:
        if toks[c].dep == "prep" and toks[c].text.lower() == "of":
            for o in st.p.children[c]:
                inner = st.resolve(o) if toks[o].dep == "pobj" else None
                if inner is not None and inner.actor.rule:
                    a, left = inner.actor, np_left(st.p, h)
                    actor = make_actor(
                        st.p, left, inner.tok_end, a.code, a.country, a.sector, f"of:{a.rule}"
                    )
                    return Mention(left, inner.tok_end, h, actor)
    return None


def office_title(st: ArticleState, left: int, end: int) -> tuple[str, str] | None:
    """The office noun written before or in a person's name ("Prime Minister",
    "U.N. Secretary-General", "King"): (sector, agent id) of the one nearest the name."""
    toks, text, hit = st.toks, st.p.article.text, None
    for k in range(left, end):
        if toks[k].dep in ("det", "poss", "case") or not toks[k].text[:1].isalpha():
            continue
        for j in range(min(end, k + 4) - 1, k - 1, -1):
            words = text[toks[k].idx : toks[j].idx].lower()
            for last in (toks[j].lemma.lower(), toks[j].text.lower()):
                a = st.lex.agent(" ".join((words + last).split()))
                if a and a[0] in OFFICE_SECTORS:
                    hit = a
                    break
            else:
                continue
            break
    return hit


def titled_person(st: ArticleState, nm: Name, left: int, end: int) -> Mention | None:
    """A known person written with an office ("Israeli Prime Minister X", "King Y of
    Z"): the text says what the person is at the time of writing, which beats the table's
    role (the most recent one when the article has no date); a country or organisation
    in the phrase or an "of" phrase beats the table's country. "former" makes an elite."""
    e, toks = nm.entry, st.toks
    hit = office_title(st, left, nm.end)
    ev = None
    for i in range(left, nm.start):
        ev = ev or country_from(st, i)
    for c in st.p.children[nm.head]:
        if ev is None and toks[c].dep == "prep" and toks[c].text.lower() == "of":
            for o in st.p.children[c]:
                if toks[o].dep == "pobj":
                    ev = country_from(st, o)
                    end = max(end, o + 1) if ev is not None else end
    if ev is not None and (ev.country or ev.code) == (e.country or e.code):
        ev = None
    if hit is None and ev is None:
        return None
    sector, rule = (hit[0], f"{e.id}+{hit[1]}") if hit else (e.sector, e.id)
    if ev is not None:
        country, code, rule = ev.country, (None if ev.country else ev.code), f"{rule}+{ev.id}"
    else:
        country, code = e.country, (None if e.country else e.code)
    if any(FORMER & {toks[i].text.lower(), toks[i].lemma.lower()} for i in range(left, nm.end)):
        sector, rule = "ELI", f"{rule}+former"
    if code is None:
        if country is None:
            return None
        code = country + (sector or "")
    return Mention(left, end, nm.head, make_actor(st.p, left, end, code, country, sector, rule))


def compound_agents(st: ArticleState) -> None:
    """An agent noun modifying an ordinary noun ("a government plan", "an army base") is
    a modifier mention: whose plan, whose base. Its country is the article's context."""
    for t in st.toks:
        if t.dep != "compound" or t.pos != "NOUN" or t.i in st.modifiers:
            continue
        g = t.head
        if g == t.i or g in st.name_of or agent_of(st, g) or st.toks[g].pos == "PROPN":
            continue
        hit = st.lex.agent(t.lemma.lower())
        if not hit:
            continue
        sector, agent_id = hit[0], hit[1]
        country = st.context
        rule = f"{agent_id}+context:{country}" if country else agent_id
        code = f"{country}{sector}" if country else None
        actor = make_actor(st.p, t.i, t.i + 1, code, country, sector, rule)
        st.modifiers[t.i] = Mention(t.i, t.i + 1, t.i, actor, modifier=True)
