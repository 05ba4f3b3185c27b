"""Recommendations whose latest independent finding is a concern or mixed."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model.values import Stance

KIND = "open-concern"
SCOPE = Scope.ITEM


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each recommendation whose last independent word is not progress."""
    for rid, a in ctx.assessments.items():
        last = a.latest
        if last is None or last.stance is Stance.PROGRESS:
            continue
        rec = ctx.dataset.recommendations[rid]
        where = f"at visit {last.visit}" if last.visit else f"in {last.occasion}"
        severity = GapSeverity.HIGH if last.stance is Stance.CONCERN else GapSeverity.MEDIUM
        said = "a concern" if last.stance is Stance.CONCERN else "mixed"
        yield ctx.gap(KIND, rid, severity,
                      f"{rid} ({rec.title}): the latest independent finding ({last.date.human()}, "
                      f"{where}) is {said}.")
