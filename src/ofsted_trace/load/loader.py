"""Read a dataset directory into validated records, gathering every problem on the way."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ofsted_trace.cache.store import Cache, Contents
from ofsted_trace.load import texts
from ofsted_trace.load.parallel import Evidence
from ofsted_trace.load.reader import Reader, Shared
from ofsted_trace.model.actions import ActionsFile, RatingsFile
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import error
from ofsted_trace.model.records import (
    Config,
    Cycle,
    DocumentsFile,
    EvidenceFile,
    Excerpt,
    RecommendationsFile,
    Strict,
    ThemesFile,
    VisitsFile,
)

# Each listing file: its model and the key that holds its records.
LISTINGS: dict[str, tuple[type[Strict], str]] = {
    "recommendations.yaml": (RecommendationsFile, "recommendations"),
    "themes.yaml": (ThemesFile, "themes"),
    "visits.yaml": (VisitsFile, "visits"),
    "documents.yaml": (DocumentsFile, "documents"),
}
# Listing files a dataset may leave out: the action plan and the council's ratings.
OPTIONAL: dict[str, tuple[type[Strict], str]] = {
    "actions.yaml": (ActionsFile, "actions"),
    "ratings.yaml": (RatingsFile, "ratings"),
}
EVIDENCE_DIR = "evidence"
# Called after each file is loaded with (files done, files in all).
Progress = Callable[[int, int], None]
# Called with each evidence file parsed afresh, as soon as it is loaded: the dataset so far,
# the file, and the excerpts it added (so their own checks overlap the parsing of the rest).
Each = Callable[[Dataset, str, list[tuple[Excerpt, Origin]]], None]


def load(root: Path, store: Cache | None = None, progress: Progress | None = None,
         read: Contents | None = None, each: Each | None = None,
         shared: Shared | None = None) -> tuple[Dataset, Reader]:
    """Load every file of the dataset at root; problems are left on the returned reader.

    read: files this run has already read (the whole-output cache's key), taken instead of
    reading them again. The document texts are read too (texts.py), so no check reads a file.
    each: called with each evidence file parsed in this run (not recalled from the cache).
    shared: what earlier loads in this process made of the same bytes, added to.
    """
    ds = Dataset(root)
    reader = Reader(root, store, read, shared)
    evidence = root / EVIDENCE_DIR
    paths = sorted(evidence.glob("*.yaml")) if evidence.is_dir() else []
    rels = [f"{EVIDENCE_DIR}/{path.name}" for path in paths]
    # The evidence first, so any workers parse it while the listing files load.
    with Evidence(reader, rels) as parsing:
        _listings(ds, reader, progress, len(LISTINGS) + len(paths))
        # The texts before the evidence: each file's quotes can then be checked as it loads.
        texts.read_all(ds, reader.paths, reader.known)
        parsing.texts_for(ds)
        for done, (rel, whole) in enumerate(parsing, len(LISTINGS) + 1):
            added = _load_evidence(ds, reader, rel, whole)
            if each is not None and whole is None:
                each(ds, rel, added)
            if progress is not None:
                progress(done, len(LISTINGS) + len(paths))
    return ds, reader


def load_some(root: Path, store: Cache, rels: list[str],
              read: Contents) -> tuple[Dataset, Reader, list[tuple[Excerpt, Origin]]]:
    """The listing files, the config and only the evidence files rels, with their texts alone.

    What check/delta.py needs to check a few changed evidence files: the excerpts they add,
    with their origins, are returned too.
    """
    ds = Dataset(root)
    reader = Reader(root, store, read)
    _listings(ds, reader, None, 0)
    added = [pair for rel in rels
             for pair in _load_evidence(ds, reader, rel, reader.recall(rel, EvidenceFile))]
    texts.read_all(ds, reader.paths, reader.known, set(ds.evidence.values()))
    return ds, reader, added


def load_more(ds: Dataset, reader: Reader, rels: list[str]) -> list[tuple[Excerpt, Origin]]:
    """Evidence files added to a dataset load_some made, without their texts; their excerpts."""
    return [pair for rel in rels if rel not in ds.evidence
            for pair in _load_evidence(ds, reader, rel, reader.recall(rel, EvidenceFile))]


def _listings(ds: Dataset, reader: Reader, progress: Progress | None, total: int) -> None:
    """The listing files, the config and the plan: everything but the evidence and texts."""
    for done, (rel, (model, key)) in enumerate(LISTINGS.items(), 1):
        # exists(), not is_file(): a pipe or a directory is reported unreadable, not missing.
        if not os.path.lexists(ds.root / rel):
            reader.problems.append(error("missing-file", f"required file {rel} is missing", rel))
            ds.incomplete.add(key)
            continue
        head, records, clean = _listing(reader, rel, key, model)
        if progress is not None:
            progress(done, total)
        if not clean:
            ds.incomplete.add(key)
        if isinstance(head, RecommendationsFile):
            _cycles(ds, reader, head, rel)
        table = getattr(ds, key)
        for i, record in enumerate(records):
            if record is not None:
                _register(ds, reader, table, record, Origin(rel, (key, i)))
    if os.path.lexists(ds.root / "config.yaml"):
        data = reader.read("config.yaml")
        config = reader.validate(Config, data, "config.yaml") if data is not None else None
        if config is not None:
            ds.config = config
    _plan(ds, reader)


def _plan(ds: Dataset, reader: Reader) -> None:
    """The optional action plan and ratings; actions are records with ids, ratings are not."""
    for rel, (model, key) in OPTIONAL.items():
        if not (ds.root / rel).is_file():
            continue
        _, records, clean = _listing(reader, rel, key, model)
        if not clean:
            ds.incomplete.add(key)
        for i, record in enumerate(records):
            if record is None:
                continue
            origin = Origin(rel, (key, i))
            if key == "actions":
                _register(ds, reader, ds.actions, record, origin)
            else:
                ds.ratings.append(record)
                ds.rating_origins.append(origin)


def _cycles(ds: Dataset, reader: Reader, head: RecommendationsFile, rel: str) -> None:
    """The inspection cycles, in either form; the one-inspection form is named by its visit."""
    ds.authority = head.authority
    if head.inspection is not None and not head.inspections:
        old = head.inspection
        ds.inspections[old.visit] = Cycle(id=old.visit, visit=old.visit, published=old.published)
        ds.legacy_inspection = True
    for i, cycle in enumerate(head.inspections):
        _register(ds, reader, ds.inspections, cycle, Origin(rel, ("inspections", i)))


def _listing(reader: Reader, rel: str, key: str,
             model: type[Strict]) -> tuple[Any, list[Any], bool]:
    """A file's header, its records (None where invalid) and whether it loaded cleanly.

    A clean file comes from the cache, or is parsed and then cached.
    """
    whole = reader.recall(rel, model)
    if whole is not None:
        return whole, getattr(whole, key), True
    data = reader.read(rel)
    if data is None:
        return None, [], False
    before = len(reader.problems)
    head, records = reader.listing(rel, key, model, data)
    if len(reader.problems) > before:
        return head, records, False
    if head is not None:
        reader.remember(rel, head.model_copy(update={key: records}))
    return head, records, True


def _load_evidence(ds: Dataset, reader: Reader, rel: str,
                   whole: Any) -> list[tuple[Excerpt, Origin]]:
    """Add one evidence file's excerpts to ds; those it added, with their origins."""
    if whole is not None:
        head, excerpts, data = whole, whole.excerpts, {}
    else:
        data = reader.read(rel)
        if data is None:
            ds.incomplete.add("excerpts")
            return []
        before = len(reader.problems)
        head, excerpts = reader.listing(rel, "excerpts", EvidenceFile, data)
        if head is not None and len(reader.problems) == before:
            reader.remember(rel, head.model_copy(update={"excerpts": excerpts}))
    document = head.document if head is not None else data.get("document")
    if head is not None:
        ds.evidence[rel] = str(document)
    # `is None`, not `None in excerpts`: that would call a model's __eq__ per excerpt.
    if head is None or any(excerpt is None for excerpt in excerpts):
        ds.incomplete.add("excerpts")
    if (head is not None and document not in ds.documents
            and "documents" not in ds.incomplete):
        reader.problems.append(error("unknown-reference", f"document '{document}' is not in "
                                     "documents.yaml", rel, ("document",), str(document)))
    ids = [excerpt.id for excerpt in excerpts if excerpt is not None]
    if len(ids) == len(excerpts) == len(set(ids)) and ds.origins.keys().isdisjoint(ids):
        # The usual case, in bulk: every id new, so no duplicate to report one by one.
        ds.excerpts.update(zip(ids, excerpts, strict=True))
        ds.origins.update((xid, Origin(rel, ("excerpts", i))) for i, xid in enumerate(ids))
        ds.excerpt_document.update(dict.fromkeys(ids, str(document)))
        return [(ds.excerpts[xid], ds.origins[xid]) for xid in ids]
    added = []
    for i, excerpt in enumerate(excerpts):
        if excerpt is None:
            continue
        origin = Origin(rel, ("excerpts", i))
        if _register(ds, reader, ds.excerpts, excerpt, origin):
            ds.excerpt_document[excerpt.id] = str(document)
            added.append((excerpt, origin))
    return added


def _register(ds: Dataset, reader: Reader, table: dict[str, Any], record: Any,
              origin: Origin) -> bool:
    """Add a record under its id unless the id is taken by any kind of record."""
    first = ds.origins.get(record.id)
    if first is not None:
        kind = ds.kind_of(record.id) or "record"
        reader.problems.append(error(
            "duplicate-id", f"id '{record.id}' is already used by a {kind} in {first.file}",
            origin.file, (*origin.pointer, "id"), record.id))
        return False
    table[record.id] = record
    ds.origins[record.id] = origin
    return True


