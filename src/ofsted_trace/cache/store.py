"""The cache's entry store: a directory beside the dataset, one checksummed file per entry.

Entries are keyed (keys.py) on a hash of the input bytes, the package version and source, so
an edited, renamed or removed file can never be answered from an old entry. Each entry file
carries a header and a checksum of its payload; anything odd is deleted and rebuilt.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import xxhash

from ofsted_trace.fs.atomic import write_atomic

DIR_NAME = ".ofsted-trace-cache"
_MAGIC = b"ofsted-trace-cache 2\n"
_SUM = 16  # bytes of XXH3-128 checksum after the magic line


# Files already read in this run, by real path: their bytes and digest(bytes).
Contents = dict[str, tuple[bytes, str]]


class Cache:
    """A directory of entries; every failure to read or write is a miss, never an error."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    @classmethod
    def beside(cls, root: Path) -> Cache:
        """The cache for a dataset: OFSTED_TRACE_CACHE, else .ofsted-trace-cache beside it.

        OFSTED_TRACE_CACHE=off turns caching off.
        """
        chosen = os.environ.get("OFSTED_TRACE_CACHE", "")
        if chosen.lower() in {"off", "0", "no"}:
            return cls(None)
        return cls(Path(chosen) if chosen else root.resolve().parent / DIR_NAME)

    def _path(self, name: str) -> Path | None:
        return self.directory / name[:2] / name if self.directory is not None else None

    def get(self, name: str) -> bytes | None:
        """The payload stored under name, or None when absent, partial or corrupt."""
        path = self._path(name)
        if path is None:
            return None
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        head, payload = raw[:len(_MAGIC) + _SUM], raw[len(_MAGIC) + _SUM:]
        if head[:len(_MAGIC)] == _MAGIC and head[len(_MAGIC):] == _checksum(payload):
            return payload
        path.unlink(missing_ok=True)
        return None

    def put(self, name: str, payload: bytes) -> None:
        """Store payload under name, atomically; a read-only disk just means no cache."""
        path = self._path(name)
        if path is None:
            return
        with contextlib.suppress(OSError):
            write_atomic(path, _MAGIC + _checksum(payload) + payload, sync=False)
            self._ignore_in_git()

    def _ignore_in_git(self) -> None:
        # The cache sits beside a council's own dataset, in a repository this project does not
        # own; a .gitignore of "*" inside keeps it out of that git, as pytest's cache does.
        marker = self.directory / ".gitignore" if self.directory is not None else None
        if marker is not None and not marker.exists():
            marker.write_text("# Created by ofsted-trace: a cache, never commit it.\n*\n")


def _checksum(payload: bytes) -> bytes:
    return xxhash.xxh3_128_digest(payload)
