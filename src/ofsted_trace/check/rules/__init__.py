"""Cross-record checks of a loaded dataset, one module per rule, registered by name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from ofsted_trace.check.rules import (
    actions,
    dates,
    documents,
    findings,
    future,
    inspections,
    pinning,
    privacy,
    quotes,
    references,
    voices,
)
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Problem


class Check(Protocol):
    """A rule that inspects the whole dataset and yields what it finds wrong."""

    def __call__(self, ds: Dataset) -> Iterable[Problem]: ...


# Order matters: documents loads the texts that quotes and voices then search.
CHECKS: dict[str, Check] = {
    "references": references.check,
    "inspections": inspections.check,
    "findings": findings.check,
    "dates": dates.check,
    "documents": documents.check,
    "pinning": pinning.check,
    "quotes": quotes.check,
    "voices": voices.check,
    "privacy": privacy.check,
    "actions": actions.check,
}


def run_all(ds: Dataset) -> list[Problem]:
    """Run every registered check and gather their problems."""
    return [problem for check in CHECKS.values() for problem in check(ds)]


def run_dated(ds: Dataset, today: date) -> list[Problem]:
    """The checks whose answer depends on the day: run on every run, never remembered."""
    return list(future.check(ds, today))
