"""Cache keys: one scheme for every entry, tied to the package's version and source code."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import ofsted_trace


def digest(data: bytes) -> str:
    """A content hash of bytes, as hex.

    SHA-256, not a faster non-cryptographic hash: whoever can commit data could craft two
    files with the same XXH3 hash, and the cache would answer for one with the other.
    """
    return hashlib.sha256(data).hexdigest()


@functools.cache
def source() -> str:
    """A hash of the package's source: a code change without a version bump changes every key.

    The models are part of the source, so an entry never holds records of another shape.
    """
    package = Path(ofsted_trace.__file__).parent
    files = sorted(package.rglob("*.py"))
    return digest(b"\0".join(f.relative_to(package).as_posix().encode() + b"\0" +
                             f.read_bytes() for f in files))


def key(kind: str, *parts: str) -> str:
    """The key of one kind of entry: the version, the source, the kind and its parts."""
    return digest("\0".join((ofsted_trace.__version__, source(), kind, *parts)).encode())
