"""No date may lie after today: a typo such as 2810-09 would move every default as-of date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.dates import PartialDate
from ofsted_trace.model.problems import Problem, error
from ofsted_trace.model.records import date_fields

# Fields whose date is meant to lie ahead (a due date, one day) opt out by name here.
MAY_BE_FUTURE: frozenset[str] = frozenset()


def check(ds: Dataset, today: date) -> Iterable[Problem]:
    """Yield an error for each date, on any record, that starts after today."""
    for table in (ds.recommendations, ds.themes, ds.visits, ds.documents):
        for record_id, record in table.items():
            # Only the fields that can hold one: walking every field of 2,000 records took
            # twice as long as the rest of a one-file check's rules.
            for name in date_fields(type(record)):
                value = getattr(record, name)
                if isinstance(value, PartialDate) and _ahead(name, value, today):
                    origin = ds.origins[record_id]
                    yield error("future-date", f"{name} of '{record_id}' is {value}, after "
                                f"today ({today.isoformat()}); correct the date",
                                origin.file, (*origin.pointer, name), record_id)
    for cycle in ds.inspections.values():
        published = cycle.published
        if published is not None and _ahead("published", published, today):
            pointer = (("inspection",) if ds.legacy_inspection
                       else ds.origins[cycle.id].pointer)
            yield error("future-date", f"the inspection report's publication date {published} "
                        f"is after today ({today.isoformat()}); correct the date",
                        "recommendations.yaml", (*pointer, "published"))


def _ahead(name: str, value: PartialDate, today: date) -> bool:
    return name not in MAY_BE_FUTURE and value.earliest > today
