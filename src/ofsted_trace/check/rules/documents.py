"""Document texts sit inside the dataset, are readable and quoted; only Ofsted's are primary."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Problem, error, warning

# The names Ofsted publishes under. A primary document's words count as Ofsted's own, so the
# flag must never be a council's or a newspaper's to set on its own text.
OFSTED = frozenset({"ofsted", "office for standards in education, children's services and "
                    "skills", "office for standards in education, children’s services and "
                    "skills"})


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield the loader's faults in reading each document's text, and documents never quoted."""
    evidenced = set(ds.excerpt_document.values())
    for doc in ds.documents.values():
        origin = ds.origins[doc.id]
        fault = ds.text_faults.get(doc.id)
        if doc.primary and doc.publisher.strip().casefold() not in OFSTED:
            yield error("primary-not-ofsted", f"document '{doc.id}' is marked primary, but its "
                        f"publisher is {doc.publisher!r}, not Ofsted; only Ofsted's own text is "
                        "primary: set primary: false", origin.file, (*origin.pointer, "primary"),
                        doc.id)
        if fault is not None:
            yield error(fault.code, fault.message, origin.file, (*origin.pointer, "path"), doc.id)
        elif doc.id not in evidenced and "excerpts" not in ds.incomplete:
            # An evidence file that failed to load may well hold this document's excerpts.
            # Its evidence file may well exist already (add-document creates it, empty).
            yield warning("no-excerpts", f"document '{doc.id}' has no excerpts yet; quote it "
                          f"with `trace add-excerpt {doc.id}`", origin.file, origin.pointer,
                          doc.id)
