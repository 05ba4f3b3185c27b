"""Recommendations whose independent evidence is known only at second hand."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope

KIND = "secondary-only"
SCOPE = Scope.ITEM


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap where no independent excerpt comes from Ofsted's own text."""
    for rid, a in ctx.assessments.items():
        if a.independent and not a.primary:
            rec = ctx.dataset.recommendations[rid]
            which = ("its only independent excerpt comes" if a.independent == 1
                     else f"all {a.independent} independent excerpts come")
            yield ctx.gap(KIND, rid, GapSeverity.LOW,
                          f"{rid} ({rec.title}): {which} through articles or the council's "
                          "texts; none from an Ofsted letter or report itself.")
