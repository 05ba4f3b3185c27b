"""Recommendations not mapped to any improvement-plan theme."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.analyses.base import Context, Gap, Severity
from ofsted_trace.graph import EdgeKind, neighbours

KIND = "no-theme"


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap for each recommendation with no maps-to edge to a theme."""
    for rid, rec in ctx.dataset.recommendations.items():
        if not neighbours(ctx.graph, rid, EdgeKind.MAPS_TO):
            yield ctx.gap(KIND, rid, Severity.LOW,
                          f"{rid} ({rec.title}) is not mapped to any improvement-plan theme, "
                          "so no part of the plan answers for it.")
