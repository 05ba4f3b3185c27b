"""Each evidence file's excerpts kept as JSON, by the file's content hash: the one sqlite3 user.

A one-file change is judged again only for the items it touches (judge/delta.py), and those
need every excerpt linked to them, from every file: at 100,000 excerpts an item's ~250 links
sit in ~250 files, and reading that many cache entries takes as long as a whole run. Here each
file's excerpts are one row, keyed by the hash of the bytes they were parsed from (so a row
can only ever describe those bytes), with a small layout: each excerpt's length and hash, and
the excerpts linked to each item. Finding an item's excerpts reads every layout (~5 KB a file)
and then only those excerpts' bytes. Heads and layouts carry an HMAC under the user's secret
(cache/store.py), and each excerpt's JSON is checked against the hash its layout gives, so
nothing someone else wrote is believed. Any failure of the database is a miss, never an
error.
"""

from __future__ import annotations

import array
import contextlib
import itertools
import marshal
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from ofsted_trace.cache import keys
from ofsted_trace.cache.store import Cache

_SCHEMA = (
    # head: each excerpt's id, links, hash and length, to tell which changed; layout: the
    # same hashes and lengths packed, and each linked item's excerpts, to find them quickly.
    "CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, digest TEXT UNIQUE NOT NULL, "
    "head BLOB NOT NULL, head_tag BLOB NOT NULL, layout BLOB NOT NULL, "
    "layout_tag BLOB NOT NULL, body BLOB NOT NULL)",
)


class Head(NamedTuple):
    """One file's document; each excerpt's id, linked items, JSON's hash and JSON's length."""

    document: str
    links: list[tuple[str, list[str], str, int]]


class Place(NamedTuple):
    """Where one excerpt's JSON is kept: its file's hash and document, its place in the file,
    and its JSON's offset, length and hash."""

    digest: str
    document: str
    pos: int
    offset: int
    length: int
    hash: str


def head_of(document: str, excerpts: list[tuple[str, list[str], bytes]]) -> Head:
    """The head of one file's excerpts, each given as its id, linked items and JSON."""
    return Head(document, [(xid, rids, keys.digest(body)[:32], len(body))
                           for xid, rids, body in excerpts])


class Excerpts:
    """The kept excerpts of every evidence file seen, by the hash of its bytes."""

    def __init__(self, store: Cache, db: sqlite3.Connection, path: Path) -> None:
        self.store = store
        self.db = db
        self.path = path
        # Set when the database is found damaged, or holding a row that is not this user's
        # (altered, or signed under another secret): close() then removes it, and the run
        # that judges whole makes it anew, rather than every later run missing.
        self.damaged = False

    @classmethod
    def open(cls, store: Cache) -> Excerpts | None:
        """The table beside the cache's entries; None when the cache is off or it is unusable."""
        if store.directory is None:
            return None
        path = store.directory / f"excerpts-{keys.key('excerpts')[:16]}.sqlite"
        for _ in range(2):
            try:
                return cls(store, _connect(store, path), path)
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):
                    return None  # busy or locked: another run is writing; a miss this time
                # Not a database (truncated, overwritten): it is only a cache, so start anew.
                _remove(path)
            except OSError:
                return None
        return None

    def held(self) -> set[str]:
        """The hashes of the files whose excerpts are kept."""
        try:
            return {row[0] for row in self.db.execute("SELECT digest FROM files")}
        except sqlite3.Error as exc:
            self._failed(exc)
            return set()

    def head(self, digest: str) -> Head | None:
        """One file's document and links, or None when absent or not ours."""
        try:
            found = self.db.execute("SELECT head, head_tag FROM files WHERE digest = ?",
                                    (digest,)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if found is None:
            return None
        if not self.store.signed(_name("file", digest), found[0], found[1]):
            self.damaged = True
            return None
        try:
            document, links = marshal.loads(found[0])
            return Head(str(document), [(str(x), [str(r) for r in rids], str(h), int(n))
                                        for x, rids, h, n in links])
        except (ValueError, TypeError, EOFError):
            return None

    def linked(self, items: Iterable[str], digests: set[str]) -> list[Place] | None:
        """The places of every excerpt in these files that links to one of items; None if a
        file is not kept, or not ours."""
        wanted = set(items)
        out: list[Place] = []
        try:
            rows = {digest: (layout, tag) for digest, layout, tag in self.db.execute(
                "SELECT digest, layout, layout_tag FROM files")}
            for digest in sorted(digests):
                layout, tag = rows[digest]
                if not self.store.signed(_name("layout", digest), layout, tag):
                    self.damaged = True
                    return None
                document, hashes, lengths, index = marshal.loads(layout)
                at = sorted({pos for item in wanted for pos in _positions(index, item)})
                if at:
                    sizes = array.array("I", lengths)
                    starts = [0, *itertools.accumulate(sizes)]
                    out.extend(Place(digest, document, pos, starts[pos], sizes[pos],
                                     hashes[pos * 16:pos * 16 + 16].hex()) for pos in at)
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        except (KeyError, ValueError, TypeError, EOFError, IndexError):
            return None
        return out

    def bodies(self, places: list[Place]) -> list[bytes] | None:
        """The JSON of the excerpts at these places, in their order; None if any is absent or
        not as kept."""
        out: dict[int, bytes] = {}
        by_file: dict[str, list[int]] = {}
        for i, place in enumerate(places):
            by_file.setdefault(place.digest, []).append(i)
        try:
            for digest, at in by_file.items():
                row = self.db.execute("SELECT id FROM files WHERE digest = ?",
                                      (digest,)).fetchone()
                if row is None:
                    return None
                # Only the bytes asked for are read, not the whole file's.
                with self.db.blobopen("files", "body", row[0], readonly=True) as blob:
                    for i in at:
                        blob.seek(places[i].offset)
                        out[i] = blob.read(places[i].length)
                        if keys.digest(out[i])[:32] != places[i].hash:
                            self.damaged = True
                            return None
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        except ValueError:
            return None
        return [out[i] for i in range(len(places))]

    def put(self, files: Iterable[tuple[str, Head, list[bytes]]]) -> None:
        """Keep these files' excerpts, in one transaction.

        files may be a generator: each file's JSON is written as it comes, and let go.
        """
        with self._transaction():
            for digest, head, bodies in files:
                payload = marshal.dumps((head.document, head.links))
                layout = marshal.dumps(_layout(head))
                self.db.execute(
                    "INSERT OR REPLACE INTO files (digest, head, head_tag, layout, layout_tag, "
                    "body) VALUES (?, ?, ?, ?, ?, ?)",
                    (digest, payload, self.store.sign(_name("file", digest), payload), layout,
                     self.store.sign(_name("layout", digest), layout), b"".join(bodies)))

    def keep_only(self, digests: set[str]) -> None:
        """Forget every file but these (a whole run keeps what it read)."""
        gone = [(d,) for d in self.held() - digests]
        if gone:
            with self._transaction():
                self.db.executemany("DELETE FROM files WHERE digest = ?", gone)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction: all of it is written, or (on any database failure) none."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._failed(exc)
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def _failed(self, exc: sqlite3.Error) -> None:
        """Note a failure: a damaged database (not a busy one) is removed when closed."""
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(
                exc, sqlite3.OperationalError):
            self.damaged = True

    def close(self) -> None:
        """Let the database go; a damaged one is removed, so the next run starts anew."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if self.damaged:
            _remove(self.path)


def _remove(path: Path) -> None:
    """Remove a database and its journal files: only regular files, never a link's target."""
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(stale).st_mode):
                stale.unlink()


def _connect(store: Cache, path: Path) -> sqlite3.Connection:
    """The database at path, its tables made; OSError where it may not be used."""
    # Never through a link: the database would be written wherever it leads.
    if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
        raise OSError(f"{path} is not a regular file")
    if not store.folder():
        raise OSError(f"{path.parent} is not a directory")
    db = sqlite3.connect(path, timeout=2.0, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        for statement in _SCHEMA:
            db.execute(statement)
    except sqlite3.Error:
        db.close()
        raise
    return db


def _layout(head: Head) -> tuple[str, bytes, bytes, str]:
    """A head packed to be read quickly: the hashes and lengths, and each item's excerpts.

    The items' excerpts are one text, a line "ITEM<TAB>POS,POS" each, searched for the few
    items a change reaches: loading a dict of them all took most of a change's lookup.
    """
    index: dict[str, list[str]] = {}
    for pos, (_, rids, _, _) in enumerate(head.links):
        for rid in dict.fromkeys(rids):
            index.setdefault(rid, []).append(str(pos))
    hashes = b"".join(bytes.fromhex(hashed) for _, _, hashed, _ in head.links)
    lengths = array.array("I", [length for _, _, _, length in head.links]).tobytes()
    lines = "".join(f"{rid}\t{','.join(at)}\n" for rid, at in index.items())
    return head.document, hashes, lengths, "\n" + lines


def _positions(index: str, item: str) -> list[int]:
    """Where one item's excerpts are, from a layout's text of them (ids hold no tab)."""
    start = index.find(f"\n{item}\t")
    if start < 0:
        return []
    start += len(item) + 2
    return [int(pos) for pos in index[start:index.index("\n", start)].split(",")]


def _name(kind: str, *parts: str) -> str:
    return "\0".join((f"excerpts-{kind}", *parts))
