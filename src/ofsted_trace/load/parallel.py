"""The evidence files of a load, the cache's misses parsed by worker processes from the start."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ofsted_trace.load import normal, yamlio
from ofsted_trace.load.reader import Reader
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.records import EvidenceFile

if TYPE_CHECKING:  # concurrent.futures brings logging and threading: ~3 ms a small run saves
    from concurrent.futures import Executor, Future

# From this much YAML to parse (bytes), parsing is shared among worker processes. Below it
# they do not repay their start: on two cores 4.8 MB (10,000 excerpts) took 4.6-5.0 s in
# workers and 3.1 s in this process; 48 MB (100,000) is parsed twice as fast in them.
PARALLEL_BYTES = 8_000_000
# Files handed to the workers ahead of the one being checked: enough to keep them busy, few
# enough that only a few files' parses and normal texts wait in memory at once.
WINDOW = 8
# An evidence file names its document in its first lines; read there, it is only a guess
# (a wrong one costs a text normalised for nothing, never a different answer).
_DOCUMENT = re.compile(rb"^document:[ \t]*([A-Za-z0-9_.-]+)[ \t]*\r?$", re.MULTILINE)
_HEAD = 4096

Done = tuple[yamlio.Parsed | None, normal.Prepared | None]


def work(raw: bytes | None, doc_id: str, text: bytes | None, furniture: list[str]) -> Done:
    """In a worker: parse a file's bytes, and make its document's normal texts, as given."""
    parsed = yamlio.parse_bytes(raw) if raw is not None else None
    return parsed, normal.prepared(doc_id, text, furniture) if text is not None else None


class Evidence:
    """Each evidence file with its whole model from the cache (None on a miss), in order.

    PyYAML's constructor is Python code, so a cold load of a large dataset parses the misses
    in worker processes. They start when this is made, so they parse while the caller loads
    the listing files and reads the texts; once it has (texts_for), they also make each file's
    document's normal texts, which the quote check would otherwise make in this process, the
    busier one. Each file is yielded once its work arrives, and the caller checks one file
    while the workers work on the next few. Small datasets stay serial, as starting workers
    costs more than it saves. Problems are still found and located in this process, by
    Reader.read().
    """

    def __init__(self, reader: Reader, rels: list[str]) -> None:
        self.recalled = {rel: reader.recall(rel, EvidenceFile) for rel in rels}
        self._reader = reader
        self._pool: Executor | None = None
        self._ds: Dataset | None = None
        self._misses = [rel for rel, whole in self.recalled.items()
                        if whole is None and rel in reader.raw]
        self._sent = 0  # how many of the misses the workers have been given
        self._work: dict[str, list[Future[Done]]] = {}
        workers = min(os.cpu_count() or 1, 8)
        if (len(self._misses) < 2 or workers < 2
                or sum(len(reader.raw[rel]) for rel in self._misses) < PARALLEL_BYTES):
            return
        from concurrent.futures import ProcessPoolExecutor  # only here (see above)
        from multiprocessing import get_context

        # spawn, not fork: the progress bar runs a thread, and forking threads can deadlock.
        self._pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                                         initializer=os.nice, initargs=(10,))
        self._send(WINDOW)

    def __enter__(self) -> Evidence:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._pool is not None:
            # A load that failed leaves no worker parsing for nothing.
            self._pool.shutdown(wait=True, cancel_futures=kind is not None)
            self._pool = None

    def texts_for(self, ds: Dataset) -> None:
        """With the documents and their texts loaded: the workers make the normal texts too."""
        if self._pool is None:
            return
        self._ds = ds
        for rel in self._misses[:self._sent]:  # parsing already: their texts go on their own
            self._work[rel].append(self._pool.submit(work, None, *self._text(rel)))

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        for rel, whole in self.recalled.items():
            if rel in self._work:
                for future in self._work.pop(rel):
                    self._take(rel, *future.result())
                self._send(self._sent + 1)  # one file taken, one more handed out
            yield rel, whole

    def _take(self, rel: str, parsed: yamlio.Parsed | None,
              texts: normal.Prepared | None) -> None:
        """Keep a file's parse for Reader.read, and its document's normal texts for the check."""
        if parsed is not None:
            self._reader.parsed[rel] = parsed
        if texts is not None and self._ds is not None:
            doc_id, text, clean = texts
            self._ds.texts[doc_id] = text
            if clean is not None:
                self._ds.texts[normal.clean_key(doc_id)] = clean

    def _send(self, upto: int) -> None:
        """Hand the workers the misses up to this many, each with its text once known."""
        while self._pool is not None and self._sent < min(upto, len(self._misses)):
            rel = self._misses[self._sent]
            self._work[rel] = [self._pool.submit(work, self._reader.raw[rel], *self._text(rel))]
            self._sent += 1

    def _text(self, rel: str) -> tuple[str, bytes | None, list[str]]:
        """The document a file names, its text's bytes and its furniture; no text if unknown."""
        found = _DOCUMENT.search(self._reader.raw[rel], 0, _HEAD)
        ds = self._ds
        if ds is None or found is None:
            return "", None, []
        doc = ds.documents.get(found.group(1).decode("ascii"))
        text = ds.raw_texts.utf8(doc.id) if doc is not None else None
        if doc is None or text is None:
            return "", None, []
        return doc.id, text, list(doc.furniture)
