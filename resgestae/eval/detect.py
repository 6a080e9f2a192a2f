"""Finding gold file sets under a path and telling their kind from their content."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from resgestae.eval import articles, case, geo, meantime, petrarch, plover, timeml

__all__ = ["KINDS", "PER_DOCUMENT", "FileSet", "detect_kind", "find_sets"]

# Order matters: the first kind whose ``looks_like`` accepts the file's head wins.
MODULES = (articles, plover, case, petrarch, timeml, meantime, geo)
KINDS = {m.KIND: m for m in MODULES}
PER_DOCUMENT = frozenset({meantime.KIND, timeml.KIND})  # one article per file
SUFFIXES = {".json", ".tsv", ".txt", ".xml", ".tml"}
HEAD_BYTES = 8192


@dataclass(frozen=True, slots=True)
class FileSet:
    kind: str
    path: Path  # the file, or for per-document kinds the folder that groups them
    files: tuple[Path, ...]


def _head(path: Path) -> str:
    with path.open("rb") as f:
        return f.read(HEAD_BYTES).decode("utf-8", errors="replace")


def detect_kind(path: Path) -> str | None:
    """The gold kind of one file from its first bytes, or None when it is not a gold file."""
    if path.suffix.lower() not in SUFFIXES:
        return None
    head = _head(path)
    return next((m.KIND for m in MODULES if m.looks_like(path, head)), None)


def find_sets(path: Path, kind: str | None = None) -> list[FileSet]:
    """Gold file sets under ``path`` (a file or a folder, walked recursively).

    Whole-corpus files (articles, PLOVER, CASE, PETRARCH, geo) are a set each. Per-document files
    (MEANTIME, TimeML) are grouped by the top-level entry of ``path`` they sit under, so
    ``eval dev`` scores ``dev/meantime`` as one set; a folder that holds nothing but
    per-document files of one kind is one set. ``kind`` forces the kind of a single file and
    selects that kind's files in a folder."""
    if path.is_file():
        k = kind or detect_kind(path)
        return [FileSet(k, path, (path,))] if k else []
    out: list[FileSet] = []
    groups: dict[tuple[str, Path], list[Path]] = defaultdict(list)
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        k = detect_kind(f)
        if k is None or (kind and k != kind):
            continue
        if k in PER_DOCUMENT:
            groups[(k, path / f.relative_to(path).parts[0])].append(f)
        else:
            out.append(FileSet(k, f, (f,)))
    if not out and len({k for k, _ in groups}) == 1:
        files = tuple(sorted(f for fs in groups.values() for f in fs))
        return [FileSet(next(iter(groups))[0], path, files)]
    out.extend(FileSet(k, top, tuple(fs)) for (k, top), fs in groups.items())
    return sorted(out, key=lambda s: (str(s.path), s.kind))
