"""Matching predicates to lexicon entries: a verb sense by its frame and preposition, an
event noun by its compounds and "of" object, and the thing a predicate acts on."""

from __future__ import annotations

from resgestae.coding import args
from resgestae.coding.context import Context
from resgestae.coding.lexicon import Entry

__all__ = [
    "antecedent",
    "complement",
    "hand_written",
    "light_noun",
    "match_verb",
    "noun_entry",
    "of_object",
    "part_in",
    "theme_token",
]


# A particle the entry does not name makes another verb ("pressed on": carried on; "backed
# down": gave in; "talked up"), so the plain sense does not match; but "up" mostly completes
# the act ("beat up", "locked up") or is a misparsed "up to" ("kidnapped up to 16").
NEUTRAL_PARTICLES = frozenset({"up"})


def match_verb(ctx: Context, i: int) -> Entry | None:
    """The first sense of the verb at i whose preposition and frame the clause has."""
    parsed, lex = ctx.parsed, ctx.lexicon
    tok = parsed.tokens[i]
    entries = next((lex.verbs[w] for w in args.lemmas(tok) if w in lex.verbs), None)
    if not entries:
        return None
    preps = {
        parsed.tokens[c].lemma.lower()
        for c in parsed.children[i]
        if parsed.tokens[c].dep in ("prep", "prt", "agent") and not _when(ctx, c)
    }
    particles = {
        parsed.tokens[c].lemma.lower() for c in parsed.children[i] if parsed.tokens[c].dep == "prt"
    }
    theme = theme_token(ctx, i, None)
    for e in entries:
        if e.prep and not set(e.prep.split()) <= preps:
            continue
        if particles - set((e.prep or "").split()) - NEUTRAL_PARTICLES:
            continue
        if not _frame_ok(ctx, e, i, theme):
            continue
        return e
    return None


SOMEONE = frozenset({"PERSON", "NORP", "ORG", "GPE"})


def _someone(ctx: Context, o: int) -> bool:
    """Whether the noun at o is someone: a name, a pronoun, or a resolved actor."""
    parsed = ctx.parsed
    return (
        parsed.tokens[o].pos in ("PROPN", "PRON")
        or parsed.tokens[o].ent_type in SOMEONE
        or args.resolved(args.actor_for(parsed, ctx.mentions, o))
    )


def _when(ctx: Context, p: int) -> bool:
    """Whether the preposition at p only says when ("on Monday", "in March"): then it is not
    the one a sense needs ("called on Monday" is no "call on")."""
    objs = args.children(ctx.parsed, p, "pobj")
    return bool(objs) and all(ctx.parsed.tokens[o].ent_type in ("DATE", "TIME") for o in objs)


def _frame_ok(ctx: Context, e: Entry, i: int, theme: int | None) -> bool:
    parsed = ctx.parsed
    has_obj = bool(args.children(parsed, i, *args.OBJ))
    if e.frame == "noobj":
        return not has_obj
    if e.frame == "nonhuman":
        return theme is not None and parsed.tokens[theme].ent_type not in ("PERSON", "NORP")
    if e.frame == "someone":
        # "pressed the minister to resign", "pressed him", but not "pressed their
        # offensive": the one pressed is someone, or what is pressed for is said
        if complement(ctx, i) is not None:
            return True
        return any(_someone(ctx, o) for o in args.children(parsed, i, *args.OBJ))
    if e.frame == "party":
        # "agreed with France", "agreed to withdraw", but not "agreed with the accusations":
        # agreeing with a claim or a view is concurring, not an agreement
        withs = [o for p in args.children(parsed, i, "prep") if ctx.lemma(p) == "with"
                 for o in args.children(parsed, p, "pobj")]  # fmt: skip
        return not withs or complement(ctx, i) is not None or any(_someone(ctx, o) for o in withs)
    if e.frame == "pejorative":
        return _called_pejorative(ctx, i)
    if e.frame == "obj":
        t = theme_token(ctx, i, e)
        return t is not None and ctx.lemma(t) in e.objects
    return True


# Where the model puts what an object is called: "called it illegal" (oprd), "branded the
# vote a sham" (npadvmod), "described it as baseless" (advcl, or "as" and its object).
_CALLED = ("oprd", "npadvmod", "advcl", "xcomp", "acomp", "ccomp", "attr")


def called(ctx: Context, i: int) -> list[int]:
    """The heads of what the verb at i calls its object, if it names one: "called it
    illegal", "branded the vote a sham" (a second object), "described it as baseless"."""
    parsed = ctx.parsed
    heads = [c for c in parsed.children[i] if parsed.tokens[c].dep in _CALLED]
    heads += args.children(parsed, i, *args.OBJ)[1:]
    heads += [
        g
        for c in parsed.children[i]
        if parsed.tokens[c].dep == "prep" and ctx.lemma(c) == "as"
        for g in args.children(parsed, c, "pobj")
    ]
    return heads


def _called_pejorative(ctx: Context, i: int) -> bool:
    """Whether what the verb calls its object holds a pejorative word; the object itself
    does not count ("called the terrorist attack a tragedy" criticises nobody)."""
    parsed, words = ctx.parsed, ctx.words("pejorative")
    heads = called(ctx, i)
    seen: set[int] = set()
    while heads:
        k = heads.pop()
        if k in seen:
            continue
        seen.add(k)
        if ctx.lemma(k) in words:
            return True
        heads.extend(parsed.children[k])
    return False


def theme_token(ctx: Context, i: int, e: Entry | None) -> int | None:
    """The thing acted on: the object, the passive subject, or a relative's antecedent."""
    parsed = ctx.parsed
    objs = args.children(parsed, i, *args.OBJ)
    if not objs and args.is_passive(parsed, i):
        objs = args.children(parsed, i, *args.PASSIVE_SUBJ)
    if not objs and e is not None and e.prep:
        for c in parsed.children[i]:
            if ctx.lemma(c) == e.prep.split()[-1]:
                objs = args.children(parsed, c, "pobj")
    tok = parsed.tokens[i]
    if not objs and tok.dep == "conj" and tok.head != i:
        return theme_token(ctx, tok.head, e)
    if not objs:
        return None
    t = objs[0]
    if parsed.tokens[t].tag in ("WDT", "WP") or ctx.lemma(t) == "that":
        return antecedent(ctx, i, e)
    if ctx.lemma(t) in ctx.words("quantity"):  # "25,000 tons of food aid": the aid
        of = of_object(ctx, t)
        if of is not None:
            return of
    return t


def antecedent(ctx: Context, i: int, e: Entry | None) -> int | None:
    """A relative clause's antecedent: the nearest noun above it that fits the verb's frame,
    since the parser often attaches the clause to the last noun of a long phrase."""
    parsed = ctx.parsed
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
            if ctx.lemma(n) in e.objects:
                return n
        if tok.head == k:
            break
        k, hops = tok.head, hops + 1
    return first


def noun_entry(ctx: Context, i: int) -> Entry | None:
    """The event-noun sense of the noun at i ("air strike" by its compound, a generic head
    "effort" by the event its compound names)."""
    parsed, lex = ctx.parsed, ctx.lexicon
    tok = parsed.tokens[i]
    if tok.pos != "NOUN":
        return None
    lemma = tok.lemma.lower()
    entries = list(lex.nouns.get(lemma, ()))
    for c in args.children(parsed, i, "compound", "amod"):
        entries = lex.nouns.get(f"{ctx.lemma(c)} {lemma}", []) + entries
        if lemma in ctx.words("generic_head"):
            entries += lex.nouns.get(ctx.lemma(c), [])
    for e in entries:
        if e.frame == "obj":
            of = of_object(ctx, i)
            if of is None or ctx.lemma(of) not in e.objects:
                continue
        return e
    return None


def of_object(ctx: Context, i: int) -> int | None:
    """The object of i's "of" phrase."""
    for p in args.children(ctx.parsed, i, "prep"):
        if ctx.lemma(p) == "of":
            objs = args.children(ctx.parsed, p, "pobj")
            if objs:
                return objs[0]
    return None


def light_noun(ctx: Context, i: int) -> Entry | None:
    """The event-noun sense of the first object of i that has one."""
    for o in args.children(ctx.parsed, i, *args.OBJ):
        e = noun_entry(ctx, o)
        if e is not None:
            return e
    return None


def part_in(ctx: Context, i: int) -> list[int]:
    """Event nouns in "take part in", "participate in", "join in"."""
    out = []
    preps = ("in", "on", "to", "for") if ctx.lemma(i) in ctx.words("gather") else ("in", "on", "to")
    for p in args.children(ctx.parsed, i, "prep"):
        if ctx.lemma(p) in preps:
            out.extend(args.children(ctx.parsed, p, "pobj"))
    return out


def complement(ctx: Context, i: int) -> int | None:
    """The clause i governs: "agreed [to withdraw]", "the demand [that Israel ease ...]"."""
    parsed = ctx.parsed
    deps = ("xcomp", "ccomp", "acl") if parsed.tokens[i].pos == "NOUN" else ("xcomp", "ccomp")
    for c in parsed.children[i]:
        t = parsed.tokens[c]
        if t.dep in deps and t.pos in ("VERB", "AUX"):
            return c
    if _controls(ctx, i):
        # "vowed on Friday to fight": a small model often reads the infinitive as a
        # purpose clause; after a verb that takes one, it is the verb's complement
        for c in parsed.children[i]:
            t = parsed.tokens[c]
            if (
                t.dep == "advcl"
                and t.tag == "VB"
                and any(
                    parsed.tokens[a].dep == "aux" and ctx.lemma(a) == "to"
                    for a in parsed.children[c]
                )
            ):
                return c
    return None


def _controls(ctx: Context, i: int) -> bool:
    """Whether a sense of the verb at i takes an infinitive (a control entry)."""
    tok = ctx.parsed.tokens[i]
    if tok.pos not in ("VERB", "AUX"):
        return False
    return any(e.pos == "control" for w in args.lemmas(tok) for e in ctx.lexicon.verbs.get(w, ()))


def hand_written(ctx: Context, i: int) -> bool:
    """Whether a verb has a hand-written entry (PETRARCH's broad verbs, like "influenced",
    are too loose to assert an event from a participle)."""
    verbs = ctx.lexicon.verbs
    return any(
        e.source == "hand" for w in args.lemmas(ctx.parsed.tokens[i]) for e in verbs.get(w, ())
    )
