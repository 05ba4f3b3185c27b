"""What every gap analysis shares: its input, its output, and its shape."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from ofsted_trace.assess import Assessment, Finding
from ofsted_trace.dataset import Dataset
from ofsted_trace.problems import Location


class Severity(StrEnum):
    """How much a gap should worry the improvement board."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


@dataclass(frozen=True)
class Gap:
    """One gap in the evidence: what kind, about which record, how serious, and why."""

    kind: str
    subject: str
    severity: Severity
    location: Location
    message: str


@dataclass(frozen=True)
class Context:
    """Everything an analysis may read: the dataset and the assessments at as_of."""

    dataset: Dataset
    as_of: date
    stale_after: tuple[int, int]  # (months, days)
    assessments: dict[str, Assessment]
    findings: dict[str, Finding]


    def gap(self, kind: str, subject: str, severity: Severity, message: str) -> Gap:
        """A gap located at the subject's record."""
        origin = self.dataset.origins.get(subject)
        return Gap(kind, subject, severity, Location(origin.file if origin else ""), message)


class Analysis(Protocol):
    """A gap analysis: reads the context, returns gaps of its own kind."""

    def __call__(self, ctx: Context) -> Iterable[Gap]: ...
