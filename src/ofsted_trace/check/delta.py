"""A few evidence files changed since the last whole check: check them alone, keep the rest.

Most edits change one evidence file, and no problem in any other file. That holds when the
rules' whole-dataset parts (rules/__init__.py: CHECKS) see the same of each changed file as
before: its document and, in order, each excerpt's id, voice, same_as and quote (its
signature). Then a changed file's own problems (its parse, and the LOCAL and TABLED parts of
the rules) are found afresh, the whole-dataset parts' problems in it are located again in its
new lines, and every other problem is the last run's. Anything else is checked whole: a change
to any other file, a file added or removed, a link made or unmade, a changed signature, an
evidence file that is also a document's text, a problem in loading, or a reference the
changed file makes that does not resolve (naming it needs every record). With nothing changed,
the last run's problems are the answer. tests/test_delta.py compares the answers of both ways
over many kinds of edit, and the cases a second reader found where the per-file hashes alone
would have hidden a change.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ofsted_trace.cache import keys
from ofsted_trace.cache.checked import Last, LastRun
from ofsted_trace.cache.store import Cache, Contents
from ofsted_trace.check import locate, rules
from ofsted_trace.load import loader
from ofsted_trace.load.reader import Reader
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Location, Problem
from ofsted_trace.model.records import Excerpt

# Problems that only a whole load can tell apart (an unknown id, or one of another kind).
_WHOLE = frozenset({"unknown-reference", "wrong-kind"})
# More changed files than this share of them: the whole check is as quick, and parallel.
_MOST = 0.25


def signature(document: str, excerpts: Sequence[Excerpt]) -> str:
    """What the whole-dataset parts of the rules read of one evidence file."""
    rows = [[ex.id, ex.voice.value, ex.same_as, ex.quote] for ex in excerpts]
    return keys.digest(json.dumps([document, rows]).encode())


@dataclass(frozen=True)
class Baseline:
    """What a later run compares its files with, to redo only what changed since."""

    # Every file's hash by its path under the dataset, as output.Print.files has them.
    files: dict[str, str]
    # Each evidence file's signature, by its path.
    signatures: dict[str, str]
    # The paths of the documents' texts, which a document may give as any file's.
    texts: list[str]


def baseline(ds: Dataset, reader: Reader, files: dict[str, str]) -> Baseline | None:
    """The baseline of a whole load of exactly these files; None if it had any problem."""
    if reader.problems or ds.incomplete:
        return None
    texts = _read_as(ds, reader, files)
    if texts is None:
        return None
    every = [(ex, ds.origins[xid]) for xid, ex in ds.excerpts.items()]
    return Baseline(files, _signatures(ds, every, list(ds.evidence)), texts)


def keep(store: Cache, root: Path, base: Baseline, own: list[Problem],
         others: list[Problem]) -> None:
    """Remember a whole check of the dataset at root for the next run."""
    LastRun(store, str(root.resolve())).remember(
        Last(base.files, base.signatures, base.texts, own, others))


def changed_since(root: Path, base: Baseline, files: dict[str, str]) -> list[str] | None:
    """The files changed since base, when each is an evidence file to redo alone; else None.

    None, too, when more than a quarter changed: the whole run is then as quick.
    """
    if base.files.keys() != files.keys():
        return None
    changed = sorted(rel for rel, digest in files.items() if base.files[rel] != digest)
    if (len(changed) > _MOST * len(base.signatures)
            or any(rel not in base.signatures or rel in base.texts
                   or (root / rel).is_symlink() for rel in changed)):
        return None
    return changed


def shows_the_same(ds: Dataset, reader: Reader, files: dict[str, str], base: Baseline,
                   changed: list[str], added: Sequence[tuple[Excerpt, Origin]]) -> bool:
    """Whether the changed files loaded cleanly, from these files, and show the others what
    they showed at base (their signatures); added: their excerpts."""
    if reader.problems or ds.incomplete or _read_as(ds, reader, files) is None:
        return False
    return (all(rel in ds.evidence for rel in changed)
            and all(base.signatures[rel] == sig
                    for rel, sig in _signatures(ds, added, changed).items()))


def recheck(root: Path, store: Cache, files: dict[str, str],
            read: Contents) -> tuple[Dataset, Reader, list[Problem]] | None:
    """The located problems of the dataset, from the last run and the changed files; or None.

    None when the whole dataset must be checked. The dataset returned holds only the changed
    files' excerpts.
    """
    run = LastRun(store, str(root.resolve()))
    last = run.recall()
    base = Baseline(last.files, last.signatures, last.texts) if last is not None else None
    changed = changed_since(root, base, files) if base is not None else None
    if last is None or base is None or changed is None:
        return None
    if not changed:
        ds, reader, _ = loader.load_some(root, store, [], read)
        return ds, reader, sorted([*last.own, *last.others], key=Problem.sort_key)
    ds, reader, added = loader.load_some(root, store, changed, read)
    if not shows_the_same(ds, reader, files, base, changed, added):
        return None
    tabled = rules.run_tabled(ds, added)
    if any(p.code in _WHOLE for p in tabled):
        return None
    fresh = locate.place(root, [*rules.run_local(ds, added), *tabled], reader)
    gone = set(changed)
    moved = [replace(p, location=Location(p.location.file, 0, 0))
             for p in last.others if p.location.file in gone]
    own = [*(p for p in last.own if p.location.file not in gone), *fresh]
    others = [*(p for p in last.others if p.location.file not in gone),
              *locate.place(root, moved, reader)]
    run.remember(Last(files, last.signatures, last.texts, own, others))
    return ds, reader, sorted([*own, *others], key=Problem.sort_key)


def _signatures(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]],
                rels: list[str]) -> dict[str, str]:
    """The signature of each evidence file of rels, from its excerpts among these."""
    by_file: dict[str, list[Excerpt]] = {rel: [] for rel in rels}
    for ex, origin in excerpts:
        by_file[origin.file].append(ex)
    return {rel: signature(ds.evidence[rel], found) for rel, found in by_file.items()}


def _read_as(ds: Dataset, reader: Reader, files: dict[str, str]) -> list[str] | None:
    """The texts' paths, if every file the load read had the hash files gives it; else None.

    None, too, when a file changed meanwhile: the answer would not be the one for files.
    """
    if any(files.get(rel) != digest for rel, digest in reader.digests.items()):
        return None
    real = ds.root.resolve()
    texts = []
    for name, text_key in ds.text_keys.items():
        path, _, digest = text_key.rpartition("=")
        rel = "config.yaml" if name == "config.yaml" else _under(Path(path), real)
        if rel is None or (files.get(rel, "") != digest and digest != "unreadable"):
            return None
        texts.append(rel)
    return texts


def _under(path: Path, real: Path) -> str | None:
    """path's place under the dataset, written with "/"; None when it is outside."""
    try:
        return path.resolve().relative_to(real).as_posix()
    except (ValueError, OSError):
        return None
