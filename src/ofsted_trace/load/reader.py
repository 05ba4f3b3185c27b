"""Read one dataset's files: each file once, from the cache where its bytes are unchanged."""

from __future__ import annotations

import functools
import os
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ofsted_trace.cache import keys
from ofsted_trace.cache.store import Cache, Contents
from ofsted_trace.fs import regular
from ofsted_trace.fs.paths import Resolver
from ofsted_trace.load import validation, yamlio
from ofsted_trace.model.problems import Pointer, Problem, error
from ofsted_trace.model.records import EvidenceFile, Strict

# From this many evidence files to parse, parsing is shared among worker processes.
PARALLEL_MIN = 64


@functools.cache
def _list_adapter(model: type[Strict]) -> TypeAdapter[list[Any]]:
    # Validating a whole list in pydantic-core is far faster than one call per record.
    return TypeAdapter(list[model])  # type: ignore[valid-type]


class Reader:
    """Reads files of one dataset, remembering each file's text so problems can be located."""

    def __init__(self, root: Path, store: Cache | None = None,
                 read: Contents | None = None) -> None:
        self.root = root
        self.paths = Resolver(root)
        self.known = read if read is not None else {}
        self.texts: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.store = store if store is not None else Cache(None)
        # The content hash of every file read, for cache keys of whole results.
        self.digests: dict[str, str] = {}
        self._raw: dict[str, bytes] = {}
        # Files already parsed by worker processes (see prefetch): (data, fault).
        self._parsed: dict[str, tuple[Any, tuple[str, str, int, int] | None]] = {}

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
        self._raw[rel] = raw  # so read() parses exactly the bytes that were hashed
        self.digests[rel] = digest
        payload = self.store.get(keys.key("file", model.__name__, self.digests[rel]))
        if payload is None:
            return None
        try:
            return model.model_validate_json(payload)
        except ValueError:  # an entry of another shape: parse the file instead
            return None

    def remember(self, rel: str, whole: Strict) -> None:
        """Cache a file that loaded without any problem, as its whole validated model."""
        if rel in self.digests:
            name = keys.key("file", type(whole).__name__, self.digests[rel])
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
