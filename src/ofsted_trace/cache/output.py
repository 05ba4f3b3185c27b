"""The whole-output cache of the read-only commands (check, status, gaps), standard library only.

A run is keyed on the bytes of every file under the dataset directory, the command and its
options, the package's version and source, today's date and what the output stream can show;
the entry holds the exact output and exit code. On a hit the command answers without importing
pydantic, networkx or rich. Anything that cannot be fingerprinted (a link to a directory, a
device) is simply not cached, and an answer is stored only if no file changed while it was made.
A file larger than any reader reads (fs/regular.py's MAX_READ) is keyed on its size, unread.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, NamedTuple

from ofsted_trace.cache import keys
from ofsted_trace.cache.store import Cache, Contents
from ofsted_trace.errors import TraceError
from ofsted_trace.fs import regular

# Everything rich reads to choose width and colour, so a hit looks as a fresh run would.
_TERM_ENV = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM",
             "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES",
             "DATABRICKS_RUNTIME_VERSION", "CI", "GITHUB_ACTIONS")
# Print.files' markers: a link's target, and the size of a file too large to read.
LINK = "\0link"
SIZE = "\0size"
# (size, mtime_ns, inode) of each file when it was hashed: a cheap test that nothing changed.
Stats = dict[str, tuple[int, int, int]]
# Each file's hash as last taken, with its (size, mtime_ns, ctime_ns, inode) then, by path.
Digests = dict[str, tuple[int, int, int, int, str]]
# A hash is taken again unless the file's status changed more than this long before it was
# last taken: a file written twice within one tick of a coarse clock keeps its stamps (git's
# "racy clean" rule).
_RACY_NS = 2_000_000_000
# Only where ctime is the inode's change time, which no program can set back (POSIX); on
# Windows it is the creation time, so there every file is read and hashed on every run.
_MEMO = os.name == "posix"


class Unfingerprintable(TraceError):
    """The dataset holds something whose content cannot be hashed: the run is not cached."""


# One file under the dataset: its path under root (a directory's ending in the separator),
# its path, its status (None for a directory) and whether it is a symbolic link.
Walked = tuple[str, str, os.stat_result | None, bool]


def _walk(root: Path, skip: Path | None) -> Iterator[Walked]:
    """Every file under root, in a stable order; a directory is there too, with no status (an
    empty one is data too: a directory named like an evidence file is read, and refused).

    Each directory's subdirectories, then its files, then what is in each subdirectory, in
    name order. os.scandir gives each entry's kind without a call of its own: os.walk and a
    stat and a link test per file took twice as long (~50 ms for 2,000 files).
    """
    yield from _walk_in(str(root), "", None if skip is None else str(skip))


def _walk_in(top: str, prefix: str, skip: str | None) -> Iterator[Walked]:
    with os.scandir(top) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    # As os.walk sorts them: a link to a directory counts as a directory, and refuses.
    dirs = [e for e in entries if e.is_dir() and e.path != skip]
    for entry in dirs:
        if entry.is_symlink():
            raise Unfingerprintable(entry.name)  # the loader may follow it; walking may loop
        yield prefix + entry.name + os.sep, entry.path, None, False
    for entry in entries:
        if entry.is_dir():
            continue
        info = os.stat(entry.path)  # follows a link: its target's bytes are what is read
        if not stat.S_ISREG(info.st_mode):
            raise Unfingerprintable(entry.path)
        yield prefix + entry.name, entry.path, info, entry.is_symlink()
    for entry in dirs:
        yield from _walk_in(entry.path, prefix + entry.name + os.sep, skip)


class Print(NamedTuple):
    """What fingerprint() found of a directory."""

    # A hash of every file under root: its path, link target and bytes.
    key: str
    stats: Stats
    # The bytes read with their hashes, by path, so a miss need not read them again.
    contents: Contents
    # The hashes to remember for the next run.
    taken: Digests
    # Each file's hash by its path under root, written with "/": what check/delta.py compares
    # with the last run's. What else the key holds is here too, so no change escapes it: a
    # link's target under PATH + LINK, the size of a file too large to read (which has no
    # hash) under PATH + SIZE, and each directory as its path ending in "/".
    files: dict[str, str]


def fingerprint(root: Path, skip: Path | None = None, memo: Digests | None = None) -> Print:
    """Hash every file under root (see Print).

    memo: the last run's hashes; a file whose status is as it was then, and had not changed
    in the _RACY_NS before, is not read: its bytes are the ones hashed then.
    """
    parts: list[str] = []
    stats: Stats = {}
    contents: Contents = {}
    known = memo if memo is not None and _MEMO else {}
    now = time.time_ns()
    taken: Digests = {}
    files: dict[str, str] = {}
    for rel, path, info, linked in _walk(root, skip):
        name = rel.replace(os.sep, "/")
        if info is None:
            stats[rel] = (0, 0, 0)
            files[name] = "directory"
            parts.append(f"{rel}\0directory")
            continue
        link = os.readlink(path) if linked else ""
        if link:
            files[name + LINK] = link
        stats[rel] = (info.st_size, info.st_mtime_ns, info.st_ino)
        if info.st_size > regular.MAX_READ:
            # Never read: every reader refuses a file this large by its size alone, so the
            # answer depends on its size, not its bytes; a file that changes size or is
            # replaced during the run fails _unchanged and the answer is not stored.
            files[name + SIZE] = str(info.st_size)
            parts.append(f"{rel}\0{link}\0size={info.st_size}")
            continue
        status = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        last = known.get(rel)
        if last is not None and last[:4] == status:
            digest = last[4]
        else:
            try:
                raw = regular.read(path, regular.MAX_READ)
            except regular.TooLarge:
                raise Unfingerprintable(path) from None  # it grew since the stat
            digest = keys.digest(raw)
            contents[path] = (raw, digest)
        if info.st_ctime_ns < now - _RACY_NS:
            taken[rel] = (*status, digest)
        files[name] = digest
        parts.append(f"{rel}\0{link}\0{digest}")
    return Print(keys.digest("\n".join(parts).encode()), stats, contents, taken, files)


def _digests(payload: bytes | None) -> Digests:
    """The remembered hashes, or none if the entry is missing or of another shape."""
    try:
        loaded = json.loads(payload) if payload else {}
        return {str(rel): (int(a), int(b), int(c), int(d), str(e))
                for rel, (a, b, c, d, e) in loaded.items()}
    except (ValueError, TypeError, AttributeError):
        return {}


def _unchanged(root: Path, skip: Path | None, stats: Stats) -> bool:
    """Whether the same files are there with the same stats: none was edited, added or removed."""
    try:
        now = {rel: (i.st_size, i.st_mtime_ns, i.st_ino) if i is not None else (0, 0, 0)
               for rel, _, i, _ in _walk(root, skip)}
    except (OSError, Unfingerprintable):
        return False
    return now == stats


def _term(stream: IO[str]) -> str:
    try:
        tty = stream.isatty()
        size = os.get_terminal_size(stream.fileno()) if tty else None
    except (OSError, ValueError, AttributeError):
        tty, size = False, None
    # Off a terminal, rich (and render/terminal/plain.py) take the width from stdin or stderr
    # when either is one, so their sizes are part of what the output depends on too.
    others = [_size(fd) for fd in (0, 2)]
    env = [f"{k}={os.environ.get(k)}" for k in _TERM_ENV]
    return f"{tty}\0{size}\0{chr(0).join(others)}\0{chr(0).join(env)}"


def _size(fd: int) -> str:
    """The size of the terminal at fd, or "-" when it is not one."""
    try:
        return str(os.get_terminal_size(fd))
    except (OSError, ValueError):
        return "-"


@dataclass
class Entry:
    """One run's place in the cache: found by the key, stored only if the files stood still."""

    store: Cache
    name: str
    root: Path
    skip: Path
    stats: Stats
    # Every file's bytes and hash as the key saw them: on a miss the loader takes them from
    # here, so the run answers for exactly the bytes it is keyed on, and reads no file twice.
    contents: Contents
    # Every file's hash by its path under the dataset (Print.files).
    files: dict[str, str]

    @classmethod
    def for_run(cls, command: str, data: Path, options: tuple[object, ...],
                stream: IO[str] | None = None, store: Cache | None = None) -> Entry | None:
        """The entry for this run, or None when the run cannot be cached."""
        if not data.is_dir():
            return None
        store = Cache.beside(data) if store is None else store
        if store.directory is None:
            return None
        root, skip = data.resolve(), store.directory.resolve()
        memo_name = keys.key("digests", str(root))
        memo = _digests(store.get(memo_name))
        try:
            found = fingerprint(root, skip, memo)
        except (OSError, Unfingerprintable):
            return None
        if found.taken != memo and _MEMO:
            store.put(memo_name, json.dumps(found.taken).encode())
        name = keys.key("output", command, repr(options), str(data), str(root), found.key,
                        date.today().isoformat(), _term(sys.stdout if stream is None else stream))
        return cls(store, name, root, skip, found.stats, found.contents, found.files)

    def recall(self) -> tuple[str, int] | None:
        """The cached output and exit code, or None."""
        payload = self.store.get(self.name)
        if payload is None:
            return None
        head, _, body = payload.partition(b"\n")
        try:
            return body.decode("utf-8"), int(head)
        except ValueError:
            return None

    def remember(self, text: str, code: int) -> None:
        """Store the output, unless some file changed while it was being made."""
        if _unchanged(self.root, self.skip, self.stats):
            self.store.put(self.name, b"%d\n" % code + text.encode("utf-8"))
