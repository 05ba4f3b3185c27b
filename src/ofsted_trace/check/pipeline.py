"""The check pipeline: load the dataset, run every rule, and locate each problem to a line."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ofsted_trace.cache import keys
from ofsted_trace.cache.checked import CheckMemo, SentenceMemo
from ofsted_trace.cache.store import Cache, Contents
from ofsted_trace.check import rules, textmatch
from ofsted_trace.errors import NoDataset
from ofsted_trace.fs import regular
from ofsted_trace.load import loader, yamlio
from ofsted_trace.load.loader import Progress
from ofsted_trace.load.reader import Reader, Shared
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Location, Problem, Severity
from ofsted_trace.model.records import Excerpt

# Problems about a key itself, rather than its value, point at the key.
_KEY_CODES = frozenset({"unknown-key"})


@dataclass(frozen=True)
class Checked:
    """A loaded dataset and every problem found in it, located and sorted."""

    dataset: Dataset
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Only the problems that are errors."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Only the problems that are warnings."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def check(root: Path, progress: Progress | None = None, store: Cache | None = None,
          read: Contents | None = None, today: date | None = None,
          shared: Shared | None = None) -> Checked:
    """Load and check the dataset at root; raise NoDataset when there is no dataset at all.

    A dataset that loads cleanly and whose every input is unchanged since a previous run is
    answered from the cache (cache/checked.py); anything else is checked in full.
    read: files the whole-output cache has already read and hashed for its key.
    today: the day dates are judged against (default: the real today).
    shared: what earlier checks in this process made of the same bytes (load/reader.py).
    """
    if not root.is_dir():
        raise NoDataset(f"{root}: dataset directory not found; pass --data DIR or set "
                        "OFSTED_TRACE_DATA")
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
    located = memo.recall()
    if located is None:
        ds.settled = memo.settled()
        # The files neither settled nor checked as they loaded (recalled, but with problems
        # of their own last time): their own checks run here, so `local` holds every problem
        # those checks found, and a file is settled by them alone, whatever else is found.
        rest = ds.unsettled()
        local.extend(rules.run_local(ds, rest))
        ds.prechecked.update(origin.file for _, origin in rest)
        found = [*reader.problems, *local, *rules.run_all(ds)]
        located = sorted(_locate(root, found, reader), key=Problem.sort_key)
        memo.remember(local, located)
    # What depends on the day is kept out of the memo, which is keyed on the bytes alone.
    dated = rules.run_dated(ds, today or date.today())
    if dated:
        located = sorted([*located, *_locate(root, dated, reader)], key=Problem.sort_key)
    shown = (replace(p, location=replace(p.location, file=_shown(root, p.location.file)))
             for p in located)
    return Checked(ds, tuple(shown))


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


def _locate(root: Path, problems: list[Problem], reader: Reader) -> list[Problem]:
    """Give each problem its line and column, composing each file at most once.

    A file the reader did not keep is read again now, only to locate problems. One file's
    node tree is held at a time (a 250-excerpt file's is ~15 MB).
    """
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.location.file, []).append(problem)
    out = []
    for rel, found in by_file.items():
        marks = reader.marks.get(rel, {})
        placed = [(p, _known(p, marks)) for p in found]
        locator = _locator(root, rel, reader) if any(not at[0] for _, at in placed) else None
        for problem, (line, col) in placed:
            if not line and locator is not None:
                line, col = locator.find(problem.pointer, key=problem.code in _KEY_CODES)
            out.append(replace(problem, location=Location(rel, line, col)))
    return out


def _known(problem: Problem, marks: yamlio.Marks) -> tuple[int, int]:
    """A problem's place if it has one, or a whole record's start as parsing noted it."""
    if problem.location.line:
        return problem.location.line, problem.location.col
    return (0, 0) if problem.code in _KEY_CODES else _marked(marks, problem.pointer)


def _marked(marks: yamlio.Marks, pointer: tuple[str | int, ...]) -> tuple[int, int]:
    """Where a whole record starts, as the parse noted it; (0, 0) for any other pointer."""
    if len(pointer) == 2 and isinstance(pointer[0], str) and isinstance(pointer[1], int):
        starts = marks.get(pointer[0], [])
        if 0 <= pointer[1] < len(starts):
            return starts[pointer[1]]
    return (0, 0)


def _locator(root: Path, rel: str, reader: Reader) -> yamlio.Locator | None:
    if rel in reader.texts:
        return yamlio.Locator(reader.texts[rel])
    if not rel.endswith(".yaml") or Path(rel).is_absolute():
        return None
    path = root / rel
    if not path.resolve().is_relative_to(root.resolve()):
        return None  # never read a file outside the dataset, even just for a line number
    try:
        raw = regular.read(path, yamlio.MAX_BYTES)
        if rel in reader.digests and keys.digest(raw) != reader.digests[rel]:
            return None  # edited since it was loaded: its lines are not the ones checked
        return yamlio.Locator(yamlio.decode(raw))
    except (OSError, yamlio.YamlFault):
        return None


def _shown(root: Path, rel: str) -> str:
    """The path as the user would type it: under the dataset directory they named."""
    return (root / rel).as_posix() if not Path(rel).is_absolute() else rel
