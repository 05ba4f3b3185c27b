"""A dataset checked at git revisions for a diff: one scratch directory, entries in memory."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from ofsted_trace.cache.store import Cache
from ofsted_trace.check import pipeline
from ofsted_trace.check.pipeline import Checked
from ofsted_trace.load import gitio
from ofsted_trace.load.reader import Shared
from ofsted_trace.model.problems import Location


class _Memory(Cache):
    """Cache entries kept in memory for one diff, over the dataset's own cache.

    Both sides share them, so a file unchanged between the two is parsed once. Only the
    working tree's entries are written through: a revision's sit in a scratch directory.
    """

    def __init__(self, under: Cache, entries: dict[str, bytes], through: bool) -> None:
        super().__init__(None)
        self.under, self.entries, self.through = under, entries, through

    @property
    def keeps(self) -> bool:
        """Kept in memory for the diff, whether or not the dataset's cache is on."""
        return True

    def get(self, name: str) -> bytes | None:
        """The entry from memory, else from the dataset's cache."""
        found = self.entries.get(name)
        return found if found is not None else self.under.get(name)

    def put(self, name: str, payload: bytes) -> None:
        """Keep the entry in memory, and in the dataset's cache for the working tree."""
        self.entries[name] = payload
        if self.through:
            self.under.put(name, payload)


class Session:
    """The checks of one diff: each revision written to the same scratch directory.

    Checked in one place, two revisions share the check's memory of clean evidence files
    (keyed on that place), so the second checks again only what changed; and a side checked
    again is recalled whole. Every file whose bytes both sides share is parsed and validated
    once (the models are frozen), and only the files that differ are read from git again.
    """

    def __init__(self, data: Path, store: Cache | None = None) -> None:
        self.data = data
        self.store = Cache.beside(data) if store is None else store
        self.entries: dict[str, bytes] = {}
        self.shared = Shared()
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._held: dict[str, str] = {}  # what the scratch directory holds: path to blob id

    def __enter__(self) -> Session:
        self._scratch = tempfile.TemporaryDirectory(prefix="trace-diff-")
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()

    def checked(self, rev: str | None) -> Checked:
        """Check the working tree (rev None) or the dataset at a revision."""
        if rev is None:
            return pipeline.check(self.data, store=_Memory(self.store, self.entries, True),
                                  shared=self.shared)
        assert self._scratch is not None, "a Session is used in a with block"
        place = gitio.locate(self.data)
        commit = gitio.resolve(place, rev)
        root = Path(self._scratch.name) / "data"
        held, self._held = self._held, {}
        if not held:  # nothing known of what is there (a write failed part way): start afresh
            shutil.rmtree(root, ignore_errors=True)
        # Only what differs from the other side is written; the rest is there already.
        self._held = gitio.materialise(place, commit, root, held)
        checked = pipeline.check(root, store=_Memory(self.store, self.entries, False),
                                 shared=self.shared)
        # Problems point at the revision, not at a temporary directory soon gone.
        shown = f"{rev}:{place.prefix}"
        problems = tuple(replace(p, location=Location(
            shown + Path(p.location.file).relative_to(root).as_posix(), p.location.line,
            p.location.col)) if p.location.file.startswith(root.as_posix()) else p
            for p in checked.problems)
        return Checked(checked.dataset, problems)
