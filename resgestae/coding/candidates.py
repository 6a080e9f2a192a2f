"""Candidate predicates of a sentence: verbs in the lexicon, event nouns under a light verb
("staged a rally"), and event nouns with their own participants ("the adoption by the Senate
of a resolution"), each coded by what its clause asserts."""

from __future__ import annotations

import re

from resgestae.coding import args
from resgestae.coding.context import Candidate, Context, Kind
from resgestae.coding.evidence import Step
from resgestae.coding.lexicon import Entry
from resgestae.coding.match import (
    called,
    complement,
    light_noun,
    match_verb,
    noun_entry,
    of_object,
    part_in,
    theme_token,
)
from resgestae.coding.modality import (
    announced,
    descriptive,
    embedded,
    has_mark,
    mood,
    negated,
    speech_head,
)
from resgestae.coding.participants import owner_of, recipients, verb_args
from resgestae.types import Actor

__all__ = ["sentence"]


def sentence(ctx: Context, start: int, end: int) -> list[Candidate]:
    """The candidates of the sentence spanning tokens start..end: verbs first, then the
    nouns no verb took as its event or theme."""
    cands: list[Candidate] = []
    consumed: set[int] = set()  # nouns and complements already part of a coded predicate
    failed: set[int] = set()  # complements of "failed to"
    for i in range(start, end):
        tok = ctx.parsed.tokens[i]
        if tok.pos != "VERB" or i in consumed or _object_of_preposition(tok):
            continue
        c = _verb_candidate(ctx, i, consumed, failed)
        if c is not None:
            cands.append(c)
    for i in range(start, end):
        if i in consumed:
            continue
        c = _noun_candidate(ctx, i)
        if c is not None:
            cands.append(c)
    return cands


def _object_of_preposition(tok) -> bool:
    """A finite verb as a preposition's object is a noun the tagger misread ("languish in
    Iranian jails", tagged VBZ): coded as a verb it would take the sentence's subject."""
    return tok.dep == "pobj" and tok.tag in ("VBZ", "VBP", "VBD")


MATERIAL_CONFLICT = 4  # CAMEO's quad classes: 4 is material conflict (cameo.tsv)


def _measure_subject(ctx: Context, i: int) -> bool:
    """The verb's subject is a measure (a law, a sanction, a tariff), not someone."""
    return any(ctx.lemma(s) in ctx.words("measure") for s in args.subject(ctx.parsed, i))


def _verb_candidate(ctx: Context, i: int, consumed: set[int], failed: set[int]) -> Candidate | None:
    """The verb at i as a predicate; adds the tokens it takes up to ``consumed`` and the
    complements of a failure ("failed to capture") to ``failed``."""
    parsed, lex = ctx.parsed, ctx.lexicon
    tok = parsed.tokens[i]
    entry = match_verb(ctx, i)
    noun = None
    if (
        any(w in lex.light for w in args.lemmas(tok))
        and (
            entry is None
            or (entry.frame in ("*", "noobj") and entry.prep is None)
            or entry.pos == "control"
        )
        # "called the attack a tragedy": the object named, not done
        and not (tok.lemma.lower() in ctx.words("naming") and called(ctx, i))
    ):
        for o in args.children(parsed, i, *args.OBJ) + part_in(ctx, i):
            ne = noun_entry(ctx, o)
            if ne is not None:
                entry, noun = ne, o
                break
    if entry is None or descriptive(ctx, i):
        return None  # "the need to recognize X", "resolutions demanding Y": not asserted
    if i not in failed and embedded(ctx, i):
        return None  # "accused X of shelling Y": the shelling is alleged, not asserted
    if tok.lemma.lower() in ctx.words("question") and asks_question(ctx, i):
        return None  # "asked why ...", "'... ?' he asked": a question, not a request
    if tok.lemma.lower() in ctx.words("task") and _tasked(ctx, i):
        return None  # "charged with keeping order": a task, not a criminal charge
    if tok.dep == "relcl" and tok.lemma.lower() in ctx.words("intent"):
        return None  # "individuals who seek to increase transparency": who they are
    if lex.info(entry.cameo).quad_class == MATERIAL_CONFLICT and _measure_subject(ctx, i):
        return None  # "the law targets activists", "tariffs hit exports": no one attacks
    theme_tok = theme_token(ctx, i, entry)
    if theme_tok is not None:
        consumed.add(theme_tok)
    kind: Kind
    if noun is not None:
        consumed.add(noun)
        kind, trigger = "light", (i, noun + 1)
    else:
        kind, trigger = ("control" if entry.pos == "control" else "verb"), (i, i + 1)
    cameo = entry.cameo
    neg = negated(ctx, i) or i in failed
    steps: tuple[Step, ...] = ()
    acled = None
    lemma = tok.lemma.lower()
    intent_verb = lemma in ctx.words("intent")
    pledge = lemma in ctx.words("pledge")
    # A complement of an intent, demand, refusal or threat is what is intended, demanded...
    comp = complement(ctx, noun if noun is not None else i)
    if comp is None and noun is not None:
        comp = complement(ctx, i)
    if comp is not None and lemma in ctx.words("warning") and _warns_of_others(ctx, i, comp):
        return None  # "warned that sailors could face arrest": a danger, not a threat
    if comp is not None and (lex.root(cameo).complement or intent_verb):
        inner = match_verb(ctx, comp)
        if inner is None and ctx.lemma(comp) in lex.light:
            inner = light_noun(ctx, comp)  # "decided to hold talks"; not "sought to downplay
            # the threat", whose threat is not what is sought
        if entry.role == "fail" and (inner is None or not lex.root(inner.cameo).compliance):
            failed.add(comp)  # "failed to capture the town": the capture, negated
            return None
        consumed.add(comp)
        if inner is None and intent_verb and noun is None and not pledge:
            return None  # "decided to travel": no political content
        if inner is not None:
            steps += (Step("embeds", inner.id),)
            if intent_verb:
                cameo = announced(ctx, inner.cameo)
            else:
                # refined by what it governs (refine.tsv): refusing to comply is declining
                # to yield
                cameo = lex.refine.get((cameo[:2], inner.cameo[:2])) or cameo
    elif entry.role == "fail" or (
        intent_verb
        and noun is None
        and entry.pos == "control"
        and entry.cameo[:2] == lex.constructions["intent"].root
        and not pledge
    ):
        return None
    elif noun is not None and lemma in ctx.words("intent_noun"):
        # "agreed to talks", "accepted mediation", "agreed to a ceasefire": intents; a
        # ceasefire or a deal agreed is an ACLED agreement all the same.
        if lemma == "agree":
            acled = lex.root(cameo).agreed_acled
        cameo = announced(ctx, cameo)
    m = mood(ctx, i)
    if m == "hypothetical":
        return None
    speaker = None
    if m == "obligation":
        speaker = speech_head(ctx, i)
        if speaker is None:
            return None  # "X must leave", said by nobody we can see
    if m in ("future", "ready") and not lex.root(cameo).complement:
        if neg:
            # "would not provide support", "will not accept refugees": a refusal, asserted
            cameo = lex.refined("refusal", cameo[:2])
            neg = False
            steps += (Step("refusal"),)
        else:
            cameo = announced(ctx, cameo, threat=has_mark(ctx, i, "unless"))
            steps += (Step("intent"),)
    actors, recips = verb_args(ctx, i, entry, noun, comp)
    if entry.frame == "obj" and theme_tok is not None and not any(map(args.resolved, actors)):
        # A document's author does what is done to it: "the resolution of the Senate ...
        # was adopted" was adopted by the Senate.
        author = owner_of(ctx, theme_tok)
        if author is not None:
            actors = [author]
            steps += (Step("author"),)
    pred = i
    if speaker is not None:
        # "The minister said Libya must hand over the suspects": a demand by the speaker.
        recips = [a for a in actors if args.resolved(a)]
        actors = args.expand(parsed, ctx.mentions, args.subject(parsed, speaker), search=False)
        cameo = lex.refined("demand", cameo[:2])
        steps += (Step("must"),)
        pred = speaker
    return Candidate(
        pred=pred,
        trigger=trigger,
        entry=entry,
        cameo=cameo,
        kind=kind,
        actors=tuple(actors),
        recipients=tuple(recips),
        negated=neg,
        future=m == "future",
        theme=ctx.lemma(theme_tok) if theme_tok is not None else None,
        steps=steps,
        acled=acled,
    )


def _noun_candidate(ctx: Context, i: int) -> Candidate | None:
    """The noun at i as an event with its own participants ("Russia's invasion", "clashes
    between police and protesters", "the signing of the truce")."""
    parsed, ms = ctx.parsed, ctx.mentions
    entry: Entry | None = noun_entry(ctx, i)
    if entry is None:
        return None
    tok = parsed.tokens[i]
    actors: list[Actor] = []
    recips: list[Actor] = []
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
            recips += recipients(ctx, args.children(parsed, c, "pobj"), [])
    of = of_object(ctx, i)
    theme = None
    if of is not None:
        m = ms.at(of)
        if (
            m is not None
            and args.resolved(m.actor)
            and m.actor.sector in ctx.words("agent_sector")
            and not actors
        ):
            actors.append(m.actor)
        else:
            theme = ctx.lemma(of)
    if embedded(ctx, i):
        return None
    occurs = tok.dep in ("nsubj", "nsubjpass") and ctx.lemma(tok.head) in ctx.words("occurrence")
    if not actors and not recips and not occurs and theme is None:
        return None  # kept with only a theme ("the signing of the truce in 1994") if dated
    if occurs and not actors:  # "clashes broke out between police and protesters"
        for p in args.children(parsed, tok.head, "prep"):
            if ctx.lemma(p) == "between":
                actors += args.expand(parsed, ms, args.children(parsed, p, "pobj"), search=True)
    if occurs and not recips:
        recips = recipients(ctx, args.children(parsed, tok.head, *args.OBJ), actors)
    pred = tok.head if occurs else i
    return Candidate(
        pred=pred,
        trigger=(i, i + 1),
        entry=entry,
        cameo=entry.cameo,
        kind="noun",
        actors=tuple(actors),
        recipients=tuple(recips),
        negated=negated(ctx, pred) if occurs else False,
        theme=theme,
    )


QUOTED_QUESTION = re.compile(r"\?\s*[\"'\u201d\u2019]")  # a quote that ends in "?"


def asks_question(ctx: Context, i: int) -> bool:
    """Whether the verb at i asks a question: its complement clause opens with a wh-word or
    "whether"/"if" ("asked why the women ..."), or the quote it reports ends in a question
    mark ("'Can he stay out of court?' he asked")."""
    parsed = ctx.parsed
    for c in args.children(parsed, i, "ccomp", "xcomp", "advcl"):
        span = parsed.subtree(c)
        first = parsed.tokens[span[0]]
        if first.tag in ("WDT", "WP", "WP$", "WRB") or first.lemma.lower() in ("whether", "if"):
            return True
    tok = parsed.tokens[i]
    sentence = parsed.sentence_of(i)
    before = sentence.text[: tok.idx - sentence.start]
    if tok.sent > 0 and before[:1].islower():  # "... court?" | "he asked": split at the "?"
        before = parsed.sentences[tok.sent - 1].text + " " + before
    return QUOTED_QUESTION.search(before) is not None


def _tasked(ctx: Context, i: int) -> bool:
    """ "charged with keeping order": a "with" phrase whose object is an act (a gerund) that
    is no event of the lexicon ("charged with killing" is an accusation)."""
    parsed = ctx.parsed
    return any(
        parsed.tokens[c].tag == "VBG" and match_verb(ctx, c) is None
        for p in args.children(parsed, i, "prep")
        if ctx.lemma(p) == "with"
        for c in args.children(parsed, p, "pcomp", "pobj")
    )


def _warns_of_others(ctx: Context, i: int, comp: int) -> bool:
    """Whether the clause a warning governs is about someone else's act or fate ("warned
    that sailors could face arrest", "economists warn that the dispute could escalate"),
    not the warner's own ("warned that it would close the strait", "Tehran warned that Iran
    would retaliate"): a pronoun subject is taken for the warner, as is one of its country."""
    parsed, ms = ctx.parsed, ctx.mentions
    subj = args.children(parsed, comp, *args.SUBJ, *args.PASSIVE_SUBJ)
    if not subj or parsed.tokens[subj[0]].pos == "PRON":
        return False

    def country(h: int) -> str | None:
        a = args.actor_for(parsed, ms, h, search=False)
        return (a.country or (a.code or "")[:3] or None) if a is not None else None

    own = {country(h) for h in args.subject(parsed, i)} - {None}
    return country(subj[0]) not in own or not own
