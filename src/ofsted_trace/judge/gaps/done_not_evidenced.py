"""Recommendations whose actions are all done, with no independent finding of progress since."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.judge.schedule import by_recommendation
from ofsted_trace.model.actions import ActionStatus
from ofsted_trace.model.values import Stance

KIND = "done-not-evidenced"
SCOPE = Scope.ITEM


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap where the plan says done but nothing independent has shown it since."""
    ds = ctx.dataset
    for rid, actions in by_recommendation(ds, ctx.actions).items():
        if rid not in ctx.assessments or ctx.schedules.get(rid) != "done":
            continue
        done = max((a.done_on for a in actions if a.status is ActionStatus.DONE
                    and a.done_on is not None), default=None)
        if done is None:
            continue
        a = ctx.assessments[rid]
        after = [f for f in a.findings if f.independent and f.date.earliest > done.latest
                 and a.stances[f.excerpt.id] is Stance.PROGRESS]
        if after:
            continue
        rec = ds.recommendations[rid]
        yield ctx.gap(KIND, rid, GapSeverity.MEDIUM,
                      f"{rid} ({rec.title}): every action is done (the last in "
                      f"{done.human()}), but no independent finding of progress has come "
                      "since.")
