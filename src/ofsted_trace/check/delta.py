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
from dataclasses import replace
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


def keep(store: Cache, ds: Dataset, reader: Reader, files: dict[str, str],
         own: list[Problem], others: list[Problem]) -> None:
    """Remember a whole check for the next run: only if it loaded cleanly, from these files."""
    if not store.keeps or reader.problems or ds.incomplete:
        return
    texts = _read_as(ds, reader, files)
    if texts is None:
        return
    every = [(ex, ds.origins[xid]) for xid, ex in ds.excerpts.items()]
    signatures = _signatures(ds, every, list(ds.evidence))
    LastRun(store, str(ds.root.resolve())).remember(Last(files, signatures, texts, own, others))


def recheck(root: Path, store: Cache, files: dict[str, str],
            read: Contents) -> tuple[Dataset, Reader, list[Problem]] | None:
    """The located problems of the dataset, from the last run and the changed files; or None.

    None when the whole dataset must be checked. The dataset returned holds only the changed
    files' excerpts.
    """
    run = LastRun(store, str(root.resolve()))
    last = run.recall()
    if last is None or last.files.keys() != files.keys():
        return None
    changed = sorted(rel for rel, digest in files.items() if last.files[rel] != digest)
    if not changed:
        ds, reader, _ = loader.load_some(root, store, [], read)
        return ds, reader, sorted([*last.own, *last.others], key=Problem.sort_key)
    if (len(changed) > _MOST * len(last.signatures)
            or any(rel not in last.signatures or rel in last.texts
                   or (root / rel).is_symlink() for rel in changed)):
        return None
    ds, reader, added = loader.load_some(root, store, changed, read)
    if reader.problems or ds.incomplete or _read_as(ds, reader, files) is None:
        return None
    if (any(rel not in ds.evidence for rel in changed)
            or any(last.signatures[rel] != sig
                   for rel, sig in _signatures(ds, added, changed).items())):
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
