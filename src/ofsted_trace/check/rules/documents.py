"""Each document's text must sit inside the dataset directory, be readable, and be quoted."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Problem, error, warning


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield the loader's faults in reading each document's text, and documents never quoted."""
    evidenced = set(ds.excerpt_document.values())
    for doc in ds.documents.values():
        origin = ds.origins[doc.id]
        fault = ds.text_faults.get(doc.id)
        if fault is not None:
            yield error(fault.code, fault.message, origin.file, (*origin.pointer, "path"), doc.id)
        elif doc.id not in evidenced and "excerpts" not in ds.incomplete:
            # An evidence file that failed to load may well hold this document's excerpts.
            # Its evidence file may well exist already (add-document creates it, empty).
            yield warning("no-excerpts", f"document '{doc.id}' has no excerpts yet; quote it "
                          f"with `trace add-excerpt {doc.id}`", origin.file, origin.pointer,
                          doc.id)
