"""The check pipeline: load the dataset, run every rule, and locate each problem to a line."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ofsted_trace.cache.checked import CheckMemo, SentenceMemo
from ofsted_trace.cache.store import Cache, Contents
from ofsted_trace.check import delta, locate, rules, textmatch
from ofsted_trace.errors import NoDataset
from ofsted_trace.load import loader
from ofsted_trace.load.loader import Progress
from ofsted_trace.load.reader import Reader, Shared
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Problem, Severity
from ofsted_trace.model.records import Excerpt


class _Problems:
    """Errors and warnings apart, for a result holding problems."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Only the problems that are errors."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Only the problems that are warnings."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


@dataclass(frozen=True)
class Found(_Problems):
    """Every problem found in a dataset, located and sorted."""

    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Checked(_Problems):
    """A loaded dataset and every problem found in it, located and sorted."""

    dataset: Dataset
    problems: tuple[Problem, ...]
    # What a later run compares its files with (delta.py): only with files, after a clean load.
    baseline: delta.Baseline | None = None


@dataclass(frozen=True)
class Rechecked(_Problems):
    """Every problem of a dataset, from the last whole check and the files changed since.

    Its dataset holds the listing files and the changed evidence files' excerpts alone.
    """

    dataset: Dataset
    reader: Reader
    problems: tuple[Problem, ...]


def recheck(root: Path, store: Cache, read: Contents, files: dict[str, str],
            today: date | None = None) -> Rechecked | None:
    """The problems of the dataset at root when a few evidence files changed since the last
    whole check (delta.py), with what was loaded to find them; None when it must be whole."""
    _exists(root)
    quick = delta.recheck(root, store, files, read)
    if quick is None:
        return None
    ds, reader, located = quick
    return Rechecked(ds, reader, _finish(root, ds, reader, located, today))


def problems(root: Path, progress: Progress | None = None, store: Cache | None = None,
             read: Contents | None = None, files: dict[str, str] | None = None,
             today: date | None = None) -> Found:
    """Only the problems of the dataset at root, as `trace check` shows them.

    files: every file's hash under root, as the whole-output cache found them. With them, a
    few evidence files changed since the last whole check are checked alone (delta.py).
    """
    _exists(root)
    store = Cache.beside(root) if store is None else store
    quick = recheck(root, store, read or {}, files, today) if files else None
    if quick is None:
        return Found(check(root, progress, store, read, today, files=files).problems)
    return Found(quick.problems)


def check(root: Path, progress: Progress | None = None, store: Cache | None = None,
          read: Contents | None = None, today: date | None = None,
          shared: Shared | None = None, files: dict[str, str] | None = None) -> Checked:
    """Load and check the dataset at root; raise NoDataset when there is no dataset at all.

    A dataset that loads cleanly and whose every input is unchanged since a previous run is
    answered from the cache (cache/checked.py); anything else is checked in full.
    read: files the whole-output cache has already read and hashed for its key.
    today: the day dates are judged against (default: the real today).
    shared: what earlier checks in this process made of the same bytes (load/reader.py).
    files: as for problems(); the run is then remembered for delta.py.
    """
    _exists(root)
    store = Cache.beside(root) if store is None else store
    local: list[Problem] = []

    def each(ds: Dataset, rel: str, added: list[tuple[Excerpt, Origin]]) -> None:
        # Runs while worker processes parse the next files; the texts this file's quotes
        # needed normalised are dropped at once, so only one file's are ever held.
        local.extend(rules.run_local(ds, added))
        ds.prechecked.add(rel)
        for doc_id in {ds.excerpt_document[ex.id] for ex, _ in added}:
            textmatch.forget(ds, doc_id)

    ds, reader = loader.load(root, store, progress, {} if read is None else read, each,
                             shared)
    _sentences(ds, reader, store, shared)
    memo = CheckMemo(store, ds, reader.digests, loaded=not reader.problems)
    base = delta.baseline(ds, reader, files) if files and store.keeps else None
    located = memo.recall()
    if located is None:
        ds.settled = memo.settled()
        # The files neither settled nor checked as they loaded (recalled, but with problems
        # of their own last time): their own checks run here, so `local` holds every problem
        # those checks found, and a file is settled by them alone, whatever else is found.
        rest = ds.unsettled()
        local.extend(rules.run_local(ds, rest))
        ds.prechecked.update(origin.file for _, origin in rest)
        every = [(ex, ds.origins[xid]) for xid, ex in ds.excerpts.items()]
        own = locate.place(root, [*reader.problems, *local, *rules.run_tabled(ds, every)],
                           reader)
        others = locate.place(root, rules.run_all(ds), reader)
        located = sorted([*own, *others], key=Problem.sort_key)
        memo.remember(local, located)
        if base is not None:
            delta.keep(store, root, base, own, others)
    return Checked(ds, _finish(root, ds, reader, located, today), base)


def _exists(root: Path) -> None:
    if not root.is_dir():
        raise NoDataset(f"{root}: dataset directory not found; pass --data DIR or set "
                        "OFSTED_TRACE_DATA")


def _finish(root: Path, ds: Dataset, reader: Reader, located: list[Problem],
            today: date | None) -> tuple[Problem, ...]:
    """The located problems with those that depend on the day, as the user names the files."""
    # What depends on the day is kept out of the memos, which are keyed on the bytes alone.
    dated = rules.run_dated(ds, today or date.today())
    if dated:
        located = sorted([*located, *locate.place(root, dated, reader)], key=Problem.sort_key)
    return tuple(replace(p, location=replace(p.location, file=_shown(root, p.location.file)))
                 for p in located)


def _sentences(ds: Dataset, reader: Reader, store: Cache, shared: Shared | None) -> None:
    """Keep the sentence keys of each file checked as it loaded; recall the others' keys.

    The repeats check compares every quote's sentences across files; a file recalled from
    the cache would otherwise have its quotes normalised and split again (~2 s at 100k).
    Checks sharing what they load (shared) keep them in memory too, cache or no cache.
    """
    memo = SentenceMemo(store)
    kept = shared.sentences if shared is not None else None
    if memo.store.directory is None and kept is None:
        return
    by_file: dict[str, list[str]] = {}
    for xid, origin in ds.origins.items():
        if xid in ds.excerpts:
            by_file.setdefault(origin.file, []).append(xid)
    known = ds.sentence_keys
    for rel, ids in by_file.items():
        digest = reader.digests.get(rel)
        if digest is None:
            continue
        if rel in ds.prechecked:
            found = {xid: known[xid] for xid in ids if xid in known}
            memo.remember(digest, found)
            if kept is not None:
                kept[digest] = found
            continue
        recalled = kept.get(digest) if kept is not None else None
        recalled = memo.recall(digest) if recalled is None else recalled
        if recalled is not None and recalled.keys() <= set(ids):
            known.update(recalled)
            if kept is not None:
                kept[digest] = recalled


def _shown(root: Path, rel: str) -> str:
    """The path as the user would type it: under the dataset directory they named."""
    return (root / rel).as_posix() if not Path(rel).is_absolute() else rel
