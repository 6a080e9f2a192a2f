"""Reading a gzip file member by member, so one corrupt member costs only its own bytes.

A gzip file is a sequence of members (a web crawler writes one per WARC record). Python's
``gzip`` stops at the first corrupt one; ``Members`` records it in ``damaged`` and goes on at
the next member header, and raises ``EOFError`` only where the file is cut short.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import BinaryIO

MAGIC = b"\x1f\x8b\x08"  # gzip id bytes and the deflate method: where a member starts
CHUNK = 1 << 16
CUT = "Compressed file ended before the end-of-stream marker was reached"  # gzip's words


@dataclass(frozen=True, slots=True)
class Damage:
    """A corrupt member: where it starts in the file and in the decompressed stream."""

    offset: int  # byte offset of the member in the compressed file
    position: int  # decompressed bytes given out before it
    reason: str


class Members:
    """A binary stream of the decompressed bytes of the gzip file ``raw`` (seekable).

    With ``pause``, the first read after a newly found corrupt member returns ``b""`` (the
    end of a segment) until ``resume()``: a reader then knows which of its records the damage
    touched. Seeking back starts again from the top, as ``gzip.GzipFile`` does."""

    def __init__(self, raw: BinaryIO, *, pause: bool = False):
        self.raw = raw
        self.pause = pause
        self.damaged: dict[int, Damage] = {}
        self.paused: Damage | None = None
        self._rewind()

    def _rewind(self) -> None:
        self.raw.seek(0)
        self._pending = b""  # compressed bytes read but not fed to a decompressor
        self._at = 0  # offset in the file of the first byte of _pending
        self._z: zlib._Decompress | None = None
        self._member = 0  # offset of the member being decompressed
        self._member_pos = 0  # decompressed bytes before it
        self._junk = False  # skipping bytes that are no member
        self._out = bytearray()  # decompressed bytes, given out from _off on
        self._off = 0
        self._pos = 0  # decompressed bytes given out
        self._cut = False
        self._ended = False

    def readable(self) -> bool:
        """Always: a stream to read."""
        return True

    def tell(self) -> int:
        """Decompressed bytes given out so far."""
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        """Go to a decompressed offset: on by reading, back by starting again."""
        if whence == 1:
            offset += self._pos
        elif whence != 0:
            raise OSError("Members streams seek from the start or the current position only")
        if offset < self._pos:
            self._rewind()
        while self._pos < offset and self.read(min(CHUNK, offset - self._pos)):
            pass
        return self._pos

    def resume(self) -> None:
        """Go on after the corrupt member that paused the stream."""
        self.paused = None

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` decompressed bytes (all with -1); ``b""`` at the end or while
        paused; ``EOFError`` once the bytes before a cut are given out."""
        if size is None or size < 0:
            size = 1 << 62
        if self.paused is not None:
            return b""
        while self._ready() < size and not self._ended and self.paused is None:
            self._fill(size - self._ready())
        if self._cut and not self._ready():
            raise EOFError(CUT)  # once the bytes before the cut are given out
        return self._take(min(size, self._ready()))

    def read1(self, size: int = -1) -> bytes:
        """``read``, at most a chunk when no size is given."""
        return self.read(size if size is not None and size >= 0 else CHUNK)

    def readline(self, limit: int = -1) -> bytes:
        """The next line with its newline, or its first ``limit`` bytes."""
        limit = limit if limit is not None and limit >= 0 else 1 << 62
        scanned = 0  # bytes after _off known to hold no newline
        while True:
            nl = self._out.find(b"\n", self._off + scanned, self._off + limit)
            if nl >= 0:
                return self._take(nl + 1 - self._off)
            if self._ready() >= limit or self._ended or self.paused is not None:
                if self._cut:
                    raise EOFError(CUT)  # the line the file is cut in is not given out
                return self._take(min(limit, self._ready()))
            scanned = self._ready()
            self._fill(CHUNK)  # may drop what was given out: hence offsets from _off

    def _ready(self) -> int:
        return len(self._out) - self._off

    def _take(self, n: int) -> bytes:
        """The next ``n`` decompressed bytes."""
        out = bytes(self._out[self._off : self._off + n])
        self._off += n
        self._pos += n
        if self._off == len(self._out):
            self._out.clear()
            self._off = 0
        return out

    def __iter__(self):
        return iter(self.readline, b"")

    def close(self) -> None:
        """Nothing: the caller closes ``raw``."""

    def _more(self) -> bool:
        data = self.raw.read(CHUNK)
        self._pending += data
        return bool(data)

    def _drop(self, n: int) -> None:
        self._pending = self._pending[n:]
        self._at += n

    def _fill(self, want: int) -> None:
        if self._z is None:  # between members: find the next one
            while len(self._pending) < len(MAGIC) and self._more():
                pass
            if not self._pending.strip(b"\x00"):  # the end (or zero padding)
                if not self._more():
                    self._ended = True
                return
            start = self._pending.find(MAGIC)
            if start != 0:
                if not self._junk:
                    self._junk = True
                    self._damage(self._at, self._pos + self._ready(), "not a gzip member")
                if start < 0:  # keep the last bytes: a header may straddle two chunks
                    self._drop(max(0, len(self._pending) - len(MAGIC) + 1))
                    if not self._more():
                        self._ended = True
                    return
                self._drop(start)
            self._junk = False
            self._z = zlib.decompressobj(wbits=31)
            self._member, self._member_pos = self._at, self._pos + self._ready()
        if not self._pending and not self._more():
            self._cut, self._ended = True, True  # inside a member at the end of the file
            return
        z = self._z
        try:
            out = z.decompress(self._pending, max(want, CHUNK))
        except zlib.error as exc:
            self._z = None
            self._damage(self._member, self._member_pos, str(exc))
            # the next member header can be anywhere after this member's first byte
            self.raw.seek(self._member + 1)
            self._pending, self._at, self._junk = b"", self._member + 1, True
            return
        self._drop(len(self._pending) - len(z.unconsumed_tail))
        if self._off > CHUNK and self._off > len(self._out) // 2:
            del self._out[: self._off]  # given out: dropped now and then, not at every read
            self._off = 0
        self._out += out
        if z.eof:
            self._pending = z.unused_data + self._pending
            self._at -= len(z.unused_data)
            self._z = None

    def _damage(self, offset: int, position: int, reason: str) -> None:
        if offset in self.damaged:
            return  # seen before a rewind: skipped again without pausing
        damage = Damage(offset, position, reason)
        self.damaged[offset] = damage
        if self.pause:
            self.paused = damage
