"""Coreference: pronouns, relative pronouns, bare surnames and short forms of an agent noun
take the actor of an earlier mention in the article.
"""

from __future__ import annotations

from resgestae.actors.lexicon import PERSON_KINDS
from resgestae.actors.state import ArticleState, make_actor, np_left
from resgestae.types import Actor, Mention

PLURAL_PRONOUNS = {"they", "we", "them", "us"}

PERSON_PRONOUNS = {"he", "she", "him", "her"}

# Office nouns that name one person, so "he"/"she" can refer to them ("the president... he").
PERSON_TITLES = {
    "president",
    "minister",
    "premier",
    "leader",
    "king",
    "queen",
    "prince",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "general",
    "commander",
    "chief",
    "secretary",
    "governor",
    "mayor",
    "senator",
    "judge",
    "prosecutor",
    "cleric",
    "bishop",
    "archbishop",
    "imam",
    "chancellor",
    "diplomat",
    "lawmaker",
    "legislator",
    "activist",
    "journalist",
    "reporter",
}

RELATIVE_PRONOUNS = {"who", "which", "that"}

SUBJECTS = {"nsubj", "nsubjpass"}

# How far back coreference looks, in sentences: civilians are often re-mentioned late.
SAME_SECTOR_WINDOW = {"CVL": 6}


def coref(st: ArticleState, h: int, agent_id: str, sector: str) -> Mention | None:
    """An earlier mention with a country: the same agent noun ("the Senate" after "the
    French Senate"), else the same sector nearby ("the protesters" after "residents")."""
    sent = st.toks[h].sent
    window = SAME_SECTOR_WINDOW.get(sector, 1)
    earlier = [
        m
        for m in reversed(st.mentions)
        if m.actor.country and m.actor.rule and m.actor.coref_of is None
    ]
    for m in earlier:
        if agent_id in (m.actor.rule or "").split("+"):
            return m
    for m in earlier:
        if sent - st.toks[m.head].sent > window:
            break
        if m.actor.sector == sector:
            return m
    return None


def pronoun(st: ArticleState, h: int) -> Mention | None:
    """ "they"/"we": the most recent plural actor subject within three sentences."""
    t = st.toks[h]
    if t.pos != "PRON" or t.text.lower() not in PLURAL_PRONOUNS:
        return None
    for m in reversed(st.mentions):
        ht = st.toks[m.head]
        if t.sent - ht.sent > 3:
            break
        plural = ht.tag in ("NNS", "NNPS") or any(
            st.toks[c].dep == "conj" for c in st.p.children[m.head]
        )
        if ht.dep in ("nsubj", "nsubjpass") and plural and m.actor.code:
            return copy_antecedent(st, h, m)
    return None


def singular_pronoun(st: ArticleState, h: int) -> Mention | None:
    """ "it" -> the nearest earlier state, body or organisation; "he"/"she" -> the nearest
    earlier person (a named person, or a singular office noun such as "the president");
    "who"/"which"/"that" opening a relative clause -> the noun the clause modifies.
    Only subjects and objects, within this sentence and the one before."""
    toks, t = st.toks, st.toks[h]
    word = t.text.lower()
    if t.pos != "PRON" or t.dep not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return None
    if word in RELATIVE_PRONOUNS:
        verb = t.head
        if t.dep not in SUBJECTS or toks[verb].dep != "relcl" or verb == toks[verb].head:
            return None
        ante = st.resolve(toks[verb].head)
        return copy_antecedent(st, h, ante) if ante and ante.actor.code else None
    if word not in PERSON_PRONOUNS and word != "it":
        return None
    if word == "it" and expletive(st, h):
        return None
    for m in reversed(st.mentions):
        ht = toks[m.head]
        if m.head >= h:
            continue
        if t.sent - ht.sent > 1:
            break
        a = m.actor
        if not a.code or ht.tag in ("NNS", "NNPS") or a.coref_of is not None:
            continue
        kind = st.kind_of.get(m.head)
        person = ht.ent_type == "PERSON" or kind in PERSON_KINDS
        if word == "it":
            if not person and kind != "people":
                return copy_antecedent(st, h, m)
        elif person or ht.lemma.lower() in PERSON_TITLES:
            return copy_antecedent(st, h, m)
    return None


def expletive(st: ArticleState, h: int) -> bool:
    """ "it is likely that...", "it seems...": no referent."""
    v = st.toks[h].head
    if st.toks[v].lemma.lower() not in ("be", "seem", "appear"):
        return False
    return any(st.toks[c].dep in ("ccomp", "xcomp", "csubj") for c in st.p.children[v])


def copy_antecedent(st: ArticleState, h: int, ante: Mention) -> Mention:
    t, a = st.toks[h], ante.actor
    actor = Actor(t.text, a.code, a.country, a.sector, t.idx, t.end, f"coref:{a.text}", a.text)
    return Mention(h, h + 1, h, actor)


def surname(st: ArticleState, h: int) -> Mention | None:
    """A last name alone after the person's full name in the same article (a person of
    the lexicon, or one a title resolved: then the first word of the name too)."""
    t = st.toks[h]
    if t.pos != "PROPN" or t.dep == "compound":
        return None
    nm = st.surnames.get(t.text)
    if nm is None or nm.start >= h:
        titled = st.titled.get(t.text)
        if titled is None or titled.head >= h:
            return None
        return copy_antecedent(st, h, titled)
    left = np_left(st.p, h)
    e = nm.entry
    actor = make_actor(
        st.p, left, h + 1, e.code, e.country, e.sector, f"coref:{e.id}", coref_of=e.id
    )
    return Mention(left, h + 1, h, actor)
