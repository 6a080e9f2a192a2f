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
    from resgestae.ingest.dedup import band_keys

    stored = {}
    index = NearDuplicates(
        lambda keys: [(i, s) for i, (s, k) in stored.items() if set(k) & set(keys)]
    )
    sig = index.signature(story(1))
    copy = index.signature(story(1) + " More.")
    assert index.check("a", sig) is None
    assert index.check("b", copy).original == "a"  # in memory while the store lacks it
    index.forget("a")
    assert index.check("c", copy) is None  # forgotten: nothing of "a" is left in memory
    index.forget("c")
    stored["a"] = (sig.tobytes(), band_keys(sig))
    assert index.check("d", copy).original == "a"  # from lookup


@pytest.mark.parametrize("store", [False, True])
def test_triage_skips_other_languages_and_links_duplicates(detector, store):
    # with a store (a lookup), every original is signed to be stored with its signature;
    # without one the first original is signed only when a second article comes
    triage = Triage(detector, NearDuplicates(lookup=(lambda keys: []) if store else None))
    en = Article("en", story(1).replace("vote", "vote and the") + " The talks went on.")
    pt = Article("pt", "Milhares de professores marcharam pelo centro de Lisboa na quarta-feira.")
    dup = Article("dup", en.text + " Reporting by a wire.")
    verdicts = [triage(a) for a in (en, pt, dup)]
    assert [v.status for v in verdicts] == [CODE, SKIPPED, DUPLICATE]
    assert verdicts[1].reason == "language:pt" and verdicts[1].article.language == "pt"
    assert verdicts[2].duplicate_of == "en"
    assert (verdicts[0].signature is not None) == store


def test_a_run_of_one_article_never_loads_minhash():
    import subprocess
    import sys

    code = (
        "import sys; from resgestae.ingest.dedup import NearDuplicates; n = NearDuplicates(); "
        "print(n.triage('a', 'one short text'), 'datasketch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split() == ["(None,", "None)", "False"]


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


def test_band_index_finds_keys_in_sealed_segments_and_the_tail():
    from resgestae.ingest.dedup import BandIndex

    index = BandIndex(segment=8)  # 8 band entries a segment: 3 articles seal 1 and fill a tail
    index.add(0, [5, 1, 9])
    index.add(1, [7, 5, 2])
    index.add(2, [3, 4, 6])
    assert len(index) == 9
    assert index.find([5]) == [0, 1]  # first added first
    assert index.find([6, 3]) == [2]  # one in the sealed segment, one in the tail
    assert index.find([9, 4, 9]) == [0, 2]
    assert index.find([8, -1]) == []


def test_without_a_store_originals_stay_found_after_many_articles():
    import numpy as np

    from resgestae.ingest import dedup

    index = NearDuplicates()
    rng = np.random.default_rng(0)
    n = dedup.SEGMENT // dedup.BANDS + 100  # past a sealed segment and two signature chunks
    sigs = [rng.integers(0, 2**32, dedup.NUM_PERM, dtype=np.uint32) for _ in range(n)]
    for i, sig in enumerate(sigs):
        assert index.check(f"a{i}", sig) is None
    copy = sigs[n - 50].copy()
    copy[:10] += 1  # 118 of 128 values agree: similarity 0.92
    match = index.check("copy", copy)
    assert match.original == f"a{n - 50}" and match.similarity == pytest.approx(118 / 128)
    assert index.check("first", sigs[3]).original == "a3"  # in the sealed segment
    assert index.check("chunk", sigs[1030]).original == "a1030"  # in the second chunk


def test_band_keys_batch_matches_one_at_a_time_and_bands_differ():
    import numpy as np

    from resgestae.ingest.dedup import BANDS, NUM_PERM, band_key_rows, band_keys

    rng = np.random.default_rng(1)
    sigs = rng.integers(0, 2**32, (5, NUM_PERM), dtype=np.uint32)
    rows = band_key_rows(sigs)
    assert rows.shape == (5, BANDS) and rows.dtype == np.int32
    assert [band_keys(s) for s in sigs] == rows.tolist()
    same = np.zeros(NUM_PERM, dtype=np.uint32)  # every band holds the same values
    assert len(set(band_keys(same))) == BANDS  # still one key per band, not one shared key
    other = sigs[0].copy()
    other[5] += 1  # one value of band 1 changes: only that band's key changes
    changed = [a != b for a, b in zip(band_keys(sigs[0]), band_keys(other), strict=True)]
    assert changed == [i == 1 for i in range(BANDS)]


def test_band_index_extend_fills_across_segments():
    import numpy as np

    from resgestae.ingest.dedup import BandIndex

    index = BandIndex(segment=8)
    index.extend(np.repeat(np.arange(7, dtype=np.int32), 3), np.arange(21, dtype=np.int32))
    assert len(index) == 21
    assert index.find([0, 20]) == [0, 6] and index.find([9, 10, 11]) == [3]
