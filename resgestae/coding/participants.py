"""A predicate's actors and recipients: from its subject, agent, objects and prepositions, a
quotation's speaker, the author of a document acted on, or the place it happened in."""

from __future__ import annotations

from dataclasses import replace

from resgestae.coding import args
from resgestae.coding.context import Context, Owner
from resgestae.coding.lexicon import Entry, EventLexicon
from resgestae.coding.match import antecedent, theme_token
from resgestae.types import Actor, Location, Parsed

__all__ = ["owner_of", "owners", "place_recipient", "recipients", "state_actors", "verb_args"]


def owners(parsed: Parsed, ms: args.Mentions) -> tuple[Owner, ...]:
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
                out.append(Owner(t.i, t.lemma.lower(), owner))
                break
    return tuple(out)


def owner_of(ctx: Context, i: int) -> Actor | None:
    """The actor an earlier phrase tied to the same noun ("the resolution" -> its author)."""
    lemma = ctx.lemma(i)
    best = None
    for o in ctx.owners:
        if o.lemma == lemma and o.i < i:
            best = o.actor
    return best


def _speaker(ctx: Context, h: int) -> Actor | None:
    """ "We" inside a quotation is whoever the quotation is attributed to."""
    parsed, ms = ctx.parsed, ctx.mentions
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
            if t.lemma.lower() in ctx.lexicon.quoting and t.pos == "VERB":
                for subj in args.children(parsed, j, "nsubj"):
                    a = args.actor_for(parsed, ms, subj, search=True)
                    if not args.resolved(a):
                        a = owner_of(ctx, subj) or a
                    if args.resolved(a):
                        return a
    return None


def verb_args(
    ctx: Context, i: int, entry: Entry, noun: int | None, comp: int | None
) -> tuple[list[Actor], list[Actor]]:
    """Actors and recipients of the verb at i coded by ``entry``, with its event noun and
    complement clause if it has them."""
    parsed, ms = ctx.parsed, ctx.mentions
    passive = args.is_passive(parsed, i)
    if passive:
        actor_heads = [
            p for a in args.children(parsed, i, "agent") for p in args.children(parsed, a, "pobj")
        ]
    else:
        actor_heads = args.subject(parsed, i)
    sp = _speaker(ctx, actor_heads[0]) if len(actor_heads) == 1 else None
    actors = [sp] if sp else args.expand(parsed, ms, actor_heads, search=False)
    if entry.role == "receive":
        # "received weapons from the government": the giver acts, the receiver receives
        givers = [
            o
            for p in args.children(parsed, i, "prep")
            if ctx.lemma(p) == "from"
            for o in args.children(parsed, p, "pobj")
        ]
        return args.expand(parsed, ms, givers, search=True), [a for a in actors if args.resolved(a)]
    direct: list[int] = []
    if passive:
        direct = [
            (antecedent(ctx, i, None) or t) if parsed.tokens[t].tag in ("WDT", "WP") else t
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
    found = recipients(ctx, direct, actors)
    if not found and comp is not None:  # "demanded that the US cancel": the US
        subj = args.children(parsed, comp, *args.SUBJ, *args.PASSIVE_SUBJ)
        found = recipients(ctx, subj, actors)
    # Otherwise the first preposition whose object is an actor: on the event noun, on the
    # verb, then on the complement ("threatened to impose sanctions on X").
    for host in (noun, i, comp):
        if found or host is None:
            continue
        for h in _prep_objects(ctx, host, entry if host != comp else None):
            found = recipients(ctx, [h], actors)
            if found:
                break
    if not found and comp is not None:
        found = recipients(ctx, args.children(parsed, comp, *args.OBJ), actors)
    if not found and entry.frame == "obj":
        # The thing acted on names whom it targets: "tightened the blockade of Serbia",
        # "lifted the ban on the party".
        theme = theme_token(ctx, i, entry)
        target = (
            args.search_subtree(parsed, ms, theme, exclude=actors) if theme is not None else None
        )
        found = [target] if target is not None else []
    return actors, found


def _prep_objects(ctx: Context, i: int, entry: Entry | None) -> list[int]:
    """Objects of the recipient prepositions on i, the entry's own first ("abide by")."""
    parsed = ctx.parsed
    preps = {
        ctx.lemma(p): p
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


def recipients(ctx: Context, heads: list[int], actors) -> list[Actor]:
    """The resolved actors the phrases headed by ``heads`` (and their conjuncts) denote, or
    their nouns' owners, other than ``actors``."""
    out: list[Actor] = []
    for h in heads:
        for j in args.conjuncts(ctx.parsed, h):
            a = args.actor_for(ctx.parsed, ctx.mentions, j, search=True)
            if not args.resolved(a):
                a = owner_of(ctx, j) or a
            if args.resolved(a) and a not in out and not any(_same(a, b) for b in actors):
                out.append(a)
    return out


def _same(a: Actor, b: Actor) -> bool:
    return a.start == b.start and a.end == b.end


def place_recipient(lex: EventLexicon, cameo: str, location: Location | None) -> tuple[Actor, ...]:
    """The country of the place an event happened in, as its recipient, where the event's
    kind takes one (roots.tsv) and the place is named in the sentence (not the article's
    main place)."""
    if not lex.root(cameo).place_recipient or location is None or not location.country:
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


def state_actors(
    lex: EventLexicon, entry_id: str, actors: tuple[Actor, ...], location: Location | None
) -> tuple[Actor, ...] | None:
    """The actors of an act only a state's authorities do (events.tsv role ``state:SECTOR``:
    arresting, charging, sentencing), when the text names none of a country: "he was charged
    in Durban" was charged by South Africa's courts, "police arrested him in Lyon" are
    France's police. The state is the one the event happened in (its location), the place
    is the evidence. None when nothing is added."""
    entry = lex.by_id.get(entry_id)
    role = entry.role if entry is not None else None
    if not role or not role.startswith("state:") or location is None or not location.country:
        return None
    if any(a.country for a in actors):
        return None
    sector, country = role.split(":", 1)[1], location.country
    place = f"state:{sector}+place:{location.geonameid}"
    if not actors:
        start = location.start if location.start is not None else -1
        end = location.end if location.end is not None else -1
        return (Actor(location.text, country + sector, country, sector, start, end, place),)
    return tuple(
        replace(
            a,
            code=country + (a.sector or sector),
            country=country,
            sector=a.sector or sector,
            rule=f"{a.rule}+{place}" if a.rule else place,
        )
        for a in actors
    )
