"""Council claims of progress made after an independent concern, and not yet confirmed."""

from __future__ import annotations

from collections.abc import Iterable

from ofsted_trace.judge.gaps.base import Context, Gap, GapSeverity, Scope
from ofsted_trace.model.values import Stance

KIND = "contested"
SCOPE = Scope.ITEM


def analyse(ctx: Context) -> Iterable[Gap]:
    """Yield a gap where the council claims progress the latest independent finding does not."""
    for rid, a in ctx.assessments.items():
        last = a.latest
        if last is None or last.stance is Stance.PROGRESS:
            continue
        claims = [f for f in a.findings if not f.independent
                  and a.stances[f.excerpt.id] is Stance.PROGRESS
                  and f.published.earliest >= last.date.latest]
        if not claims:
            continue
        rec = ctx.dataset.recommendations[rid]
        ids = ", ".join(f.excerpt.id for f in claims)
        yield ctx.gap(KIND, rid, GapSeverity.MEDIUM,
                      f"{rid} ({rec.title}): the council claims progress ({ids}) after Ofsted's "
                      f"{last.stance} finding of {last.date.human()}; nothing independent has "
                      "confirmed it since.")
