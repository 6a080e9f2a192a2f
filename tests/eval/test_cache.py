import pytest

from resgestae.eval.cache import parse_cached
from resgestae.types import Article


class NoParser:
    """Stands in for spaCy once everything should come from the cache."""

    def pipe(self, *args, **kwargs):
        raise AssertionError("parsed again instead of reading the cache")


def test_second_parse_reads_the_cache_with_the_new_article(nlp, tmp_path):
    texts = ["The council met on Monday.", "Protesters gathered outside the ministry."]
    first = list(
        parse_cached(
            [Article(f"a{k}", t) for k, t in enumerate(texts)], nlp, model="m", root=tmp_path
        )
    )
    again = list(
        parse_cached(
            [Article("b1", texts[1]), Article("b0", texts[0])], NoParser(), model="m", root=tmp_path
        )
    )
    assert [p.article.id for p in again] == ["b1", "b0"]
    assert again[0].tokens == first[1].tokens and again[1].sentences == first[0].sentences


def test_another_model_name_misses_the_cache(nlp, tmp_path):
    list(parse_cached([Article("a", "Talks resumed.")], nlp, model="m", root=tmp_path))
    with pytest.raises(AssertionError, match="parsed again"):
        list(
            parse_cached([Article("a", "Talks resumed.")], NoParser(), model="other", root=tmp_path)
        )


def test_a_damaged_entry_is_parsed_again(nlp, tmp_path):
    list(parse_cached([Article("a", "Talks resumed.")], nlp, model="m", root=tmp_path))
    for f in (tmp_path / "parses").glob("*.pkl"):
        f.write_bytes(b"not a pickle")
    (parsed,) = parse_cached([Article("a", "Talks resumed.")], nlp, model="m", root=tmp_path)
    assert [t.text for t in parsed.tokens] == ["Talks", "resumed", "."]
