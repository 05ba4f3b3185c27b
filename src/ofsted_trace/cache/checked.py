"""The check stage's memory: a dataset's located problems, and which evidence files were clean."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ofsted_trace.cache import keys
from ofsted_trace.cache.store import Cache
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Location, Problem, Severity


class CheckMemo:
    """One dataset's entries: found by what the checks read, never by when they ran."""

    def __init__(self, store: Cache, ds: Dataset, digests: dict[str, str], loaded: bool) -> None:
        """digests: each YAML file's content hash; loaded: every file loaded without a problem."""
        self.store = store
        self.root = str(ds.root.resolve())
        # Nothing is keyed when any file failed to load: then an excerpt may be left out as a
        # duplicate and never checked, so a file's silence would prove nothing. Nor when the
        # cache is off: no entry would be read or written under the keys.
        keyed = loaded and store.keeps
        self.name = keys.key("checked", self._fingerprint(ds, digests)) if keyed else None
        self.local = self._local_keys(ds, digests) if keyed else {}

    def _fingerprint(self, ds: Dataset, digests: dict[str, str]) -> str:
        """Every input of the checks: the dataset's place, its files' hashes and its texts'."""
        parts = [self.root, *sorted(f"{k}={v}" for k, v in digests.items()),
                 *ds.text_keys.values()]
        return keys.digest("\n".join(parts).encode())

    @staticmethod
    def _local_keys(ds: Dataset, digests: dict[str, str]) -> dict[str, str]:
        """For each evidence file, a key of everything its excerpts' own checks depend on.

        Those checks (quotes, Ofsted's voice, personal data) read only the file, its document's
        record and text, and the config.
        """
        document: dict[str, str] = {}
        for ex_id, doc_id in ds.excerpt_document.items():
            document.setdefault(ds.origins[ex_id].file, doc_id)
        texts = ds.text_keys
        config = texts.get("config.yaml", "")
        return {rel: keys.key("local", digests[rel], texts[doc], config,
                              ds.documents[doc].model_dump_json())
                for rel, doc in document.items()
                if rel in digests and doc in texts and doc in ds.documents
                and not texts[doc].endswith("=unreadable")}

    def recall(self) -> list[Problem] | None:
        """The located problems of an identical earlier run, or None."""
        payload = self.store.get(self.name) if self.name is not None else None
        if payload is None:
            return None
        try:
            return [_load(row) for row in json.loads(payload)]
        except (ValueError, TypeError):  # an entry of another shape: check afresh
            return None

    def settled(self) -> set[str]:
        """The evidence files whose current key was recorded clean by an earlier run."""
        payload = self.store.get(keys.key("settled", self.root)) if self.local else None
        clean = set(payload.decode("ascii", "replace").split()) if payload else set()
        return {rel for rel, name in self.local.items() if name in clean}

    def remember(self, local: list[Problem], located: list[Problem]) -> None:
        """Record the files the excerpts' own checks (local) found clean, and the run's problems."""
        if self.local:
            flagged = {p.location.file for p in local}
            clean = sorted(name for rel, name in self.local.items() if rel not in flagged)
            self.store.put(keys.key("settled", self.root), " ".join(clean).encode("ascii"))
        if self.name is not None:
            self.store.put(self.name, json.dumps([_dump(p) for p in located]).encode())


def _dump(p: Problem) -> list[object]:
    loc = p.location
    return [p.code, p.severity.value, p.message, loc.file, loc.line, loc.col, p.subject,
            list(p.pointer)]


def _load(row: list[object]) -> Problem:
    """A problem _dump wrote; TypeError or ValueError on any other shape."""
    code, sev, message, file, line, col, subject, pointer = row
    if not (isinstance(line, int) and isinstance(col, int) and isinstance(pointer, list)):
        raise TypeError("not a problem")
    return Problem(str(code), Severity(str(sev)), str(message), Location(str(file), line, col),
                   str(subject), tuple(pointer))


@dataclass(frozen=True)
class Last:
    """A whole check's inputs and answer, for the next run to change only what changed."""

    # Every file's hash by its path under the dataset, as output.Print.files has them.
    files: dict[str, str]
    # What one evidence file shows the others (check/delta.py), by its path.
    signatures: dict[str, str]
    # The paths of the documents' texts, which a document may give as any file's.
    texts: list[str]
    # Its located problems: those the excerpts' own checks found (LOCAL and TABLED parts of
    # the rules), and the others, which the whole-dataset parts found.
    own: list[Problem]
    others: list[Problem]


class LastRun:
    """The last whole check of one dataset directory, whatever its files held then."""

    def __init__(self, store: Cache, root: str) -> None:
        self.store = store
        self.name = keys.key("last-check", root)

    def recall(self) -> Last | None:
        """The last run, or None when there is none (or it is of another shape)."""
        payload = self.store.get(self.name) if self.store.keeps else None
        if payload is None:
            return None
        try:
            data = json.loads(payload)
            return Last(*baseline(data), [_load(row) for row in data["own"]],
                        [_load(row) for row in data["others"]])
        except (ValueError, TypeError, KeyError, AttributeError):
            return None

    def remember(self, last: Last) -> None:
        """Keep this run for the next."""
        if self.store.keeps:
            self.store.put(self.name, json.dumps({
                "files": last.files, "signatures": last.signatures, "texts": last.texts,
                "own": [_dump(p) for p in last.own],
                "others": [_dump(p) for p in last.others]}).encode())





class SentenceMemo:
    """Each evidence file's quote sentence keys (check/rules/findings.py), by its content hash."""

    def __init__(self, store: Cache) -> None:
        self.store = store

    def recall(self, digest: str) -> dict[str, tuple[int, ...]] | None:
        """The keys of a file with these bytes, by excerpt id, or None."""
        payload = self.store.get(keys.key("sentences", digest))
        if payload is None:
            return None
        try:
            return {str(k): tuple(int(n) for n in v) for k, v in json.loads(payload).items()}
        except (ValueError, TypeError, AttributeError):  # an entry of another shape
            return None

    def remember(self, digest: str, found: dict[str, tuple[int, ...]]) -> None:
        """Keep one file's keys; nothing is built when the cache is off."""
        if self.store.directory is not None:
            self.store.put(keys.key("sentences", digest),
                           json.dumps(found, separators=(",", ":")).encode())


def baseline(data: Any) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """A kept run's file hashes, signatures and text paths, as Last and Judged both keep them."""
    return ({str(k): str(v) for k, v in data["files"].items()},
            {str(k): str(v) for k, v in data["signatures"].items()},
            [str(rel) for rel in data["texts"]])
