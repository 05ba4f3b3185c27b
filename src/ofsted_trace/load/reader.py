"""Read one dataset's files: each file once, from the cache where its bytes are unchanged."""

from __future__ import annotations

import functools
import json
import pickle
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.version import VERSION as PYDANTIC

from ofsted_trace.cache import keys
from ofsted_trace.cache.store import Cache, Contents
from ofsted_trace.fs import regular
from ofsted_trace.fs.paths import Resolver
from ofsted_trace.load import validation, yamlio
from ofsted_trace.model.problems import Pointer, Problem, error
from ofsted_trace.model.records import EvidenceFile, Strict


@dataclass
class Shared:
    """What loads of several revisions of one dataset in this process share (judge/revisions.py).

    Each is a pure function of bytes or text, so sharing changes no answer, only its cost.
    """

    # Whole validated file models by model name and the file's content hash, each with where
    # its records start: the models are frozen, so the loads share the records of every file
    # they have in common, and locate their problems alike.
    files: dict[tuple[str, str], tuple[Any, yamlio.Marks]] = field(default_factory=dict)
    # Each evidence file's quote sentence keys by excerpt id, by its content hash (as
    # cache/checked.py's SentenceMemo keeps them on disk; check/pipeline.py fills both).
    sentences: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)


@functools.cache
def _list_adapter(model: type[Strict]) -> TypeAdapter[list[Any]]:
    # Validating a whole list in pydantic-core is far faster than one call per record.
    return TypeAdapter(list[model])  # type: ignore[valid-type]


class Reader:
    """Reads files of one dataset, remembering each file's text so problems can be located."""

    def __init__(self, root: Path, store: Cache | None = None,
                 read: Contents | None = None, shared: Shared | None = None) -> None:
        self.root = root
        self.paths = Resolver(root)
        self.known = read if read is not None else {}
        self.texts: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.store = store if store is not None else Cache(None)
        self.models = shared.files if shared is not None else None
        # The content hash of every file read, for cache keys of whole results.
        self.digests: dict[str, str] = {}
        # Each file's bytes as hashed, until read() parses them (load/parallel.py shares them).
        self.raw: dict[str, bytes] = {}
        # Files already parsed by worker processes (load/parallel.py): (data, fault, marks).
        self.parsed: dict[str, yamlio.Parsed] = {}
        # Where each record of each file's top-level lists starts, as parsing noted it.
        self.marks: dict[str, yamlio.Marks] = {}

    def real(self, rel: str) -> Path | None:
        """Where rel really is in the dataset; a symlink out is refused, reported, and None."""
        real = self.paths.under(rel)
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
        known = self.known.pop(str(real), None)
        if known is None:
            try:
                raw = regular.read(real, yamlio.MAX_BYTES)
            except OSError:
                return None  # read() reports it: too large, not a regular file, unreadable
            known = raw, keys.digest(raw)
        raw, digest = known
        if len(raw) > yamlio.MAX_BYTES:
            return None
        self.digests[rel] = digest
        # The models made in this process are found by bytes and model alone: the package is
        # the same for the whole process, so no cache key need be made (the cache may be off).
        shared = self.models.get((model.__name__, digest)) if self.models is not None else None
        if shared is not None:
            whole, self.marks[rel] = shared
            return whole
        entry = self._entry(model, digest) if self.store.keeps else None
        if entry is None:
            self.raw[rel] = raw  # so read() parses exactly the bytes that were hashed
            return None
        whole, self.marks[rel] = entry
        if self.models is not None:
            self.models[model.__name__, digest] = entry
        return whole

    def _entry(self, model: type[Strict], digest: str) -> tuple[Any, yamlio.Marks] | None:
        """A file's whole validated model from its cache entry, with its marks; or None."""
        payload = self.store.get(entry_name(model.__name__, digest))
        return unpacked(payload, model) if payload is not None else None

    def remember(self, rel: str, whole: Strict) -> None:
        """Cache a file that loaded without any problem, as its whole validated model."""
        if rel not in self.digests:
            return
        if self.models is not None:
            self.models[type(whole).__name__, self.digests[rel]] = whole, self.marks.get(rel, {})
        # With the cache off nothing is stored: pickling 100,000 excerpts would be waste.
        if rel in self.marks and self.store.directory is not None:
            self.store.put(entry_name(type(whole).__name__, self.digests[rel]),
                           packed(whole, self.marks[rel]))

    def read(self, rel: str) -> Any:
        """Parse one YAML file; on failure record the problem and return None."""
        if self.real(rel) is None:
            return None
        raw = self.raw.pop(rel, None)
        parsed = self.parsed.pop(rel, None) if raw is not None else None
        try:
            text = yamlio.read_text(self.root / rel) if raw is None else yamlio.decode(raw)
        except yamlio.YamlFault as fault:
            self.problems.append(_at(fault, rel))
            return None
        except OSError as exc:
            self.problems.append(error("unreadable", f"cannot read: {exc.strerror}", rel))
            return None
        if raw is None:
            # A file the cache never keyed (config.yaml) is kept to locate its problems; a
            # keyed one is read again if it has any, and its hash proves it is the same
            # (check/pipeline.py), so 100 MB of evidence is not held for a few line numbers.
            self.texts[rel] = text
        try:
            if parsed is None:
                data, self.marks[rel] = yamlio.parse_marked(text, raw)
            elif parsed[1] is not None:
                raise yamlio.YamlFault(*parsed[1])
            else:
                data, self.marks[rel] = parsed[0], parsed[2]
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
            return head, shared_fields_sets(_list_adapter(item_model).validate_python(items))
        except ValidationError:
            pass
        good = []
        for i, item in enumerate(items):
            record = self.validate(item_model, item, rel, (item_key, i))
            good.append(record)
        return head, good


def entry_name(model: str, digest: str) -> str:
    """The entry of a file's model: pickles are read back only by the Python and pydantic
    that made them (the key already holds the package's source)."""
    return keys.key("file", model, digest, sys.version, PYDANTIC)


def packed(whole: Strict, marks: yamlio.Marks) -> bytes:
    """A file's cache entry: where each record starts (one JSON line), then its whole model.

    The marks let a problem found later in a recalled file be located without composing the
    file again (~30 ms a file). The model is pickled: unpickling sets each record's fields as
    validated, 2.2 times as quick as validating its JSON again (~0.8 s of the 400 evidence
    files at 100,000 excerpts), and never builds a validator the run does not otherwise need.
    Cache.get hands back only an entry signed with this user's own secret (cache/store.py),
    so nothing anyone else wrote is ever unpickled.
    """
    head = json.dumps(marks, separators=(",", ":")).encode()
    return head + b"\n" + pickle.dumps(whole, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(payload: bytes, model: type[Strict]) -> tuple[Any, yamlio.Marks] | None:
    """The model and marks of an entry packed() made; None for an entry of another shape."""
    head, _, body = payload.partition(b"\n")
    try:
        marks = {str(k): [(int(a), int(b)) for a, b in v] for k, v in json.loads(head).items()}
        whole = pickle.loads(body)
    except Exception:  # any entry that does not decode (another Python's, say) is a miss
        return None
    if type(whole) is not model:
        return None
    if isinstance(whole, EvidenceFile):
        shared_fields_sets(whole.excerpts)
    return whole, marks


def shared_fields_sets(records: list[Any]) -> list[Any]:
    """Let records that set the same fields share one set of their names; returns records.

    pydantic gives every instance its own set of the fields it was given (~730 bytes: 73 MB
    at 100,000 excerpts). The models are frozen, so pydantic never adds to it, and a copy
    (model_copy) copies the set before it adds the updated names to it.
    """
    shared: dict[frozenset[str], set[str]] = {}
    for record in records:
        names = record.__pydantic_fields_set__
        one = shared.setdefault(frozenset(names), names)
        if one is not names:
            object.__setattr__(record, "__pydantic_fields_set__", one)
    return records


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
