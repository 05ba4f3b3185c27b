"""A document's text must be the one it was registered with, or its quotes may have drifted."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Problem, warning


def check(ds: Dataset) -> Iterable[Problem]:
    """Warn for each document whose text no longer has the SHA-256 it records."""
    for doc in ds.documents.values():
        # The text's UTF-8 without its byte-order mark, as the hash was made: no decoding.
        raw = ds.raw_texts.utf8(doc.id) if doc.text_sha256 is not None else None
        if raw is None:
            continue
        if hashlib.sha256(raw).hexdigest() != doc.text_sha256:
            origin = ds.origins[doc.id]
            yield warning("text-changed", f"the text of document '{doc.id}' ({doc.path}) has "
                          "changed since it was registered; `trace reanchor "
                          f"{doc.id}` checks its excerpts against it and records the new text",
                          origin.file, (*origin.pointer, "text_sha256"), doc.id)
