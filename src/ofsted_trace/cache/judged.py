"""The judge stage's memory: the last whole judgement of a dataset, for one command and options."""

from __future__ import annotations

import marshal
import sys
from dataclasses import dataclass
from typing import Any

from ofsted_trace.cache import keys
from ofsted_trace.cache.checked import baseline
from ofsted_trace.cache.store import Cache


@dataclass(frozen=True)
class Judged:
    """A judgement's inputs and answer, for the next run to judge again only what changed."""

    # Every file's hash by its path under the dataset, as output.Print.files has them.
    files: dict[str, str]
    # What one evidence file shows the others (check/delta.py), by its path.
    signatures: dict[str, str]
    # The paths of the documents' texts.
    texts: list[str]
    # Where each copy's same_as chain ends, for every excerpt with one.
    roots: dict[str, str]
    # Each evidence file's place in the records' order: the index of its first excerpt.
    bases: dict[str, int]
    # What each whole-dataset gap kind made of each evidence file (judge/gaps: SUMMARISED).
    summaries: dict[str, dict[str, list[str]]]
    # The command's rows: status rows, or gaps as judge/delta.py writes them.
    outputs: list[Any]


class LastJudged:
    """The last judgement of one dataset directory by one command with one set of options."""

    def __init__(self, store: Cache, root: str, command: str) -> None:
        self.store = store
        # marshal's format is Python's own: another version's entry is simply not found.
        self.name = keys.key("last-judged", root, command, sys.version)

    def recall(self) -> Judged | None:
        """The last judgement, or None when there is none (or it is of another shape)."""
        payload = self.store.get(self.name) if self.store.keeps else None
        if payload is None:
            return None
        try:
            # marshal, not JSON: ~5 times quicker both ways for the ~1 MB of a large dataset's
            # rows, and only this user's own signed entries (cache/store.py) are ever read.
            data = marshal.loads(payload)
            return Judged(*baseline(data), {str(k): str(v) for k, v in data["roots"].items()},
                          {str(k): int(v) for k, v in data["bases"].items()},
                          {str(kind): {str(rel): [str(x) for x in summary]
                                       for rel, summary in by_file.items()}
                           for kind, by_file in data["summaries"].items()},
                          list(data["outputs"]))
        except (ValueError, TypeError, KeyError, AttributeError, EOFError):
            return None

    def remember(self, judged: Judged) -> None:
        """Keep this judgement for the next run."""
        if self.store.keeps:
            self.store.put(self.name, marshal.dumps({
                "files": judged.files, "signatures": judged.signatures, "texts": judged.texts,
                "roots": judged.roots, "bases": judged.bases, "summaries": judged.summaries,
                "outputs": judged.outputs}))
