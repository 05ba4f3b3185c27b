"""What every gap analysis shares: its input, its output, and its shape."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol

from ofsted_trace.judge.assess import Assessment, Finding
from ofsted_trace.judge.schedule import ActionState
from ofsted_trace.model.actions import Rating
from ofsted_trace.model.dataset import Dataset
from ofsted_trace.model.problems import Location


class GapSeverity(StrEnum):
    """How much a gap should worry the improvement board."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


RANK = {GapSeverity.HIGH: 0, GapSeverity.MEDIUM: 1, GapSeverity.LOW: 2}


class Scope(StrEnum):
    """What an analysis reads, so a change to a few evidence files redoes only what it must.

    judge/delta.py relies on it: declare the narrowest scope that is true.
    """

    # Each item's gaps from its own assessment and the listing files (action plan, ratings).
    ITEM = "item"
    # Each finding's gaps from that finding and the listing files alone.
    FINDING = "finding"
    # The listing files alone: never the evidence.
    PLAN = "plan"
    # Every finding together, through a summary of each evidence file (see SUMMARISED).
    DATASET = "dataset"


@dataclass(frozen=True)
class Gap:
    """One gap in the evidence: what kind, about which record, how serious, and why."""

    kind: str
    subject: str
    severity: GapSeverity
    location: Location
    message: str

    def row(self) -> dict[str, str]:
        """The gap as a plain row, as every format shows it."""
        return {"kind": self.kind, "subject": self.subject, "severity": str(self.severity),
                "file": self.location.file, "message": self.message}


@dataclass(frozen=True)
class Context:
    """Everything an analysis may read: the dataset and the assessments at as_of."""

    dataset: Dataset
    as_of: date
    stale_after: tuple[int, int]  # (months, days)
    assessments: dict[str, Assessment]
    findings: dict[str, Finding]
    # The action plan at as_of, each recommendation's schedule, and the council's latest rating.
    actions: dict[str, ActionState] = field(default_factory=dict)
    schedules: dict[str, str] = field(default_factory=dict)
    claims: dict[str, Rating] = field(default_factory=dict)

    def gap(self, kind: str, subject: str, severity: GapSeverity, message: str) -> Gap:
        """A gap located at the subject's record."""
        origin = self.dataset.origins.get(subject)
        return Gap(kind, subject, severity, Location(origin.file if origin else ""), message)


class Analysis(Protocol):
    """A gap analysis: reads the context, returns gaps of its own kind."""

    def __call__(self, ctx: Context) -> Iterable[Gap]: ...


class Summarised(Protocol):
    """A whole-dataset analysis in two steps: a summary of some findings, then its gaps."""

    def summary(self, ds: Dataset, findings: Iterable[Finding]) -> set[str]: ...

    def conclude(self, ctx: Context, touched: set[str]) -> Iterable[Gap]: ...
