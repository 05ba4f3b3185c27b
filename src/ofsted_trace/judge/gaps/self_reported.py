"""Recommendations backed only by the council's own claims."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.assess import Status
from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope

KIND = "self-reported-only"
SCOPE = Scope.ITEM


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each recommendation whose only evidence is the council's word."""
    for rid, a in ctx.assessments.items():
        if a.status is Status.SELF_REPORTED:
            rec = ctx.dataset.recommendations[rid]
            yield ctx.gap(KIND, rid, GapSeverity.HIGH,
                          f"{rid} ({rec.title}) rests only on the council's own claims "
                          f"({a.council} excerpt{'s' if a.council != 1 else ''}); no Ofsted "
                          "finding confirms it.")
