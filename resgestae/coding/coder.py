"""Event coding: predicates from the dependency parse, matched against the event lexicon.

A predicate is a verb in the lexicon, or an event noun under a light verb ("staged a rally"),
or an event noun with its own participants ("the adoption by the Senate of a resolution").
``candidates`` finds them with their actors and recipients (``participants``) and what their
clause asserts (``modality``); ``settle`` merges those on one predicate chain; this module
turns each into a ``Coded`` record with its type, mode, ACLED sub-type, raw score (``score``)
and typed evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from resgestae.coding import args
from resgestae.coding.acled import acled_subtype, article_contexts, sentence_cues
from resgestae.coding.candidates import sentence
from resgestae.coding.context import Candidate, Context
from resgestae.coding.evidence import Evidence
from resgestae.coding.lexicon import Cue, EventLexicon
from resgestae.coding.participants import owners
from resgestae.coding.score import raw_confidence
from resgestae.coding.settle import has_participant, merge_same_type
from resgestae.types import Actor, Mention, Parsed
from resgestae.words import word_list

__all__ = ["Coded", "code", "contexts", "furniture"]

FURNITURE = word_list("page_furniture")


@dataclass(frozen=True, slots=True)
class Coded:
    """A coded predicate, ready to become an ``Event`` once dated and placed."""

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
    evidence: Evidence
    negated: bool
    confidence: float  # the coder's raw score
    acled_type: str | None
    acled_subtype: str | None
    context: tuple[str, ...]
    theme: str | None  # lemma of what the event is about, for event coreference
    # An event even without named participants: violence with a named weapon ("a roadside
    # bomb exploded"), or a protest that took place ("a peaceful protest took place in X")
    grounded: bool = False


def code(parsed: Parsed, mentions: tuple[Mention, ...], lexicon: EventLexicon) -> list[Coded]:
    """The article's coded predicates, sentence by sentence, before they are settled."""
    ms = args.Mentions(parsed, mentions)
    ctx = Context(parsed, ms, lexicon, owners(parsed, ms))
    out: list[Coded] = []
    sents = []
    for sent in parsed.sentences:
        toks = parsed.tokens[sent.tok_start : sent.tok_end]
        lemmas = [t.lemma.lower() for t in toks]
        words = [t.text for t in toks]
        sents.append((sent, lemmas, sentence_cues(lexicon, lemmas, words),
                      sentence_cues(lexicon, lemmas, words, lexicon.contexts)))  # fmt: skip
    for k, (sent, lemmas, cues, found) in enumerate(sents):
        if furniture(lemmas):
            continue  # "Read more: Germany expels diplomats": a link to another story
        sporting = bool(set(lemmas) & lexicon.discards)
        # How a protest went is often told in the next or the previous sentence ("... marched
        # on the summit. The protests turned violent.").
        near = [q for j in (k - 1, k + 1) if 0 <= j < len(sents) for q in sents[j][2]
                if q.group in ("violent", "intervention")]  # fmt: skip
        cands = sentence(ctx, sent.tok_start, sent.tok_end)
        for c in merge_same_type(ctx, cands):
            # In a sports, film or market sentence, countries and cities are teams and
            # "attacked" is a manner of play: only people named by what they are
            # (activists, police, ministers) make an event there.
            if sporting and not any(a.sector for a in c.actors if args.resolved(a)):
                continue
            protest = lexicon.info(c.cameo).plover == "PROTEST"
            coded = _finish(ctx, c, cues + near if protest else cues, found)
            if coded is not None:
                out.append(coded)
    return out


def furniture(lemmas: list[str], reach: int = 4) -> bool:
    """Whether a sentence opens with a page label and a colon ("Read more:", "Watch:")."""
    head = lemmas[:reach]
    if ":" not in head:
        return False
    return " ".join(head[: head.index(":")]) in FURNITURE


def contexts(parsed: Parsed, lexicon: EventLexicon) -> tuple[str, ...]:
    """The article's PLOVER contexts, with details ("disasters/natural"), most mentioned
    first: what an article is about even where it reports no political event."""
    sents = []
    for sent in parsed.sentences:
        toks = parsed.tokens[sent.tok_start : sent.tok_end]
        sents.append(([t.lemma.lower() for t in toks], [t.text for t in toks]))
    return article_contexts(lexicon, sents)


def _finish(ctx: Context, c: Candidate, cues: list[Cue], found: list[Cue]) -> Coded | None:
    """The candidate as a coded event, or None when it has no political participant."""
    parsed, lex = ctx.parsed, ctx.lexicon
    info = lex.info(c.cameo)
    if info.plover is None:
        return None
    actors = c.actors
    recipients = tuple(r for r in c.recipients if args.resolved(r))
    mode = c.entry.mode if c.cameo == c.entry.cameo and c.entry.mode else info.mode
    disaster = any(q.group == "disasters" for q in found)
    accidental = ctx.words("accidental")
    # In a disaster story "explosion" and "blast" are the accident, not a weapon.
    weapon = next(
        (q for q in cues if q.group == "weapon" and not (disaster and q.words[0] in accidental)),
        None,
    )
    # Violence done with a named weapon is an event even when the perpetrator is unknown
    # ("a roadside bomb exploded in the market"); a metaphor has no weapon.
    armed = weapon is not None and (
        info.plover == "ASSAULT" or c.entry.acled == "Disrupted weapons use"
    )
    if weapon is not None and armed and (mode in ctx.words("weapon_mode") or mode is None):
        mode = weapon.mode
    unnamed_protest = info.plover == "PROTEST" and c.kind == "noun"
    participant = has_participant(actors, recipients)
    if not participant and c.theme is None and not armed:
        if not unnamed_protest:
            return None  # no political participant: "the market attacked the pound"
    if disaster and not armed and not any(_perpetrator(ctx, a) for a in actors):
        return None  # "the earthquake killed eight", "floods hit the north": no perpetrator
    start_tok, end_tok = c.trigger
    t0, t1 = parsed.tokens[start_tok], parsed.tokens[end_tok - 1]
    sub = c.acled or acled_subtype(
        lex, c.entry, info.plover, mode, c.cameo, list(actors), list(recipients), cues
    )
    return Coded(
        i=c.pred,
        trigger_text=parsed.article.text[t0.idx : t1.end],
        trigger_start=t0.idx,
        trigger_end=t1.end,
        cameo=c.cameo,
        event=info.plover,
        mode=mode,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover_score=lex.plover_score(info.plover, mode),
        actors=actors,
        recipients=recipients,
        evidence=Evidence(c.entry.id, c.entry.source, c.entry.pos, c.steps, c.entry.frame),
        negated=c.negated,
        confidence=raw_confidence(ctx, c, actors, armed and not participant),
        acled_type=lex.acled_types.get(sub) if sub else None,
        acled_subtype=sub,
        context=tuple(dict.fromkeys(info.context + tuple(q.group for q in found))),
        theme=c.theme,
        grounded=armed or (unnamed_protest and ctx.lemma(c.pred) in ctx.words("occurrence")),
    )


def _perpetrator(ctx: Context, actor: Actor) -> bool:
    """A resolved actor that is someone, not the blast itself ("an explosion killed": the
    actors stage codes an unattributed blast as an unidentified armed force)."""
    words = set(actor.text.lower().split())
    return args.resolved(actor) and not (actor.sector == "UAF" and words & ctx.words("accidental"))
