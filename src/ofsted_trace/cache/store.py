"""The cache's entry store: a directory beside the dataset, one signed file per entry.

Entries are keyed (keys.py) on a hash of the input bytes, the package version and source, so
an edited, renamed or removed file can never be answered from an old entry. Each entry file
carries an HMAC of its name and payload under the user's own secret (trust.py), kept outside
any repository: an entry someone else wrote, or one moved to another name, is never believed.
Nothing is written through a symbolic link.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import stat
from pathlib import Path

from ofsted_trace.cache import trust
from ofsted_trace.fs import regular
from ofsted_trace.fs.atomic import write_atomic

DIR_NAME = ".ofsted-trace-cache"
_MAGIC = b"ofsted-trace-cache 3\n"
_TAG = 32  # bytes of HMAC-SHA256 after the magic line
_MAX_ENTRY = 1 << 30  # far above any real entry; a bound so a planted file cannot exhaust memory


# Files already read in this run, by real path: their bytes and digest(bytes).
Contents = dict[str, tuple[bytes, str]]


class Cache:
    """A directory of entries; every failure to read or write is a miss, never an error.

    refused says why the chosen directory is not used (for the command line to warn once).
    """

    def __init__(self, directory: Path | None, refused: str | None = None) -> None:
        key = trust.secret() if directory is not None else None
        self.directory = directory if key is not None else None
        self._key = key or b""
        self.refused = refused

    @classmethod
    def beside(cls, root: Path) -> Cache:
        """The cache for a dataset: OFSTED_TRACE_CACHE, else .ofsted-trace-cache beside it.

        OFSTED_TRACE_CACHE=off turns caching off; a directory trust.refusal rejects is unused.
        """
        chosen = os.environ.get("OFSTED_TRACE_CACHE", "")
        if chosen.lower() in {"off", "0", "no"}:
            return cls(None)
        directory = Path(chosen) if chosen else root.resolve().parent / DIR_NAME
        reason = trust.refusal(directory, root)
        if reason is not None:
            return cls(None, f"ignoring the cache at {directory}: {reason}")
        return cls(directory)

    @property
    def keeps(self) -> bool:
        """Whether an entry put is kept to be got again, so its key is worth making."""
        return self.directory is not None

    def _path(self, name: str) -> Path | None:
        return self.directory / name[:2] / name if self.directory is not None else None

    def _tag(self, name: str, payload: bytes) -> bytes:
        # The one-shot form: the same HMAC, without an object per call (~0.2 M rows a run).
        return hmac.digest(self._key, name.encode() + b"\0" + payload, "sha256")

    def get(self, name: str) -> bytes | None:
        """The payload stored under name, or None when absent, partial, corrupt or forged."""
        path = self._path(name)
        if path is None:
            return None
        try:
            raw = regular.read(path, _MAX_ENTRY)
        except OSError:
            return None
        head, payload = raw[:len(_MAGIC) + _TAG], raw[len(_MAGIC) + _TAG:]
        if head[:len(_MAGIC)] == _MAGIC and hmac.compare_digest(head[len(_MAGIC):],
                                                                self._tag(name, payload)):
            return payload
        return None  # left in place: deleting would follow the name wherever it leads

    def put(self, name: str, payload: bytes) -> None:
        """Store payload under name, atomically; a read-only disk just means no cache."""
        path = self._path(name)
        if path is None:
            return
        with contextlib.suppress(OSError):
            if self._folder(path.parent):
                write_atomic(path, _MAGIC + self._tag(name, payload) + payload, sync=False)

    def sign(self, name: str, payload: bytes) -> bytes:
        """The HMAC a row kept outside the entries (cache/excerpts.py) carries under name."""
        return self._tag(name, payload)

    def signed(self, name: str, payload: bytes, tag: bytes) -> bool:
        """Whether tag is this user's HMAC of payload under name (never, unless both are bytes:
        sqlite hands back whatever type was written, and bytes(-1) or bytes("x") raise)."""
        if not isinstance(payload, bytes) or not isinstance(tag, bytes):
            return False
        return hmac.compare_digest(tag, self._tag(name, payload))

    def folder(self) -> bool:
        """Make the cache directory itself; False when it is off or not a real directory."""
        if self.directory is None:
            return False
        with contextlib.suppress(FileExistsError, OSError):
            os.mkdir(self.directory, 0o700)
            self._ignore_in_git()
        try:
            return stat.S_ISDIR(os.lstat(self.directory).st_mode)
        except OSError:
            return False

    def _folder(self, shard: Path) -> bool:
        """Make the cache directory and one of its folders; False if either is not a real one."""
        for folder in (shard.parent, shard):
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, 0o700)
                if folder == shard.parent:
                    self._ignore_in_git()
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return False  # a link: writing through it could land anywhere
        return True

    def _ignore_in_git(self) -> None:
        # The cache sits beside a council's own dataset, in a repository this project does not
        # own; a .gitignore of "*" inside keeps it out of that git, as pytest's cache does.
        # O_EXCL: never through a link planted in its place.
        assert self.directory is not None
        with contextlib.suppress(OSError):
            fd = os.open(self.directory / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                         0o644)
            with os.fdopen(fd, "w") as handle:
                handle.write("# Created by ofsted-trace: a cache, never commit it.\n*\n")
