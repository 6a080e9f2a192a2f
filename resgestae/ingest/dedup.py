"""Near-duplicates (the same wire story republished with small edits) by MinHash and LSH.

Each article gets a MinHash signature of its word 5-grams (datasketch). The signature is cut
into ``BANDS`` bands; two articles that agree on a whole band are candidates, and a candidate
whose estimated Jaccard similarity reaches ``threshold`` is a near-duplicate. With 32 bands of
4 rows, a pair at similarity 0.8 becomes a candidate with probability > 0.9999, a pair at 0.3
with 0.23 (and is then rejected by the similarity check).

Stored articles keep their signature (``articles.minhash``); the store rebuilds its
``BandIndex`` (8 bytes per band, 256 per article) from those on the first lookup, so the index
survives an interrupted run without a table of its own, and reads candidates' signatures from
disk: memory grows by ~0.35 KB per stored original (with its id) and nothing else. Articles
accepted but not yet stored are held in memory (``pending``) until the store has them.
Without a store (``resgestae code``) the originals and their signatures are kept in the same
compact form (~0.8 KB per article).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
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

# keys -> (article id, signature bytes or array) of stored articles sharing any of the keys
Lookup = Callable[[list[int]], Iterable[tuple[str, bytes | np.ndarray]]]


@dataclass(frozen=True, slots=True)
class Match:
    """The original an article nearly duplicates, and how similar the two are."""

    original: str  # id of the article first stored with this text
    similarity: float  # estimated Jaccard similarity of the word 5-grams


def signature(text: str, template: MinHash | None = None) -> np.ndarray:
    """MinHash of the lowercased word 5-grams, as ``NUM_PERM`` uint32 values."""
    from datasketch import MinHash  # here: importing it (and scipy with it) takes a second

    words = WORD.findall(text.lower())
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    template = template or _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, scheme=SCHEME,
                hashfunc=zlib.crc32)  # fmt: skip
    m.update_batch([g.encode() for g in grams])
    return m.hashvalues.astype(np.uint32)


def _template() -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 32-bit key per band."""
    return band_key_rows(sig.reshape(1, NUM_PERM))[0].tolist()


def band_key_rows(sigs: np.ndarray) -> np.ndarray:
    """``(n, NUM_PERM)`` signatures -> ``(n, BANDS)`` int32 keys: each band's ``ROWS`` values
    folded into a 64-bit hash with splitmix64 steps, seeded by the band's number, of which the
    top 32 bits are kept. 32 bits keep the index at 8 bytes a band; a chance collision only
    adds a candidate, which the similarity check rejects (at a million stored articles about
    one lookup in four reads one such signature). Vectorised, so a store of a million articles
    rebuilds its index in seconds; keys are never stored, so the scheme may change."""
    rows = sigs.reshape(len(sigs), BANDS, ROWS).astype(np.uint64)
    key = np.broadcast_to(np.arange(1, BANDS + 1, dtype=np.uint64) * _GOLDEN, rows.shape[:2])
    for j in range(ROWS):
        key = _mix((key ^ rows[:, :, j]) + _GOLDEN)
    return (key >> np.uint64(32)).astype(np.uint32).view(np.int32)


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal values."""
    return float(np.mean(a == b))


SEGMENT = 1 << 16  # band entries per sorted segment (2,048 articles)


class BandIndex:
    """Band key -> article number (``ref``, 0, 1, 2... in the order added), in 8 bytes per
    band: sorted segments of ``SEGMENT`` int32 keys with their int32 refs, binary-searched, and
    an unsorted tail scanned with numpy that becomes a segment when full. Segments are never
    merged, so adding never copies the index (no peak of twice its size)."""

    def __init__(self, segment: int = SEGMENT) -> None:
        self.segment = segment
        self._segments: list[tuple[np.ndarray, np.ndarray]] = []
        self._keys = np.empty(segment, dtype=np.int32)  # the tail, filled up to _fill
        self._refs = np.empty(segment, dtype=np.int32)
        self._fill = 0

    def __len__(self) -> int:
        return len(self._segments) * self.segment + self._fill

    def add(self, ref: int, keys: Sequence[int]) -> None:
        """Index one article's band ``keys`` under its number ``ref``."""
        self.extend(np.full(len(keys), ref, dtype=np.int32), np.asarray(keys, dtype=np.int32))

    def extend(self, refs: np.ndarray, keys: np.ndarray) -> None:
        """Add ``keys[i]`` for ``refs[i]`` (equal-length 1-d arrays), a slice at a time."""
        done = 0
        while done < len(keys):
            if self._fill == self.segment:
                self._seal()
            take = min(self.segment - self._fill, len(keys) - done)
            self._keys[self._fill : self._fill + take] = keys[done : done + take]
            self._refs[self._fill : self._fill + take] = refs[done : done + take]
            self._fill += take
            done += take

    def find(self, keys: Sequence[int]) -> list[int]:
        """Refs of the articles sharing at least one key, ascending (first added first)."""
        k = np.unique(np.asarray(keys, dtype=np.int32))
        found: list[np.ndarray] = []
        for seg_keys, seg_refs in self._segments:
            lo = np.searchsorted(seg_keys, k, "left")
            hi = np.searchsorted(seg_keys, k, "right")
            for a, b in zip(lo[hi > lo].tolist(), hi[hi > lo].tolist(), strict=True):
                found.append(seg_refs[a:b])
        if self._fill:
            found.append(self._refs[: self._fill][np.isin(self._keys[: self._fill], k)])
        if not found:
            return []
        return np.unique(np.concatenate(found)).tolist()

    def _seal(self) -> None:
        order = np.argsort(self._keys, kind="stable")
        self._segments.append((self._keys[order], self._refs[order]))
        self._fill = 0


class _Memory:
    """The originals of a run without a store: ids, signatures (chunks of 1,024 x 128 uint32)
    and a ``BandIndex``: a ``Lookup`` held in ~0.8 KB per article."""

    CHUNK = 1024

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.sigs: list[np.ndarray] = []
        self.bands = BandIndex()

    def add(self, article_id: str, sig: np.ndarray, keys: list[int]) -> None:
        n = len(self.ids)
        if n % self.CHUNK == 0:
            self.sigs.append(np.empty((self.CHUNK, NUM_PERM), dtype=np.uint32))
        self.sigs[-1][n % self.CHUNK] = sig
        self.ids.append(article_id)
        self.bands.add(n, keys)

    def __call__(self, keys: list[int]) -> Iterable[tuple[str, np.ndarray]]:
        for r in self.bands.find(keys):
            yield self.ids[r], self.sigs[r // self.CHUNK][r % self.CHUNK]


class NearDuplicates:
    """``check(id, text)``: the original this text nearly duplicates, or None (and the text
    is remembered as an original). ``lookup`` finds stored candidates; without it the index is
    in memory only (``resgestae code``)."""

    def __init__(self, lookup: Lookup | None = None, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._memory: _Memory | None = None
        if lookup is None:
            self._memory = _Memory()
            lookup = self._memory
        self.lookup: Lookup = lookup
        self._minhash: MinHash | None = None  # the permutations, made once, when first needed
        self._bands: dict[int, list[str]] = defaultdict(list)
        self._pending: dict[str, tuple[np.ndarray, list[int]]] = {}
        self._first: tuple[str, str] | None = None  # (id, text) of an unsigned first original

    def signature(self, text: str) -> np.ndarray:
        """The text's MinHash signature (``signature``), with permutations made once."""
        if self._minhash is None:
            self._minhash = _template()
        return signature(text, self._minhash)

    def triage(self, article_id: str, text: str) -> tuple[Match | None, np.ndarray | None]:
        """``check`` of the text's signature: the original it nearly duplicates (or None),
        and the signature. Without a store, the first article is an original whatever it
        says, and is signed only once a second article needs comparing with it (signature
        None): a run of one article never loads MinHash."""
        if self._memory is not None:
            if not self._memory.ids and self._first is None:
                self._first = (article_id, text)
                return None, None
            if self._first is not None:
                first_id, first_text = self._first
                self._first = None
                self.check(first_id, self.signature(first_text))
        sig = self.signature(text)
        return self.check(article_id, sig), sig

    def check(self, article_id: str, sig: np.ndarray) -> Match | None:
        """The most similar original at or above ``threshold``, or None, and then the
        article is an original itself: in memory until ``forget`` (with a store), or for
        good (without one)."""
        keys = band_keys(sig)
        best: Match | None = None
        for other, other_sig in self._candidates(keys):
            if other == article_id:
                continue
            s = similarity(sig, other_sig)
            if s >= self.threshold and (best is None or s > best.similarity):
                best = Match(other, s)
        if best is None:
            if self._memory is not None:  # no store to wait for: indexed for good
                self._memory.add(article_id, sig, keys)
                return None
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
        for other, sig in self.lookup(keys):
            if other not in seen:
                seen.add(other)
                yield other, _as_signature(sig)


def _as_signature(sig: bytes | np.ndarray) -> np.ndarray:
    return sig if isinstance(sig, np.ndarray) else np.frombuffer(sig, dtype=np.uint32)
