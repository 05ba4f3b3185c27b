"""Inspection cycles: each names its visit, and every item names a cycle that exists."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.check.rules.references import Suggest, ref
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Pointer, Problem, error, warning
from ofsted_trace.model.values import VisitKind

_FILE = "recommendations.yaml"


def check(ds: Dataset) -> Iterable[Problem]:
    """Yield a problem for each cycle or item whose references do not hold."""
    if "recommendations" in ds.incomplete:
        return
    if not ds.inspections:
        yield error("no-inspection", "recommendations.yaml names no inspection; add "
                    "'inspections:' with the inspection that made the recommendations", _FILE)
    for cycle in ds.inspections.values():
        where: Pointer = ("inspection",) if ds.legacy_inspection else ds.origins[cycle.id].pointer
        yield from ref(Suggest(ds), ds.visits, "visit", cycle.visit, _FILE, (*where, "visit"))
        visit = ds.visits.get(cycle.visit)
        if visit is not None and visit.kind is VisitKind.MONITORING_VISIT:
            yield warning("inspection-kind", f"visit '{visit.id}' made the recommendations but "
                          f"its kind is {visit.kind}, not inspection", _FILE, (*where, "visit"),
                          visit.id)
        if cycle.published and visit is not None and visit.start and \
                visit.start.earliest > cycle.published.latest:
            yield error("date-order", "the inspection report is published before its visit "
                        "starts", _FILE, (*where, "published"))
    for rec in ds.recommendations.values():
        yield from _item(ds, rec.id)


def _item(ds: Dataset, rec_id: str) -> Iterable[Problem]:
    rec = ds.recommendations[rec_id]
    origin = ds.origins[rec_id]
    if rec.inspection is not None:
        if rec.inspection not in ds.inspections:
            yield from ref(Suggest(ds), ds.inspections, "inspection", rec.inspection, origin.file,
                           (*origin.pointer, "inspection"))
    elif len(ds.inspections) > 1:
        yield error("missing-inspection", f"'{rec_id}' does not say which inspection made it; "
                    f"add inspection: (one of {', '.join(ds.inspections)})", origin.file,
                    origin.pointer, rec_id)
    for i, earlier in enumerate(rec.carries_forward):
        pointer = (*origin.pointer, "carries_forward", i)
        if earlier == rec_id:
            yield error("carries-itself", f"'{rec_id}' cannot carry itself forward",
                        origin.file, pointer, rec_id)
        else:
            yield from ref(Suggest(ds), ds.recommendations, "recommendation", earlier, origin.file,
                           pointer)
