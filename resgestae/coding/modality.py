"""What a clause asserts: its mood (asserted, future, ready, obligation, hypothetical),
negation, and whether an event is embedded under a description, a demand, an accusation or an
intention rather than asserted; and what announcing an act codes as."""

from __future__ import annotations

from typing import Literal

from resgestae.coding import args
from resgestae.coding.context import Context
from resgestae.coding.match import hand_written, match_verb

__all__ = [
    "Mood",
    "announced",
    "clause_chain",
    "descriptive",
    "embedded",
    "has_mark",
    "mood",
    "negated",
    "speech_head",
]

Mood = Literal["asserted", "future", "ready", "obligation", "hypothetical"]
# Dependencies that put a token under its head's clause, for ``embedded``.
SUBORDINATE = frozenset(
    "pobj pcomp prep xcomp ccomp acl dobj nsubj nsubjpass compound amod poss".split()
)


def clause_chain(ctx: Context, i: int) -> list[int]:
    """i and the verbs it is coordinated under, which share its auxiliaries."""
    parsed = ctx.parsed
    out = [i]
    while parsed.tokens[i].dep == "conj" and parsed.tokens[i].head != i:
        i = parsed.tokens[i].head
        out.append(i)
    return out


def _aux_lemmas(ctx: Context, i: int) -> set[str]:
    return {
        ctx.lemma(c)
        for j in clause_chain(ctx, i)
        for c in args.children(ctx.parsed, j, "aux", "auxpass", "mark", "advmod", "neg")
    }


def mood(ctx: Context, i: int) -> Mood:
    """asserted | future | ready | obligation | hypothetical, from auxiliaries and frames."""
    lem = _aux_lemmas(ctx, i)
    if lem & ctx.words("condition") and not lem & {"unless"}:
        return "hypothetical"
    if lem & ctx.words("obligation") or _has_to(ctx, i):
        return "obligation"
    if lem & ctx.words("future") or _going_to(ctx, i):
        return "future"
    if "would" in lem and speech_head(ctx, i) is not None:
        return "future"  # "said it would allow": a reported intention
    if lem & ctx.words("hypothetical"):
        return "hypothetical"
    if _ready_to(ctx, i):
        return "ready"
    if _disposed_to(ctx, i):
        return "hypothetical"  # "is not afraid to fight", "is able to strike": a disposition
    return "asserted"


def has_mark(ctx: Context, i: int, word: str) -> bool:
    """Whether i's clause, or an adverbial clause under it, is marked by ``word``."""
    return word in _aux_lemmas(ctx, i) or any(
        ctx.lemma(m) == word
        for c in args.children(ctx.parsed, i, "advcl")
        for m in args.children(ctx.parsed, c, "mark")
    )


def _has_to(ctx: Context, i: int) -> bool:
    """ "has to leave", "need to leave": xcomp of have/need."""
    tok = ctx.parsed.tokens[i]
    head = ctx.parsed.tokens[tok.head]
    return tok.dep == "xcomp" and head.lemma.lower() in ("have", "need") and head.i != i


def _going_to(ctx: Context, i: int) -> bool:
    tok = ctx.parsed.tokens[i]
    head = ctx.parsed.tokens[tok.head]
    return tok.dep == "xcomp" and head.lemma.lower() == "go" and head.tag == "VBG"


def _disposed_to(ctx: Context, i: int) -> bool:
    """An infinitive under an adjective other than the "ready" ones ("afraid to", "able
    to", "likely to"): what someone is disposed or able to do, not what they did."""
    tok = ctx.parsed.tokens[i]
    head = ctx.parsed.tokens[tok.head]
    return tok.dep == "xcomp" and head.pos == "ADJ" and head.i != i and not _ready_to(ctx, i)


def _ready_to(ctx: Context, i: int) -> bool:
    """ "is ready/willing/prepared to lift the ban"."""
    tok = ctx.parsed.tokens[i]
    head = ctx.parsed.tokens[tok.head]
    words = {head.lemma.lower(), head.text.lower()}
    return tok.dep == "xcomp" and bool(words & ctx.words("ready")) and head.i != i


def speech_head(ctx: Context, i: int) -> int | None:
    """The verb of saying whose complement clause contains i ("said that X must ...")."""
    parsed, speech = ctx.parsed, ctx.lexicon.speech
    k = clause_chain(ctx, i)[-1]
    tok = parsed.tokens[k]
    if tok.dep in ("ccomp", "parataxis") and tok.head != k:
        head = parsed.tokens[tok.head]
        if head.lemma.lower() in speech:
            return head.i
    if tok.dep == "ROOT":
        for c in parsed.children[k]:
            t = parsed.tokens[c]
            if t.dep == "parataxis" and t.lemma.lower() in speech:
                return c
    return None


def negated(ctx: Context, i: int) -> bool:
    """ "did not attack", "never met"; and the verbs of "neither met nor called" and of "gave
    no order, nor offered a timetable" (a conjunct after "nor")."""
    parsed = ctx.parsed
    if any(parsed.tokens[c].dep == "neg" or ctx.lemma(c) == "never" for c in parsed.children[i]):
        return True
    if any(
        parsed.tokens[c].dep == "preconj" and ctx.lemma(c) == "neither" for c in parsed.children[i]
    ):
        return True
    tok = parsed.tokens[i]
    if tok.dep == "conj" and tok.head != i:
        return any(
            parsed.tokens[c].dep == "cc" and ctx.lemma(c) == "nor" and c < i
            for c in (*parsed.children[tok.head], *parsed.children[i])
        )
    return False


def _said_by_nobody(ctx: Context, k: int) -> bool:
    """The verb at k has "nobody", "none" or "no one" as its subject."""
    parsed = ctx.parsed
    for c in args.children(parsed, k, *args.SUBJ):
        if ctx.lemma(c) in ctx.words("nobody"):
            return True
        if ctx.lemma(c) == "one" and any(ctx.lemma(d) == "no" for d in parsed.children[c]):
            return True
    return False


def descriptive(ctx: Context, i: int) -> bool:
    """A non-finite verb that describes a noun ("the need to recognize", "a resolution
    aimed at recognizing", "resolutions demanding") asserts no event of its own."""
    parsed = ctx.parsed
    k, hops = i, 0
    tok = parsed.tokens[i]
    if tok.dep == "conj" and tok.tag in ("VBD", "VBN") and not parsed.coordinated(i):
        return True  # "the ceasefire agreed in 2020", misparsed as a coordinated verb
    while hops < 6:
        tok = parsed.tokens[k]
        if tok.dep == "acl" and not (k == i and tok.tag == "VBN" and hand_written(ctx, k)):
            return True  # "soldiers killed in the raid" (VBN) did happen; "aimed at" did not
        if tok.dep in ("xcomp", "pcomp", "prep", "conj") and tok.head != k:
            k, hops = tok.head, hops + 1
            if parsed.tokens[k].pos in ("NOUN", "PROPN") and tok.dep in ("xcomp", "pcomp", "ccomp"):
                return True
            continue
        return False
    return False


def embedded(ctx: Context, i: int) -> bool:
    """An event under a description, a demand, an accusation, an intention or a hypothesis
    ("resolutions demanding the withdrawal", "called for talks", "accused X of shelling",
    "allegations of shelling") is not asserted to happen. Coordination does not embed: in
    "condemned X and demanded Y" both are asserted."""
    parsed = ctx.parsed
    k, hops = i, 0
    while parsed.tokens[k].head != k and hops < 8:
        # Conjuncts share their first conjunct's place: "alleged that A and that B" embeds
        # B; "condemned X and demanded Y" (a main clause) embeds nothing.
        k = clause_chain(ctx, k)[-1]
        if parsed.tokens[k].dep not in SUBORDINATE or parsed.tokens[k].head == k:
            return False
        below = k
        k, hops = parsed.tokens[k].head, hops + 1
        tok = parsed.tokens[k]
        if tok.pos == "NOUN" and ctx.lemma(k) in ctx.words("owned"):
            return False  # "a claim of responsibility for the bombing": the bombing was done
        if tok.pos == "NOUN" and ctx.lemma(k) in ctx.words("claim_noun"):
            return True  # "allegations of targeting civilians": alleged, not asserted
        if tok.pos not in ("VERB", "AUX"):
            continue
        if tok.dep == "acl" or mood(ctx, k) != "asserted":
            return True
        # "did not say that soldiers attacked", "none claimed the army shelled it": what
        # nobody says is not reported as done
        if ctx.lemma(k) in ctx.lexicon.speech and (negated(ctx, k) or _said_by_nobody(ctx, k)):
            return True
        # "tried to force him to resign": attempted, not done; "blocked lawyers from
        # visiting him": kept from happening
        if ctx.lemma(k) in ctx.words("attempt"):
            return True
        if ctx.lemma(k) in ctx.words("prevent") and ctx.lemma(below) == "from":
            return True
        entry = match_verb(ctx, k)
        if entry is not None and (ctx.lexicon.root(entry.cameo).reported or entry.pos == "control"):
            return True
    return False


def announced(ctx: Context, cameo: str, threat: bool = False) -> str:
    """What announcing an action codes as: cooperation intended (03x), conflict threatened
    (13x); demands, accusations and rejections stay what they are (roots.tsv)."""
    how = "threat" if threat else ctx.lexicon.root(cameo).announced
    return ctx.lexicon.refined(how, cameo[:2]) if how else cameo
