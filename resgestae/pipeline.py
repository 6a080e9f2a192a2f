"""Composes the stages: ingest -> parse -> actors -> coding -> dates -> location -> events.

Every stage is a function that takes its resources as arguments; ``Resources`` loads them
once per process, and ``run`` streams ``ArticleResult`` records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from resgestae import actors, coding, dates, geo, nlp, words
from resgestae.cluster.story import story_names
from resgestae.coding import calibrate
from resgestae.coding.evidence import Step
from resgestae.coding.size import event_size
from resgestae.errors import OptionError
from resgestae.output import DEFAULT_MIN_CONFIDENCE
from resgestae.types import Article, Event, Parsed, Trigger

__all__ = ["Options", "Resources", "ArticleResult", "run", "code_parsed"]


@dataclass(frozen=True, slots=True)
class Options:
    """How to code: the spaCy model, parallel workers and batch size, extra actor lexicons and
    whether to calibrate event confidences."""

    model: str = nlp.DEFAULT_MODEL
    workers: int = 1
    batch_size: int = 32
    lexicons: tuple[Path, ...] = ()  # user actor lexicons (--lexicon)
    calibrated: bool = True  # False: events keep the coder's raw confidence
    # Events whose calibrated confidence is below this are not emitted (0 keeps every event).
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    # Longer articles are refused with a failure; shorter ones over nlp.PIECE are parsed in
    # pieces (see resgestae.nlp.pieces).
    max_chars: int = nlp.MAX_CHARS

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise OptionError(f"max_chars is {self.max_chars}; give 1 or more characters")
        if self.workers < 1:
            raise OptionError(f"workers is {self.workers}; give 1 or more processes")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise OptionError(
                f"min_confidence is {self.min_confidence}; give a number from 0 to 1 "
                f"(0 keeps every event)"
            )


@dataclass(slots=True)
class Resources:
    """Loaded models and tables; build once, reuse for every article."""

    options: Options
    nlp: object
    actors: actors.ActorLexicon
    events: coding.EventLexicon
    gazetteer: geo.Gazetteer
    admission: coding.Admission
    calibration: calibrate.Calibration | None = None  # None: raw confidences

    @classmethod
    def load(cls, options: Options = Options()) -> Resources:
        return cls(
            options=options,
            nlp=nlp.load_model(options.model),
            actors=actors.load_lexicon(options.lexicons),
            events=coding.load_lexicon(),
            gazetteer=geo.load_gazetteer(),
            calibration=calibrate.load() if options.calibrated else None,
            admission=coding.load_admission(),
        )


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What coding one article gave: its events, sentence and token counts, PLOVER contexts,
    warnings, and the error when coding it failed."""

    article: Article
    events: tuple[Event, ...]
    sentences: int
    tokens: int = 0
    warnings: tuple[str, ...] = field(default=())
    contexts: tuple[str, ...] = ()  # PLOVER contexts evident in the article
    error: str | None = None  # set when coding this article failed; it has no events
    # the non-political topic (sports, markets...) it is about: then it has no events
    topic: str | None = None


def event_id(article_id: str, start: int, cameo: str) -> str:
    return hashlib.sha1(f"{article_id}|{start}|{cameo}".encode()).hexdigest()[:16]


def code_parsed(parsed: Parsed, res: Resources) -> ArticleResult:
    """All stages after the parse, for one article."""
    article = parsed.article
    mentions = actors.find_mentions(parsed, res.actors)
    topic = coding.article_topic(
        parsed, mentions, words.topic_cues(), res.events.lists["political_sector"]
    )
    if topic is not None:
        return ArticleResult(article, (), len(parsed.sentences), len(parsed.tokens), topic=topic)
    coded = coding.code(parsed, mentions, res.events)
    timexes = dates.find_timexes(parsed, article.published)
    toponyms = geo.find_toponyms(parsed, res.gazetteer)
    pairs = []
    for c in coded:
        sent = parsed.sentence_of(c.i)
        tok = parsed.tokens[c.i]
        countries = frozenset(a.country for a in c.actors if a.country)
        location = geo.event_location(parsed, toponyms, c.i, res.gazetteer, countries)
        implicit = coding.state_actors(res.events, c.evidence.entry, c.actors, location)
        if implicit is not None:
            c = replace(c, actors=implicit, evidence=c.evidence.plus(Step("state")))
        recipients = c.recipients
        if not recipients:
            recipients = coding.place_recipient(res.events, c.cameo, location)
            if recipients:
                c = replace(c, evidence=c.evidence.plus(Step("place")))
        pairs.append(
            (
                c,
                Event(
                    id=event_id(article.id, tok.idx, c.cameo),
                    article_id=article.id,
                    source_name=article.source,
                    published=article.published,
                    date=dates.event_date(parsed, timexes, c.i, article.published),
                    event=c.event,
                    mode=c.mode,
                    cameo=c.cameo,
                    quad_class=c.quad_class,
                    goldstein=c.goldstein,
                    actor=c.actors,
                    recipient=recipients,
                    location=location,
                    sentence=sent.text,
                    span=(sent.start, sent.end),
                    trigger=Trigger(c.trigger_text, c.trigger_start, c.trigger_end),
                    rule="",  # written from the evidence once the events are settled
                    negated=c.negated,
                    confidence=c.confidence,
                    acled_type=c.acled_type,
                    acled_subtype=c.acled_subtype,
                    plover_score=c.plover_score,
                    context=c.context,
                    size=event_size(parsed, c.i),
                ),
            )
        )
    settled = [(c, _output(c, e, res.calibration)) for c, e in coding.settle(pairs)]
    political = res.events.lists["political_sector"]
    admitted = coding.admit(settled, res.admission, political)
    events = [e for _, e in admitted if _confident(e, res)]
    if events:
        story = story_names(
            parsed,
            mentions,
            toponyms,
            res.gazetteer.capitals,
            words.word_list("news_media"),
            res.actors.knows,
        )
        events = [replace(e, story=story) for e in events]
    return ArticleResult(
        article,
        tuple(events),
        len(parsed.sentences),
        len(parsed.tokens),
        contexts=coding.contexts(parsed, res.events),
    )


def _output(c: coding.Coded, e: Event, cal: calibrate.Calibration | None) -> Event:
    """The settled event as output: its rule written from its evidence, and its raw score
    replaced by the chance of being right when there is a calibration."""
    confidence = e.confidence
    if cal is not None:
        confidence = calibrate.confidence(c.evidence, e, cal)
    return replace(e, rule=coding.rule_text(c.evidence), confidence=confidence)


def _confident(e: Event, res: Resources) -> bool:
    """Raw scores are not chances, so the threshold holds only for calibrated events."""
    return res.calibration is None or e.confidence >= res.options.min_confidence


def run(articles: Iterable[Article], res: Resources) -> Iterator[ArticleResult]:
    """Parse and code articles lazily, one result per article in order; an article that
    cannot be parsed (longer than ``max_chars``) or coded gives a result with ``error`` set
    instead of ending the run."""
    opts = res.options
    if opts.workers > 1:  # each worker parses and codes: resgestae.engine.local says why
        from resgestae.engine.local import run_parallel

        yield from run_parallel(articles, res)
        return
    for parsed in nlp.parse_each(
        articles,
        res.nlp,
        model=opts.model,
        batch_size=opts.batch_size,
        max_chars=opts.max_chars,
    ):
        if isinstance(parsed, nlp.Unparsed):
            yield ArticleResult(parsed.article, (), 0, error=parsed.message)
            continue
        try:
            yield code_parsed(parsed, res)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not end a batch
            yield ArticleResult(
                parsed.article,
                (),
                len(parsed.sentences),
                len(parsed.tokens),
                error=f"coding failed ({type(exc).__name__}: {exc}); please report it with "
                f"this article",
            )
