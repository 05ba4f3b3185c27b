"""Each document's text must sit inside the dataset directory, and be readable."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace import yamlio
from ofsted_trace.dataset import Dataset
from ofsted_trace.paths import Resolver
from ofsted_trace.problems import Problem, error, warning

# Source texts are letters and articles; anything near this size is a mistake.
MAX_TEXT_BYTES = 32 * 1024 * 1024


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a problem for each unsafe or missing document path; load the rest."""
    paths = Resolver(ds.root)
    evidenced = set(ds.excerpt_document.values())
    for doc in ds.documents.values():
        origin = ds.origins[doc.id]
        where = (origin.file, (*origin.pointer, "path"))
        path = paths.under(doc.path)
        if path is None:
            yield error("document-path", f"path '{doc.path}' of document '{doc.id}' leaves the "
                        "dataset directory; give a relative path under it", *where, doc.id)
            continue
        if not path.is_file():
            yield error("missing-text", f"text of document '{doc.id}' not found at "
                        f"'{doc.path}'", *where, doc.id)
            continue
        try:
            text = yamlio.read_text(path, MAX_TEXT_BYTES)
        except yamlio.YamlFault as fault:
            yield error(fault.code, f"text of document '{doc.id}': {fault.message}", *where,
                        doc.id)
            continue
        ds.raw_texts[doc.id] = text  # normalised by the quote check, only if it is needed
        if doc.id not in evidenced and "excerpts" not in ds.incomplete:
            # An evidence file that failed to load may well hold this document's excerpts.
            yield warning("no-excerpts", f"document '{doc.id}' has no excerpts yet; add "
                          f"evidence/{doc.id}.yaml", origin.file, origin.pointer, doc.id)

