"""Find the noun phrases that denote actors and resolve them against an ``ActorLexicon``.

Two kinds of evidence meet here: *names* (states, capitals, organisations, leaders) found by a
longest-match scan of the text, and *agent nouns* (protesters, senate, troops) that give a
sector and take their country from the phrase's syntax (adjective, compound, possessive,
"of"/"from"/"in" phrase, apposition), from an earlier mention (coreference), or from the
article's context. The dependency parse decides which names are actors and which are places.
"""

from __future__ import annotations

from dataclasses import dataclass

from resgestae.actors.lexicon import ActorLexicon, Entry, norm
from resgestae.types import Actor, Mention, Parsed

__all__ = ["find_mentions", "actor_at", "unresolved"]

# Prepositions whose object is where something happens: "a rally in Baku" is a place.
LOCATIVE = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "within",
    "around",
    "into",
    "towards",
    "toward",
    "beyond",
}
# Dependents that belong to the noun phrase left of its head.
NP_LEFT = {
    "det",
    "amod",
    "compound",
    "nmod",
    "poss",
    "case",
    "nummod",
    "punct",
    "advmod",
    "quantmod",
    "npadvmod",
    "hmod",
    "hyph",
}
MODIFIER = {"compound", "amod", "nmod", "poss", "npadvmod"}
# Heads that take their actor from an "of" phrase: "a group of senators", "members of X".
PARTITIVE = {
    "group",
    "member",
    "representative",
    "number",
    "crowd",
    "team",
    "dozen",
    "hundred",
    "thousand",
    "some",
    "many",
    "most",
    "part",
    "majority",
    "delegation",
}
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
# "the former president", "ousted leaders": office holders no longer in office are elites.
FORMER = {"former", "ousted", "deposed", "exiled", "ex", "toppled", "overthrown"}
OFFICE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "OPP"}
SUBJECTS = {"nsubj", "nsubjpass"}
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
# "anti-Syria", "pro-Moscow": an attitude to a country, not its membership.
ATTITUDE = {"anti", "pro"}
# Arabic articles that start names in lower case ("al-Qaeda", "el-Sisi").
NAME_ARTICLES = {"al", "el", "ad", "as", "ash", "an", "ar", "at", "az"}
NOUNS = {"NOUN", "PROPN"}
# How far back coreference looks, in sentences: civilians are often re-mentioned late.
SAME_SECTOR_WINDOW = {"CVL": 6}


@dataclass(slots=True)
class _Name:
    start: int  # token span of the matched name
    end: int
    head: int
    entry: Entry


def _head_of(parsed: Parsed, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the syntactic head)."""
    toks = parsed.tokens
    for i in range(end - 1, start - 1, -1):
        h = toks[i].head
        if h == i or not start <= h < end:
            return i
    return end - 1


def _np_left(parsed: Parsed, h: int) -> int:
    """First token of the noun phrase headed by ``h`` (left dependents only)."""
    toks = parsed.tokens
    left = h
    sent_start = parsed.sentences[toks[h].sent].tok_start
    while left - 1 >= sent_start:
        j, ok = left - 1, False
        if toks[j].dep == "advmod" and toks[j].head == h:  # "also representatives"
            break
        k = j
        for _ in range(6):  # walk up from j: does it attach to h through NP-internal arcs?
            if toks[k].dep not in NP_LEFT or toks[k].head == k:
                break
            k = toks[k].head
            if k == h:
                ok = True
                break
            if not left - 1 <= k <= h:
                break
        if not ok:
            break
        left = j
    return left


def _scan_names(parsed: Parsed, lex: ActorLexicon) -> list[_Name]:
    """Longest-match scan for lexicon names; only spans starting with a capital are tried."""
    toks, text, day = parsed.tokens, parsed.article.text, parsed.article.published
    found: list[_Name] = []
    for sent in parsed.sentences:
        i = sent.tok_start
        while i < sent.tok_end:
            word = toks[i].text
            longest = _capitalised(toks, i) and (
                lex.first_words.get(word.lower()) or lex.first_words.get(word.lower().split("-")[0])
            )
            if not longest:
                entry = _plural_demonym(toks[i], lex) if word[:1].isupper() else None
                if entry is not None:
                    found.append(_Name(i, i + 1, i, entry))
                i += 1
                continue
            for n in range(min(longest * 2, sent.tok_end - i), 0, -1):
                last = toks[i + n - 1]
                if n > 1 and not last.text[:1].isalnum():
                    continue
                entry = lex.lookup(text[toks[i].idx : last.end], day)
                if entry is not None:
                    found.append(_Name(i, i + n, _head_of(parsed, i, i + n), entry))
                    i += n
                    break
            else:
                entry = _plural_demonym(toks[i], lex)
                if entry is not None:
                    found.append(_Name(i, i + 1, i, entry))
                i += 1
    return found


def _capitalised(toks, i: int) -> bool:
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


def _attitude(parsed: Parsed, start: int) -> bool:
    """The name at ``start`` is glued to "anti-" or "pro-" ("anti-Syria", "pro-Moscow")."""
    toks = parsed.tokens
    if start >= 2 and toks[start - 1].text == "-" and toks[start - 2].text.lower() in ATTITUDE:
        return True
    return (
        start >= 1
        and toks[start - 1].text.lower().rstrip("-") in ATTITUDE
        and (toks[start - 1].text.endswith("-") or toks[start - 1].end == toks[start].idx)
    )


def _plural_demonym(tok, lex: ActorLexicon) -> Entry | None:
    """ "Kenyans" when the tables list only "Kenyan": the country of the singular."""
    word = tok.text
    if tok.tag not in ("NNS", "NNPS") or len(word) < 5 or not word.endswith("s"):
        return None
    e = lex.lookup(word[:-1])
    if e is None or not e.id.startswith("country:") or e.sector:
        return None
    return e


def _is_place(parsed: Parsed, h: int) -> bool:
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


def _in_place_phrase(parsed: Parsed, h: int) -> bool:
    """A country word modifying a place noun that is itself a place ("outside the Iraqi city
    of Basra", "in southern Lebanon's capital"): evidence of where the story is."""
    toks = parsed.tokens
    g = toks[h].head
    return (
        toks[h].dep in ("amod", "compound", "poss", "nmod")
        and g != h
        and toks[g].lemma.lower() in PLACE_NOUNS
        and _is_place(parsed, g)
    )


def _span_text(parsed: Parsed, start: int, end: int) -> tuple[str, int, int]:
    toks = parsed.tokens
    a, b = toks[start].idx, toks[end - 1].end
    return parsed.article.text[a:b], a, b


def _actor(parsed: Parsed, start: int, end: int, code, country, sector, rule) -> Actor:
    text, a, b = _span_text(parsed, start, end)
    return Actor(text, code, country, sector, a, b, rule)


class _Resolver:
    """One article's resolution; mentions are resolved in text order so coreference can look
    back at what came before."""

    def __init__(self, parsed: Parsed, lex: ActorLexicon):
        self.p, self.lex, self.toks = parsed, lex, parsed.tokens
        self.names = _scan_names(parsed, lex)
        self.name_of: dict[int, _Name] = {}
        for nm in self.names:
            for i in range(nm.start, nm.end):
                self.name_of[i] = nm
        self.places = [nm for nm in self.names if _is_place(parsed, nm.head)]
        self.place_heads = {nm.head for nm in self.places}
        self.done: dict[int, Mention | None] = {}
        self.agent_cache: dict[int, tuple[str, str, int] | None] = {}
        self.mentions: list[Mention] = []
        self.modifiers: dict[int, Mention] = {}  # head -> a country word modifying a noun
        self.context = self._context_country()
        # "Bouteflika" after "Abdelaziz Bouteflika": last names of the people named so far
        self.surnames: dict[str, _Name] = {}
        for nm in self.names:
            if nm.entry.id.startswith(("person:", "leader:")) and nm.end - nm.start > 1:
                self.surnames.setdefault(self.toks[nm.end - 1].text, nm)

    # -- evidence -------------------------------------------------------------------------
    def _context_country(self) -> str | None:
        """Dateline country, else the first place named (a locative object, or a country word
        modifying one: "the Iraqi city of Basra"), else the first country named, else the
        first group of one state. Not people ("Algerians"), persons (their table role may be
        another state's namesake), nor "anti-"/"pro-" words."""
        toks = self.toks
        names = [nm for nm in self.names if self._evidence_of_place(nm)]
        if self.p.sentences:
            first = self.p.sentences[0]
            for i in range(first.tok_start, min(first.tok_end, first.tok_start + 10)):
                if toks[i].text in {"\u2014", "\u2013", "-", "--"}:
                    for nm in names:
                        if nm.end <= i:
                            return nm.entry.country
                    break
        places = [
            nm for nm in names if nm.head in self.place_heads or _in_place_phrase(self.p, nm.head)
        ]
        groups = [
            nm
            for nm in self.names  # last: a group or party of one state
            if nm.entry.country
            and not nm.entry.id.startswith(("person:", "leader:"))
            and not (_attitude(self.p, nm.start) or self._is_people(nm))
        ]
        for group in (places, names, groups):
            for nm in group:
                return nm.entry.country
        return None

    def _evidence_of_place(self, nm: _Name) -> bool:
        e = nm.entry
        return (
            bool(e.country)
            and e.id.startswith(("country:", "capital:"))
            and not (_attitude(self.p, nm.start) or self._is_people(nm))
        )

    def _agent(self, h: int) -> tuple[str, str, int] | None:
        """(sector, agent id, first token of the agent words) for the NP headed by ``h``."""
        if h not in self.agent_cache:  # asked again by every modifier of h
            self.agent_cache[h] = self._find_agent(h)
        return self.agent_cache[h]

    def _find_agent(self, h: int) -> tuple[str, str, int] | None:
        toks, text = self.toks, self.p.article.text
        t = toks[h]
        if t.pos not in NOUNS or t.dep == "compound" or h in self.name_of:
            return None
        left = _np_left(self.p, h)
        for end in (h, *range(h - 1, left - 1, -1)) if t.pos == "PROPN" else (h,):
            e = toks[end]
            for k in range(left, end + 1):
                if toks[k].dep in ("det", "poss", "case") or k in self.name_of:
                    continue
                prefix = text[toks[k].idx : e.idx].lower()
                for last in (e.lemma.lower(), e.text.lower()):
                    hit = self.lex.agent(" ".join((prefix + last).split()))
                    if hit:
                        return hit[0], hit[1], k
        return None

    def _country_from(self, i: int) -> Entry | None:
        nm = self.name_of.get(i)
        if nm is None or _attitude(self.p, nm.start):
            return None
        return nm.entry if nm.entry.country or nm.entry.code else None

    def _of_actor(self, o: int) -> Entry | None:
        """The resolved actor of an "of" object as evidence ("the Presidium of the Senate")."""
        m = self.resolve(o)
        if m is None or not m.actor.rule or m.actor.country is None:
            return None
        return Entry(m.actor.rule, m.actor.code, m.actor.country, m.actor.sector)

    def _coref(self, h: int, agent_id: str, sector: str) -> Mention | None:
        """An earlier mention with a country: the same agent noun ("the Senate" after "the
        French Senate"), else the same sector nearby ("the protesters" after "residents")."""
        sent = self.toks[h].sent
        window = SAME_SECTOR_WINDOW.get(sector, 1)
        earlier = [
            m
            for m in reversed(self.mentions)
            if m.actor.country and m.actor.rule and not m.actor.rule.startswith("coref:")
        ]
        for m in earlier:
            if agent_id in m.actor.rule.split("+"):
                return m
        for m in earlier:
            if sent - self.toks[m.head].sent > window:
                break
            if m.actor.sector == sector:
                return m
        return None

    # -- mentions -------------------------------------------------------------------------
    def _absorbed(self, nm: _Name) -> bool:
        """A name that only modifies another actor phrase ("Baku residents", "French Senate")
        or an ordinary noun as an adjective or a capital ("Armenian-Azerbaijani conflict")."""
        t = self.toks[nm.head]
        if t.dep not in MODIFIER or t.head == nm.head:
            return False
        g = t.head
        if g in self.name_of or self._agent(g) or self.toks[g].pos == "PROPN":
            return True
        if t.pos == "ADJ" or t.dep == "amod" or t.ent_type == "NORP":
            return True
        return t.dep == "compound" and nm.entry.id.startswith("capital:")

    def _hyphen_chain(self, nm: _Name) -> list[_Name]:
        """Country words joined by hyphens ("Armenian-Azerbaijani"), in text order."""
        chain, toks = [nm], self.toks
        while True:
            j = chain[0].start - 2
            left = self.name_of.get(j)
            if j < 0 or toks[j + 1].text != "-" or left is None or left in chain:
                break
            chain.insert(0, left)
        while True:
            j = chain[-1].end + 1
            right = self.name_of.get(j)
            if j >= len(toks) or toks[j - 1].text != "-" or right is None or right in chain:
                break
            chain.append(right)
        return chain if all(c.entry.country for c in chain) else [nm]

    def _named(self, nm: _Name) -> Mention | None:
        if nm.head in self.place_heads or _attitude(self.p, nm.start):
            return None
        chain = self._hyphen_chain(nm)
        if len(chain) > 1:  # "the Armenian-Azerbaijani conflict": each country modifies
            tail = self.toks[chain[-1].head]
            g = tail.head
            if (
                tail.dep in MODIFIER
                and g != chain[-1].head
                and not (g in self.name_of or self._agent(g) or self.toks[g].pos == "PROPN")
            ):
                self._add_modifier(nm)
                return None
        org = self._org_phrase(nm)
        if org is not None:
            return org
        if self._absorbed(nm):
            self._modifier(nm)
            return None
        if self.toks[nm.head].pos == "ADJ":
            return None
        left = min(nm.start, _np_left(self.p, nm.head))
        end = max(nm.end, nm.head + 1)
        e = nm.entry
        if self._is_people(nm):
            return self._people(nm, left, end)
        if e.id.startswith(("person:", "leader:")):
            titled = self._titled(nm, left, end)
            if titled is not None:
                return titled
        actor = _actor(self.p, left, end, e.code, e.country, e.sector, e.id)
        return Mention(left, end, nm.head, actor)

    def _org_phrase(self, nm: _Name) -> Mention | None:
        """A group's name before a generic organisation noun ("the X terror network",
        "the Y movement"): the phrase is that group."""
        e, t = nm.entry, self.toks[nm.head]
        g = t.head
        if e.id.startswith(("country:", "capital:", "person:", "leader:", "people:")):
            return None
        if t.dep not in ("compound", "nmod") or g == nm.head or g in self.name_of:
            return None
        if self.toks[g].lemma.lower() not in ORG_NOUNS or self._agent(g):
            return None
        left = min(nm.start, _np_left(self.p, g))
        actor = _actor(self.p, left, g + 1, e.code, e.country, e.sector, e.id)
        m = Mention(left, g + 1, g, actor)
        self.done[g] = m
        return m

    def _title(self, left: int, end: int) -> tuple[str, str] | None:
        """The office noun written before or in a person's name ("Prime Minister",
        "U.N. Secretary-General", "King"): (sector, agent id) of the one nearest the name."""
        toks, text, hit = self.toks, self.p.article.text, None
        for k in range(left, end):
            if toks[k].dep in ("det", "poss", "case") or not toks[k].text[:1].isalpha():
                continue
            for j in range(min(end, k + 4) - 1, k - 1, -1):
                words = text[toks[k].idx : toks[j].idx].lower()
                for last in (toks[j].lemma.lower(), toks[j].text.lower()):
                    a = self.lex.agent(" ".join((words + last).split()))
                    if a and a[0] in OFFICE_SECTORS:
                        hit = a
                        break
                else:
                    continue
                break
        return hit

    def _titled(self, nm: _Name, left: int, end: int) -> Mention | None:
        """A known person written with an office ("Israeli Prime Minister X", "King Y of
        Z"): the text says what the person is at the time of writing, which beats the table's
        role (the most recent one when the article has no date); a country or organisation
        in the phrase or an "of" phrase beats the table's country. "former" makes an elite."""
        e, toks = nm.entry, self.toks
        hit = self._title(left, nm.end)
        ev = None
        for i in range(left, nm.start):
            ev = ev or self._country_from(i)
        for c in self.p.children[nm.head]:
            if ev is None and toks[c].dep == "prep" and toks[c].text.lower() == "of":
                for o in self.p.children[c]:
                    if toks[o].dep == "pobj":
                        ev = self._country_from(o)
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
        return Mention(left, end, nm.head, _actor(self.p, left, end, code, country, sector, rule))

    def _add_modifier(self, nm: _Name) -> None:
        e = nm.entry
        actor = _actor(self.p, nm.start, nm.end, e.code, e.country, e.sector, e.id)
        self.modifiers[nm.head] = Mention(nm.start, nm.end, nm.head, actor, modifier=True)

    def _modifier(self, nm: _Name) -> None:
        """Keep a country word that modifies an ordinary noun ("an Indian proposal") as a
        modifier mention; one inside another actor's phrase ("French Senate") is that
        phrase's already."""
        g = self.toks[nm.head].head
        if g in self.name_of or self._agent(g) or self.toks[g].pos == "PROPN":
            return
        e = nm.entry
        if not e.country and not (e.code or "").startswith(("IGO", "NGO")):
            return
        self._add_modifier(nm)

    def _compound_agents(self) -> None:
        """An agent noun modifying an ordinary noun ("a government plan", "an army base") is
        a modifier mention: whose plan, whose base. Its country is the article's context."""
        for t in self.toks:
            if t.dep != "compound" or t.pos != "NOUN" or t.i in self.modifiers:
                continue
            g = t.head
            if g == t.i or g in self.name_of or self._agent(g) or self.toks[g].pos == "PROPN":
                continue
            hit = self.lex.agent(t.lemma.lower())
            if not hit:
                continue
            sector, agent_id = hit[0], hit[1]
            country = self.context
            rule = f"{agent_id}+context:{country}" if country else agent_id
            code = f"{country}{sector}" if country else None
            actor = _actor(self.p, t.i, t.i + 1, code, country, sector, rule)
            self.modifiers[t.i] = Mention(t.i, t.i + 1, t.i, actor, modifier=True)

    def _is_people(self, nm: _Name) -> bool:
        """A plural demonym ("Algerians", "Kurds"): a state's people, not the state."""
        e, t = nm.entry, self.toks[nm.head]
        if not e.id.startswith("country:") or e.sector or t.tag not in ("NNS", "NNPS"):
            return False
        word = t.text
        if not word.endswith("s") or norm(word) in self.lex.state_names:
            return False
        single = self.lex.lookup(word[:-1]) or self.lex.lookup(
            word[:-2] if word.endswith("es") else word
        )
        return single is not None and single.country == e.country

    def _people(self, nm: _Name, left: int, end: int) -> Mention:
        """Civilians (CVL) of a country; where they live, when the phrase says so, is their
        country, as CAMEO codes ethnic groups: "Bosnian Serbs" BIH, "ethnic Albanians" in a
        story set in Serbia SRB."""
        e, country, rule = nm.entry, nm.entry.country, f"people:{nm.entry.country}"
        for i in range(left, nm.start):
            other = self._country_from(i)
            if other is not None and other.country and other.country != e.country:
                country, rule = other.country, f"{rule}+{other.id}"
                break
        else:
            where = self._where(nm.head)
            if where is not None and where.country != e.country:
                actor = _actor(
                    self.p,
                    left,
                    end,
                    f"{where.country}CVL",
                    where.country,
                    "CVL",
                    f"{rule}+{where.id}",
                )
                return Mention(left, end, nm.head, actor)
            ethnic = any(self.toks[i].text.lower() == "ethnic" for i in range(left, nm.start))
            if ethnic and self.context and self.context != e.country:
                country, rule = self.context, f"{rule}+ethnic+context:{self.context}"
        actor = _actor(self.p, left, end, f"{country}CVL", country, "CVL", rule)
        return Mention(left, end, nm.head, actor)

    def _where(self, h: int) -> Entry | None:
        """The state in an "of"/"in"/"from" phrase of ``h`` ("the Albanians of Serbia")."""
        toks = self.toks
        for c in self.p.children[h]:
            if toks[c].dep == "prep" and toks[c].text.lower() in ("of", "in", "from"):
                for o in self.p.children[c]:
                    ev = self._country_from(o) if toks[o].dep == "pobj" else None
                    if ev is not None and ev.country:
                        return ev
        return None

    def _agent_mention(self, h: int) -> Mention | None:
        hit = self._agent(h)
        if hit is None:
            return None
        sector, agent_id, k = hit
        toks, left = self.toks, _np_left(self.p, h)
        evidence = of_sector = None
        for i in range(left, k):  # "the French Senate", "Armenia's troops", "Baku residents"
            evidence = evidence or self._country_from(i)
        relational = toks[h].lemma.lower() in RELATIONAL
        for c in self.p.children[h]:  # "the president of France", "residents of Baku"
            word = toks[c].text.lower()
            if relational and toks[c].dep == "prep" and word == "of":
                for o in self.p.children[c]:  # "the Presidium of the Senate": a LEG body
                    inner = self.resolve(o) if toks[o].dep == "pobj" else None
                    if inner is not None and inner.actor.rule and inner.actor.sector:
                        of_sector = inner.actor.sector
            if evidence is None and toks[c].dep == "prep" and word in ("of", "from", "in"):
                for o in self.p.children[c]:
                    if toks[o].dep == "pobj":
                        evidence = self._country_from(o) or self._of_actor(o)
            if evidence is None and toks[c].dep == "appos":
                evidence = self._country_from(c)
            if evidence is None and toks[c].dep == "poss":  # "Mali's transitional government"
                evidence = self._country_from(c)
        if evidence is None and toks[h].dep == "appos":
            evidence = self._country_from(toks[h].head)
        if evidence is not None:
            country, code = evidence.country, None
            if country is None:  # an organisation: "UN peacekeepers"
                code = evidence.code
            rule = f"{agent_id}+{evidence.id}"
        else:
            ante = self._coref(h, agent_id, sector)
            if ante is not None:
                country, code = ante.actor.country, None
                rule = f"{agent_id}+coref:{ante.actor.text}"
            elif self.context:
                country, code, rule = self.context, None, f"{agent_id}+context:{self.context}"
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
        return Mention(left, h + 1, h, _actor(self.p, left, h + 1, code, country, sector, rule))

    def _partitive(self, h: int) -> Mention | None:
        """ "a group of senators", "representatives of NGOs", "the bureau of the Senate": the
        actor is the "of" object."""
        toks = self.toks
        lemma = toks[h].lemma.lower()
        # "the bureau of the Senate": a part of a body that no table lists is that body
        if lemma not in PARTITIVE and (lemma not in RELATIONAL or self._agent(h)):
            return None
        for c in self.p.children[h]:
            if toks[c].dep == "prep" and toks[c].text.lower() == "of":
                for o in self.p.children[c]:
                    inner = self.resolve(o) if toks[o].dep == "pobj" else None
                    if inner is not None and inner.actor.rule:
                        a, left = inner.actor, _np_left(self.p, h)
                        actor = _actor(
                            self.p, left, inner.tok_end, a.code, a.country, a.sector, f"of:{a.rule}"
                        )
                        return Mention(left, inner.tok_end, h, actor)
        return None

    def _pronoun(self, h: int) -> Mention | None:
        """ "they"/"we": the most recent plural actor subject within three sentences."""
        t = self.toks[h]
        if t.pos != "PRON" or t.text.lower() not in PLURAL_PRONOUNS:
            return None
        for m in reversed(self.mentions):
            ht = self.toks[m.head]
            if t.sent - ht.sent > 3:
                break
            plural = ht.tag in ("NNS", "NNPS") or any(
                self.toks[c].dep == "conj" for c in self.p.children[m.head]
            )
            if ht.dep in ("nsubj", "nsubjpass") and plural and m.actor.code:
                a = m.actor
                actor = Actor(t.text, a.code, a.country, a.sector, t.idx, t.end, f"coref:{a.text}")
                return Mention(h, h + 1, h, actor)
        return None

    def _singular_pronoun(self, h: int) -> Mention | None:
        """ "it" -> the nearest earlier state, body or organisation; "he"/"she" -> the nearest
        earlier person (a named person, or a singular office noun such as "the president");
        "who"/"which"/"that" opening a relative clause -> the noun the clause modifies.
        Only subjects and objects, within this sentence and the one before."""
        toks, t = self.toks, self.toks[h]
        word = t.text.lower()
        if t.pos != "PRON" or t.dep not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return None
        if word in RELATIVE_PRONOUNS:
            verb = t.head
            if t.dep not in SUBJECTS or toks[verb].dep != "relcl" or verb == toks[verb].head:
                return None
            ante = self.resolve(toks[verb].head)
            return self._copy(h, ante) if ante and ante.actor.code else None
        if word not in PERSON_PRONOUNS and word != "it":
            return None
        if word == "it" and self._expletive(h):
            return None
        for m in reversed(self.mentions):
            ht = toks[m.head]
            if m.head >= h:
                continue
            if t.sent - ht.sent > 1:
                break
            a = m.actor
            if not a.code or ht.tag in ("NNS", "NNPS") or (a.rule or "").startswith("coref:"):
                continue
            person = ht.ent_type == "PERSON" or (a.rule or "").startswith(("person:", "leader:"))
            if word == "it":
                if not person and not (a.rule or "").startswith("people:"):
                    return self._copy(h, m)
            elif person or ht.lemma.lower() in PERSON_TITLES:
                return self._copy(h, m)
        return None

    def _expletive(self, h: int) -> bool:
        """ "it is likely that...", "it seems...": no referent."""
        v = self.toks[h].head
        if self.toks[v].lemma.lower() not in ("be", "seem", "appear"):
            return False
        return any(self.toks[c].dep in ("ccomp", "xcomp", "csubj") for c in self.p.children[v])

    def _copy(self, h: int, ante: Mention) -> Mention:
        t, a = self.toks[h], ante.actor
        actor = Actor(t.text, a.code, a.country, a.sector, t.idx, t.end, f"coref:{a.text}")
        return Mention(h, h + 1, h, actor)

    def _surname(self, h: int) -> Mention | None:
        """A last name alone after the person's full name in the same article."""
        t = self.toks[h]
        nm = self.surnames.get(t.text) if t.pos == "PROPN" else None
        if nm is None or nm.start >= h or t.dep == "compound":
            return None
        left = _np_left(self.p, h)
        e = nm.entry
        actor = _actor(self.p, left, h + 1, e.code, e.country, e.sector, f"coref:{e.id}")
        return Mention(left, h + 1, h, actor)

    def _entity(self, h: int) -> Mention | None:
        """A person or organisation the lexicon does not know: keep its text, no codes."""
        t = self.toks[h]
        if t.ent_type not in ("PERSON", "ORG", "NORP") or t.pos not in NOUNS:
            return None
        if t.dep == "compound" or _is_place(self.p, h):
            return None
        left = _np_left(self.p, h)
        if t.ent_type == "PERSON":  # "X, Algeria's leading activist": the apposition says who
            for c in self.p.children[h]:
                inner = self.resolve(c) if self.toks[c].dep == "appos" else None
                if inner is not None and inner.actor.code and inner.actor.rule:
                    a = inner.actor
                    actor = _actor(
                        self.p, left, h + 1, a.code, a.country, a.sector, f"appos:{a.rule}"
                    )
                    return Mention(left, h + 1, h, actor)
        return Mention(left, h + 1, h, _actor(self.p, left, h + 1, None, None, None, None))

    def resolve(self, h: int) -> Mention | None:
        if h in self.done:
            return self.done[h]
        self.done[h] = None  # guards against cycles through "of" phrases
        nm = self.name_of.get(h)
        if nm is not None:
            m = self._named(nm) if nm.head == h else None
        else:
            m = (
                self._partitive(h)
                or self._agent_mention(h)
                or self._pronoun(h)
                or self._singular_pronoun(h)
                or self._surname(h)
                or self._entity(h)
            )
        self.done[h] = m
        return m

    def run(self) -> tuple[Mention, ...]:
        seen: set[int] = set()
        for h in range(len(self.toks)):
            m = self.resolve(h)
            if m is not None and m.head not in seen:
                seen.add(m.head)
                self.mentions.append(m)
        self._compound_agents()
        # Modifiers join only now, so that coreference never takes one as an antecedent.
        extra = [m for h, m in self.modifiers.items() if h not in seen]
        return tuple(sorted(self.mentions + extra, key=lambda m: (m.tok_start, m.head)))


def find_mentions(parsed: Parsed, lexicon: ActorLexicon) -> tuple[Mention, ...]:
    """Every noun phrase in the article that denotes an actor, resolved, in text order."""
    return _Resolver(parsed, lexicon).run()


def actor_at(parsed: Parsed, i: int, mentions: tuple[Mention, ...]) -> Actor | None:
    """The actor whose mention has head token ``i``, else whose span contains ``i``."""
    inside = None
    for m in mentions:
        if m.head == i:
            return m.actor
        if inside is None and m.tok_start <= i < m.tok_end:
            inside = m.actor
    return inside


def unresolved(parsed: Parsed, i: int) -> Actor:
    """An actor with null codes for the noun phrase headed by ``i``: keep the text, no guess."""
    left = _np_left(parsed, i)
    return _actor(parsed, left, i + 1, None, None, None, None)
