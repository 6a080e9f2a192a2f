"""Article identity (canonical URLs), language detection, near-duplicates and triage order."""

from __future__ import annotations

import random

import pytest

from resgestae.ingest.dedup import NearDuplicates
from resgestae.ingest.lang import LanguageDetector
from resgestae.ingest.triage import CODE, DUPLICATE, SKIPPED, Triage, Verdict, in_order
from resgestae.ingest.urls import canonical_url
from resgestae.types import Article

WORDS = ("minister police protest army talks border crowd capital rebels council vote leader "
         "opposition union strike court election treaty troops embassy").split()  # fmt: skip


def story(seed: int, n: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


@pytest.mark.parametrize(
    "url,canonical",
    [
        ("https://Example.ORG/a/B?utm_source=x&z=2&a=1#top", "https://example.org/a/B?a=1&z=2"),
        ("http://example.org:80", "http://example.org/"),
        ("https://example.org:8443/p?fbclid=abc&gclid=d", "https://example.org:8443/p"),
        ("urn:uuid:1234", None),
        ("", None),
        ("https://[broken", None),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


@pytest.fixture(scope="module")
def detector():
    return LanguageDetector()


@pytest.mark.parametrize(
    "text,code",
    [
        ("Thousands of teachers marched through Lisbon on Wednesday to protest a pay freeze.",
         "en"),
        ("Milhares de professores marcharam pelo centro de Lisboa na quarta-feira contra o plano.",
         "pt"),
        ("Des milliers de manifestants ont défilé samedi à Paris contre la réforme des retraites.",
         "fr"),
        ("Crowds gathered.", None),  # too short to say
    ],
)  # fmt: skip
def test_language(detector, text, code):
    assert detector.detect(text).code == code


def test_near_duplicate_is_linked_to_its_original():
    index = NearDuplicates()
    original = story(1)
    wire_copy = "LONDON (Wire) - " + original + " Reporting by a correspondent."
    assert index.check("a", index.signature(original)) is None
    match = index.check("b", index.signature(wire_copy))
    assert match.original == "a" and match.similarity >= 0.8
    assert index.check("c", index.signature(story(2))) is None  # same words, other story
    assert index.check("d", index.signature(original)).similarity == 1.0  # exact copy


def test_forget_keeps_memory_to_what_the_store_lacks():
    stored = {}
    index = NearDuplicates(
        lambda keys: [(i, s) for i, (s, k) in stored.items() if set(k) & set(keys)]
    )
    sig = index.signature(story(1))
    assert index.check("a", sig) is None
    stored["a"] = (sig.tobytes(), index._pending["a"][1])
    index.forget("a")
    assert not index._pending and not index._bands
    assert index.check("b", index.signature(story(1) + " More.")).original == "a"  # from lookup


def test_triage_skips_other_languages_and_links_duplicates(detector):
    triage = Triage(detector, NearDuplicates())
    en = Article("en", story(1).replace("vote", "vote and the") + " The talks went on.")
    pt = Article("pt", "Milhares de professores marcharam pelo centro de Lisboa na quarta-feira.")
    dup = Article("dup", en.text + " Reporting by a wire.")
    verdicts = [triage(a) for a in (en, pt, dup)]
    assert [v.status for v in verdicts] == [CODE, SKIPPED, DUPLICATE]
    assert verdicts[1].reason == "language:pt" and verdicts[1].article.language == "pt"
    assert verdicts[2].duplicate_of == "en" and verdicts[0].signature is not None


def test_in_order_keeps_input_order_around_batched_coding():
    def verdict(i, status):
        return Verdict(Article(str(i), "x"), status)

    verdicts = [verdict(0, SKIPPED), verdict(1, CODE), verdict(2, DUPLICATE), verdict(3, CODE),
                verdict(4, SKIPPED)]  # fmt: skip

    def code_in_batches(articles):  # reads ahead like nlp.pipe, yields in order
        batch = list(articles)
        yield from (f"coded {a.id}" for a in batch)

    out = [(v.article.id, r) for v, r in in_order(verdicts, code_in_batches)]
    assert out == [("0", None), ("1", "coded 1"), ("2", None), ("3", "coded 3"), ("4", None)]
