"""Recommendations whose latest independent finding is older than --stale-after."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model import dates

KIND = "stale"
SCOPE = Scope.ITEM


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each recommendation not independently looked at recently enough."""
    months, days = ctx.stale_after
    cutoff = dates.cutoff(ctx.as_of, months, days)
    if cutoff is None:
        return  # the cutoff falls before the first day of the calendar: nothing is older
    for rid, a in ctx.assessments.items():
        last = a.latest
        if last is None or last.date.latest >= cutoff:
            continue
        rec = ctx.dataset.recommendations[rid]
        yield ctx.gap(KIND, rid, GapSeverity.MEDIUM,
                      f"{rid} ({rec.title}): the last independent finding is from "
                      f"{last.date.human()}, before {cutoff.isoformat()}; Ofsted has not "
                      "reported on it since.")
