"""Read a dataset directory into validated records, gathering every problem on the way."""

from __future__ import annotations

import functools
import os
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ofsted_trace import cache, validation, yamlio
from ofsted_trace.dataset import Dataset, Origin
from ofsted_trace.models import (
    Config,
    DocumentsFile,
    EvidenceFile,
    RecommendationsFile,
    Strict,
    ThemesFile,
    VisitsFile,
)
from ofsted_trace.paths import Resolver
from ofsted_trace.problems import Pointer, Problem, error

# Each listing file: its model and the key that holds its records.
LISTINGS: dict[str, tuple[type[Strict], str]] = {
    "recommendations.yaml": (RecommendationsFile, "recommendations"),
    "themes.yaml": (ThemesFile, "themes"),
    "visits.yaml": (VisitsFile, "visits"),
    "documents.yaml": (DocumentsFile, "documents"),
}
EVIDENCE_DIR = "evidence"
# From this many evidence files to parse, parsing is shared among worker processes.
PARALLEL_MIN = 64
# Called after each file is loaded with (files done, files in all).
Progress = Callable[[int, int], None]


@functools.cache
def _list_adapter(model: type[Strict]) -> TypeAdapter[list[Any]]:
    # Validating a whole list in pydantic-core is far faster than one call per record.
    return TypeAdapter(list[model])  # type: ignore[valid-type]


class Reader:
    """Reads files of one dataset, remembering each file's text so problems can be located."""

    def __init__(self, root: Path, store: cache.Cache | None = None,
                 read: cache.Contents | None = None) -> None:
        self.root = root
        self._paths = Resolver(root)
        self._read = read if read is not None else {}
        self.texts: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.store = store if store is not None else cache.Cache(None)
        # The content hash of every file read, for cache keys of whole results.
        self.digests: dict[str, str] = {}
        self._raw: dict[str, bytes] = {}
        # Files already parsed by worker processes (see prefetch): (data, fault).
        self._parsed: dict[str, tuple[Any, tuple[str, str, int, int] | None]] = {}

    def real(self, rel: str) -> Path | None:
        """Where rel really is in the dataset; a symlink out is refused, reported, and None."""
        real = self._paths.under(rel)
        if real is not None:
            return real
        # A symlink out of the dataset could make check read any file on the machine.
        if not any(p.code == "outside-dataset" and p.location.file == rel
                   for p in self.problems):
            self.problems.append(error("outside-dataset", "this file is a link to a file "
                                       "outside the dataset directory; copy it in instead", rel))
        return None

    def recall(self, rel: str, model: type[Strict]) -> Any:
        """The file's whole validated model from the cache, or None on a miss."""
        real = self.real(rel)
        if real is None:
            return None
        known = self._read.pop(str(real), None)
        if known is None:
            try:
                if real.stat().st_size > yamlio.MAX_BYTES:
                    return None  # read() reports it
                raw = real.read_bytes()
            except OSError:
                return None
            known = raw, cache.digest(raw)
        raw, digest = known
        if len(raw) > yamlio.MAX_BYTES:
            return None
        self._raw[rel] = raw  # so read() parses exactly the bytes that were hashed
        self.digests[rel] = digest
        payload = self.store.get(cache.key("file", model.__name__, self.digests[rel]))
        if payload is None:
            return None
        try:
            return model.model_validate_json(payload)
        except ValueError:  # an entry of another shape: parse the file instead
            return None

    def remember(self, rel: str, whole: Strict) -> None:
        """Cache a file that loaded without any problem, as its whole validated model."""
        if rel in self.digests:
            name = cache.key("file", type(whole).__name__, self.digests[rel])
            self.store.put(name, whole.model_dump_json().encode())

    def read(self, rel: str) -> Any:
        """Parse one YAML file; on failure record the problem and return None."""
        if self.real(rel) is None:
            return None
        raw = self._raw.pop(rel, None)
        parsed = self._parsed.pop(rel, None) if raw is not None else None
        try:
            text = yamlio.read_text(self.root / rel) if raw is None else yamlio.decode(raw)
        except yamlio.YamlFault as fault:
            self.problems.append(_at(fault, rel))
            return None
        except OSError as exc:
            self.problems.append(error("unreadable", f"cannot read: {exc.strerror}", rel))
            return None
        self.texts[rel] = text
        try:
            if parsed is None:
                data = yamlio.parse(text)
            elif parsed[1] is not None:
                raise yamlio.YamlFault(*parsed[1])
            else:
                data = parsed[0]
        except yamlio.YamlFault as fault:
            self.problems.append(_at(fault, rel))
            return None
        if data is None:
            self.problems.append(error("empty-file", "the file is empty or only comments", rel))
        elif not isinstance(data, dict):
            self.problems.append(error("wrong-top-level", "the file must be a mapping of keys "
                                       f"to values, not a {_yaml_type(data)}", rel))
            return None
        return data

    def prefetch(self, rels: list[str]) -> dict[str, Any]:
        """Recall each file from the cache; parse the misses on every core when there are many.

        PyYAML's constructor is Python code (~7 s for 1,000 evidence files of 100 excerpts),
        so a cold load of a large dataset parses in worker processes; small datasets stay
        serial, as starting workers costs more than it saves. Problems are still found and
        located in this process, by read().
        """
        recalled = {rel: self.recall(rel, EvidenceFile) for rel in rels}
        misses = [rel for rel, whole in recalled.items() if whole is None and rel in self._raw]
        workers = min(os.cpu_count() or 1, 8)
        if len(misses) < PARALLEL_MIN or workers < 2:
            return recalled
        from concurrent.futures import ProcessPoolExecutor  # only here: ~5 ms to import
        from multiprocessing import get_context

        # spawn, not fork: the progress bar runs a thread, and forking threads can deadlock.
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            chunks = pool.map(yamlio.parse_bytes, (self._raw[rel] for rel in misses),
                              chunksize=8)
            self._parsed.update(zip(misses, chunks, strict=True))
        return recalled

    def validate(self, model: type[Strict], data: Any, rel: str, pointer: Pointer = ()) -> Any:
        """Validate data against a model; on failure record every error and return None."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(validation.problems(exc, model, rel, pointer))
            return None

    def listing(self, rel: str, item_key: str, model: type[Strict], data: dict[str, Any]) -> Any:
        """Validate a file's header and its records apart, so one bad record loses only itself."""
        items = data.get(item_key, [])
        header = {**data, item_key: []}
        head = self.validate(model, header, rel)
        if not isinstance(items, list):
            self.problems.append(error("bad-value", f"'{item_key}' must be a list", rel,
                                       (item_key,)))
            return head, []
        item_model = _item_model(model, item_key)
        try:
            return head, _list_adapter(item_model).validate_python(items)
        except ValidationError:
            pass
        good = []
        for i, item in enumerate(items):
            record = self.validate(item_model, item, rel, (item_key, i))
            good.append(record)
        return head, good


def load(root: Path, store: cache.Cache | None = None, progress: Progress | None = None,
         read: cache.Contents | None = None) -> tuple[Dataset, Reader]:
    """Load every file of the dataset at root; problems are left on the returned reader.

    read: files this run has already read (results.py), taken instead of reading them again.
    """
    ds = Dataset(root)
    reader = Reader(root, store, read)
    evidence = root / EVIDENCE_DIR
    paths = sorted(evidence.glob("*.yaml")) if evidence.is_dir() else []
    total = len(LISTINGS) + len(paths)
    for done, (rel, (model, key)) in enumerate(LISTINGS.items(), 1):
        if not (root / rel).is_file():
            reader.problems.append(error("missing-file", f"required file {rel} is missing", rel))
            ds.incomplete.add(key)
            continue
        head, records, clean = _listing(reader, rel, key, model)
        if progress is not None:
            progress(done, total)
        if not clean:
            ds.incomplete.add(key)
        if isinstance(head, RecommendationsFile):
            ds.authority, ds.inspection = head.authority, head.inspection
        table = getattr(ds, key)
        for i, record in enumerate(records):
            if record is not None:
                _register(ds, reader, table, record, Origin(rel, (key, i)))
    if (root / "config.yaml").is_file():
        data = reader.read("config.yaml")
        config = reader.validate(Config, data, "config.yaml") if data is not None else None
        if config is not None:
            ds.config = config
    rels = [f"{EVIDENCE_DIR}/{path.name}" for path in paths]
    recalled = reader.prefetch(rels)
    for done, rel in enumerate(rels, len(LISTINGS) + 1):
        _load_evidence(ds, reader, rel, recalled.get(rel))
        if progress is not None:
            progress(done, total)
    return ds, reader


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


def _load_evidence(ds: Dataset, reader: Reader, rel: str, whole: Any) -> None:
    if whole is not None:
        head, excerpts, data = whole, whole.excerpts, {}
    else:
        data = reader.read(rel)
        if data is None:
            ds.incomplete.add("excerpts")
            return
        before = len(reader.problems)
        head, excerpts = reader.listing(rel, "excerpts", EvidenceFile, data)
        if head is not None and len(reader.problems) == before:
            reader.remember(rel, head.model_copy(update={"excerpts": excerpts}))
    document = head.document if head is not None else data.get("document")
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
        return
    for i, excerpt in enumerate(excerpts):
        if excerpt is None:
            continue
        if _register(ds, reader, ds.excerpts, excerpt, Origin(rel, ("excerpts", i))):
            ds.excerpt_document[excerpt.id] = str(document)


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


def _item_model(model: type[BaseModel], key: str) -> type[Strict]:
    annotation = model.model_fields[key].annotation
    return typing.get_args(annotation)[0]  # type: ignore[no-any-return]


def _at(fault: yamlio.YamlFault, rel: str) -> Problem:
    problem = error(fault.code, fault.message, rel)
    return Problem(problem.code, problem.severity, problem.message,
                   problem.location.__class__(rel, fault.line, fault.col))


def _yaml_type(data: Any) -> str:
    return {list: "list", str: "single value", int: "number", float: "number",
            bool: "true/false value"}.get(type(data), type(data).__name__)
