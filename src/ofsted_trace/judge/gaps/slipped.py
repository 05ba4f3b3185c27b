"""Actions rescheduled: how many times, and how far their due date has moved."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model.dates import PartialDate


def months_between(first: PartialDate, then: PartialDate) -> int:
    """Whole months from one due date to another, by their last possible days."""
    a, b = first.latest, then.latest
    return (b.year - a.year) * 12 + b.month - a.month


KIND = "slipped"
SCOPE = Scope.PLAN


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each action whose due date has been moved."""
    for aid, a in ctx.actions.items():
        if not a.moves:
            continue
        times = len(a.moves)
        last = a.moves[-1]
        months = months_between(a.planned, last.due) if a.planned is not None else 0
        how_far = f" by {months} month{'s' if months != 1 else ''}" if a.planned else ""
        was = a.planned.human() if a.planned is not None else "no date"
        # Moved more than once, or by more than a quarter: the plan is not holding.
        severity = GapSeverity.MEDIUM if times > 1 or months > 3 else GapSeverity.LOW
        yield ctx.gap(KIND, aid, severity,
                      f"{aid} has slipped {times} time{'s' if times != 1 else ''}{how_far}: due "
                      f"{was} as first planned, now {last.due.human()} ({last.reason}).")
