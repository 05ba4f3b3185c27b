"""Cross-record checks of a loaded dataset, one module per rule, registered by name.

A rule has up to three parts, by what they read. LOCAL parts read some excerpts, their
documents and the config; TABLED parts read some excerpts and the listing files
(recommendations, themes, visits, documents); CHECKS read the whole dataset, and alone may
read one evidence file to judge another. check/delta.py relies on that split.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
from ofsted_trace.model.dataset import Dataset, Origin
from ofsted_trace.model.problems import Problem
from ofsted_trace.model.records import Excerpt
from ofsted_trace.model.values import Voice


class Check(Protocol):
    """A rule's whole-dataset part, yielding what it finds wrong."""

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


class ExcerptCheck(Protocol):
    """A rule's part that judges some excerpts, each apart from the others."""

    def __call__(self, ds: Dataset,
                 excerpts: Sequence[tuple[Excerpt, Origin]]) -> Iterable[Problem]: ...


# The rules above whose excerpt part runs file by file as the loader yields each evidence
# file (their check() then sees only the files not checked so; see Dataset.unsettled).
LOCAL: dict[str, ExcerptCheck] = {
    "quotes": quotes.check_excerpts,
    "voices": voices.check_excerpts,
    "privacy": privacy.check_excerpts,
}


# The rules' parts that read each excerpt with the listing files alone, never another excerpt.
TABLED: dict[str, ExcerptCheck] = {
    "references": references.check_excerpts,
    "findings": findings.check_excerpts,
    "dates": dates.check_excerpts,
}


def run_local(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> list[Problem]:
    """Run every local check on some excerpts (one evidence file's, as it loads).

    The sentences the repeats check compares across files are indexed here too, so that
    work also overlaps the parsing of the next files.
    """
    findings.sentence_keys(ds, [ex for ex, _ in excerpts if ex.voice is not Voice.COUNCIL])
    return [problem for check in LOCAL.values() for problem in check(ds, excerpts)]


def run_tabled(ds: Dataset, excerpts: Sequence[tuple[Excerpt, Origin]]) -> list[Problem]:
    """Run every TABLED part on some excerpts."""
    return [problem for check in TABLED.values() for problem in check(ds, excerpts)]


def run_all(ds: Dataset) -> list[Problem]:
    """Run every whole-dataset part and gather their problems (TABLED parts apart)."""
    return [problem for check in CHECKS.values() for problem in check(ds)]


def run_dated(ds: Dataset, today: date) -> list[Problem]:
    """The checks whose answer depends on the day: run on every run, never remembered."""
    return list(future.check(ds, today))
