"""Event coding: predicates from the dependency parse, matched against the event lexicon.

A predicate is a verb in the lexicon, or an event noun under a light verb ("staged a rally"),
or an event noun with its own participants ("the adoption by the Senate of a resolution").
Its actor and recipient come from the parse (``args``); modality, negation and control
verbs decide what is actually asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from resgestae.coding import args
from resgestae.coding.acled import acled_subtype, article_contexts, sentence_cues
from resgestae.coding.lexicon import Entry, EventLexicon
from resgestae.types import Actor, Event, Mention, Parsed

__all__ = ["Coded", "code", "contexts", "place_recipient", "settle"]

HYPOTHETICAL = frozenset({"would", "could", "might", "may", "can", "ought"})
OBLIGATION = frozenset({"must", "should"})
FUTURE = frozenset({"will", "shall", "'ll"})
READY = frozenset(
    {
        "ready",
        "willing",
        "prepared",
        "set",
        "poised",
        "determined",
        "eager",
        "scheduled",
        "due",
        "slated",
        "expected",
    }
)
SPEECH = frozenset(
    "say tell state declare announce add insist reiterate stress warn conclude claim report "
    "write note argue affirm assert confirm indicate signal".split()
)
# Verbs announcing what their subject means to do: coded as an intent or a threat, by what
# is intended ("vowed to fight" is a threat, "decided to release" an intent).
INTENT_VERBS = frozenset(
    "plan intend decide prepare aim vow pledge promise offer swear resolve want seek".split()
)
# Light verbs that make their event noun an intention ("agreed to talks").
# Intent verbs that are a commitment in themselves, whatever they promise.
PLEDGES = frozenset({"agree", "promise", "pledge", "offer", "vow"})
INTENT_NOUN_VERBS = frozenset({"agree", "accept", "offer", "propose", "seek", "want"})
CONDITION = frozenset({"if", "unless", "whether"})
# Roots whose infinitive or clausal complement is what they intend, ask, refuse or threaten;
# the complement is not coded as if it had happened.
COMPLEMENT_ROOTS = frozenset({"02", "03", "10", "12", "13"})
COMPLIANCE_ROOT = "08"
# Roots whose complement is reported, not asserted: the above, and accusations.
EMBEDDING_ROOTS = COMPLEMENT_ROOTS | {"11"}
SUBORDINATE = frozenset(
    {
        "pobj",
        "pcomp",
        "prep",
        "xcomp",
        "ccomp",
        "acl",
        "dobj",
        "nsubj",
        "nsubjpass",
        "compound",
        "amod",
        "poss",
    }
)
# Verbs that report a nominal event's occurrence ("clashes erupted", "an airstrike killed").
OCCURRENCE = frozenset(
    "take erupt break occur happen continue resume kill wound injure leave hit target destroy "
    "rock shake claim spread intensify escalate".split()
)
WEAPON_MODES = frozenset(
    {
        "firearms",
        "explosives",
        "heavy-weapons",
        "aerial",
        "drone",
        "suicide-attack",
        "unconventional",
    }
)
# Senses whose subject receives what the "from" phrase's actor gives.
RECEIVING = frozenset({"v.receive_aid"})
QUANTITY = frozenset(
    "ton tonne kilogram kg barrel batch shipment load consignment part portion amount "
    "quantity worth lot number dozen hundred thousand million supply package round".split()
)
# Generic heads whose compound names the event ("a mediation effort", "an air campaign").
GENERIC_EVENT_HEADS = frozenset(
    "effort campaign operation mission bid attempt drive process initiative action".split()
)
# Gathering verbs whose "for" phrase names the event ("converged for a rally").
GATHER = frozenset({"gather", "converge", "assemble", "mass", "turn"})
ACCIDENTAL = frozenset({"explosion", "blast", "explosive", "fire"})
CASUALTY = frozenset({"v.kill", "v.wound", "v.injure", "n.killing"})
AGENT_SECTORS = frozenset({"MIL", "GOV", "REB", "COP", "SPY", "UAF", "INS", "OPP", "PTY", "CVL"})


@dataclass(frozen=True, slots=True)
class Coded:
    i: int  # the predicate token: dates and places attach to it
    trigger_text: str
    trigger_start: int
    trigger_end: int
    cameo: str
    event: str
    mode: str | None
    quad_class: int
    goldstein: float
    plover_score: float | None
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    rule: str
    negated: bool
    confidence: float
    acled_type: str | None
    acled_subtype: str | None
    context: tuple[str, ...]
    theme: str | None  # lemma of what the event is about, for event coreference
    # An event even without named participants: violence with a named weapon ("a roadside
    # bomb exploded"), or a protest that took place ("a peaceful protest took place in X")
    grounded: bool = False


@dataclass(slots=True)
class _Cand:
    pred: int
    trigger: tuple[int, int]  # token range
    entry: Entry
    cameo: str
    kind: str  # verb | light | noun | control
    actors: list[Actor]
    recipients: list[Actor]
    negated: bool = False
    future: bool = False
    theme: str | None = None
    rule_extra: str = ""
    acled: str | None = None  # an ACLED sub-type the construction fixes


def code(parsed: Parsed, mentions: tuple[Mention, ...], lexicon: EventLexicon) -> list[Coded]:
    ms = args.Mentions(parsed, mentions)
    owners = _owners(parsed, ms)
    out: list[Coded] = []
    sents = []
    for sent in parsed.sentences:
        toks = parsed.tokens[sent.tok_start : sent.tok_end]
        lemmas = [t.lemma.lower() for t in toks]
        words = [t.text for t in toks]
        sents.append((sent, lemmas, sentence_cues(lexicon, lemmas, words),
                      sentence_cues(lexicon, lemmas, words, lexicon.contexts)))  # fmt: skip
    for k, (sent, lemmas, cues, contexts) in enumerate(sents):
        sporting = bool(set(lemmas) & lexicon.discards)
        # How a protest went is often told in the next or the previous sentence ("... marched
        # on the summit. The protests turned violent.").
        near = [q for j in (k - 1, k + 1) if 0 <= j < len(sents) for q in sents[j][2]
                if q.group in ("violent", "intervention")]  # fmt: skip
        cands = _sentence(parsed, ms, lexicon, sent.tok_start, sent.tok_end, owners)
        for c in _merge_same_type(parsed, lexicon, cands):
            # In a sports, film or market sentence, countries and cities are teams and
            # "attacked" is a manner of play: only people named by what they are
            # (activists, police, ministers) make an event there.
            if sporting and not any(a.sector for a in c.actors if args.resolved(a)):
                continue
            protest = lexicon.info(c.cameo).plover == "PROTEST"
            coded = _finish(parsed, lexicon, c, cues + near if protest else cues, contexts)
            if coded is not None:
                out.append(coded)
    return out


def contexts(parsed: Parsed, lexicon: EventLexicon) -> tuple[str, ...]:
    """The article's PLOVER contexts, with details ("disasters/natural"), most mentioned
    first: what an article is about even where it reports no political event."""
    sents = []
    for sent in parsed.sentences:
        toks = parsed.tokens[sent.tok_start : sent.tok_end]
        sents.append(([t.lemma.lower() for t in toks], [t.text for t in toks]))
    return article_contexts(lexicon, sents)


# --- matching -------------------------------------------------------------------------


def _match_verb(parsed: Parsed, lex: EventLexicon, i: int) -> Entry | None:
    tok = parsed.tokens[i]
    entries = next((lex.verbs[w] for w in args.lemmas(tok) if w in lex.verbs), None)
    if not entries:
        return None
    preps = {
        parsed.tokens[c].lemma.lower()
        for c in parsed.children[i]
        if parsed.tokens[c].dep in ("prep", "prt", "agent")
    }
    theme = _theme_token(parsed, i, None)
    for e in entries:
        if e.prep and not set(e.prep.split()) <= preps:
            continue
        if not _frame_ok(parsed, e, i, theme):
            continue
        return e
    return None


def _frame_ok(parsed: Parsed, e: Entry, i: int, theme: int | None) -> bool:
    has_obj = bool(args.children(parsed, i, *args.OBJ))
    if e.frame == "noobj":
        return not has_obj
    if e.frame == "nonhuman":
        return theme is not None and parsed.tokens[theme].ent_type not in ("PERSON", "NORP")
    if e.frame == "obj":
        t = _theme_token(parsed, i, e)
        return t is not None and parsed.tokens[t].lemma.lower() in e.objects
    return True


def _theme_token(parsed: Parsed, i: int, e: Entry | None) -> int | None:
    """The thing acted on: the object, the passive subject, or a relative's antecedent."""
    objs = args.children(parsed, i, *args.OBJ)
    if not objs and args.is_passive(parsed, i):
        objs = args.children(parsed, i, *args.PASSIVE_SUBJ)
    if not objs and e is not None and e.prep:
        for c in parsed.children[i]:
            if parsed.tokens[c].lemma.lower() == e.prep.split()[-1]:
                objs = args.children(parsed, c, "pobj")
    tok = parsed.tokens[i]
    if not objs and tok.dep == "conj" and tok.head != i:
        return _theme_token(parsed, tok.head, e)
    if not objs:
        return None
    t = objs[0]
    if parsed.tokens[t].tag in ("WDT", "WP") or parsed.tokens[t].lemma.lower() == "that":
        return _antecedent(parsed, i, e)
    if parsed.tokens[t].lemma.lower() in QUANTITY:  # "25,000 tons of food aid": the aid
        of = _of_object(parsed, t)
        if of is not None:
            return of
    return t


def _antecedent(parsed: Parsed, i: int, e: Entry | None) -> int | None:
    """A relative clause's antecedent: the nearest noun above it that fits the verb's frame,
    since the parser often attaches the clause to the last noun of a long phrase."""
    j = i
    while parsed.tokens[j].dep == "conj" and parsed.tokens[j].head != j:
        j = parsed.tokens[j].head
    if parsed.tokens[j].dep != "relcl":
        return None
    first = parsed.tokens[j].head
    if e is None or e.frame != "obj":
        return first
    k, hops = first, 0
    while hops < 8:
        tok = parsed.tokens[k]
        near = [k] + (args.children(parsed, k, *args.OBJ) if tok.pos == "VERB" else [])
        for n in near:
            if parsed.tokens[n].lemma.lower() in e.objects:
                return n
        if tok.head == k:
            break
        k, hops = tok.head, hops + 1
    return first


def _noun_entry(parsed: Parsed, lex: EventLexicon, i: int) -> Entry | None:
    tok = parsed.tokens[i]
    if tok.pos != "NOUN":
        return None
    lemma = tok.lemma.lower()
    entries = list(lex.nouns.get(lemma, ()))
    for c in args.children(parsed, i, "compound", "amod"):
        entries = lex.nouns.get(f"{parsed.tokens[c].lemma.lower()} {lemma}", []) + entries
        if lemma in GENERIC_EVENT_HEADS:
            entries += lex.nouns.get(parsed.tokens[c].lemma.lower(), [])
    for e in entries:
        if e.frame == "obj":
            of = _of_object(parsed, i)
            if of is None or parsed.tokens[of].lemma.lower() not in e.objects:
                continue
        return e
    return None


def _of_object(parsed: Parsed, i: int) -> int | None:
    for p in args.children(parsed, i, "prep"):
        if parsed.tokens[p].lemma.lower() == "of":
            objs = args.children(parsed, p, "pobj")
            if objs:
                return objs[0]
    return None


# --- candidates -----------------------------------------------------------------------


def _sentence(parsed, ms, lex, start, end, owners) -> list[_Cand]:
    cands: list[_Cand] = []
    consumed: set[int] = set()  # nouns and complements already part of a coded predicate
    failed: set[int] = set()  # complements of "failed to"
    for i in range(start, end):
        tok = parsed.tokens[i]
        if tok.pos != "VERB" or i in consumed:
            continue
        c = _verb_candidate(parsed, ms, lex, i, consumed, owners, failed)
        if c is not None:
            cands.append(c)
    for i in range(start, end):
        if i in consumed:
            continue
        c = _noun_candidate(parsed, ms, lex, i, owners)
        if c is not None:
            cands.append(c)
    return cands


def _descriptive(parsed: Parsed, i: int, lex: EventLexicon) -> bool:
    """A non-finite verb that describes a noun ("the need to recognize", "a resolution
    aimed at recognizing", "resolutions demanding") asserts no event of its own."""
    k, hops = i, 0
    tok = parsed.tokens[i]
    if tok.dep == "conj" and tok.tag in ("VBD", "VBN") and not parsed.coordinated(i):
        return True  # "the ceasefire agreed in 2020", misparsed as a coordinated verb
    while hops < 6:
        tok = parsed.tokens[k]
        if tok.dep == "acl" and not (k == i and tok.tag == "VBN" and _hand_written(lex, tok)):
            return True  # "soldiers killed in the raid" (VBN) did happen; "aimed at" did not
        if tok.dep in ("xcomp", "pcomp", "prep", "conj") and tok.head != k:
            k, hops = tok.head, hops + 1
            if parsed.tokens[k].pos in ("NOUN", "PROPN") and tok.dep in ("xcomp", "pcomp", "ccomp"):
                return True
            continue
        return False
    return False


def _hand_written(lex: EventLexicon, tok) -> bool:
    """Whether a verb has a hand-written entry (PETRARCH's broad verbs, like "influenced",
    are too loose to assert an event from a participle)."""
    return any(not e.id.startswith("p.") for w in args.lemmas(tok) for e in lex.verbs.get(w, ()))


def _verb_candidate(parsed, ms, lex, i, consumed, owners, failed) -> _Cand | None:
    tok = parsed.tokens[i]
    entry = _match_verb(parsed, lex, i)
    noun = None
    if any(w in lex.light for w in args.lemmas(tok)) and (
        entry is None
        or (entry.frame in ("*", "noobj") and entry.prep is None)
        or entry.pos == "control"
    ):
        for o in args.children(parsed, i, *args.OBJ) + _part_in(parsed, i):
            ne = _noun_entry(parsed, lex, o)
            if ne is not None:
                entry, noun = ne, o
                break
    if entry is None or _descriptive(parsed, i, lex):
        return None  # "the need to recognize X", "resolutions demanding Y": not asserted
    if i not in failed and _embedded(parsed, lex, i):
        return None  # "accused X of shelling Y": the shelling is alleged, not asserted
    theme_tok = _theme_token(parsed, i, entry)
    if theme_tok is not None:
        consumed.add(theme_tok)
    if noun is not None:
        consumed.add(noun)
        kind, trigger = "light", (i, noun + 1)
    else:
        kind, trigger = ("control" if entry.pos == "control" else "verb"), (i, i + 1)
    cameo = entry.cameo
    negated = _negated(parsed, i) or i in failed
    rule_extra = ""
    acled = None
    lemma = tok.lemma.lower()
    # A complement of an intent, demand, refusal or threat is what is intended, demanded...
    comp = _complement(parsed, noun if noun is not None else i)
    if comp is None and noun is not None:
        comp = _complement(parsed, i)
    if comp is not None and (cameo[:2] in COMPLEMENT_ROOTS or lemma in INTENT_VERBS):
        inner = _match_verb(parsed, lex, comp) or _light_noun(parsed, lex, comp)
        if entry.id == "v.fail" and (inner is None or inner.cameo[:2] != COMPLIANCE_ROOT):
            failed.add(comp)  # "failed to capture the town": the capture, negated
            return None
        consumed.add(comp)
        if inner is None and lemma in INTENT_VERBS and noun is None and lemma not in PLEDGES:
            return None  # "decided to travel": no political content
        if inner is not None:
            rule_extra = f"+{inner.id}"
            if lemma in INTENT_VERBS:
                cameo = _intent(lex, inner.cameo)
            else:
                refined = lex.refine.get((cameo[:2], inner.cameo[:2]))
                if cameo[:2] == "12" and inner.cameo[:2] == COMPLIANCE_ROOT:
                    refined = "124"  # refusing or failing to comply: decline to yield
                cameo = refined or cameo
    elif entry.id == "v.fail" or (
        lemma in INTENT_VERBS
        and noun is None
        and entry.pos == "control"
        and entry.cameo[:2] == "03"
        and lemma not in PLEDGES
    ):
        return None
    elif noun is not None and lemma in INTENT_NOUN_VERBS:
        # "agreed to talks", "accepted mediation", "agreed to a ceasefire": intents; a
        # ceasefire or a deal agreed is an ACLED agreement all the same.
        if cameo[:2] in ("05", "08") and lemma == "agree":
            acled = "Agreement"
        cameo = _intent(lex, cameo)
    mood = _mood(parsed, i)
    if mood == "hypothetical":
        return None
    speaker = None
    if mood == "obligation":
        speaker = _speech_head(parsed, i)
        if speaker is None:
            return None  # "X must leave", said by nobody we can see
    if mood in ("future", "ready") and cameo[:2] not in COMPLEMENT_ROOTS:
        if negated:
            # "would not provide support", "will not accept refugees": a refusal, asserted
            cameo = lex.refine.get(("12", cameo[:2]), "120")
            negated, rule_extra = False, rule_extra + "+refusal"
        else:
            cameo = _intent(lex, cameo, threat=_has_mark(parsed, i, "unless"))
            rule_extra += "+intent"
    actors, recipients = _verb_args(parsed, ms, i, entry, noun, comp, owners)
    if entry.frame == "obj" and theme_tok is not None and not any(map(args.resolved, actors)):
        # A document's author does what is done to it: "the resolution of the Senate ...
        # was adopted" was adopted by the Senate.
        author = _owner_of(parsed, theme_tok, owners)
        if author is not None:
            actors, rule_extra = [author], rule_extra + "+author"
    pred = i
    if speaker is not None:
        # "The minister said Libya must hand over the suspects": a demand by the speaker.
        recipients = [a for a in actors if args.resolved(a)]
        actors = args.expand(parsed, ms, args.subject(parsed, speaker), search=False)
        cameo = lex.refine.get(("10", cameo[:2]), "100")
        rule_extra += "+must"
        pred = speaker
    return _Cand(
        pred,
        trigger,
        entry,
        cameo,
        kind,
        actors,
        recipients,
        negated,
        mood == "future",
        _lemma(parsed, theme_tok),
        rule_extra,
        acled,
    )


def _intent(lex: EventLexicon, cameo: str, threat: bool = False) -> str:
    """What announcing an action codes as: cooperation intended (03x), conflict threatened
    (13x); demands, accusations and rejections stay what they are."""
    root = cameo[:2]
    if threat or root in ("14", "15", "16", "17", "18", "19", "20"):
        return lex.refine.get(("13", root), "130")
    if root in ("04", "05", "06", "07", "08"):
        return lex.refine.get(("03", root), "030")
    return cameo


def _part_in(parsed: Parsed, i: int) -> list[int]:
    """Event nouns in "take part in", "participate in", "join in"."""
    out = []
    preps = (
        ("in", "on", "to", "for")
        if parsed.tokens[i].lemma.lower() in GATHER
        else ("in", "on", "to")
    )
    for p in args.children(parsed, i, "prep"):
        if parsed.tokens[p].lemma.lower() in preps:
            out.extend(args.children(parsed, p, "pobj"))
    return out


def _light_noun(parsed, lex, i) -> Entry | None:
    for o in args.children(parsed, i, *args.OBJ):
        e = _noun_entry(parsed, lex, o)
        if e is not None:
            return e
    return None


def _complement(parsed: Parsed, i: int) -> int | None:
    """The clause i governs: "agreed [to withdraw]", "the demand [that Israel ease ...]"."""
    deps = ("xcomp", "ccomp", "acl") if parsed.tokens[i].pos == "NOUN" else ("xcomp", "ccomp")
    for c in parsed.children[i]:
        t = parsed.tokens[c]
        if t.dep in deps and t.pos in ("VERB", "AUX"):
            return c
    return None


def _verb_args(parsed, ms, i, entry, noun, comp, owners):
    passive = args.is_passive(parsed, i)
    if passive:
        actor_heads = [
            p for a in args.children(parsed, i, "agent") for p in args.children(parsed, a, "pobj")
        ]
    else:
        actor_heads = args.subject(parsed, i)
    sp = _speaker(parsed, ms, actor_heads[0], owners) if len(actor_heads) == 1 else None
    actors = [sp] if sp else args.expand(parsed, ms, actor_heads, search=False)
    if entry.id in RECEIVING:
        # "received weapons from the government": the giver acts, the receiver receives
        givers = [
            o
            for p in args.children(parsed, i, "prep")
            if parsed.tokens[p].lemma.lower() == "from"
            for o in args.children(parsed, p, "pobj")
        ]
        return args.expand(parsed, ms, givers, search=True), [a for a in actors if args.resolved(a)]
    direct: list[int] = []
    if passive:
        direct = [
            (_antecedent(parsed, i, None) or t) if parsed.tokens[t].tag in ("WDT", "WP") else t
            for t in args.children(parsed, i, *args.PASSIVE_SUBJ)
        ]
        if parsed.tokens[i].dep == "acl":  # "soldiers killed in the raid": the soldiers
            direct = [parsed.tokens[i].head]
    elif noun is None and entry.frame != "obj":  # "signed an agreement": no recipient
        direct = args.children(parsed, i, *args.OBJ)
    # "sent Haiti food aid": the indirect object receives
    direct = direct + [
        d
        for d in args.children(parsed, i, "dative")
        if parsed.tokens[d].pos in ("NOUN", "PROPN", "PRON")
    ]
    recipients = _recipients(parsed, ms, direct, owners, actors)
    if not recipients and comp is not None:  # "demanded that the US cancel": the US
        subj = args.children(parsed, comp, *args.SUBJ, *args.PASSIVE_SUBJ)
        recipients = _recipients(parsed, ms, subj, owners, actors)
    # Otherwise the first preposition whose object is an actor: on the event noun, on the
    # verb, then on the complement ("threatened to impose sanctions on X").
    for host in (noun, i, comp):
        if recipients or host is None:
            continue
        for h in _prep_objects(parsed, host, entry if host != comp else None):
            recipients = _recipients(parsed, ms, [h], owners, actors)
            if recipients:
                break
    if not recipients and comp is not None:
        recipients = _recipients(parsed, ms, args.children(parsed, comp, *args.OBJ), owners, actors)
    if not recipients and entry.frame == "obj":
        # The thing acted on names whom it targets: "tightened the blockade of Serbia",
        # "lifted the ban on the party".
        theme = _theme_token(parsed, i, entry)
        found = (
            args.search_subtree(parsed, ms, theme, exclude=actors) if theme is not None else None
        )
        recipients = [found] if found is not None else []
    return actors, recipients


def _prep_objects(parsed: Parsed, i: int, entry: Entry | None) -> list[int]:
    """Objects of the recipient prepositions on i, the entry's own first ("abide by")."""
    preps = {
        parsed.tokens[p].lemma.lower(): p
        for p in args.children(parsed, i, "prep", "prt", "dative")
        if parsed.tokens[p].pos == "ADP"
    }
    order = ([entry.prep.split()[-1]] if entry and entry.prep else []) + [
        p for p in args.RECIPIENT_PREPS if p not in ("of", "from", "into")
    ]
    out: list[int] = []
    for name in order:
        if name in preps:
            out += [o for o in args.children(parsed, preps[name], "pobj") if o not in out]
    return out


def _recipients(parsed, ms, heads, owners, actors) -> list[Actor]:
    out: list[Actor] = []
    for h in heads:
        for j in args.conjuncts(parsed, h):
            a = args.actor_for(parsed, ms, j, search=True)
            if not args.resolved(a):
                a = _owner_of(parsed, j, owners) or a
            if args.resolved(a) and a not in out and not any(_same(a, b) for b in actors):
                out.append(a)
    return out


def _same(a: Actor, b: Actor) -> bool:
    return a.start == b.start and a.end == b.end


def _noun_candidate(parsed, ms, lex, i, owners) -> _Cand | None:
    entry = _noun_entry(parsed, lex, i)
    if entry is None:
        return None
    tok = parsed.tokens[i]
    actors: list[Actor] = []
    recipients: list[Actor] = []
    for c in parsed.children[i]:
        t = parsed.tokens[c]
        m = ms.at(c)
        if t.dep in ("poss", "compound", "amod", "nmod") and m and args.resolved(m.actor):
            actors.append(m.actor)
        elif t.dep == "prep" and t.lemma.lower() == "by":
            actors += [
                args.actor_for(parsed, ms, p, search=False)
                for p in args.children(parsed, c, "pobj")
            ]
        elif t.dep == "prep" and t.lemma.lower() == "between":
            # "clashes between police and protesters": both sides act
            actors += args.expand(parsed, ms, args.children(parsed, c, "pobj"), search=True)
        elif t.dep == "prep" and t.lemma.lower() in ("against", "on", "with", "at", "to"):
            recipients += _recipients(parsed, ms, args.children(parsed, c, "pobj"), owners, [])
    of = _of_object(parsed, i)
    theme = None
    if of is not None:
        m = ms.at(of)
        if (
            m is not None
            and args.resolved(m.actor)
            and m.actor.sector in AGENT_SECTORS
            and not actors
        ):
            actors.append(m.actor)
        else:
            theme = parsed.tokens[of].lemma.lower()
    if _embedded(parsed, lex, i):
        return None
    occurs = tok.dep in ("nsubj", "nsubjpass") and parsed.tokens[tok.head].lemma.lower() in (
        OCCURRENCE
    )
    if not actors and not recipients and not occurs and theme is None:
        return None  # kept with only a theme ("the signing of the truce in 1994") if dated
    if occurs and not actors:  # "clashes broke out between police and protesters"
        for p in args.children(parsed, tok.head, "prep"):
            if parsed.tokens[p].lemma.lower() == "between":
                actors += args.expand(parsed, ms, args.children(parsed, p, "pobj"), search=True)
    if occurs and not recipients:
        recipients = _recipients(
            parsed, ms, args.children(parsed, tok.head, *args.OBJ), owners, actors
        )
    pred = tok.head if occurs else i
    return _Cand(
        pred,
        (i, i + 1),
        entry,
        entry.cameo,
        "noun",
        actors,
        recipients,
        _negated(parsed, pred) if occurs else False,
        False,
        theme,
    )


def _embedded(parsed: Parsed, lex: EventLexicon, i: int) -> bool:
    """An event under a description, a demand, an accusation, an intention or a hypothesis
    ("resolutions demanding the withdrawal", "called for talks", "accused X of shelling") is
    not asserted to happen. Coordination does not embed: in "condemned X and demanded Y" both
    are asserted."""
    k, hops = i, 0
    while parsed.tokens[k].head != k and hops < 8:
        # Conjuncts share their first conjunct's place: "alleged that A and that B" embeds
        # B; "condemned X and demanded Y" (a main clause) embeds nothing.
        k = _clause_chain(parsed, k)[-1]
        if parsed.tokens[k].dep not in SUBORDINATE or parsed.tokens[k].head == k:
            return False
        k, hops = parsed.tokens[k].head, hops + 1
        tok = parsed.tokens[k]
        if tok.pos not in ("VERB", "AUX"):
            continue
        if tok.dep == "acl" or _mood(parsed, k) != "asserted":
            return True
        entry = _match_verb(parsed, lex, k)
        if entry is not None and (entry.cameo[:2] in EMBEDDING_ROOTS or entry.pos == "control"):
            return True
    return False


# --- modality ---------------------------------------------------------------------------


def _clause_chain(parsed: Parsed, i: int) -> list[int]:
    """i and the verbs it is coordinated under, which share its auxiliaries."""
    out = [i]
    while parsed.tokens[i].dep == "conj" and parsed.tokens[i].head != i:
        i = parsed.tokens[i].head
        out.append(i)
    return out


def _aux_lemmas(parsed: Parsed, i: int) -> set[str]:
    return {
        parsed.tokens[c].lemma.lower()
        for j in _clause_chain(parsed, i)
        for c in args.children(parsed, j, "aux", "auxpass", "mark", "advmod", "neg")
    }


def _mood(parsed: Parsed, i: int) -> str:
    """asserted | future | ready | obligation | hypothetical, from auxiliaries and frames."""
    lem = _aux_lemmas(parsed, i)
    if lem & CONDITION and not lem & {"unless"}:
        return "hypothetical"
    if lem & OBLIGATION or _has_to(parsed, i):
        return "obligation"
    if lem & FUTURE or _going_to(parsed, i):
        return "future"
    if "would" in lem and _speech_head(parsed, i) is not None:
        return "future"  # "said it would allow": a reported intention
    if lem & HYPOTHETICAL:
        return "hypothetical"
    if _ready_to(parsed, i):
        return "ready"
    return "asserted"


def _has_mark(parsed: Parsed, i: int, word: str) -> bool:
    return word in _aux_lemmas(parsed, i) or any(
        parsed.tokens[c].lemma.lower() == word
        for c in args.children(parsed, i, "advcl")
        for c in args.children(parsed, c, "mark")
    )


def _has_to(parsed: Parsed, i: int) -> bool:
    """ "has to leave", "need to leave": xcomp of have/need."""
    tok = parsed.tokens[i]
    head = parsed.tokens[tok.head]
    return tok.dep == "xcomp" and head.lemma.lower() in ("have", "need") and head.i != i


def _going_to(parsed: Parsed, i: int) -> bool:
    tok = parsed.tokens[i]
    head = parsed.tokens[tok.head]
    return tok.dep == "xcomp" and head.lemma.lower() == "go" and head.tag == "VBG"


def _ready_to(parsed: Parsed, i: int) -> bool:
    """ "is ready/willing/prepared to lift the ban"."""
    tok = parsed.tokens[i]
    head = parsed.tokens[tok.head]
    words = {head.lemma.lower(), head.text.lower()}
    return tok.dep == "xcomp" and bool(words & READY) and head.i != i


def _speech_head(parsed: Parsed, i: int) -> int | None:
    """The verb of saying whose complement clause contains i ("said that X must ...")."""
    k = _clause_chain(parsed, i)[-1]
    tok = parsed.tokens[k]
    if tok.dep in ("ccomp", "parataxis") and tok.head != k:
        head = parsed.tokens[tok.head]
        if head.lemma.lower() in SPEECH:
            return head.i
    if tok.dep == "ROOT":
        for c in parsed.children[k]:
            t = parsed.tokens[c]
            if t.dep == "parataxis" and t.lemma.lower() in SPEECH:
                return c
    return None


def _negated(parsed: Parsed, i: int) -> bool:
    return any(
        parsed.tokens[c].dep == "neg" or parsed.tokens[c].lemma.lower() == "never"
        for c in parsed.children[i]
    )


# --- people and things named elsewhere ------------------------------------------------


def _owners(parsed: Parsed, ms: args.Mentions) -> list[tuple[int, str, Actor]]:
    """Nouns tied to an actor in the text ("a resolution of the French Senate", "a statement
    by the protesters"), so a later "the resolution" or "the statement" can be traced."""
    out = []
    for t in parsed.tokens:
        if t.pos != "NOUN" or ms.at(t.i) is not None:
            continue
        for c in parsed.children[t.i]:
            ct = parsed.tokens[c]
            owner = None
            if ct.dep == "poss" or (ct.dep == "amod" and ms.at(c)):
                m = ms.at(c)
                owner = m.actor if m and args.resolved(m.actor) else None
            elif ct.dep == "prep" and ct.lemma.lower() in ("of", "by"):
                for p in args.children(parsed, c, "pobj"):
                    m = ms.at(p)
                    if m and args.resolved(m.actor):
                        owner = m.actor
            if owner is not None:
                out.append((t.i, t.lemma.lower(), owner))
                break
    return out


def _owner_of(parsed: Parsed, i: int, owners) -> Actor | None:
    """The actor an earlier phrase tied to the same noun ("the resolution" -> its author)."""
    lemma = parsed.tokens[i].lemma.lower()
    best = None
    for j, lem, actor in owners:
        if lem == lemma and j < i:
            best = actor
    return best


def _speaker(parsed, ms, h, owners) -> Actor | None:
    """ "We" inside a quotation is whoever the quotation is attributed to."""
    if parsed.tokens[h].text.lower() not in args.FIRST_PERSON:
        return None
    m = ms.at(h)
    if m is not None and args.resolved(m.actor):
        return m.actor
    sent_idx = parsed.tokens[h].sent
    for k in range(sent_idx, min(sent_idx + 4, len(parsed.sentences))):
        s = parsed.sentences[k]
        for j in range(s.tok_start, s.tok_end):
            t = parsed.tokens[j]
            if t.lemma.lower() in ("say", "state", "add", "declare", "tell") and t.pos == "VERB":
                for subj in args.children(parsed, j, "nsubj"):
                    a = args.actor_for(parsed, ms, subj, search=True)
                    if not args.resolved(a):
                        a = _owner_of(parsed, subj, owners) or a
                    if args.resolved(a):
                        return a
    return None


def _lemma(parsed: Parsed, i: int | None) -> str | None:
    return parsed.tokens[i].lemma.lower() if i is not None else None


# --- merging and output ---------------------------------------------------------------


def _merge_same_type(parsed: Parsed, lex: EventLexicon, cands: list[_Cand]) -> list[_Cand]:
    """One event per predicate chain: "staged a rally to protest against X" is one protest,
    whose recipient comes from the purpose clause."""
    out: list[_Cand] = []
    for c in cands:
        typ = lex.info(c.cameo).plover
        host = next(
            (o for o in out if lex.info(o.cameo).plover == typ and _linked(parsed, o.pred, c.pred)),
            None,
        )
        if host is None:
            out.append(c)
            continue
        if _more_specific(c, host):
            host.cameo, host.entry, host.trigger = c.cameo, c.entry, c.trigger
        host.actors += [a for a in c.actors if a not in host.actors and args.resolved(a)]
        host.recipients += [
            a for a in c.recipients if a not in host.recipients and a not in host.actors
        ]
    return out


def _more_specific(c: _Cand, host: _Cand) -> bool:
    """Which of two merged predicates names the event: the attack rather than its casualties
    ("exchanged fire, killing three"), else the longer CAMEO code."""
    c_cas, h_cas = c.entry.id in CASUALTY, host.entry.id in CASUALTY
    if c_cas != h_cas:
        return h_cas
    return len(c.cameo) > len(host.cameo)


def _linked(parsed: Parsed, a: int, b: int) -> bool:
    for x, y in ((a, b), (b, a)):
        k, hops = y, 0
        while hops < 3 and parsed.tokens[k].head != k:
            k, hops = parsed.tokens[k].head, hops + 1
            if k == x:
                return True
    return False


def _finish(parsed: Parsed, lex: EventLexicon, c: _Cand, cues, contexts=()) -> Coded | None:
    info = lex.info(c.cameo)
    if info.plover is None:
        return None
    actors = [a for a in c.actors]
    recipients = [r for r in c.recipients if args.resolved(r)]
    mode = c.entry.mode if c.cameo == c.entry.cameo and c.entry.mode else info.mode
    disaster = any(q.group == "disasters" for q in contexts)
    # In a disaster story "explosion" and "blast" are the accident, not a weapon.
    weapon = next(
        (q for q in cues if q.group == "weapon" and not (disaster and q.words[0] in ACCIDENTAL)),
        None,
    )
    # Violence done with a named weapon is an event even when the perpetrator is unknown
    # ("a roadside bomb exploded in the market"); a metaphor has no weapon.
    armed = weapon is not None and (
        info.plover == "ASSAULT" or c.entry.acled == "Disrupted weapons use"
    )
    if armed and (mode in WEAPON_MODES or mode is None):
        mode = weapon.mode
    unnamed_protest = info.plover == "PROTEST" and c.kind == "noun"
    if not _has_participant(actors, recipients) and c.theme is None and not armed:
        if not unnamed_protest:
            return None  # no political participant: "the market attacked the pound"
    if disaster and not armed and not any(_perpetrator(a) for a in actors):
        return None  # "the earthquake killed eight", "floods hit the north": no perpetrator
    start_tok, end_tok = c.trigger
    t0, t1 = parsed.tokens[start_tok], parsed.tokens[end_tok - 1]
    text = parsed.article.text[t0.idx : t1.end]
    conf = {"light": 0.85, "control": 0.8, "verb": 0.75, "noun": 0.6}[c.kind]
    if c.entry.frame == "obj" or c.entry.prep:
        conf += 0.1
    if c.entry.id.startswith("p."):
        conf -= 0.15  # PETRARCH's broad verb blocks are less precise than ours
    conf += 0.05 if any(a.country for a in actors) else -0.2
    top = parsed.tokens[_clause_chain(parsed, c.pred)[-1]]
    if top.dep == "ROOT":
        conf += 0.1  # the sentence's main predicate (or one coordinated with it)
    elif top.dep in ("relcl", "advcl", "acl"):
        conf -= 0.05  # a side clause: background to the sentence's own event
    if "+author" in c.rule_extra:
        conf -= 0.2  # the actor is inferred, not stated
    if c.future:
        conf *= 0.75
    if c.negated:
        conf *= 0.8
    if armed and not _has_participant(actors, recipients):
        conf -= 0.1
    sub = c.acled or acled_subtype(
        lex, c.entry, info.plover, mode, c.cameo, actors, recipients, cues
    )
    return Coded(
        i=c.pred,
        trigger_text=text,
        trigger_start=t0.idx,
        trigger_end=t1.end,
        cameo=c.cameo,
        event=info.plover,
        mode=mode,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover_score=lex.plover_score(info.plover, mode),
        actors=tuple(actors),
        recipients=tuple(recipients),
        rule=c.entry.id + c.rule_extra,
        negated=c.negated,
        confidence=round(max(0.05, min(0.99, conf)), 2),
        acled_type=lex.acled_types.get(sub) if sub else None,
        acled_subtype=sub,
        context=tuple(dict.fromkeys(info.context + tuple(q.group for q in contexts))),
        theme=c.theme,
        grounded=armed or (unnamed_protest and parsed.tokens[c.pred].lemma.lower() in OCCURRENCE),
    )


# Roots whose recipient, when the text names none, is the place they were done in: the
# people and authorities there (CAMEO's convention: "lifted the curfew in X", "rioted in X").
PLACE_RECIPIENT_ROOTS = frozenset({"08", "13", "14", "15", "16", "17", "18", "19", "20"})


def place_recipient(cameo: str, location) -> tuple[Actor, ...]:
    """The country of the place an event happened in, as its recipient, where the event's
    kind takes one and the place is named in the sentence (not the article's main place)."""
    if cameo[:2] not in PLACE_RECIPIENT_ROOTS or location is None or not location.country:
        return ()
    if location.rule not in ("event:locative", "event:sentence-locative"):
        return ()  # not "Baku residents" (where the actor is from) nor the article's city
    start = location.start if location.start is not None else -1
    end = location.end if location.end is not None else -1
    return (
        Actor(
            location.text,
            location.country,
            location.country,
            None,
            start,
            end,
            f"place:{location.geonameid}",
        ),
    )


def _perpetrator(actor: Actor) -> bool:
    """A resolved actor that is someone, not the blast itself ("an explosion killed": the
    actors stage codes an unattributed blast as an unidentified armed force)."""
    words = set(actor.text.lower().split())
    return args.resolved(actor) and not (actor.sector == "UAF" and words & ACCIDENTAL)


def _has_participant(actors, recipients) -> bool:
    return any(args.resolved(a) for a in actors) or any(args.resolved(r) for r in recipients)


def settle(pairs: list[tuple[Coded, Event]]) -> list[Event]:
    """The article's final events: mentions of one event merged, participant-less dropped.

    An event without a known actor ("the resolution was adopted on November 25") that
    matches another with one ("the adoption by the Senate of a resolution") on CAMEO code
    and theme is the same event: one is kept, with the known actor and the date the text
    gives. A later mention of the same event (same code, date and actors: "residents joined
    the protest") adds its participants to the first. Events with no political participant
    are dropped ("the market attacked the pound").
    """
    events = [e for _, e in pairs]
    drop: set[int] = set()
    for k, (c, e) in enumerate(pairs):
        if c.theme is None or any(args.resolved(a) for a in e.actor):
            continue
        for j, (c2, e2) in enumerate(pairs):
            if j == k or j in drop or c2.theme != c.theme or c2.cameo[:3] != c.cameo[:3]:
                continue
            if not any(args.resolved(a) for a in e2.actor):
                continue
            if e.date.source == e2.date.source == "text" and e.date.value != e2.date.value:
                continue  # two signings of two agreements, years apart
            recips = e.recipient or e2.recipient
            if e.date.source == "text" or e2.date.source != "text":
                events[k] = replace(e, actor=e2.actor, recipient=recips, rule=e.rule + "+coref")
                drop.add(j)
            else:
                events[j] = replace(e2, recipient=recips, rule=e2.rule + "+coref")
                drop.add(k)
            break
    kept: list[Event] = []
    for n, e in enumerate(events):
        if n in drop or not (
            _has_participant(e.actor, e.recipient)
            or pairs[n][0].grounded
            or _dated_nominal(pairs[n])
        ):
            continue
        first = next((k for k in kept if _repeats(k, e)), None)
        if first is None:
            kept.append(e)
            continue
        extra_a = tuple(
            a for a in e.actor if args.resolved(a) and a.code not in _codes(first.actor)
        )
        extra_r = tuple(r for r in e.recipient if r.code not in _codes(first.recipient))
        kept[kept.index(first)] = replace(
            first, actor=first.actor + extra_a, recipient=first.recipient + extra_r
        )
    return kept


def _dated_nominal(pair) -> bool:
    """A nominal event with its own date ("the signing of the cease-fire agreement in 1994"):
    a historical event the text asserts, even where it names no participant."""
    c, e = pair
    return c.rule.startswith("n.") and c.theme is not None and e.date.source == "text"


def _codes(actors) -> set[str | None]:
    return {a.code for a in actors}


def _repeats(a: Event, b: Event) -> bool:
    return (
        a.cameo[:3] == b.cameo[:3]
        and a.date.value == b.date.value
        and a.negated == b.negated
        and bool(_codes(a.actor) & _codes(b.actor) - {None})
    )
