"""Actions past their due date at --as-of and not recorded done (or dropped)."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope

KIND = "overdue"
SCOPE = Scope.PLAN


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each open action whose due date has passed."""
    for aid, a in ctx.actions.items():
        if not a.overdue or a.due is None:
            continue
        serves = ", ".join(a.recommendations) or "no recommendation"
        when = a.due.human() + (" (an inferred date)" if a.uncertain else "")
        last = f"{a.status} since {a.since.human()}" if a.since else f"{a.status}"
        # A stated date that has passed is a firmer gap than one inferred from "the year ahead".
        severity = GapSeverity.LOW if a.uncertain else GapSeverity.MEDIUM
        yield ctx.gap(KIND, aid, severity,
                      f"{aid} (for {serves}) was due {when} and is not recorded as done: "
                      f"{last}.")
