"""Recommendations that no excerpt bears on at all."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.assess import Status
from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope

KIND = "no-evidence"
SCOPE = Scope.ITEM


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each recommendation with no evidence of any voice."""
    for rid, a in ctx.assessments.items():
        if a.status is Status.NO_EVIDENCE:
            rec = ctx.dataset.recommendations[rid]
            yield ctx.gap(KIND, rid, GapSeverity.HIGH,
                          f"{rid} ({rec.title}) has no evidence at all, neither from Ofsted nor "
                          "from the council.")
