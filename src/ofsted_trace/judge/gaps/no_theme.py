"""Recommendations not mapped to any improvement-plan theme."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope

KIND = "no-theme"
SCOPE = Scope.PLAN


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each recommendation mapped to no theme that exists."""
    themes = ctx.dataset.themes
    for rid, rec in ctx.dataset.recommendations.items():
        # An unknown theme id is the references check's error; it answers for nothing here.
        if not any(tid in themes for tid in rec.themes):
            yield ctx.gap(KIND, rid, GapSeverity.LOW,
                          f"{rid} ({rec.title}) is not mapped to any improvement-plan theme, "
                          "so no part of the plan answers for it.")
