"""Dates must be in order, and an excerpt cannot report a visit after its document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Problem, error, warning
from ofsted_trace.model.records import Excerpt


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a problem for each listed date out of order, or uncertain without a basis."""
    for visit in ds.visits.values():
        origin = ds.origins[visit.id]
        if visit.start and visit.end and visit.end.latest < visit.start.earliest:
            yield error("date-order", f"visit '{visit.id}' ends ({visit.end}) before it starts "
                        f"({visit.start})", origin.file, (*origin.pointer, "end"), visit.id)
        if visit.end and not visit.start:
            yield error("date-order", f"visit '{visit.id}' has an end date but no start",
                        origin.file, (*origin.pointer, "end"), visit.id)
        if (visit.date_uncertain or visit.start is None) and not visit.date_basis:
            yield warning("date-basis", f"visit '{visit.id}' has an uncertain or unknown date; "
                          "say what it rests on in date_basis", origin.file, origin.pointer,
                          visit.id)
    for doc in ds.documents.values():
        origin = ds.origins[doc.id]
        if doc.date_uncertain and not doc.date_basis:
            yield warning("date-basis", f"document '{doc.id}' has an uncertain date; say what "
                          "it rests on in date_basis", origin.file, origin.pointer, doc.id)
        for i, visit_id in enumerate(doc.reports):
            reported = ds.visits.get(visit_id)
            if reported and reported.start and reported.start.earliest > doc.date.latest:
                yield error("visit-after-document", f"document '{doc.id}' ({doc.date}) reports "
                            f"visit '{visit_id}', which starts later ({reported.start})",
                            origin.file, (*origin.pointer, "reports", i), doc.id)


def check_excerpts(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> Iterator[Problem]:
    """The excerpts' part: none may report a visit that starts after its document's date."""
    for ex, origin in excerpts:
        seen = ds.visits.get(ex.visit or "")
        source = ds.documents.get(ds.excerpt_document.get(ex.id, ""))
        if seen is None or source is None or seen.start is None:
            continue
        if seen.start.earliest > source.date.latest:
            yield error("visit-after-document", f"excerpt '{ex.id}' reports visit '{seen.id}' "
                        f"({seen.start}), but its document '{source.id}' is dated {source.date}",
                        origin.file, (*origin.pointer, "visit"), ex.id)
