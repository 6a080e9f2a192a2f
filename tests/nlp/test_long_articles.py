"""Regression tests for issue 14: an article over spaCy's max_length (E088) is parsed in
pieces with offsets in the article's coordinates, or refused past ``max_chars``; an article
the parser fails on costs only itself, not the other articles of its batch."""

from __future__ import annotations

import pytest

from resgestae.nlp import Unparsed, parse, parse_each, pieces
from resgestae.types import Article, Parsed

PARAGRAPH = (
    "The delegations met in the old customs house on Tuesday. They signed an agreement on "
    "the shared river, and the ministers thanked the mediators."
)


@pytest.mark.parametrize(
    "text, size",
    [
        ("\n\n".join([PARAGRAPH] * 30), 400),
        (" ".join(["march"] * 3000), 500),  # one "sentence" without punctuation
        ("x" * 5000, 700),  # no space at all: cut anywhere
        ("Short.", 100),
    ],
)
def test_pieces_join_to_the_text_and_fit(text, size):
    parts = pieces(text, size)
    assert "".join(parts) == text
    assert all(0 < len(p) <= size for p in parts)
    assert len(parts) == -(-len(text) // size) or len(parts) > 1


def test_pieces_cut_at_paragraphs_when_there_are_some():
    text = "\n\n".join([PARAGRAPH] * 30)
    for part in pieces(text, 1000)[:-1]:
        assert part.endswith("mediators.\n\n")


def tokens_index_the_article(p: Parsed) -> bool:
    text = p.article.text
    return all(text[t.idx : t.idx + len(t.text)] == t.text for t in p.tokens) and all(
        text[s.start : s.end] == s.text for s in p.sentences
    )


def test_long_article_is_parsed_in_pieces_with_article_offsets(nlp):
    text = "\n\n".join(f"{PARAGRAPH} Round {n} ended." for n in range(40))
    article = Article(id="long", text=text)
    [whole] = parse_each([article], nlp, piece=len(text) + 1)
    [cut] = parse_each([article], nlp, piece=1500)
    assert len(pieces(text, 1500)) > 3
    assert tokens_index_the_article(cut)
    # the pieces end at paragraph breaks, where the whole parse ends sentences too
    assert [s.text for s in cut.sentences] == [s.text for s in whole.sentences]
    assert [(e.start, e.label) for e in cut.entities] == [
        (e.start, e.label) for e in whole.entities
    ]
    assert all(0 <= c < len(cut.tokens) for kids in cut.children for c in kids)


def test_over_the_limit_is_refused_and_its_batch_neighbours_parsed(nlp):
    articles = [
        Article(id="a", text=PARAGRAPH),
        Article(id="big", text=PARAGRAPH * 50, origin="news.jsonl:2"),
        Article(id="b", text=PARAGRAPH + " Again."),
    ]
    out = list(parse_each(articles, nlp, max_chars=2000, batch_size=8))
    assert [o.article.id for o in out] == ["a", "big", "b"]
    assert isinstance(out[1], Unparsed)
    assert "over the limit of 2,000" in out[1].message and "--max-chars" in out[1].message
    assert all(isinstance(o, Parsed) for o in (out[0], out[2]))


def test_a_failing_article_costs_only_itself(nlp):
    # a lone surrogate (an API caller can pass one; the readers replace them) makes spaCy's
    # tokenizer raise: the batch is parsed again one article at a time
    articles = [Article(id=str(n), text=f"{PARAGRAPH} ({n})") for n in range(5)]
    articles[2] = Article(id="2", text="Police \ud800 arrested ten people.")
    out = list(parse_each(articles, nlp, batch_size=4))
    assert [o.article.id for o in out] == ["0", "1", "2", "3", "4"]
    assert isinstance(out[2], Unparsed) and "UnicodeEncodeError" in out[2].message
    assert all(isinstance(o, Parsed) for k, o in enumerate(out) if k != 2)


def test_parse_raises_the_failure_as_an_input_error(nlp):
    from resgestae.errors import InputError

    with pytest.raises(InputError, match="over the limit"):
        list(parse([Article(id="x", text=PARAGRAPH, origin="f.txt")], nlp, max_chars=10))


def test_an_error_of_the_articles_iterator_is_not_swallowed(nlp):
    def articles():
        yield Article(id="a", text=PARAGRAPH)
        raise KeyError("the source broke")

    with pytest.raises(KeyError):
        list(parse_each(articles(), nlp))
