"""The evidence files of a load, the cache's misses parsed by worker processes from the start."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ofsted_trace.load import yamlio
from ofsted_trace.load.reader import Reader
from ofsted_trace.model.records import EvidenceFile

if TYPE_CHECKING:  # concurrent.futures brings logging and threading: ~3 ms a small run saves
    from concurrent.futures import Executor

# From this much YAML to parse (bytes), parsing is shared among worker processes. Below it
# they do not repay their start: on two cores 4.8 MB (10,000 excerpts) took 4.6-5.0 s in
# workers and 3.1 s in this process; 48 MB (100,000) is parsed twice as fast in them.
PARALLEL_BYTES = 8_000_000


class Evidence:
    """Each evidence file with its whole model from the cache (None on a miss), in order.

    PyYAML's constructor is Python code (~24 s for 400 evidence files of 250 excerpts), so a
    cold load of a large dataset parses the misses in worker processes. They start when this
    is made, so they parse while the caller loads the listing files and reads the texts (~2 s
    at 100,000 excerpts); each file is then yielded as its parse arrives, and the caller
    validates one file while the workers parse the next. Small datasets stay serial, as
    starting workers costs more than it saves. Problems are still found and located in this
    process, by Reader.read().
    """

    def __init__(self, reader: Reader, rels: list[str]) -> None:
        self.recalled = {rel: reader.recall(rel, EvidenceFile) for rel in rels}
        self._reader = reader
        self._pool: Executor | None = None
        self._results: Iterator[tuple[str, yamlio.Parsed]] = iter(())
        misses = [rel for rel, whole in self.recalled.items()
                  if whole is None and rel in reader.raw]
        workers = min(os.cpu_count() or 1, 8)
        if (len(misses) < 2 or workers < 2
                or sum(len(reader.raw[rel]) for rel in misses) < PARALLEL_BYTES):
            return
        from concurrent.futures import ProcessPoolExecutor  # only here (see above)
        from multiprocessing import get_context

        # spawn, not fork: the progress bar runs a thread, and forking threads can deadlock.
        self._pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
        parsed = self._pool.map(yamlio.parse_bytes, (reader.raw[rel] for rel in misses),
                                chunksize=4)
        self._results = zip(misses, parsed, strict=True)

    def __enter__(self) -> Evidence:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._pool is not None:
            # A load that failed leaves no worker parsing for nothing.
            self._pool.shutdown(wait=True, cancel_futures=kind is not None)
            self._pool = None

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        for rel, whole in self.recalled.items():
            if self._pool is not None and whole is None and rel in self._reader.raw:
                # Results come in order, so the next one is this file's.
                done, result = next(self._results)
                self._reader.parsed[done] = result
            yield rel, whole
