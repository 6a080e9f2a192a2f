"""Near-duplicates (the same wire story republished with small edits) by MinHash and LSH.

Each article gets a MinHash signature of its word 5-grams (datasketch). The signature is cut
into ``BANDS`` bands; two articles that agree on a whole band are candidates, and a candidate
whose estimated Jaccard similarity reaches ``threshold`` is a near-duplicate. With 32 bands of
4 rows, a pair at similarity 0.8 becomes a candidate with probability > 0.9999, a pair at 0.3
with 0.23 (and is then rejected by the similarity check).

The band keys of stored articles live in the store (``lsh_bands``), so the index survives an
interrupted run and memory does not grow with the corpus; articles accepted but not yet
stored are held in memory (``pending``) until the store has them.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5  # words
THRESHOLD = 0.8
SEED = 1  # seed and scheme fixed: stored signatures must compare across runs and versions
SCHEME = "affine32"  # crc32 as the shingle hash: 3x faster than datasketch's sha1, and the
# random affine permutations on top are what MinHash needs
WORD = re.compile(r"\w+")

# keys -> (article id, signature bytes) of stored articles sharing any of the keys
Lookup = Callable[[list[int]], Iterable[tuple[str, bytes]]]


@dataclass(frozen=True, slots=True)
class Match:
    original: str  # id of the article first stored with this text
    similarity: float  # estimated Jaccard similarity of the word 5-grams


def signature(text: str, template: MinHash | None = None) -> np.ndarray:
    """MinHash of the lowercased word 5-grams, as ``NUM_PERM`` uint32 values."""
    words = WORD.findall(text.lower())
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    template = template or _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, scheme=SCHEME,
                hashfunc=zlib.crc32)  # fmt: skip
    m.update_batch([g.encode() for g in grams])
    return m.hashvalues.astype(np.uint32)


def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (DuckDB BIGINT)."""
    keys = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8,
                                 person=b.to_bytes(2, "little"))  # fmt: skip
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


class NearDuplicates:
    """``check(id, text)``: the original this text nearly duplicates, or None (and the text
    is remembered as an original). ``lookup`` finds stored candidates; without it the index is
    in memory only (``resgestae code``)."""

    def __init__(self, lookup: Lookup | None = None, threshold: float = THRESHOLD):
        self.lookup, self.threshold = lookup, threshold
        self._template = _template()  # permutations made once, not per article
        self._bands: dict[int, list[str]] = defaultdict(list)
        self._pending: dict[str, tuple[np.ndarray, list[int]]] = {}

    def signature(self, text: str) -> np.ndarray:
        return signature(text, self._template)

    def check(self, article_id: str, sig: np.ndarray) -> Match | None:
        keys = band_keys(sig)
        best: Match | None = None
        for other, other_sig in self._candidates(keys):
            if other == article_id:
                continue
            s = similarity(sig, other_sig)
            if s >= self.threshold and (best is None or s > best.similarity):
                best = Match(other, s)
        if best is None:
            self._pending[article_id] = (sig, keys)
            for k in keys:
                self._bands[k].append(article_id)
        return best

    def forget(self, article_id: str) -> None:
        """Drop an article from memory once the store holds its band keys."""
        entry = self._pending.pop(article_id, None)
        if entry is None:
            return
        for k in entry[1]:
            ids = self._bands[k]
            ids.remove(article_id)
            if not ids:
                del self._bands[k]

    def _candidates(self, keys: list[int]) -> Iterable[tuple[str, np.ndarray]]:
        seen = set()
        for k in keys:
            for other in self._bands.get(k, ()):
                if other not in seen:
                    seen.add(other)
                    yield other, self._pending[other][0]
        if self.lookup is not None:
            for other, blob in self.lookup(keys):
                if other not in seen:
                    seen.add(other)
                    yield other, np.frombuffer(blob, dtype=np.uint32)
